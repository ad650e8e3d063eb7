/**
 * Facets: the few facts of a component that the detail lines compare, kept by the readers instead of the XML tree, so
 * memory stays in proportion to what is shown (a 50 MB customizations.xml keeps a few strings per component, not its DOM).
 */
import { attr, hash, kids, text, type XmlElement } from "../xml";

export type DetailAspect =
  | "displayName"
  | "ownership"
  | "tableSwitch"
  | "columnType"
  | "requiredLevel"
  | "maxLength"
  | "format"
  | "columnSwitch"
  | "choiceValue"
  | "relationshipType"
  | "relationshipTables"
  | "cascade"
  | "viewColumn"
  | "viewFilter"
  | "viewSort"
  | "formTab"
  | "formSection"
  | "formField"
  | "formLibrary"
  | "formHandler"
  | "privilege"
  | "flowState"
  | "flowTrigger"
  | "flowAction"
  | "flowConnection"
  | "workflowMode"
  | "workflowTrigger"
  | "workflowDefinition"
  | "stepMessage"
  | "stepTable"
  | "stepStage"
  | "stepMode"
  | "stepFilteringAttributes"
  | "stepImage"
  | "stepConfiguration"
  | "assemblyVersion"
  | "pluginType"
  | "assemblyContent"
  | "webResourceKind"
  | "webResourceSize"
  | "webResourceContent"
  | "variableType"
  | "variableDefault"
  | "variableValue"
  | "connector"
  | "apiSetting"
  | "apiParameter"
  | "apiResponseProperty"
  | "appComponent"
  | "appRole"
  | "siteMapArea"
  | "siteMapSubArea"
  | "canvasAppVersion"
  | "canvasAppDocument"
  | "canvasAppScreen"
  | "canvasAppDataSource"
  | "controlVersion"
  /** Something changed that no facet names. */
  | "other";

/**
 * A value, or named entries each with a value (sorted by name). A value may end in OPAQUE and a fingerprint: the part
 * before it is shown, the fingerprint only tells versions apart (a flow action's inputs, a file's content, a secret).
 */
export type FacetValue = string | [subject: string, value: string][];
export type Facets = Partial<Record<DetailAspect, FacetValue>>;

export const OPAQUE = "\u001f";

/** Entries kept per aspect; past this a component's detail lines stop growing (a form with thousands of fields). */
const MAX_ENTRIES = 2000;
const MAX_VALUE = 300;

export const clip = (value: string): string => (value.length > MAX_VALUE ? value.slice(0, MAX_VALUE - 1) + "…" : value);

/** Shown part plus a fingerprint of what must not be shown or is too long to keep. */
export const opaque = (shown: string, hidden: string): string => `${clip(shown)}${OPAQUE}${hash(hidden)}`;

/** Code-unit order: the same in every browser language. */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function entries(pairs: Iterable<[string, string]>): [string, string][] {
  const map = new Map<string, string>();
  for (const [subject, value] of pairs) if (subject && !map.has(subject) && map.size < MAX_ENTRIES) map.set(clip(subject), clip(value));
  return [...map].sort((a, b) => compareStrings(a[0], b[0]));
}

/** "1"/"true" → "true", "0"/"false" → "false"; else null. */
export function flag(value: string | null): string | null {
  const v = value?.toLowerCase();
  return v === "1" || v === "true" ? "true" : v === "0" || v === "false" ? "false" : null;
}

/** Facets without the absent values. */
export function facets(values: Partial<Record<DetailAspect, FacetValue | null | undefined>>): Facets {
  const out: Facets = {};
  for (const [aspect, value] of Object.entries(values) as [DetailAspect, FacetValue | null | undefined][]) {
    if (value !== null && value !== undefined && value !== "") out[aspect] = typeof value === "string" ? clip(value) : value;
  }
  return out;
}

/** Named switches read from child elements: [token, element name in any case]; a switch the file does not write is left out. */
export function switches(el: XmlElement | null, names: readonly (readonly [string, string])[]): [string, string][] {
  const out: [string, string][] = [];
  for (const [token, name] of names) {
    const value = flag(text(el, name.toLowerCase()));
    if (value !== null) out.push([token, value]);
  }
  return entries(out);
}

/** The 1033 label of <labels>/<label> children (the first one otherwise). */
export function labelOf(el: XmlElement | null): string {
  const labels = kids(el, "label").concat(...kids(el, "labels").map((l) => kids(l, "label")));
  const best = labels.find((l) => attr(l, "languagecode") === "1033") ?? labels[0];
  return attr(best, "description") ?? "";
}
