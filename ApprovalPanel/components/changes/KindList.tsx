import * as React from "react";
import { Button, Text, useId } from "@fluentui/react-components";
import type { ValidationSummary } from "../../domain/validationResults";
import type { ComponentKind, SolutionComponent } from "../../solution/components";
import type { ComponentChange, KindDiff } from "../../solution/diff";
import type { Translate } from "../shared/text";
import type { ChangesStyles } from "./changes.styles";
import { ChangeDetails } from "./ChangeDetails";
import { CHANGE_GROUPS, groupTextKey, kindSummaryText, type ChangeGroup } from "./changeText";
import { SideBySide } from "./SideBySide";
import { validationNotes } from "./validationNotes";

/** Components a group lists at first, and how many more each "Show more" adds. */
export const PAGE_SIZE = 50;

/** One entry of a group: the component, and for a changed one the baseline it changed from. */
type Entry = { component: SolutionComponent; change: ComponentChange | null };

function entriesOf(kind: KindDiff, group: ChangeGroup): Entry[] {
  return group === "changed"
    ? kind.changed.map((change) => ({ component: change.current, change }))
    : kind[group].map((component) => ({ component, change: null }));
}

export interface KindContext {
  styles: ChangesStyles;
  t: Translate;
  locale: string | undefined;
  validation: ValidationSummary | null;
  /** Versions for the side by side's column headings. */
  versions: { before: string; after: string };
}

/** The run's validation lines that name this component, right under it. */
function ValidationNotes({ component, ctx }: { component: SolutionComponent; ctx: KindContext }): React.ReactElement | null {
  const notes = React.useMemo(() => validationNotes(component, ctx.validation, ctx.t), [component, ctx.validation, ctx.t]);
  if (notes.length === 0) return null;
  return (
    <ul className={ctx.styles.validationNotes} data-validation-notes={component.key}>
      {notes.map((note, index) => (
        <li key={index} className={ctx.styles.validationNote} dir="auto">
          {note}
        </li>
      ))}
    </ul>
  );
}

function ComponentLine({ component, styles }: { component: SolutionComponent; styles: ChangesStyles }): React.ReactElement {
  return (
    <span className={styles.component}>
      <span className={styles.name}>{component.name || component.key}</span>
      <code className={styles.technical} dir="ltr">
        {component.logicalName ?? component.key}
      </code>
    </span>
  );
}

function ComponentList({ kind, entries, ctx }: { kind: ComponentKind; entries: Entry[]; ctx: KindContext }): React.ReactElement {
  const { styles, t, locale } = ctx;
  const [shown, setShown] = React.useState(PAGE_SIZE);
  return (
    <>
      <ul className={styles.components}>
        {entries.slice(0, shown).map(({ component, change }) => (
          <li key={component.key} className={styles.changedComponent} data-component={component.key}>
            <ComponentLine component={component} styles={styles} />
            {change !== null ? <ChangeDetails kind={kind} change={change} t={t} locale={locale} /> : null}
            <ValidationNotes component={component} ctx={ctx} />
            {change !== null ? <SideBySide change={change} versions={ctx.versions} styles={styles} t={t} /> : null}
          </li>
        ))}
      </ul>
      {entries.length > shown ? (
        <div>
          <Button size="small" appearance="subtle" onClick={() => setShown((n) => n + PAGE_SIZE)}>
            {t("Common_ShowMore")}
          </Button>
        </div>
      ) : null}
    </>
  );
}

/**
 * One kind, folded: "Columns: 1 added, 1 removed, 2 changed"; opened, its groups with every component. The groups are
 * rendered when the kind is first opened, not before: at 50 MB, rendering every kind's lists (and their detail lines) behind
 * closed folds made the result one task of over 200 ms.
 */
export function KindDetails({ kind, changes, ctx }: { kind: ComponentKind; changes: KindDiff; ctx: KindContext }): React.ReactElement {
  const { styles, t, locale } = ctx;
  const headingId = useId("apnl-changes-group-");
  const [opened, setOpened] = React.useState(false);
  return (
    <details data-kind={kind} onToggle={(event) => (event.currentTarget as HTMLDetailsElement).open && setOpened(true)}>
      <summary className={styles.summary}>{kindSummaryText(kind, changes.counts, t, locale)}</summary>
      {opened ? (
        <div className={styles.kindBody}>
          {CHANGE_GROUPS.filter((group) => changes[group].length > 0).map((group) => (
            <div key={group} className={styles.part} data-group={group}>
              <Text as="h4" id={`${headingId}${group}`} className={styles.groupHeading}>
                {t(groupTextKey(group))}
              </Text>
              <div aria-labelledby={`${headingId}${group}`} role="group">
                <ComponentList kind={kind} entries={entriesOf(changes, group)} ctx={ctx} />
              </div>
            </div>
          ))}
        </div>
      ) : null}
    </details>
  );
}
