import * as React from "react";
import { Text } from "@fluentui/react-components";
import { COMPONENT_KINDS } from "../../solution/components";
import type { SolutionDiff } from "../../solution/diff";
import { SubHeading } from "../shared/SubHeading";
import { KindDetails, type KindContext } from "./KindList";

/** The kinds with something added, removed or changed, in the reader's order. */
export function changedKinds(diff: SolutionDiff): (typeof COMPONENT_KINDS)[number][] {
  return COMPONENT_KINDS.filter((kind) => {
    const c = diff.kinds[kind]?.counts;
    return c !== undefined && c.added + c.removed + c.changed > 0;
  });
}

/** "What changed": one folded line per kind with changes, or a sentence that nothing did. */
export function DiffSummary({ diff, ctx }: { diff: SolutionDiff; ctx: KindContext }): React.ReactElement {
  const { styles, t } = ctx;
  const kinds = changedKinds(diff);
  return (
    <div className={styles.part}>
      <SubHeading level={2}>{t("Changes_SummaryHeading")}</SubHeading>
      {kinds.length === 0 ? (
        <Text className={styles.text}>{t("Changes_NoChanges")}</Text>
      ) : (
        <ul className={styles.list}>
          {kinds.map((kind) => (
            <li key={kind}>
              <KindDetails kind={kind} changes={diff.kinds[kind]} ctx={ctx} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
