import type { DetailAspect, DetailItem } from "../../solution/changeDetail";
import type { ComponentKind } from "../../solution/components";
import type { ResxKey } from "../../generated/resxKeys";
import { formatText, type Translate } from "../shared/text";
import { depthText, sizeText } from "./changeText";

/** Typed: a new aspect without words does not compile. */
const ASPECT_KEYS: Readonly<Record<DetailAspect, ResxKey>> = {
  displayName: "changes.detail.aspect.displayName",
  ownership: "changes.detail.aspect.ownership",
  tableSwitch: "changes.detail.aspect.tableSwitch",
  columnType: "changes.detail.aspect.columnType",
  requiredLevel: "changes.detail.aspect.requiredLevel",
  maxLength: "changes.detail.aspect.maxLength",
  format: "changes.detail.aspect.format",
  columnSwitch: "changes.detail.aspect.columnSwitch",
  choiceValue: "changes.detail.aspect.choiceValue",
  relationshipType: "changes.detail.aspect.relationshipType",
  relationshipTables: "changes.detail.aspect.relationshipTables",
  cascade: "changes.detail.aspect.cascade",
  viewColumn: "changes.detail.aspect.viewColumn",
  viewFilter: "changes.detail.aspect.viewFilter",
  viewSort: "changes.detail.aspect.viewSort",
  formTab: "changes.detail.aspect.formTab",
  formSection: "changes.detail.aspect.formSection",
  formField: "changes.detail.aspect.formField",
  formLibrary: "changes.detail.aspect.formLibrary",
  formHandler: "changes.detail.aspect.formHandler",
  privilege: "changes.detail.aspect.privilege",
  flowState: "changes.detail.aspect.flowState",
  flowTrigger: "changes.detail.aspect.flowTrigger",
  flowAction: "changes.detail.aspect.flowAction",
  flowConnection: "changes.detail.aspect.flowConnection",
  workflowMode: "changes.detail.aspect.workflowMode",
  workflowTrigger: "changes.detail.aspect.workflowTrigger",
  workflowDefinition: "changes.detail.aspect.workflowDefinition",
  stepMessage: "changes.detail.aspect.stepMessage",
  stepTable: "changes.detail.aspect.stepTable",
  stepStage: "changes.detail.aspect.stepStage",
  stepMode: "changes.detail.aspect.stepMode",
  stepFilteringAttributes: "changes.detail.aspect.stepFilteringAttributes",
  stepImage: "changes.detail.aspect.stepImage",
  stepConfiguration: "changes.detail.aspect.stepConfiguration",
  assemblyVersion: "changes.detail.aspect.assemblyVersion",
  pluginType: "changes.detail.aspect.pluginType",
  assemblyContent: "changes.detail.aspect.assemblyContent",
  webResourceKind: "changes.detail.aspect.webResourceKind",
  webResourceSize: "changes.detail.aspect.webResourceSize",
  webResourceContent: "changes.detail.aspect.webResourceContent",
  variableType: "changes.detail.aspect.variableType",
  variableDefault: "changes.detail.aspect.variableDefault",
  variableValue: "changes.detail.aspect.variableValue",
  connector: "changes.detail.aspect.connector",
  apiSetting: "changes.detail.aspect.apiSetting",
  apiParameter: "changes.detail.aspect.apiParameter",
  apiResponseProperty: "changes.detail.aspect.apiResponseProperty",
  appComponent: "changes.detail.aspect.appComponent",
  appRole: "changes.detail.aspect.appRole",
  siteMapArea: "changes.detail.aspect.siteMapArea",
  siteMapSubArea: "changes.detail.aspect.siteMapSubArea",
  canvasAppVersion: "changes.detail.aspect.canvasAppVersion",
  canvasAppDocument: "changes.detail.aspect.canvasAppDocument",
  controlVersion: "changes.detail.aspect.controlVersion",
  other: "changes.detail.other",
};

/** Tokens the readers write, in words; anything else (names, numbers, labels) is shown as the file wrote it. */
const SWITCHES: Readonly<Record<string, ResxKey>> = {
  auditing: "changes.detail.switch.auditing",
  changeTracking: "changes.detail.switch.changeTracking",
  quickCreate: "changes.detail.switch.quickCreate",
  duplicateDetection: "changes.detail.switch.duplicateDetection",
  connections: "changes.detail.switch.connections",
  documentManagement: "changes.detail.switch.documentManagement",
  businessProcess: "changes.detail.switch.businessProcess",
  offline: "changes.detail.switch.offline",
  mobileOffline: "changes.detail.switch.mobileOffline",
  activity: "changes.detail.switch.activity",
  mailMerge: "changes.detail.switch.mailMerge",
  accessTeams: "changes.detail.switch.accessTeams",
  secured: "changes.detail.switch.secured",
  searchable: "changes.detail.switch.searchable",
  sortable: "changes.detail.switch.sortable",
  globalFilter: "changes.detail.switch.globalFilter",
};
const TRIGGERS: Readonly<Record<string, ResxKey>> = {
  create: "changes.detail.trigger.create",
  delete: "changes.detail.trigger.delete",
  update: "changes.detail.trigger.update",
  onDemand: "changes.detail.trigger.onDemand",
};
const ON_OFF: Readonly<Record<string, ResxKey>> = { true: "changes.detail.value.true", false: "changes.detail.value.false" };
const VALUES: Partial<Record<DetailAspect, Readonly<Record<string, ResxKey>>>> = {
  tableSwitch: ON_OFF,
  columnSwitch: ON_OFF,
  workflowTrigger: ON_OFF,
  apiSetting: ON_OFF,
  flowState: { on: "changes.detail.value.on", off: "changes.detail.value.off" },
  ownership: { UserOwned: "changes.detail.ownership.UserOwned", OrganizationOwned: "changes.detail.ownership.OrganizationOwned" },
  relationshipType: { OneToMany: "changes.detail.relationshipType.OneToMany", ManyToMany: "changes.detail.relationshipType.ManyToMany" },
  cascade: {
    Cascade: "changes.detail.cascadeValue.Cascade",
    NoCascade: "changes.detail.cascadeValue.NoCascade",
    Active: "changes.detail.cascadeValue.Active",
    UserOwned: "changes.detail.cascadeValue.UserOwned",
    RemoveLink: "changes.detail.cascadeValue.RemoveLink",
    Restrict: "changes.detail.cascadeValue.Restrict",
  },
  workflowMode: { background: "changes.detail.value.background", realTime: "changes.detail.value.realTime" },
  stepMode: { sync: "Changes_StepSync", async: "Changes_StepAsync" },
  stepStage: { "10": "Changes_StepStage_10", "20": "Changes_StepStage_20", "40": "Changes_StepStage_40" },
  requiredLevel: {
    none: "changes.detail.required.none",
    recommended: "changes.detail.required.recommended",
    required: "changes.detail.required.required",
    applicationrequired: "changes.detail.required.required",
    systemrequired: "changes.detail.required.systemrequired",
  },
  variableType: {
    string: "changes.detail.variableType.string",
    number: "changes.detail.variableType.number",
    boolean: "changes.detail.variableType.boolean",
    json: "changes.detail.variableType.json",
    dataSource: "changes.detail.variableType.dataSource",
    secret: "changes.detail.variableType.secret",
  },
  // Solution component types (Microsoft Learn, solutioncomponent table, componenttype choice).
  appComponent: {
    "1": "changes.detail.componentType.1",
    "26": "changes.detail.componentType.26",
    "29": "changes.detail.componentType.29",
    "59": "changes.detail.componentType.59",
    "60": "changes.detail.componentType.60",
    "62": "changes.detail.componentType.62",
    "300": "changes.detail.componentType.300",
  },
};
const CASCADES: Readonly<Record<string, ResxKey>> = {
  assign: "changes.detail.cascade.assign",
  delete: "changes.detail.cascade.delete",
  archive: "changes.detail.cascade.archive",
  reparent: "changes.detail.cascade.reparent",
  share: "changes.detail.cascade.share",
  unshare: "changes.detail.cascade.unshare",
  merge: "changes.detail.cascade.merge",
  rollupview: "changes.detail.cascade.rollupview",
};
/** Subjects that are the readers' tokens; for these the line is "Auditing changed from Off to On", without the aspect's name. */
const SUBJECTS: Partial<Record<DetailAspect, Readonly<Record<string, ResxKey>>>> = {
  tableSwitch: SWITCHES,
  columnSwitch: SWITCHES,
  workflowTrigger: TRIGGERS,
  cascade: CASCADES,
};

const FORM_TYPES: Readonly<Record<string, ResxKey>> = {
  main: "changes.detail.formType.main",
  quick: "changes.detail.formType.quick",
  quickCreate: "changes.detail.formType.quickCreate",
  card: "changes.detail.formType.card",
  dashboard: "changes.detail.formType.dashboard",
  mobile: "changes.detail.formType.mobile",
};

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
  const aspect = t(kind === "roles" && item.aspect === "displayName" ? "changes.detail.aspect.roleName" : ASPECT_KEYS[item.aspect]);
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
