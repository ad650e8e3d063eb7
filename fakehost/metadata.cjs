"use strict";
// Metadata of the fake host, from its own schema (schema.cjs), in the shapes of the Dataverse Web API:
//   EntityDefinitions(LogicalName='t')                      the entity (+ Attributes)
//   EntityDefinitions(LogicalName='t')/Attributes           its attributes
//   EntityDefinitions(LogicalName='t')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata   its choice columns
//   EntityDefinitions(LogicalName='t')/Attributes(LogicalName='c')/Microsoft.Dynamics.CRM.PicklistAttributeMetadata
//   EntityDefinitions(LogicalName='t')/ManyToOneRelationships   its lookups as relationships
//   $metadata                                               a CSDL document (entity type stubs, actions, functions)
// Labels are 1033 only: the user's language is not modelled. MetadataIds are stable guids made from the names.
const { createHash } = require("node:crypto");
const { ODataError, splitTopLevel, syntaxError } = require("./query.cjs");
const { logicalNameOf } = require("./schema.cjs");

/** @typedef {import("./schema.cjs").Table} Table */
/** @typedef {import("./schema.cjs").Column} Column */
/** @typedef {ReturnType<typeof import("./schema.cjs").schemaFor>} Schema */

/** @param {string} text */
const label = (text) => ({ LocalizedLabels: [{ Label: text, LanguageCode: 1033 }], UserLocalizedLabel: { Label: text, LanguageCode: 1033 } });

/** A stable guid for a metadata item (the emulator's own: real MetadataIds differ per environment). @param {string} name */
function metadataId(name) {
  const h = createHash("sha1").update(`fakehost:${name}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** AttributeType by column type, as Dataverse names them. */
const ATTRIBUTE_TYPES = {
  guid: "Uniqueidentifier",
  string: "String",
  memo: "Memo",
  int: "Integer",
  bool: "Boolean",
  datetime: "DateTime",
  choice: "Picklist",
  lookup: "Lookup",
  file: "Virtual",
};
/** The derived metadata type of an attribute (its @odata.type). */
const METADATA_TYPES = {
  Uniqueidentifier: "UniqueIdentifierAttributeMetadata",
  String: "StringAttributeMetadata",
  Memo: "MemoAttributeMetadata",
  Integer: "IntegerAttributeMetadata",
  BigInt: "BigIntAttributeMetadata",
  Boolean: "BooleanAttributeMetadata",
  DateTime: "DateTimeAttributeMetadata",
  Picklist: "PicklistAttributeMetadata",
  State: "StateAttributeMetadata",
  Status: "StatusAttributeMetadata",
  Lookup: "LookupAttributeMetadata",
  Owner: "LookupAttributeMetadata",
  Virtual: "FileAttributeMetadata",
};

/** @param {Column} c @returns {string} */
function attributeTypeOf(c) {
  if (c.attributeType) return c.attributeType;
  if (c.type === "lookup" && logicalNameOf(c) === "ownerid") return "Owner";
  // Dataverse reports a file column's AttributeType as Virtual (AttributeTypeName FileType).
  return ATTRIBUTE_TYPES[c.type];
}

/** Attributes the table exposes in metadata: every column, lookups under their logical name. @param {Table} table */
function attributesOf(table) {
  return table.columns.map((c) => {
    const type = attributeTypeOf(c);
    const logical = logicalNameOf(c);
    /** @type {Record<string, any>} */
    const a = {
      "@odata.type": `#Microsoft.Dynamics.CRM.${METADATA_TYPES[/** @type {keyof typeof METADATA_TYPES} */ (type)]}`,
      LogicalName: logical,
      SchemaName: logical,
      AttributeType: type,
      DisplayName: label(c.label ?? logical),
      MetadataId: metadataId(`${table.logicalName}.${logical}`),
    };
    if (c.type === "file") a.AttributeTypeName = { Value: "FileType" };
    if (c.type === "choice") a.OptionSet = optionSetOf(table, c);
    if (c.type === "bool") {
      a.OptionSet = {
        MetadataId: metadataId(`${table.logicalName}.${logical}.options`),
        TrueOption: { Value: 1, Label: label("Yes") },
        FalseOption: { Value: 0, Label: label("No") },
      };
    }
    if (c.type === "lookup") a.Targets = [c.target];
    return a;
  });
}

/** @param {Table} table @param {Column} c */
const optionSetOf = (table, c) => ({
  MetadataId: metadataId(`${table.logicalName}.${logicalNameOf(c)}.options`),
  Options: Object.entries(c.options ?? {}).map(([value, text]) => ({ Value: Number(value), Label: label(text) })),
});

/**
 * The table's lookups as Dataverse ManyToOneRelationships. SchemaName follows Dataverse's pattern
 * `<referenced>_<referencing>_<attribute>` but is the emulator's own (real names vary).
 * @param {Table} table
 */
function manyToOneOf(table) {
  return table.columns
    .filter((c) => c.type === "lookup")
    .map((c) => {
      const attribute = logicalNameOf(c);
      const schemaName = `${c.target}_${table.logicalName}_${attribute}`;
      return {
        SchemaName: schemaName,
        ReferencedEntity: c.target,
        ReferencedAttribute: `${c.target}id`,
        ReferencingEntity: table.logicalName,
        ReferencingAttribute: attribute,
        ReferencingEntityNavigationPropertyName: c.nav ?? null,
        ReferencedEntityNavigationPropertyName: schemaName,
        RelationshipType: "OneToManyRelationship",
        MetadataId: metadataId(`relationship.${schemaName}`),
      };
    });
}

/**
 * $select/$expand of a metadata request. Other options: 400, except $filter where a route takes it. $select keeps
 * MetadataId (and an item's @odata.type), as Dataverse does.
 * @param {Record<string, string>} params @param {string[]} allowed
 */
function metadataOptions(params, allowed) {
  for (const key of Object.keys(params)) {
    if (key.startsWith("$") && !allowed.includes(key)) throw syntaxError(`The emulator does not take ${key} on this metadata request.`);
  }
  /** @type {Map<string, string[] | null>} */ const expand = new Map();
  for (const item of params.$expand !== undefined ? splitTopLevel(params.$expand, ",") : []) {
    const m = /^([A-Za-z]+)(?:\((.*)\))?$/.exec(item);
    if (!m) throw syntaxError(`Syntax error in $expand at '${item}'.`);
    let select = null;
    for (const opt of m[2] ? splitTopLevel(m[2], ";") : []) {
      const eq = opt.indexOf("=");
      const name = opt.slice(0, eq).trim();
      if (name !== "$select") throw syntaxError(`The emulator takes only $select inside $expand of metadata ('${opt}').`);
      select = splitTopLevel(opt.slice(eq + 1), ",");
    }
    expand.set(m[1], select);
  }
  return { select: params.$select !== undefined ? splitTopLevel(params.$select, ",") : null, expand };
}

/** @param {Record<string, any>} item @param {string[] | null} select @param {string} what */
function pick(item, select, what) {
  if (!select) return item;
  /** @type {Record<string, any>} */ const out = {};
  if (item["@odata.type"]) out["@odata.type"] = item["@odata.type"];
  for (const name of select) {
    if (!(name in item)) throw syntaxError(`Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${what}'.`);
    out[name] = item[name];
  }
  if ("MetadataId" in item) out.MetadataId = item.MetadataId;
  return out;
}

/** The @odata.context fragment of $select/$expand. @param {ReturnType<typeof metadataOptions>} q */
function selectFragment(q) {
  const parts = [...(q.select ?? [])];
  for (const [nav, select] of q.expand) parts.push(`${nav}(${(select ?? []).join(",")})`);
  return parts.length ? `(${parts.join(",")})` : "";
}

/**
 * EntityDefinitions requests.
 * @param {Schema} schema
 * @param {string | undefined} key  e.g. LogicalName='deploymentstagerun'
 * @param {string | undefined} sub  e.g. Attributes, ManyToOneRelationships
 * @param {string} base  the Web API base URL
 * @param {Record<string, string>} [params]  the decoded query options
 */
function entityDefinitions(schema, key, sub, base, params = {}) {
  const m = /^LogicalName='([A-Za-z0-9_]+)'$/.exec(key ?? "");
  if (!m) throw syntaxError("The emulator takes EntityDefinitions(LogicalName='<table>') only.");
  const table = schema.byLogical.get(m[1].toLowerCase());
  // 404 and 0x80040217 as Dataverse answers an unknown entity; the message text is the emulator's own.
  if (!table) throw new ODataError(404, "0x80040217", `Could not find an entity with name ${m[1]}.`);
  const where = `${base}/$metadata#EntityDefinitions('${table.logicalName}')`;

  if (!sub) {
    const q = metadataOptions(params, ["$select", "$expand"]);
    for (const nav of q.expand.keys()) {
      if (nav !== "Attributes" && nav !== "ManyToOneRelationships")
        throw syntaxError(`Could not find a property named '${nav}' on type 'Microsoft.Dynamics.CRM.EntityMetadata'.`);
    }
    const entity = {
      LogicalName: table.logicalName,
      SchemaName: table.logicalName,
      EntitySetName: table.entitySet,
      PrimaryIdAttribute: table.primaryId,
      PrimaryNameAttribute: table.primaryName,
      DisplayName: label(table.displayName),
      MetadataId: metadataId(table.logicalName),
    };
    /** @type {Record<string, any>} */
    const body = { "@odata.context": `${base}/$metadata#EntityDefinitions${selectFragment(q)}/$entity`, ...pick(entity, q.select, "EntityMetadata") };
    // The emulator's own: with neither $select nor $expand it inlines Attributes (with option sets), as the host page
    // reads them; Dataverse answers the entity's own properties only and needs $expand=Attributes.
    if (!q.select && q.expand.size === 0) body.Attributes = attributesOf(table);
    if (q.expand.has("Attributes")) body.Attributes = attributesOf(table).map((a) => pick(a, q.expand.get("Attributes") ?? null, "AttributeMetadata"));
    if (q.expand.has("ManyToOneRelationships")) {
      body.ManyToOneRelationships = manyToOneOf(table).map((r) => pick(r, q.expand.get("ManyToOneRelationships") ?? null, "OneToManyRelationshipMetadata"));
    }
    return body;
  }

  if (sub === "Attributes") {
    const q = metadataOptions(params, ["$select"]);
    return { "@odata.context": `${where}/Attributes${selectFragment(q)}`, value: attributesOf(table).map((a) => pick(a, q.select, "AttributeMetadata")) };
  }

  const picklist = /^Attributes(?:\(LogicalName='([A-Za-z0-9_]+)'\))?\/Microsoft\.Dynamics\.CRM\.PicklistAttributeMetadata$/.exec(sub);
  if (picklist) {
    const q = metadataOptions(params, ["$select", "$expand"]);
    for (const nav of q.expand.keys())
      if (nav !== "OptionSet") throw syntaxError(`Could not find a property named '${nav}' on type 'Microsoft.Dynamics.CRM.PicklistAttributeMetadata'.`);
    // Picklist columns only: statecode/statuscode are State/Status attributes, which this cast leaves out in Dataverse too.
    const columns = table.columns.filter((c) => c.type === "choice" && attributeTypeOf(c) === "Picklist");
    const shape = (/** @type {Column} */ c) => {
      const a = attributesOf(table).find((x) => x.LogicalName === logicalNameOf(c)) ?? {};
      /** @type {Record<string, any>} */ const out = pick({ ...a, OptionSet: undefined }, q.select, "PicklistAttributeMetadata");
      delete out["@odata.type"];
      if (!q.select) delete out.OptionSet;
      if (q.expand.has("OptionSet")) out.OptionSet = pick(optionSetOf(table, c), q.expand.get("OptionSet") ?? null, "OptionSetMetadata");
      return out;
    };
    const fragment = `${where}/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata${selectFragment(q)}`;
    if (picklist[1]) {
      const c = columns.find((x) => logicalNameOf(x) === picklist[1].toLowerCase());
      if (!c) throw new ODataError(404, "0x80040217", `Could not find a choice attribute named ${picklist[1]} on ${table.logicalName}.`);
      return { "@odata.context": `${fragment}/$entity`, ...shape(c) };
    }
    return { "@odata.context": fragment, value: columns.map(shape) };
  }

  if (sub === "ManyToOneRelationships") {
    const q = metadataOptions(params, ["$select", "$filter"]);
    let rows = manyToOneOf(table);
    if (params.$filter !== undefined) {
      // The emulator's own limit: only this one filter shape (Dataverse takes more).
      const f = /^\s*ReferencingAttribute\s+eq\s+'([^']*)'\s*$/.exec(params.$filter);
      if (!f) throw syntaxError(`The emulator filters ManyToOneRelationships only by ReferencingAttribute eq '<column>'.`);
      rows = rows.filter((r) => r.ReferencingAttribute === f[1].toLowerCase());
    }
    return {
      "@odata.context": `${where}/ManyToOneRelationships${selectFragment(q)}`,
      value: rows.map((r) => pick(r, q.select, "OneToManyRelationshipMetadata")),
    };
  }
  throw new ODataError(404, "0x8006088a", `Resource not found for the segment '${sub}'.`);
}

const EDM_TYPES = {
  guid: "Edm.Guid",
  string: "Edm.String",
  memo: "Edm.String",
  int: "Edm.Int32",
  bool: "Edm.Boolean",
  datetime: "Edm.DateTimeOffset",
  choice: "Edm.Int32",
  lookup: "Edm.Guid",
  // A guess: the value read is the file's id.
  file: "Edm.Guid",
};

/** @param {string} s */
const xml = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * The CSDL document of `GET $metadata`: a stub of Dataverse's (entity types with their properties, lookups as
 * navigation properties, the unbound UpdateApprovalStatus action where the host has it, WhoAmI and
 * RetrieveUserPrivileges). Parameter types of UpdateApprovalStatus are the emulator's own: no source gives them.
 * @param {Schema} schema @param {{ approvals: boolean }} host
 */
function csdl(schema, host) {
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">`,
    `<edmx:DataServices>`,
    `<Schema Namespace="Microsoft.Dynamics.CRM" Alias="mscrm" xmlns="http://docs.oasis-open.org/odata/ns/edm">`,
    `<EntityType Name="crmbaseentity" Abstract="true"/>`,
  ];
  for (const t of schema.byLogical.values()) {
    lines.push(`<EntityType Name="${xml(t.logicalName)}" BaseType="mscrm.crmbaseentity">`, `<Key><PropertyRef Name="${xml(t.primaryId)}"/></Key>`);
    for (const c of t.columns) lines.push(`<Property Name="${xml(c.name)}" Type="${EDM_TYPES[c.type]}"/>`);
    for (const c of t.columns) {
      if (c.type === "lookup" && c.nav && c.target) lines.push(`<NavigationProperty Name="${xml(c.nav)}" Type="mscrm.${xml(c.target)}" Nullable="false"/>`);
    }
    for (const c of t.collections ?? []) lines.push(`<NavigationProperty Name="${xml(c.nav)}" Type="Collection(mscrm.${xml(c.target)})"/>`);
    lines.push(`</EntityType>`);
  }
  lines.push(
    `<ComplexType Name="WhoAmIResponse"><Property Name="BusinessUnitId" Type="Edm.Guid" Nullable="false"/><Property Name="UserId" Type="Edm.Guid" Nullable="false"/><Property Name="OrganizationId" Type="Edm.Guid" Nullable="false"/></ComplexType>`,
    `<ComplexType Name="RolePrivilege"><Property Name="Depth" Type="mscrm.PrivilegeDepth" Nullable="false"/><Property Name="PrivilegeId" Type="Edm.Guid" Nullable="false"/><Property Name="BusinessUnitId" Type="Edm.Guid" Nullable="false"/><Property Name="PrivilegeName" Type="Edm.String"/></ComplexType>`,
    `<ComplexType Name="RetrieveUserPrivilegesResponse"><Property Name="RolePrivileges" Type="Collection(mscrm.RolePrivilege)"/></ComplexType>`,
    `<EnumType Name="PrivilegeDepth"><Member Name="Basic" Value="0"/><Member Name="Local" Value="1"/><Member Name="Deep" Value="2"/><Member Name="Global" Value="3"/></EnumType>`,
    `<Function Name="WhoAmI"><ReturnType Type="mscrm.WhoAmIResponse" Nullable="false"/></Function>`,
    `<Function Name="RetrieveUserPrivileges" IsBound="true"><Parameter Name="entity" Type="mscrm.systemuser" Nullable="false"/><ReturnType Type="mscrm.RetrieveUserPrivilegesResponse" Nullable="false"/></Function>`,
  );
  if (host.approvals) {
    // Names from the documentation [doc: DD]; the types and Nullable facets are the emulator's own [unconfirmed].
    lines.push(
      `<Action Name="UpdateApprovalStatus">`,
      `<Parameter Name="StageRunId" Type="Edm.Guid" Nullable="false"/>`,
      `<Parameter Name="ApprovalStatus" Type="Edm.Int32" Nullable="false"/>`,
      `<Parameter Name="ApprovalComments" Type="Edm.String"/>`,
      `<Parameter Name="ApprovalProperties" Type="Edm.String"/>`,
      `</Action>`,
    );
  }
  lines.push(`<EntityContainer Name="System">`);
  for (const t of schema.byLogical.values()) lines.push(`<EntitySet Name="${xml(t.entitySet)}" EntityType="mscrm.${xml(t.logicalName)}"/>`);
  lines.push(`<FunctionImport Name="WhoAmI" Function="mscrm.WhoAmI"/>`);
  if (host.approvals) lines.push(`<ActionImport Name="UpdateApprovalStatus" Action="mscrm.UpdateApprovalStatus"/>`);
  lines.push(`</EntityContainer>`, `</Schema>`, `</edmx:DataServices>`, `</edmx:Edmx>`);
  return lines.join("\n");
}

module.exports = { entityDefinitions, csdl, metadataId, attributesOf, manyToOneOf };
