import type { Guid } from "./types";

/**
 * Dataverse ids arrive in several spellings: userSettings.userId carries braces,
 * contextInfo.entityId may be upper case. Compare and send them in one form.
 */
export function normalizeGuid(id: string | null | undefined): Guid | null {
  if (id === null || id === undefined) return null;
  const trimmed = id.trim().replace(/^\{/, "").replace(/\}$/, "").toLowerCase();
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(trimmed) ? trimmed : null;
}

export function sameGuid(a: string | null | undefined, b: string | null | undefined): boolean {
  const left = normalizeGuid(a);
  return left !== null && left === normalizeGuid(b);
}

/** A custom table's logical name: publisher prefix, underscore, lower-case name. */
const CUSTOM_TABLE_NAME = /^[a-z][a-z0-9]*_[a-z0-9_]+$/;

/** Whether `name` is a custom table's logical name (safe to put into a Web API URL). */
export function isCustomTableName(name: string): boolean {
  return CUSTOM_TABLE_NAME.test(name);
}
