/**
 * Facets of tables, columns, relationships and choices, from customizations.xml as exported: Entity/EntityInfo/entity with
 * its switches, attribute with Type, RequiredLevel, MaxLength, Format and its own optionset, EntityRelationship with its
 * Cascade* settings, optionset with options (or states and statuses).
 */
import { attr, kid, kids, text, type XmlElement } from "../xml";
import { entries, facets, labelOf, switches, type Facets } from "./facets";

/** Table-level switches an approver may care about: [token, element of EntityInfo/entity]. */
const TABLE_SWITCHES = [
  ["auditing", "IsAuditEnabled"],
  ["changeTracking", "ChangeTrackingEnabled"],
  ["quickCreate", "IsQuickCreateEnabled"],
  ["duplicateDetection", "IsDuplicateCheckSupported"],
  ["connections", "IsConnectionsEnabled"],
  ["documentManagement", "IsDocumentManagementEnabled"],
  ["businessProcess", "IsBusinessProcessEnabled"],
  ["offline", "IsAvailableOffline"],
  ["mobileOffline", "IsOfflineInMobileClient"],
  ["activity", "IsActivity"],
  ["mailMerge", "IsMailMergeEnabled"],
  ["accessTeams", "AutoCreateAccessTeams"],
] as const;

const COLUMN_SWITCHES = [
  ["auditing", "IsAuditEnabled"],
  ["secured", "IsSecured"],
  ["searchable", "IsSearchable"],
  ["sortable", "IsSortableEnabled"],
  ["globalFilter", "IsGlobalFilterEnabled"],
] as const;

/** EntityInfo/entity of a table (null for a shell exported with unmodified="1"). */
export function tableFacets(info: XmlElement | null): Facets {
  return facets({
    ownership: text(info, "ownershiptypemask"),
    tableSwitch: switches(info, TABLE_SWITCHES),
  });
}

/** The values of an optionset element: options, or the states and statuses of a status column, as value → label. */
export function choiceValues(optionSet: XmlElement | null): [string, string][] {
  const values: [string, string][] = [];
  for (const [list, item] of [
    ["options", "option"],
    ["states", "state"],
    ["statuses", "status"],
  ])
    for (const option of kids(kid(optionSet, list), item)) {
      const value = attr(option, "value");
      if (value !== null) values.push([value, labelOf(option)]);
    }
  return entries(values);
}

export function columnFacets(column: XmlElement): Facets {
  const values = choiceValues(kid(column, "optionset"));
  return facets({
    columnType: text(column, "type"),
    requiredLevel: text(column, "requiredlevel"),
    maxLength: text(column, "maxlength"),
    format: text(column, "format"),
    columnSwitch: switches(column, COLUMN_SWITCHES),
    choiceValue: values.length ? values : null,
  });
}

export function optionSetFacets(optionSet: XmlElement): Facets {
  return facets({ choiceValue: choiceValues(optionSet) });
}

const CASCADES = ["assign", "delete", "archive", "reparent", "share", "unshare", "merge", "rollupview"];

export function relationshipFacets(relationship: XmlElement): Facets {
  const referenced = text(relationship, "referencedentityname") ?? text(relationship, "firstentityname");
  const referencing = text(relationship, "referencingentityname") ?? text(relationship, "secondentityname");
  return facets({
    relationshipType: text(relationship, "entityrelationshiptype"),
    relationshipTables: referenced || referencing ? `${referenced ?? ""} → ${referencing ?? ""}`.toLowerCase() : null,
    cascade: entries(CASCADES.map((c): [string, string] => [c, text(relationship, `cascade${c}`) ?? ""]).filter(([, v]) => v)),
  });
}
