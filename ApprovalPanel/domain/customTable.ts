import { isCustomTableName } from "./ids";

/**
 * Column names of one of the solution's own tables, derived from the table's publisher prefix (the text before the
 * first "_"), so an admin's own publisher prefix works too: "apnl_approvaldecision" + "stagerunid" → apnl_stagerunid.
 * A suffix that starts with "_" is a lookup's Web API value: "_approverteam_value" → _apnl_approverteam_value.
 * Null when `table` is not a custom table's logical name (it would end up in a URL).
 */
export function prefixedColumns<K extends string>(table: string, suffixes: Readonly<Record<K, string>>): Record<K, string> | null {
  if (!isCustomTableName(table)) return null;
  const prefix = table.slice(0, table.indexOf("_"));
  const columns = {} as Record<K, string>;
  for (const key of Object.keys(suffixes) as K[]) {
    const suffix = suffixes[key];
    columns[key] = suffix.startsWith("_") ? `_${prefix}${suffix}` : `${prefix}_${suffix}`;
  }
  return columns;
}
