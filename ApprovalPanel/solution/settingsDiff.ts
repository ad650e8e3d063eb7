/**
 * The run's deployment settings against the last deployed run's: environment variable values and connection references.
 * Approvers already see these values on the run, so the diff carries them.
 */
import type { ConnectionReferenceSetting, DeploymentSettings, EnvironmentVariableSetting } from "../domain/deploymentSettings";
import { compareText } from "./components";

export interface SettingsListDiff<T> {
  added: T[];
  removed: T[];
  changed: { baseline: T; current: T }[];
}

export interface DeploymentSettingsDiff {
  first: boolean;
  environmentVariables: SettingsListDiff<EnvironmentVariableSetting>;
  connectionReferences: SettingsListDiff<ConnectionReferenceSetting>;
}

/** Names are matched case-insensitively, as the settings parser reads them: tools write them in different casings. */
function diffList<T>(baseline: T[], current: T[], name: (item: T) => string, same: (a: T, b: T) => boolean): SettingsListDiff<T> {
  const before = new Map(baseline.map((item) => [name(item).toLowerCase(), item]));
  const out: SettingsListDiff<T> = { added: [], removed: [], changed: [] };
  for (const item of current) {
    const key = name(item).toLowerCase();
    const b = before.get(key);
    if (!before.has(key)) out.added.push(item);
    else if (b !== undefined && !same(b, item)) out.changed.push({ baseline: b, current: item });
    before.delete(key);
  }
  out.removed = [...before.values()];
  const order = (a: T, b: T) => compareText(name(a), name(b));
  out.added.sort(order);
  out.removed.sort(order);
  out.changed.sort((a, b) => order(a.current, b.current));
  return out;
}

export function diffDeploymentSettings(baseline: DeploymentSettings | null, current: DeploymentSettings): DeploymentSettingsDiff {
  return {
    first: baseline === null,
    environmentVariables: diffList(
      baseline?.environmentVariables ?? [],
      current.environmentVariables,
      (v) => v.schemaName,
      (a, b) => a.value === b.value,
    ),
    connectionReferences: diffList(
      baseline?.connectionReferences ?? [],
      current.connectionReferences,
      (r) => r.logicalName,
      // Connector ids differ in case between tools (/providers/Microsoft.PowerApps/apis/shared_...), and ids are compared without case.
      (a, b) => lower(a.connectionId) === lower(b.connectionId) && lower(a.connectorId) === lower(b.connectorId),
    ),
  };
}

const lower = (value: string | null): string | null => value?.toLowerCase() ?? null;
