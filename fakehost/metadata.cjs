"use strict";
// EntityDefinitions of the fake host: the entity, and its attributes with option sets inlined (the real service
// needs a cast to PicklistAttributeMetadata for that; the host page only needs labels).
const { ODataError, syntaxError } = require("./query.cjs");

/** @param {string} text */
const label = (text) => ({ UserLocalizedLabel: { Label: text, LanguageCode: 1033 }, LocalizedLabels: [{ Label: text, LanguageCode: 1033 }] });

const ATTRIBUTE_TYPES = { guid: "Uniqueidentifier", string: "String", memo: "Memo", int: "Integer", bool: "Boolean", datetime: "DateTime", choice: "Picklist" };

/**
 * @param {ReturnType<typeof import("./schema.cjs").schemaFor>} schema
 * @param {string | undefined} key  e.g. LogicalName='deploymentstagerun'
 * @param {string | undefined} sub  e.g. Attributes
 * @param {string} base  the Web API base URL
 */
function entityDefinitions(schema, key, sub, base) {
  const m = /^LogicalName='([a-z0-9_]+)'$/.exec(key ?? "");
  if (!m) throw syntaxError("Use EntityDefinitions(LogicalName='<table>') in the playground.");
  const table = schema.byLogical.get(m[1]);
  if (!table) throw new ODataError(404, "0x80040217", `Could not find an entity with name ${m[1]}.`);
  const attributes = table.columns
    .filter((c) => !c.name.startsWith("_") || c.type === "lookup")
    .map((c) => {
      /** @type {Record<string, unknown>} */
      const a = {
        LogicalName: c.type === "lookup" ? c.nav : c.name,
        AttributeType: c.type === "lookup" ? (c.nav === "ownerid" ? "Owner" : "Lookup") : ATTRIBUTE_TYPES[c.type],
        DisplayName: label(c.label ?? c.name),
      };
      if (c.type === "choice") {
        a.OptionSet = { Options: Object.entries(c.options ?? {}).map(([value, text]) => ({ Value: Number(value), Label: label(text) })) };
      }
      if (c.type === "bool") a.OptionSet = { TrueOption: { Value: 1, Label: label("Yes") }, FalseOption: { Value: 0, Label: label("No") } };
      if (c.type === "lookup") a.Targets = [c.target];
      return a;
    });
  if (sub === "Attributes") return { "@odata.context": `${base}/$metadata#EntityDefinitions('${table.logicalName}')/Attributes`, value: attributes };
  if (sub) throw new ODataError(404, "0x8006088a", `Resource not found for the segment '${sub}'.`);
  return {
    "@odata.context": `${base}/$metadata#EntityDefinitions/$entity`,
    LogicalName: table.logicalName,
    EntitySetName: table.entitySet,
    PrimaryIdAttribute: table.primaryId,
    PrimaryNameAttribute: table.primaryName,
    DisplayName: label(table.displayName),
    Attributes: attributes,
  };
}

module.exports = { entityDefinitions };
