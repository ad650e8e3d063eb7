import type { OptionValue } from "../../domain/types";
import type { ResxKey } from "../../generated/resxKeys";

export type { ResxKey };

/** The base of a counted string: "Check_validationErrors" for Check_validationErrors_one, _other, ... (countText). */
export type CountedKey<K = ResxKey> = K extends `${infer Base}_other` ? Base : never;

/** Looks up a string from the resx file (the root wires this to context.resources.getString). */
export type Translate = (key: ResxKey) => string;

/** Formats an ISO 8601 UTC value for display (the root decides locale and time zone). */
export type FormatDateTime = (iso: string) => string;

/** The strings, the locale and the date formatting that the panel's areas and most sections take, passed on as one. */
export interface PanelText {
  t: Translate;
  locale: string | undefined;
  formatDateTime: FormatDateTime;
}

/** Replaces {0}, {1}, ... in a resx template. Arguments are inserted as text, never as markup. */
export function formatText(template: string, ...args: Array<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}

/**
 * Tokens under one key prefix, token → prefix + token. Assigned to a map of ResxKey, every key it spells out is checked
 * against the resx at compile time, and assigned to a Record over a union, a token left out does not compile.
 */
export const keysOf = <P extends string, V extends string>(prefix: P, tokens: readonly V[]): Readonly<Record<V, `${P}${V}`>> =>
  Object.fromEntries(tokens.map((token) => [token, `${prefix}${token}`])) as Record<V, `${P}${V}`>;

/** The host's label of a choice value, or "Unknown value (n)" when the host gave no label. */
export function optionLabel(option: OptionValue, t: Translate): string {
  return option.label !== null && option.label.trim() !== "" ? option.label : formatText(t("Common_UnknownValue"), option.value);
}
