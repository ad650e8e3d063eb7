import type { DetailAspect, DetailItem } from "../../solution/changeDetail";
import type { ComponentKind } from "../../solution/components";
import { formatText, keysOf, type ResxKey, type Translate } from "../shared/text";
import { depthText, sizeText, STAGE_TEXT_KEYS } from "./changeText";

/** Typed template keys: a new aspect without words does not compile. */
const aspectKey = (aspect: DetailAspect): ResxKey => (aspect === "other" ? "changes.detail.other" : `changes.detail.aspect.${aspect}`);

/** Tokens the readers write, in words; anything else (names, numbers, labels) is shown as the file wrote it. */
const SWITCHES: Readonly<Record<string, ResxKey>> = keysOf("changes.detail.switch.", [
  "auditing",
  "changeTracking",
  "quickCreate",
  "duplicateDetection",
  "connections",
  "documentManagement",
  "businessProcess",
  "offline",
  "mobileOffline",
  "activity",
  "mailMerge",
  "accessTeams",
  "secured",
  "searchable",
  "sortable",
  "globalFilter",
]);
const TRIGGERS: Readonly<Record<string, ResxKey>> = keysOf("changes.detail.trigger.", ["create", "delete", "update", "onDemand"]);
const ON_OFF: Readonly<Record<string, ResxKey>> = keysOf("changes.detail.value.", ["true", "false"]);
const VALUES: Partial<Record<DetailAspect, Readonly<Record<string, ResxKey>>>> = {
  tableSwitch: ON_OFF,
  columnSwitch: ON_OFF,
  workflowTrigger: ON_OFF,
  apiSetting: ON_OFF,
  flowState: keysOf("changes.detail.value.", ["on", "off"]),
  ownership: keysOf("changes.detail.ownership.", ["UserOwned", "OrganizationOwned"]),
  relationshipType: keysOf("changes.detail.relationshipType.", ["OneToMany", "ManyToMany"]),
  cascade: keysOf("changes.detail.cascadeValue.", ["Cascade", "NoCascade", "Active", "UserOwned", "RemoveLink", "Restrict"]),
  workflowMode: keysOf("changes.detail.value.", ["background", "realTime"]),
  stepMode: { sync: "Changes_StepSync", async: "Changes_StepAsync" },
  stepStage: STAGE_TEXT_KEYS,
  requiredLevel: {
    ...keysOf("changes.detail.required.", ["none", "recommended", "required", "systemrequired"]),
    applicationrequired: "changes.detail.required.required",
  },
  variableType: keysOf("changes.detail.variableType.", ["string", "number", "boolean", "json", "dataSource", "secret"]),
  // Solution component types (Microsoft Learn, solutioncomponent table, componenttype choice).
  appComponent: keysOf("changes.detail.componentType.", ["1", "26", "29", "59", "60", "62", "300"]),
};
const CASCADES: Readonly<Record<string, ResxKey>> = keysOf("changes.detail.cascade.", [
  "assign",
  "delete",
  "archive",
  "reparent",
  "share",
  "unshare",
  "merge",
  "rollupview",
]);
/** Subjects that are the readers' tokens; for these the line is "Auditing changed from Off to On", without the aspect's name. */
const SUBJECTS: Partial<Record<DetailAspect, Readonly<Record<string, ResxKey>>>> = {
  tableSwitch: SWITCHES,
  columnSwitch: SWITCHES,
  workflowTrigger: TRIGGERS,
  cascade: CASCADES,
};

const FORM_TYPES: Readonly<Record<string, ResxKey>> = keysOf("changes.detail.formType.", ["main", "quick", "quickCreate", "card", "dashboard", "mobile"]);

/** A form type as the form designer names it; a type the panel does not know is shown as exported. */
export function formTypeText(formType: string, t: Translate): string {
  const key = FORM_TYPES[formType];
  return key !== undefined ? t(key) : formType;
}

function valueText(aspect: DetailAspect, value: string, t: Translate, locale: string | undefined): string {
  if (aspect === "privilege") return depthText(value, t);
  if (aspect === "webResourceSize" && /^\d+$/.test(value)) return sizeText(Number(value), t, locale);
  const key = VALUES[aspect]?.[value];
  return key !== undefined ? t(key) : value;
}

const RANK: Readonly<Record<string, number>> = { Basic: 1, Local: 2, Deep: 3, Global: 4 };

/**
 * One detail line in the approver's words: "Required level changed from Optional to Business required", "Privilege
 * prvReadcontact raised from User to Organization", "Field sb_cost changed from details to dates". Names and values from the
 * files are inserted as text.
 */
export function detailLineText(kind: ComponentKind, item: DetailItem, t: Translate, locale?: string): string {
  const aspect = t(kind === "roles" && item.aspect === "displayName" ? "changes.detail.aspect.roleName" : aspectKey(item.aspect));
  if (item.aspect === "other") return aspect;
  const subjectKey = item.subject !== undefined ? SUBJECTS[item.aspect]?.[item.subject] : undefined;
  const what = item.subject === undefined ? aspect : subjectKey !== undefined ? t(subjectKey) : formatText(t("changes.detail.subject"), aspect, item.subject);
  const before = item.before !== undefined ? valueText(item.aspect, item.before, t, locale) : undefined;
  const after = item.after !== undefined ? valueText(item.aspect, item.after, t, locale) : undefined;
  if (item.change === "added")
    return after !== undefined ? formatText(t("changes.detail.addedValue"), what, after) : formatText(t("changes.detail.added"), what);
  if (item.change === "removed")
    return before !== undefined ? formatText(t("changes.detail.removedValue"), what, before) : formatText(t("changes.detail.removed"), what);
  if (before === undefined && after === undefined) return formatText(t("changes.detail.changed"), what);
  const from = before ?? t("Common_NotSet");
  const to = after ?? t("Common_NotSet");
  if (item.aspect === "privilege" && item.before && item.after && RANK[item.before] && RANK[item.after])
    return formatText(t(RANK[item.after] > RANK[item.before] ? "changes.detail.privilegeRaised" : "changes.detail.privilegeLowered"), what, from, to);
  return formatText(t("changes.detail.changedFromTo"), what, from, to);
}
