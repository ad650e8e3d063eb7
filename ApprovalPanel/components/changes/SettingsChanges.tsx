import * as React from "react";
import { Text } from "@fluentui/react-components";
import type { ConnectionReferenceSetting, EnvironmentVariableSetting } from "../../domain/deploymentSettings";
import type { DeploymentSettingsDiff, SettingsListDiff } from "../../solution/settingsDiff";
import { SubHeading } from "../shared/SubHeading";
import { formatText, type Translate } from "../shared/text";

/** Class names from the section, so the lines look like its other lists. */
export interface SettingsChangesStyles {
  part: string;
  list: string;
  text: string;
  technical: string;
}

const GROUP_KEYS = { added: "Changes_Group_added", removed: "Changes_Group_removed", changed: "Changes_Group_changed" } as const;

function valueOrNotSet(value: string | null, t: Translate): string {
  return value === null || value.trim() === "" ? t("Common_NotSet") : value;
}

function SettingList<T>({
  title,
  diff,
  nameOf,
  valueOf,
  styles,
  t,
}: {
  title: string;
  diff: SettingsListDiff<T>;
  nameOf(item: T): string;
  valueOf(item: T): string | null;
  styles: SettingsChangesStyles;
  t: Translate;
}): React.ReactElement | null {
  const lines: Array<{ key: string; group: keyof typeof GROUP_KEYS; name: string; text: string }> = [
    ...diff.added.map((item) => ({ key: `a:${nameOf(item)}`, group: "added" as const, name: nameOf(item), text: valueOrNotSet(valueOf(item), t) })),
    ...diff.changed.map(({ baseline, current }) => ({
      key: `c:${nameOf(current)}`,
      group: "changed" as const,
      name: nameOf(current),
      text: formatText(t("Changes_SettingChanged"), valueOrNotSet(valueOf(baseline), t), valueOrNotSet(valueOf(current), t)),
    })),
    ...diff.removed.map((item) => ({ key: `r:${nameOf(item)}`, group: "removed" as const, name: nameOf(item), text: "" })),
  ];
  if (lines.length === 0) return null;
  return (
    <>
      <Text className={styles.text} weight="semibold">
        {title}
      </Text>
      <ul className={styles.list}>
        {lines.map((line) => (
          <li key={line.key} data-setting-change={line.group}>
            <span className={styles.text}>{t(GROUP_KEYS[line.group])}: </span>
            <code className={styles.technical} dir="ltr">
              {line.name}
            </code>
            {line.text !== "" ? <span className={styles.text}> {line.text}</span> : null}
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * The deployment settings against the last deployment's: environment variable values and connection references
 * added, removed or changed. Values are shown, as the settings section already shows them to approvers.
 */
export function SettingsChanges({ diff, styles, t }: { diff: DeploymentSettingsDiff | null; styles: SettingsChangesStyles; t: Translate }): React.ReactElement {
  const env = diff?.environmentVariables;
  const conn = diff?.connectionReferences;
  const same = diff !== null && [env, conn].every((d) => d !== undefined && d.added.length + d.removed.length + d.changed.length === 0);
  return (
    <div className={styles.part} data-settings-changes={diff === null ? "unknown" : same ? "same" : "changed"}>
      <SubHeading level={2}>{t("Changes_SettingsHeading")}</SubHeading>
      {diff === null ? <Text className={styles.text}>{t("Changes_SettingsUnknown")}</Text> : null}
      {same ? <Text className={styles.text}>{t("Changes_SettingsSame")}</Text> : null}
      {env ? (
        <SettingList<EnvironmentVariableSetting>
          title={t("Changes_SettingsVariables")}
          diff={env}
          nameOf={(v) => v.schemaName}
          valueOf={(v) => v.value}
          styles={styles}
          t={t}
        />
      ) : null}
      {conn ? (
        <SettingList<ConnectionReferenceSetting>
          title={t("Changes_SettingsReferences")}
          diff={conn}
          nameOf={(c) => c.logicalName}
          valueOf={(c) => c.connectionId}
          styles={styles}
          t={t}
        />
      ) : null}
    </div>
  );
}
