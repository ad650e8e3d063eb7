/**
 * What changed inside a changed component, as facts without words: which aspect (a column's required level, a role's
 * privilege, a flow's action), whether it was added, removed or changed, the thing named (untrusted text) and the value
 * before and after (tokens such as depth names and numbers, or untrusted values). The page words them (detailText.ts).
 * Secrets and contents are compared by fingerprint and never carried.
 */
import type { SolutionComponent } from "./components";
import type { ComponentChange } from "./diff";
import { compareStrings, OPAQUE, type DetailAspect, type FacetValue, type Facets } from "./details/facets";

export type { DetailAspect } from "./details/facets";

export type DetailChange = "added" | "removed" | "changed";

export interface DetailItem {
  aspect: DetailAspect;
  change: DetailChange;
  /** The thing named: a privilege, a field, an action (untrusted text). */
  subject?: string;
  before?: string;
  after?: string;
}

/** The order lines are listed in: what a component is, then what it holds. */
const ORDER: readonly DetailAspect[] = [
  "displayName",
  "ownership",
  "columnType",
  "requiredLevel",
  "maxLength",
  "format",
  "relationshipType",
  "relationshipTables",
  "stepMessage",
  "stepTable",
  "stepStage",
  "stepMode",
  "assemblyVersion",
  "pluginType",
  "stepFilteringAttributes",
  "stepImage",
  "stepConfiguration",
  "flowState",
  "workflowMode",
  "workflowTrigger",
  "workflowDefinition",
  "flowTrigger",
  "flowAction",
  "flowConnection",
  "assemblyContent",
  "webResourceKind",
  "webResourceSize",
  "webResourceContent",
  "variableType",
  "variableDefault",
  "variableValue",
  "connector",
  "apiSetting",
  "apiParameter",
  "apiResponseProperty",
  "canvasAppVersion",
  "canvasAppDocument",
  "canvasAppScreen",
  "canvasAppDataSource",
  "controlVersion",
  "tableSwitch",
  "columnSwitch",
  "cascade",
  "choiceValue",
  "privilege",
  "viewColumn",
  "viewSort",
  "viewFilter",
  "formTab",
  "formSection",
  "formField",
  "formLibrary",
  "formHandler",
  "appComponent",
  "appRole",
  "siteMapArea",
  "siteMapSubArea",
];

/** The part of a value that may be shown (before its fingerprint); undefined when nothing is. */
function shown(value: string): string | undefined {
  const at = value.indexOf(OPAQUE);
  const part = at < 0 ? value : value.slice(0, at);
  return part === "" ? undefined : part;
}

function valueChange(aspect: DetailAspect, before: string, after: string, subject?: string): DetailItem {
  const item: DetailItem = { aspect, change: "changed", ...(subject !== undefined ? { subject } : {}) };
  const b = shown(before);
  const a = shown(after);
  // A value whose shown part did not change (an action's inputs, a secret) carries neither side.
  if (b !== a) {
    if (b !== undefined) item.before = b;
    if (a !== undefined) item.after = a;
  }
  return item;
}

function compareFacet(aspect: DetailAspect, before: FacetValue | undefined, after: FacetValue | undefined, out: DetailItem[]): void {
  if (typeof before === "string" || typeof after === "string") {
    const b = typeof before === "string" ? before : undefined;
    const a = typeof after === "string" ? after : undefined;
    if (b === a) return;
    if (b === undefined) out.push({ aspect, change: "added", ...(shown(a!) !== undefined ? { after: shown(a!) } : {}) });
    else if (a === undefined) out.push({ aspect, change: "removed", ...(shown(b) !== undefined ? { before: shown(b) } : {}) });
    else out.push(valueChange(aspect, b, a));
    return;
  }
  const old = new Map(before ?? []);
  for (const [subject, value] of after ?? []) {
    const was = old.get(subject);
    old.delete(subject);
    if (was === undefined) out.push({ aspect, change: "added", subject, ...(shown(value) !== undefined ? { after: shown(value) } : {}) });
    else if (was !== value) out.push(valueChange(aspect, was, value, subject));
  }
  for (const [subject, value] of old) out.push({ aspect, change: "removed", subject, ...(shown(value) !== undefined ? { before: shown(value) } : {}) });
}

/** A role's privileges are kept once, in details.privileges (the risk rules read them there). */
function facetsOf(component: SolutionComponent): Facets {
  const d = component.details;
  return d?.privileges ? { ...d.facets, privilege: d.privileges.map((p): [string, string] => [p.name, p.depth]) } : (d?.facets ?? {});
}

/** What a side may not have read (a canvas app's .msapp): compared only when both did, never listed as all added or removed. */
const BOTH_SIDES: readonly DetailAspect[] = ["canvasAppScreen", "canvasAppDataSource"];

const CHANGE_ORDER: Record<DetailChange, number> = { removed: 0, changed: 1, added: 2 };

/** The detail lines of one changed component; "other" when what changed is nothing the readers keep. */
export function detailsOfChange(change: ComponentChange): DetailItem[] {
  const before = facetsOf(change.baseline);
  const after = facetsOf(change.current);
  const out: DetailItem[] = [];
  if (change.baseline.name !== change.current.name)
    out.push({ aspect: "displayName", change: "changed", before: change.baseline.name, after: change.current.name });
  for (const aspect of ORDER) {
    if (BOTH_SIDES.includes(aspect) && !(before[aspect] && after[aspect])) continue;
    const items: DetailItem[] = [];
    compareFacet(aspect, before[aspect], after[aspect], items);
    // Within an aspect: removed, changed, added, each by subject, so the same change reads the same every time.
    items.sort((x, y) => CHANGE_ORDER[x.change] - CHANGE_ORDER[y.change] || compareStrings(x.subject ?? "", y.subject ?? ""));
    out.push(...items);
  }
  if (out.length === 0) out.push({ aspect: "other", change: "changed" });
  return out;
}

/** Detail lines of one aspect. */
export const itemsOf = (items: readonly DetailItem[], aspect: DetailAspect): DetailItem[] => items.filter((i) => i.aspect === aspect);
