import * as React from "react";
import { Text } from "@fluentui/react-components";
import type { DeploymentSettingsDiff } from "../../solution/settingsDiff";
import { SubHeading } from "../shared/SubHeading";
import type { Translate } from "../shared/text";
import { groupTextKey } from "./changeText";
import { settingsLines } from "./settingsLines";

/** Class names from the section, so the lines look like its other lists. */
export interface SettingsChangesStyles {
  part: string;
  list: string;
  text: string;
  technical: string;
}

/**
 * The deployment settings against the last deployment's: environment variable values and connection references
 * added, removed or changed. Values are shown, as the settings section already shows them to approvers.
 */
export function SettingsChanges({ diff, styles, t }: { diff: DeploymentSettingsDiff | null; styles: SettingsChangesStyles; t: Translate }): React.ReactElement {
  const { state, lists } = settingsLines(diff, t);
  return (
    <div className={styles.part} data-settings-changes={state}>
      <SubHeading level={2}>{t("Changes_SettingsHeading")}</SubHeading>
      {state === "unknown" ? <Text className={styles.text}>{t("Changes_SettingsUnknown")}</Text> : null}
      {state === "same" ? <Text className={styles.text}>{t("Changes_SettingsSame")}</Text> : null}
      {lists.map((list) => (
        <React.Fragment key={list.title}>
          <Text className={styles.text} weight="semibold">
            {list.title}
          </Text>
          <ul className={styles.list}>
            {list.lines.map((line) => (
              <li key={line.key} data-setting-change={line.group}>
                <span className={styles.text}>{t(groupTextKey(line.group))}: </span>
                <code className={styles.technical} dir="ltr">
                  {line.name}
                </code>
                {line.text !== "" ? <span className={styles.text}> {line.text}</span> : null}
              </li>
            ))}
          </ul>
        </React.Fragment>
      ))}
    </div>
  );
}
