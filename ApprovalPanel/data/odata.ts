import { normalizeGuid } from "../domain/ids";
import type { Guid } from "../domain/types";

/** An OData string literal: single quotes doubled (OData ABNF, SQUOTE-in-string). */
export function stringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A GUID fit for a query or URL, or null when it is not a GUID (never let other text into a query). */
export function queryGuid(value: string | null | undefined): Guid | null {
  return normalizeGuid(value);
}

/** Keep only the wanted columns the host's table has, in the wanted order. */
export function presentColumns(wanted: readonly string[], present: ReadonlySet<string>): string[] {
  return wanted.filter((c) => present.has(c));
}

/** The "?…" query part of an @odata.nextLink (context.webAPI takes options, not URLs). */
export function queryPartOf(nextLink: string | null | undefined): string | null {
  if (typeof nextLink !== "string") return null;
  const at = nextLink.indexOf("?");
  return at < 0 ? null : nextLink.slice(at);
}
