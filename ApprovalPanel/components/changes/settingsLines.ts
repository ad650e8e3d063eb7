import type { ConnectionReferenceSetting, EnvironmentVariableSetting } from "../../domain/deploymentSettings";
import type { DeploymentSettingsDiff, SettingsListDiff } from "../../solution/settingsDiff";
import { formatText, type Translate } from "../shared/text";
import { groupTextKey, type ChangeGroup } from "./changeText";

export interface SettingLine {
  key: string;
  group: ChangeGroup;
  /** The setting's schema or logical name. */
  name: string;
  /** The value, "before → after", or "" for a removed setting. */
  text: string;
}

export interface SettingList {
  title: string;
  lines: SettingLine[];
}

export type SettingsState = "unknown" | "same" | "changed";

function valueOrNotSet(value: string | null, t: Translate): string {
  return value === null || value.trim() === "" ? t("Common_NotSet") : value;
}

function linesOf<T>(diff: SettingsListDiff<T>, nameOf: (item: T) => string, valueOf: (item: T) => string | null, t: Translate): SettingLine[] {
  return [
    ...diff.added.map((item) => ({ key: `a:${nameOf(item)}`, group: "added" as const, name: nameOf(item), text: valueOrNotSet(valueOf(item), t) })),
    ...diff.changed.map(({ baseline, current }) => ({
      key: `c:${nameOf(current)}`,
      group: "changed" as const,
      name: nameOf(current),
      text: formatText(t("Changes_SettingChanged"), valueOrNotSet(valueOf(baseline), t), valueOrNotSet(valueOf(current), t)),
    })),
    ...diff.removed.map((item) => ({ key: `r:${nameOf(item)}`, group: "removed" as const, name: nameOf(item), text: "" })),
  ];
}

/**
 * The deployment settings against the last deployment's, as lines: environment variable values and connection
 * references added, removed or changed (values shown, as the settings section already shows them to approvers).
 */
export function settingsLines(diff: DeploymentSettingsDiff | null, t: Translate): { state: SettingsState; lists: SettingList[] } {
  if (diff === null) return { state: "unknown", lists: [] };
  const lists: SettingList[] = [];
  if (diff.environmentVariables) {
    lists.push({
      title: t("Changes_SettingsVariables"),
      lines: linesOf<EnvironmentVariableSetting>(
        diff.environmentVariables,
        (v) => v.schemaName,
        (v) => v.value,
        t,
      ),
    });
  }
  if (diff.connectionReferences) {
    lists.push({
      title: t("Changes_SettingsReferences"),
      lines: linesOf<ConnectionReferenceSetting>(
        diff.connectionReferences,
        (c) => c.logicalName,
        (c) => c.connectionId,
        t,
      ),
    });
  }
  const same = diff.environmentVariables !== undefined && diff.connectionReferences !== undefined && lists.every((l) => l.lines.length === 0);
  return { state: same ? "same" : "changed", lists: lists.filter((l) => l.lines.length > 0) };
}

/** "Added: contoso_X https://…" as one line of text (the report's form of a setting line). */
export function settingLineText(line: SettingLine, t: Translate): string {
  return `${t(groupTextKey(line.group))}: ${line.name}${line.text !== "" ? ` ${line.text}` : ""}`;
}
