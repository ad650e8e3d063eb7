/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS so the jest tests (ts-jest, CommonJS) can call it directly. */
"use strict";
// Builds an importable solution zip for the control without Microsoft's packer (no .NET here).
// Layout and file shapes follow pac-built PCF solution zips: [Content_Types].xml, solution.xml,
// customizations.xml and Controls/<prefix>_<Namespace>.<Constructor>/ with the built control's files.
// The other components are read from SolutionPackager's unpacked source layout (Solutions/src):
//   Entities/<SchemaName>/Entity.xml, Other/Relationships.xml + Other/Relationships/*.xml,
//   Roles/*.xml, Workflows/<Name>-<GUID>.json + .json.data.xml, Other/FieldSecurityProfiles.xml (when present),
//   AppModules/<UniqueName>/AppModule.xml, AppModuleSiteMaps/<UniqueName>/AppModuleSiteMap.xml,
//   environmentvariabledefinitions/<schemaname>/environmentvariabledefinition.xml,
//   and <connectionreferences> in Other/Customizations.xml,
// and written into customizations.xml / solution.xml (environment variable definitions: their own files in the zip)
// the way Dataverse exports them.
const { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } = require("node:fs");
const { join, posix } = require("node:path");
const { XMLBuilder, XMLParser, XMLValidator } = require("fast-xml-parser");
const { zipSync } = require("fflate");
const { parseVersion, toFourPart } = require("./version.cjs");

class PackError extends Error {}

const BOM = "\uFEFF";
const CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types";
const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
/**
 * Solution component types (solutioncomponent componenttype): 1 Entity, 20 Role, 26 View (savedquery), 29 Workflow,
 * 60 Form (systemform), 62 Site Map, 66 Custom Control, 70 Field Security Profile, 80 Model-driven App (appmodule),
 * 380 Environment Variable Definition.
 */
const COMPONENT_TYPE = {
  entity: "1",
  role: "20",
  view: "26",
  workflow: "29",
  form: "60",
  siteMap: "62",
  customControl: "66",
  fieldSecurityProfile: "70",
  appModule: "80",
  environmentVariableDefinition: "380",
};
/** What an app's <AppModuleComponents> may name: tables, views and forms this solution ships, and its site map. */
const APP_COMPONENT_TYPES = new Set([COMPONENT_TYPE.entity, COMPONENT_TYPE.view, COMPONENT_TYPE.form, COMPONENT_TYPE.siteMap]);
/**
 * Roles an app's role map may name besides the solution's own: platform roles by their role template id, which is
 * what exports write for them (the role's own id differs in every environment).
 */
const ROLE_TEMPLATES = new Map([
  ["627090ff-40a3-4053-8790-584edc5be201", "System Administrator"],
  ["119f245c-3cc8-4b62-b31c-d1a046ced15d", "System Customizer"],
]);
/** Environment variable definition types this packer ships (environmentvariabledefinition.type), and the flow parameter type each becomes. */
const ENVIRONMENT_VARIABLE_TYPES = new Map([
  ["100000000", { name: "String", flowType: "String" }],
  ["100000001", { name: "Number", flowType: null }],
  ["100000002", { name: "Boolean", flowType: null }],
  ["100000003", { name: "JSON", flowType: null }],
]);
/** SiteMap <Privilege Privilege="..."> values (SiteMapType.xsd). */
const SITEMAP_PRIVILEGES = new Set(["All", "AllowQuickCampaign", "Append", "AppendTo", "Assign", "Create", "Delete", "Read", "Share", "Write"]);
/** Workflow Category 5 = Modern Flow (cloud flow); the only kind whose definition is a JSON file. */
const MODERN_FLOW_CATEGORY = "5";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PRIVILEGE_LEVELS = new Set(["Basic", "Local", "Deep", "Global"]);
/** A field permission's grants: 0 not allowed, 4 allowed (FieldPermission CanRead, CanUpdate, CanCreate). */
const FIELD_GRANTS = ["CanRead", "CanUpdate", "CanCreate"];
const FIELD_GRANT_VALUES = new Set(["0", "4"]);
/** customizations.xml sections, in the order Dataverse exports them. */
const CUSTOMIZATION_SECTIONS = [
  "Entities",
  "Roles",
  "Workflows",
  "FieldSecurityProfiles",
  "Templates",
  "EntityMaps",
  "EntityRelationships",
  "OrganizationSettings",
  "optionsets",
  "CustomControls",
  "AppModuleSiteMaps",
  "AppModules",
  "EntityDataProviders",
];
/** Sections written only when the solution has such components (exports without an app carry neither element). */
const OPTIONAL_SECTIONS = new Set(["AppModuleSiteMaps", "AppModules"]);
const ARRAY_ELEMENTS = new Set([
  "LocalizedName",
  "Description",
  "Address",
  "RootComponent",
  "Language",
  "property",
  "code",
  "css",
  "resx",
  "img",
  "html",
  "library",
  "packaged_library",
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ARRAY_ELEMENTS.has(name),
});
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  format: true,
  indentBy: "  ",
  suppressEmptyNode: true,
  // Keep xsi:nil="true" written out: the default would print a bare attribute name, which is not XML.
  suppressBooleanAttributes: false,
});

function parseXmlFile(path, what) {
  if (!existsSync(path)) throw new PackError(`${what} is missing: ${path}`);
  const text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new PackError(`${what} is not well-formed XML (${path}, line ${valid.err.line}): ${valid.err.msg}`);
  return parser.parse(text);
}

function xmlDocument(object) {
  return `${BOM}${builder.build({ "?xml": { "@_version": "1.0", "@_encoding": "utf-8" }, ...object })}`;
}

function text(value) {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") return String(value["#text"] ?? "");
  return String(value).trim();
}

function isEmptySection(value) {
  if (value === undefined || value === "") return true;
  if (typeof value !== "object") return false;
  return Object.keys(value).every((key) => key.startsWith("@_"));
}

// ---------------------------------------------------------------------------------------------------------
// Inputs

/** Reads namespace, constructor, version and the files the BUILT manifest names (out/controls/<Control>/ControlManifest.xml). */
function readBuiltControl(builtControlDir) {
  if (!existsSync(builtControlDir) || !statSync(builtControlDir).isDirectory()) {
    throw new PackError(`No build output at ${builtControlDir}: run the production build first (node scripts/build.mjs).`);
  }
  const manifestPath = join(builtControlDir, "ControlManifest.xml");
  if (!existsSync(manifestPath)) {
    throw new PackError(`No built manifest at ${manifestPath}: run the production build first (node scripts/build.mjs).`);
  }
  const control = parseXmlFile(manifestPath, "The built control manifest")?.manifest?.control;
  if (!control || typeof control !== "object") throw new PackError(`${manifestPath} has no <manifest><control> element.`);

  const namespace = text(control["@_namespace"]);
  const constructorName = text(control["@_constructor"]);
  const version = text(control["@_version"]);
  if (!namespace) throw new PackError(`${manifestPath}: the <control> element has no namespace attribute.`);
  if (!constructorName) throw new PackError(`${manifestPath}: the <control> element has no constructor attribute.`);
  for (const [name, value] of [
    ["namespace", namespace],
    ["constructor", constructorName],
  ]) {
    // The two become part of a folder name and of the component's schema name.
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(value)) throw new PackError(`${manifestPath}: ${name} "${value}" may hold only letters, digits, "_" and ".".`);
  }
  if (!version) throw new PackError(`${manifestPath}: the <control> element has no version attribute.`);
  try {
    parseVersion(version);
  } catch (error) {
    throw new PackError(`${manifestPath}: control version ${error.message}`);
  }

  const resources = control.resources;
  if (!resources || typeof resources !== "object") throw new PackError(`${manifestPath}: the <control> element has no <resources>.`);
  const files = [];
  collectResourcePaths(resources, files);
  if (!files.some((file) => file.kind === "code")) throw new PackError(`${manifestPath}: <resources> names no <code> file.`);

  const seen = new Set();
  const resourceFiles = [];
  for (const file of files) {
    const relative = safeRelativePath(file.path, manifestPath);
    if (seen.has(relative.toLowerCase())) continue;
    seen.add(relative.toLowerCase());
    const absolute = join(builtControlDir, ...relative.split("/"));
    if (!existsSync(absolute) || !statSync(absolute).isFile()) {
      throw new PackError(`${manifestPath} names <${file.kind} path="${file.path}"> but ${absolute} does not exist.`);
    }
    resourceFiles.push({ relative, absolute });
  }
  return { manifestPath, namespace, constructorName, version, resourceFiles };
}

/** Every path="..." under <resources> (code, css, resx, img, html, packaged libraries); platform libraries have no file. */
function collectResourcePaths(node, out, kind = "resources") {
  if (Array.isArray(node)) {
    for (const item of node) collectResourcePaths(item, out, kind);
    return;
  }
  if (!node || typeof node !== "object") return;
  if (typeof node["@_path"] === "string") out.push({ kind, path: node["@_path"] });
  for (const [key, value] of Object.entries(node)) {
    if (!key.startsWith("@_") && key !== "#text") collectResourcePaths(value, out, key);
  }
}

/** Manifest paths become zip entries: forward slashes only, relative, never leaving the control's folder. */
function safeRelativePath(path, manifestPath) {
  const slashed = path.trim().replace(/\\/g, "/");
  const normalized = posix.normalize(slashed);
  if (!slashed || slashed.startsWith("/") || /^[A-Za-z]:/.test(slashed) || normalized === ".." || normalized.startsWith("../") || normalized === ".") {
    throw new PackError(`${manifestPath}: resource path "${path}" must be relative to the control folder and stay inside it.`);
  }
  return normalized;
}

/** Solution metadata from the source layout (Solutions/src/Other/Solution.xml and Customizations.xml). */
function readSolutionSource(solutionSourceDir) {
  const otherDir = join(solutionSourceDir, "Other");
  const solutionPath = join(otherDir, "Solution.xml");
  const root = parseXmlFile(solutionPath, "The solution source Solution.xml")?.ImportExportXml;
  const manifest = root?.SolutionManifest;
  if (!manifest || typeof manifest !== "object") throw new PackError(`${solutionPath} has no <ImportExportXml><SolutionManifest> element.`);

  const uniqueName = text(manifest.UniqueName);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(uniqueName)) {
    throw new PackError(`${solutionPath}: UniqueName "${uniqueName}" must start with a letter or "_" and hold only letters, digits and "_".`);
  }
  const version = text(manifest.Version);
  try {
    parseVersion(version);
  } catch (error) {
    throw new PackError(`${solutionPath}: Version ${error.message}`);
  }
  const publisher = manifest.Publisher;
  if (!publisher || typeof publisher !== "object") throw new PackError(`${solutionPath} has no <Publisher>.`);
  const prefix = text(publisher.CustomizationPrefix);
  // Dataverse: 2 to 8 characters, letters and digits, starting with a letter, not "mscrm".
  if (!/^[a-z][a-z0-9]{1,7}$/.test(prefix) || prefix.startsWith("mscrm")) {
    throw new PackError(`${solutionPath}: CustomizationPrefix "${prefix}" must be 2 to 8 lower-case letters or digits, starting with a letter.`);
  }
  const optionValuePrefix = text(publisher.CustomizationOptionValuePrefix);
  if (!/^\d{5}$/.test(optionValuePrefix) || Number(optionValuePrefix) < 10000) {
    throw new PackError(`${solutionPath}: CustomizationOptionValuePrefix "${optionValuePrefix}" must be a number from 10000 to 99999.`);
  }
  if (!text(publisher.UniqueName)) throw new PackError(`${solutionPath}: the <Publisher> has no UniqueName.`);

  const customizationsPath = join(otherDir, "Customizations.xml");
  const customizationsRoot = parseXmlFile(customizationsPath, "The solution source Customizations.xml")?.ImportExportXml;
  if (!customizationsRoot || typeof customizationsRoot !== "object") throw new PackError(`${customizationsPath} has no <ImportExportXml> element.`);
  for (const section of CUSTOMIZATION_SECTIONS) {
    // Components live in their own source files (Entities/, Roles/, Workflows/, Other/Relationships/,
    // Other/FieldSecurityProfiles.xml), as SolutionPackager unpacks them; anything inline here would be silently
    // dropped, so refuse it.
    if (section !== "CustomControls" && !isEmptySection(customizationsRoot[section])) {
      throw new PackError(
        `${customizationsPath}: <${section}> is not empty; this packer reads components from Entities/, Roles/, Workflows/, AppModules/, AppModuleSiteMaps/, Other/Relationships/ and Other/FieldSecurityProfiles.xml only.`,
      );
    }
  }
  if (!isEmptySection(customizationsRoot.environmentvariabledefinitions)) {
    throw new PackError(
      `${customizationsPath}: <environmentvariabledefinitions> is not empty; this packer reads environment variables from environmentvariabledefinitions/<schemaname>/environmentvariabledefinition.xml only.`,
    );
  }
  const languages = []
    .concat(customizationsRoot.Languages?.Language ?? [])
    .map(text)
    .filter(Boolean);

  const connectionReferences = readConnectionReferences(customizationsRoot, customizationsPath);
  const entities = readEntities(solutionSourceDir);
  const relationships = readRelationships(otherDir, entities);
  const roles = readRoles(solutionSourceDir);
  const environmentVariables = readEnvironmentVariables(solutionSourceDir, prefix);
  const workflows = readWorkflows(solutionSourceDir, connectionReferences, environmentVariables);
  const fieldSecurityProfiles = readFieldSecurityProfiles(otherDir, entities);
  const siteMaps = readAppModuleSiteMaps(solutionSourceDir, prefix, entities);
  const appModules = readAppModules(solutionSourceDir, prefix, { entities, roles, siteMaps });

  return {
    solutionPath,
    root,
    manifest,
    uniqueName,
    version,
    publisher,
    prefix,
    customizationsRoot,
    languages: languages.length ? languages : ["1033"],
    connectionReferences,
    entities,
    relationships,
    roles,
    workflows,
    fieldSecurityProfiles,
    environmentVariables,
    siteMaps,
    appModules,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Components in SolutionPackager's source layout

function asArray(value) {
  if (value === undefined || value === null || value === "") return [];
  return Array.isArray(value) ? value : [value];
}

/** Without the xmlns:xsi of a stand-alone file: inside customizations.xml the root declares it. */
function withoutNamespaceDeclarations(node) {
  return Object.fromEntries(Object.entries(node).filter(([key]) => !key.startsWith("@_xmlns")));
}

/** Sorted file names of a folder; [] when the folder is absent. */
function filesIn(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort();
}

function bracedGuid(value, where) {
  const guid = text(value)
    .replace(/^\{|\}$/g, "")
    .toLowerCase();
  if (!GUID.test(guid)) throw new PackError(`${where}: "${text(value)}" is not a GUID.`);
  return guid;
}

/** <connectionreferences> of Other/Customizations.xml: not root components (exports list them only there). */
function readConnectionReferences(customizationsRoot, customizationsPath) {
  const references = asArray(customizationsRoot.connectionreferences?.connectionreference);
  const seen = new Set();
  return references.map((node) => {
    const logicalName = text(node["@_connectionreferencelogicalname"]);
    const connectorId = text(node.connectorid);
    if (!/^[a-z][a-z0-9]*_[a-z0-9_]+$/.test(logicalName)) {
      throw new PackError(`${customizationsPath}: connection reference "${logicalName}" needs a lower-case logical name with the publisher prefix.`);
    }
    if (seen.has(logicalName)) throw new PackError(`${customizationsPath}: connection reference "${logicalName}" is declared twice.`);
    seen.add(logicalName);
    const connector = /^\/providers\/Microsoft\.PowerApps\/apis\/([A-Za-z0-9_]+)$/.exec(connectorId)?.[1];
    if (!connector) {
      throw new PackError(
        `${customizationsPath}: connection reference "${logicalName}" has connectorid "${connectorId}", expected /providers/Microsoft.PowerApps/apis/<connector>.`,
      );
    }
    return { logicalName, connector, node };
  });
}

/**
 * Entities/<SchemaName>/Entity.xml, with its forms (<FormXml>) and views (<SavedQueries>) inline, as exports carry
 * them; SolutionPackager's FormXml/ and SavedQueries/ folders are not read. Forms and views may name only columns of
 * the table, and a form's custom control descriptions only controls of the same form.
 */
function readEntities(solutionSourceDir) {
  const entitiesDir = join(solutionSourceDir, "Entities");
  return filesIn(entitiesDir).map((folder) => {
    const folderPath = join(entitiesDir, folder);
    for (const unsupported of filesIn(folderPath).filter((name) => name !== "Entity.xml")) {
      throw new PackError(`${join(folderPath, unsupported)}: only Entity.xml is packed; forms, views and other entity parts are not supported by this packer.`);
    }
    const path = join(folderPath, "Entity.xml");
    const entity = parseXmlFile(path, `The table source ${folder}/Entity.xml`)?.Entity;
    if (!entity || typeof entity !== "object") throw new PackError(`${path} has no <Entity> element.`);
    const schemaName = text(entity.Name);
    const info = entity.EntityInfo?.entity;
    if (!schemaName || schemaName !== folder) throw new PackError(`${path}: <Name> "${schemaName}" must equal its folder name "${folder}".`);
    if (!info || text(info["@_Name"]) !== schemaName) throw new PackError(`${path}: <EntityInfo><entity Name> must be "${schemaName}".`);
    const attributes = asArray(info.attributes?.attribute);
    const logicalNames = attributes.map((attribute) => text(attribute.LogicalName));
    const duplicate = logicalNames.find((name, index) => logicalNames.indexOf(name) !== index);
    if (duplicate) throw new PackError(`${path}: column "${duplicate}" is defined twice.`);
    const logicalName = schemaName.toLowerCase();
    if (!logicalNames.includes(`${logicalName}id`)) throw new PackError(`${path}: the primary key column ${logicalName}id is missing.`);
    const securedColumns = attributes.filter((attribute) => text(attribute.IsSecured) === "1").map((attribute) => text(attribute.LogicalName));
    const table = { path, logicalName, columns: logicalNames };
    return {
      schemaName,
      logicalName,
      entitySetName: text(info.EntitySetName),
      columns: logicalNames,
      securedColumns,
      forms: readForms(entity, table),
      views: readViews(entity, table),
      node: withoutNamespaceDeclarations(entity),
    };
  });
}

/** Every element named `name` under `node`, depth first. */
function elementsNamed(node, name, out = []) {
  if (Array.isArray(node)) {
    for (const item of node) elementsNamed(item, name, out);
    return out;
  }
  if (!node || typeof node !== "object") return out;
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("@_") || key === "#text") continue;
    if (key === name) out.push(...asArray(value).map((item) => (item && typeof item === "object" ? item : { "#text": item })));
    elementsNamed(value, name, out);
  }
  return out;
}

function checkColumn(table, column, where) {
  if (!table.columns.includes(column)) throw new PackError(`${table.path}: ${where} names column "${column}", which ${table.logicalName} does not have.`);
}

/** <FormXml><forms type><systemform>: ids, the columns its controls bind, and its custom controls' descriptions. */
function readForms(entity, table) {
  const ids = new Set();
  return asArray(entity.FormXml?.forms).flatMap((forms) =>
    asArray(forms?.systemform).map((systemform) => {
      const id = bracedGuid(systemform.formid, `${table.path} <systemform><formid>`);
      if (ids.has(id)) throw new PackError(`${table.path}: form id {${id}} is used by two forms.`);
      ids.add(id);
      const where = `form {${id}}`;
      const controls = elementsNamed(systemform.form, "control");
      const uniqueIds = new Set();
      for (const control of controls) {
        const field = text(control["@_datafieldname"]);
        if (field) checkColumn(table, field, `${where}, control "${text(control["@_id"])}"`);
        if (control["@_uniqueid"] !== undefined)
          uniqueIds.add(bracedGuid(control["@_uniqueid"], `${table.path} ${where}, control "${text(control["@_id"])}" uniqueid`));
      }
      const customControls = [];
      for (const description of elementsNamed(systemform.form, "controlDescription")) {
        const forControl = bracedGuid(description["@_forControl"], `${table.path} ${where} <controlDescription forControl>`);
        if (!uniqueIds.has(forControl)) {
          throw new PackError(`${table.path}: ${where} describes control {${forControl}}, but no control on the form has that uniqueid.`);
        }
        for (const customControl of asArray(description.customControl)) {
          const name = text(customControl["@_name"]);
          const parameters = customControl.parameters && typeof customControl.parameters === "object" ? customControl.parameters : {};
          const bound = {};
          for (const [parameter, value] of Object.entries(parameters)) {
            if (parameter.startsWith("@_") || parameter === "data-set") continue;
            for (const item of asArray(value)) {
              // Static values are typed constants; the others bind a column of the form's table.
              if (typeof item === "object" && text(item["@_static"]) === "true") continue;
              const column = text(item);
              if (!column) continue;
              checkColumn(table, column, `${where}, custom control "${name || text(customControl["@_id"])}" parameter <${parameter}>`);
              bound[parameter] = column;
            }
          }
          if (name) customControls.push({ name, formFactor: text(customControl["@_formFactor"]), forControl, bound, parameters });
        }
      }
      return { id, type: text(forms["@_type"]), customControls };
    }),
  );
}

/** <SavedQueries><savedqueries><savedquery>: ids, names, and the columns their FetchXML and layout name. */
function readViews(entity, table) {
  const ids = new Set();
  return asArray(entity.SavedQueries?.savedqueries?.savedquery).map((view) => {
    const id = bracedGuid(view.savedqueryid, `${table.path} <savedquery><savedqueryid>`);
    if (ids.has(id)) throw new PackError(`${table.path}: view id {${id}} is used by two views.`);
    ids.add(id);
    const name = text(asArray(view.LocalizedNames?.LocalizedName)[0]?.["@_description"]);
    const where = `view "${name || id}"`;
    const fetchEntity = view.fetchxml?.fetch?.entity;
    if (!fetchEntity || text(fetchEntity["@_name"]) !== table.logicalName) {
      throw new PackError(`${table.path}: ${where} must fetch <entity name="${table.logicalName}">.`);
    }
    // Columns of linked tables sit under <link-entity>; only the view's own table is checked.
    const own = Object.fromEntries(Object.entries(fetchEntity).filter(([key]) => key !== "link-entity"));
    for (const attribute of elementsNamed(own, "attribute")) checkColumn(table, text(attribute["@_name"]), `${where}, FetchXML <attribute>`);
    for (const order of elementsNamed(own, "order")) checkColumn(table, text(order["@_attribute"]), `${where}, FetchXML <order>`);
    for (const condition of elementsNamed(own, "condition")) checkColumn(table, text(condition["@_attribute"]), `${where}, FetchXML <condition>`);
    for (const cell of elementsNamed(view.layoutxml, "cell")) {
      const column = text(cell["@_name"]);
      if (!column.includes(".")) checkColumn(table, column, `${where}, layout <cell>`);
    }
    return { id, name, queryType: text(view.querytype), isDefault: text(view.isdefault) === "1" };
  });
}

/** Other/Relationships.xml lists the names; Other/Relationships/<Referenced table>.xml holds the definitions. */
function readRelationships(otherDir, entities) {
  const listPath = join(otherDir, "Relationships.xml");
  const listed = existsSync(listPath)
    ? asArray(parseXmlFile(listPath, "The solution source Relationships.xml")?.EntityRelationships?.EntityRelationship).map((node) => text(node["@_Name"]))
    : [];
  const definitionsDir = join(otherDir, "Relationships");
  const definitions = new Map();
  for (const file of filesIn(definitionsDir)) {
    const path = join(definitionsDir, file);
    for (const node of asArray(parseXmlFile(path, `The relationship source ${file}`)?.EntityRelationships?.EntityRelationship)) {
      const name = text(node["@_Name"]);
      if (definitions.has(name)) throw new PackError(`${path}: relationship "${name}" is defined twice.`);
      const referencing = text(node.ReferencingEntityName);
      if (!entities.some((entity) => entity.schemaName === referencing)) {
        throw new PackError(`${path}: relationship "${name}" references from "${referencing}", which is not a table in Entities/.`);
      }
      definitions.set(name, node);
    }
  }
  for (const name of listed)
    if (!definitions.has(name)) throw new PackError(`${listPath} lists relationship "${name}" but no file in ${definitionsDir} defines it.`);
  for (const name of definitions.keys())
    if (!listed.includes(name)) throw new PackError(`Relationship "${name}" in ${definitionsDir} is not listed in ${listPath}.`);
  return listed.map((name) => ({ name, node: definitions.get(name) }));
}

/** Roles/<Role name>.xml: one <Role id name> with its privileges. */
function readRoles(solutionSourceDir) {
  const rolesDir = join(solutionSourceDir, "Roles");
  return filesIn(rolesDir).map((file) => {
    const path = join(rolesDir, file);
    if (!file.endsWith(".xml")) throw new PackError(`${path}: the Roles folder holds only <role name>.xml files.`);
    const role = parseXmlFile(path, `The role source ${file}`)?.Role;
    if (!role || typeof role !== "object") throw new PackError(`${path} has no <Role> element.`);
    const id = bracedGuid(role["@_id"], `${path} <Role id>`);
    const name = text(role["@_name"]);
    if (!name) throw new PackError(`${path}: the <Role> has no name.`);
    const privileges = asArray(role.RolePrivileges?.RolePrivilege).map((privilege) => ({ name: text(privilege["@_name"]), level: text(privilege["@_level"]) }));
    for (const privilege of privileges) {
      // CustomizationsSolution.xsd: the level is one of exactly these four.
      if (!PRIVILEGE_LEVELS.has(privilege.level))
        throw new PackError(`${path}: privilege ${privilege.name} has level "${privilege.level}"; use Basic, Local, Deep or Global.`);
    }
    return { id, name, privileges, node: withoutNamespaceDeclarations(role) };
  });
}

/**
 * Other/FieldSecurityProfiles.xml, when present: <FieldSecurityProfiles><FieldSecurityProfile name fieldsecurityprofileid
 * description><FieldPermissions><FieldPermission> with EntityName, AttributeName, CanRead, CanUpdate, CanCreate.
 * A permission may name only a column of a table in Entities/ that its Entity.xml marks IsSecured 1. Members (users,
 * teams) do not travel in a solution.
 */
function readFieldSecurityProfiles(otherDir, entities) {
  const path = join(otherDir, "FieldSecurityProfiles.xml");
  if (!existsSync(path)) return [];
  const parsed = parseXmlFile(path, "The field security profile source FieldSecurityProfiles.xml");
  if (!parsed || typeof parsed !== "object" || !("FieldSecurityProfiles" in parsed)) throw new PackError(`${path} has no <FieldSecurityProfiles> element.`);
  const root = parsed.FieldSecurityProfiles;
  const ids = new Set();
  const names = new Set();
  return asArray(typeof root === "object" ? root.FieldSecurityProfile : undefined).map((node) => {
    const name = text(node["@_name"]);
    if (!name) throw new PackError(`${path}: a <FieldSecurityProfile> has no name.`);
    const where = `${path} <FieldSecurityProfile name="${name}">`;
    const id = bracedGuid(node["@_fieldsecurityprofileid"], `${where} fieldsecurityprofileid`);
    if (ids.has(id)) throw new PackError(`${where}: fieldsecurityprofileid {${id}} is used by another profile.`);
    if (names.has(name)) throw new PackError(`${where}: another profile has the same name.`);
    ids.add(id);
    names.add(name);
    const permissions = asArray(node.FieldPermissions?.FieldPermission).map((permission, index) => {
      const at = `${where}, <FieldPermission> ${index + 1}`;
      if (!permission || typeof permission !== "object") throw new PackError(`${at} is empty; it needs EntityName, AttributeName, ${FIELD_GRANTS.join(", ")}.`);
      const unknown = Object.keys(permission).filter((key) => !["EntityName", "AttributeName", ...FIELD_GRANTS].includes(key));
      if (unknown.length)
        throw new PackError(`${at}: <${unknown[0]}> is not packed; a permission holds EntityName, AttributeName, ${FIELD_GRANTS.join(", ")}.`);
      const entityName = text(permission.EntityName);
      const attributeName = text(permission.AttributeName);
      const entity = entities.find((candidate) => candidate.logicalName === entityName);
      if (!entity) throw new PackError(`${at}: EntityName "${entityName}" is not a table in Entities/ (use its logical name, lower case).`);
      if (!entity.columns.includes(attributeName)) throw new PackError(`${at}: AttributeName "${attributeName}" is not a column of ${entityName}.`);
      if (!entity.securedColumns.includes(attributeName)) {
        throw new PackError(
          `${at}: column "${attributeName}" of ${entityName} is not secured (its Entity.xml has IsSecured 0); field permissions apply to secured columns only.`,
        );
      }
      const grants = {};
      for (const grant of FIELD_GRANTS) {
        const value = text(permission[grant]);
        if (!FIELD_GRANT_VALUES.has(value)) throw new PackError(`${at} (${attributeName}): <${grant}> is "${value}"; use 0 (not allowed) or 4 (allowed).`);
        grants[grant] = value;
      }
      return { entityName, attributeName, ...grants };
    });
    if (permissions.length === 0) throw new PackError(`${where} grants nothing: it has no <FieldPermissions><FieldPermission>.`);
    const columns = permissions.map((permission) => `${permission.entityName}.${permission.attributeName}`);
    const twice = columns.find((column, index) => columns.indexOf(column) !== index);
    if (twice) throw new PackError(`${where}: column ${twice} has two <FieldPermission> entries.`);
    return {
      id,
      name,
      permissions,
      // Export shape: the three attributes, then the permissions with their elements in this order.
      node: {
        "@_name": name,
        "@_fieldsecurityprofileid": `{${id}}`,
        "@_description": text(node["@_description"]),
        FieldPermissions: {
          FieldPermission: permissions.map((permission) => ({
            EntityName: permission.entityName,
            AttributeName: permission.attributeName,
            CanRead: permission.CanRead,
            CanUpdate: permission.CanUpdate,
            CanCreate: permission.CanCreate,
          })),
        },
      },
    };
  });
}

/** Workflows/<Name>-<GUID>.json.data.xml (the <Workflow> entry) next to <Name>-<GUID>.json (the cloud flow). */
function readWorkflows(solutionSourceDir, connectionReferences, environmentVariables) {
  const workflowsDir = join(solutionSourceDir, "Workflows");
  const files = filesIn(workflowsDir);
  const workflows = files
    .filter((file) => file.endsWith(".data.xml"))
    .map((file) => {
      const path = join(workflowsDir, file);
      const workflow = parseXmlFile(path, `The flow source ${file}`)?.Workflow;
      if (!workflow || typeof workflow !== "object") throw new PackError(`${path} has no <Workflow> element.`);
      const id = bracedGuid(workflow["@_WorkflowId"], `${path} <Workflow WorkflowId>`);
      if (text(workflow.Category) !== MODERN_FLOW_CATEGORY) {
        throw new PackError(`${path}: Category ${text(workflow.Category)} is not supported; this packer packs cloud flows (Category 5) only.`);
      }
      const jsonFileName = text(workflow.JsonFileName);
      const jsonName = /^\/Workflows\/([^/\\]+\.json)$/.exec(jsonFileName)?.[1];
      if (!jsonName) throw new PackError(`${path}: <JsonFileName> "${jsonFileName}" must be /Workflows/<file>.json.`);
      if (file !== `${jsonName}.data.xml`) throw new PackError(`${path}: <JsonFileName> names ${jsonName}; the entry file must be named ${jsonName}.data.xml.`);
      // Dataverse names the file <Name without spaces>-<WORKFLOW GUID>.json; keep the two ids in step.
      const fileGuid = /-([0-9A-Fa-f-]{36})\.json$/.exec(jsonName)?.[1]?.toLowerCase();
      if (fileGuid !== id) throw new PackError(`${path}: the file name's GUID (${fileGuid ?? "none"}) differs from WorkflowId ${id}.`);
      const jsonPath = join(workflowsDir, jsonName);
      if (!existsSync(jsonPath)) throw new PackError(`${path} names ${jsonFileName} but ${jsonPath} does not exist.`);
      const bytes = readFileSync(jsonPath);
      let definition;
      try {
        definition = JSON.parse(bytes.toString("utf8").replace(/^\uFEFF/, ""));
      } catch (error) {
        throw new PackError(`${jsonPath} is not valid JSON: ${error.message}`);
      }
      checkFlowConnections(definition, jsonPath, connectionReferences);
      checkFlowEnvironmentVariables(definition, jsonPath, environmentVariables);
      return { id, name: text(workflow["@_Name"]), jsonName, bytes: new Uint8Array(bytes), node: withoutNamespaceDeclarations(workflow) };
    });
  for (const file of files) {
    if (file.endsWith(".data.xml")) continue;
    if (!workflows.some((workflow) => workflow.jsonName === file))
      throw new PackError(`${join(workflowsDir, file)} has no ${file}.data.xml entry; it would not be imported.`);
  }
  return workflows;
}

/** Every connection the flow names must be a declared connection reference for the same connector. */
function checkFlowConnections(flow, jsonPath, connectionReferences) {
  const map = flow?.properties?.connectionReferences;
  if (!flow?.properties?.definition || typeof map !== "object" || map === null) {
    throw new PackError(`${jsonPath}: a cloud flow needs properties.definition and properties.connectionReferences.`);
  }
  for (const [key, entry] of Object.entries(map)) {
    const logicalName = entry?.connection?.connectionReferenceLogicalName;
    const declared = connectionReferences.find((reference) => reference.logicalName === logicalName);
    if (!declared)
      throw new PackError(`${jsonPath}: connection "${key}" uses connection reference "${logicalName}", which Other/Customizations.xml does not declare.`);
    if (entry?.api?.name !== declared.connector) {
      throw new PackError(
        `${jsonPath}: connection "${key}" is for ${entry?.api?.name}, but connection reference "${logicalName}" is for ${declared.connector}.`,
      );
    }
  }
  const walk = (node) => {
    if (!node || typeof node !== "object") return;
    const host = node.inputs?.host;
    if (host && typeof host.connectionName === "string" && !(host.connectionName in map)) {
      throw new PackError(`${jsonPath}: a step uses connection "${host.connectionName}", which properties.connectionReferences does not map.`);
    }
    for (const value of Object.values(node)) walk(value);
  };
  walk(flow.properties.definition);
}

/**
 * A flow reads an environment variable as a definition parameter named "<display name> (<schema name>)" with
 * metadata.schemaName, and refers to it as parameters('<that name>'), as exports write it. Every such parameter must
 * name an environment variable this solution ships, and every parameters('...') reference a declared parameter.
 */
function checkFlowEnvironmentVariables(flow, jsonPath, environmentVariables) {
  const definition = flow.properties.definition;
  const declared = definition.parameters && typeof definition.parameters === "object" ? definition.parameters : {};
  for (const [name, parameter] of Object.entries(declared)) {
    if (name.startsWith("$")) continue;
    const schemaName = parameter?.metadata?.schemaName;
    const variable = environmentVariables.find((candidate) => candidate.schemaName === schemaName);
    if (!variable) {
      throw new PackError(
        `${jsonPath}: parameter "${name}" reads environment variable "${schemaName ?? ""}", which environmentvariabledefinitions/ does not define.`,
      );
    }
    const expected = `${variable.displayName} (${variable.schemaName})`;
    if (name !== expected)
      throw new PackError(`${jsonPath}: parameter "${name}" must be named "${expected}" (the variable's display name, then its schema name).`);
    const flowType = ENVIRONMENT_VARIABLE_TYPES.get(variable.type).flowType;
    if (flowType && parameter.type !== flowType) {
      throw new PackError(
        `${jsonPath}: parameter "${name}" has type "${parameter.type}"; a ${variable.typeName} environment variable is a ${flowType} parameter.`,
      );
    }
  }
  const body = JSON.stringify({ triggers: definition.triggers, actions: definition.actions });
  for (const match of body.matchAll(/parameters\('((?:[^']|'')*)'\)/g)) {
    const name = match[1].replace(/''/g, "'");
    if (!name.startsWith("$") && !(name in declared)) {
      throw new PackError(`${jsonPath}: an expression reads parameters('${name}'), which properties.definition.parameters does not declare.`);
    }
  }
}

/**
 * environmentvariabledefinitions/<schemaname>/environmentvariabledefinition.xml, SolutionPackager's layout and the
 * export's: <environmentvariabledefinition schemaname> with displayname, description, type and an optional
 * defaultvalue. Values (environmentvariablevalues.json) are set per environment and are not packed.
 */
function readEnvironmentVariables(solutionSourceDir, prefix) {
  const dir = join(solutionSourceDir, "environmentvariabledefinitions");
  return filesIn(dir).map((folder) => {
    const folderPath = join(dir, folder);
    for (const other of filesIn(folderPath).filter((name) => name !== "environmentvariabledefinition.xml")) {
      throw new PackError(
        `${join(folderPath, other)}: only environmentvariabledefinition.xml is packed; a value is set in each environment (deployment settings), not shipped.`,
      );
    }
    const path = join(folderPath, "environmentvariabledefinition.xml");
    const node = parseXmlFile(path, `The environment variable source ${folder}/environmentvariabledefinition.xml`)?.environmentvariabledefinition;
    if (!node || typeof node !== "object") throw new PackError(`${path} has no <environmentvariabledefinition> element.`);
    const schemaName = text(node["@_schemaname"]);
    if (schemaName !== folder) throw new PackError(`${path}: schemaname "${schemaName}" must equal its folder name "${folder}".`);
    if (!new RegExp(`^${prefix}_[A-Za-z0-9_]+$`).test(schemaName)) {
      throw new PackError(`${path}: schemaname "${schemaName}" must start with the publisher prefix "${prefix}_" and hold only letters, digits and "_".`);
    }
    const displayName = text(node.displayname?.["@_default"]);
    if (!displayName) throw new PackError(`${path}: <displayname default="..."> is empty; the flows name the variable's parameter after it.`);
    const type = text(node.type);
    const known = ENVIRONMENT_VARIABLE_TYPES.get(type);
    if (!known) {
      throw new PackError(
        `${path}: <type> "${type}" is not packed; use ${[...ENVIRONMENT_VARIABLE_TYPES].map(([value, { name }]) => `${value} (${name})`).join(", ")}.`,
      );
    }
    if ("defaultvalue" in node) {
      const value = text(node.defaultvalue);
      const bad =
        (known.name === "Number" && !/^-?\d+(\.\d+)?$/.test(value)) ||
        (known.name === "Boolean" && !["yes", "no"].includes(value)) ||
        (known.name === "JSON" && !isJson(value));
      if (bad) throw new PackError(`${path}: <defaultvalue> "${value}" is not a ${known.name} value.`);
    }
    for (const flag of ["iscustomizable", "isrequired", "secretstore"]) {
      if (flag in node && !["0", "1"].includes(text(node[flag]))) throw new PackError(`${path}: <${flag}> must be 0 or 1.`);
    }
    if (text(node.secretstore) === "1") throw new PackError(`${path}: secret environment variables (secretstore 1) are not packed.`);
    return { schemaName, displayName, type, typeName: known.name, node: withoutNamespaceDeclarations(node) };
  });
}

function isJson(value) {
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}

/** One <Titles><Title LCID Title> needs a non-empty title. */
function checkTitles(node, where) {
  if (!asArray(node?.Titles?.Title).some((title) => text(title?.["@_Title"]))) throw new PackError(`${where} has no <Titles><Title Title="..."> to show.`);
}

/**
 * A site map subarea's Url as this packer accepts it: the list of a shipped table opened on one of its views,
 * /main.aspx?pagetype=entitylist&etn=<table>&viewid=<view id>&viewtype=1039 (1039: a system view).
 */
function readSubAreaUrl(url, where, entities) {
  const match = /^\/main\.aspx\?(.+)$/.exec(url);
  if (!match) throw new PackError(`${where}: Url "${url}" is not packed; use /main.aspx?pagetype=entitylist&etn=<table>&viewid=<view id>&viewtype=1039.`);
  const query = new URLSearchParams(match[1]);
  if (query.get("pagetype") !== "entitylist" || query.get("viewtype") !== "1039") {
    throw new PackError(`${where}: Url "${url}" must open a table's system view (pagetype=entitylist, viewtype=1039).`);
  }
  const table = query.get("etn") ?? "";
  const entity = entities.find((candidate) => candidate.logicalName === table);
  if (!entity) throw new PackError(`${where}: Url names table "${table}", which is not a table in Entities/.`);
  const viewId = bracedGuid(query.get("viewid") ?? "", `${where} Url viewid`);
  if (!entity.views.some((view) => view.id === viewId)) throw new PackError(`${where}: Url names view {${viewId}}, which ${table}'s Entity.xml does not have.`);
  return { table, viewId };
}

/**
 * AppModuleSiteMaps/<UniqueName>/AppModuleSiteMap.xml: <AppModuleSiteMap> with SiteMapUniqueName and a <SiteMap> of
 * areas, groups and subareas. A subarea opens a shipped table (Entity) or one of its views (Url).
 */
function readAppModuleSiteMaps(solutionSourceDir, prefix, entities) {
  const dir = join(solutionSourceDir, "AppModuleSiteMaps");
  return filesIn(dir).map((folder) => {
    const folderPath = join(dir, folder);
    for (const other of filesIn(folderPath).filter((name) => name !== "AppModuleSiteMap.xml")) {
      throw new PackError(`${join(folderPath, other)}: only AppModuleSiteMap.xml is packed.`);
    }
    const path = join(folderPath, "AppModuleSiteMap.xml");
    const node = parseXmlFile(path, `The site map source ${folder}/AppModuleSiteMap.xml`)?.AppModuleSiteMap;
    if (!node || typeof node !== "object") throw new PackError(`${path} has no <AppModuleSiteMap> element.`);
    const uniqueName = text(node.SiteMapUniqueName);
    if (uniqueName !== folder) throw new PackError(`${path}: <SiteMapUniqueName> "${uniqueName}" must equal its folder name "${folder}".`);
    if (!new RegExp(`^${prefix}_[A-Za-z0-9_]+$`).test(uniqueName)) {
      throw new PackError(`${path}: <SiteMapUniqueName> "${uniqueName}" must start with the publisher prefix "${prefix}_".`);
    }
    const areas = asArray(node.SiteMap?.Area);
    if (areas.length === 0) throw new PackError(`${path}: the <SiteMap> has no <Area>.`);
    const ids = new Set();
    const claim = (item, kind) => {
      const id = text(item?.["@_Id"]);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(id)) throw new PackError(`${path}: a <${kind}> has Id "${id}"; use letters, digits and "_".`);
      if (ids.has(id)) throw new PackError(`${path}: Id "${id}" is used twice; every area, group and subarea needs its own.`);
      ids.add(id);
      return `${path} <${kind} Id="${id}">`;
    };
    const tables = new Set();
    const views = new Set();
    for (const area of areas) {
      checkTitles(area, claim(area, "Area"));
      const groups = asArray(area.Group);
      if (groups.length === 0) throw new PackError(`${path} <Area Id="${text(area["@_Id"])}"> has no <Group>.`);
      for (const group of groups) {
        checkTitles(group, claim(group, "Group"));
        const subAreas = asArray(group.SubArea);
        if (subAreas.length === 0) throw new PackError(`${path} <Group Id="${text(group["@_Id"])}"> has no <SubArea>.`);
        for (const subArea of subAreas) {
          const where = claim(subArea, "SubArea");
          checkTitles(subArea, where);
          const table = text(subArea["@_Entity"]);
          const url = text(subArea["@_Url"]);
          if (!table && !url) throw new PackError(`${where} names neither a table (Entity) nor a view (Url).`);
          if (table) {
            if (!entities.some((entity) => entity.logicalName === table)) throw new PackError(`${where}: Entity "${table}" is not a table in Entities/.`);
            tables.add(table);
          }
          if (url) {
            const target = readSubAreaUrl(url, where, entities);
            if (table && target.table !== table) throw new PackError(`${where}: Url opens ${target.table} but Entity is ${table}.`);
            tables.add(target.table);
            views.add(target.viewId);
          }
          for (const privilege of asArray(subArea.Privilege)) {
            const entity = text(privilege["@_Entity"]);
            if (!entities.some((candidate) => candidate.logicalName === entity)) {
              throw new PackError(`${where}: <Privilege Entity="${entity}"> is not a table in Entities/.`);
            }
            for (const value of text(privilege["@_Privilege"]).split(",")) {
              if (!SITEMAP_PRIVILEGES.has(value.trim()))
                throw new PackError(`${where}: <Privilege Privilege="${value}"> is not one of ${[...SITEMAP_PRIVILEGES].join(", ")}.`);
            }
          }
        }
      }
    }
    return { uniqueName, path, tables: [...tables], views: [...views], node: withoutNamespaceDeclarations(node) };
  });
}

/**
 * AppModules/<UniqueName>/AppModule.xml: <AppModule> with UniqueName, its components (tables, views and forms this
 * solution ships, and its site map) and its role map (the solution's roles, or platform roles by template id).
 */
function readAppModules(solutionSourceDir, prefix, { entities, roles, siteMaps }) {
  const dir = join(solutionSourceDir, "AppModules");
  const apps = filesIn(dir).map((folder) => {
    const folderPath = join(dir, folder);
    for (const other of filesIn(folderPath).filter((name) => name !== "AppModule.xml")) {
      throw new PackError(`${join(folderPath, other)}: only AppModule.xml is packed.`);
    }
    const path = join(folderPath, "AppModule.xml");
    const node = parseXmlFile(path, `The app source ${folder}/AppModule.xml`)?.AppModule;
    if (!node || typeof node !== "object") throw new PackError(`${path} has no <AppModule> element.`);
    const uniqueName = text(node.UniqueName);
    if (uniqueName !== folder) throw new PackError(`${path}: <UniqueName> "${uniqueName}" must equal its folder name "${folder}".`);
    if (!new RegExp(`^${prefix}_[A-Za-z0-9_]+$`).test(uniqueName)) {
      throw new PackError(`${path}: <UniqueName> "${uniqueName}" must start with the publisher prefix "${prefix}_".`);
    }
    if (!asArray(node.LocalizedNames?.LocalizedName).some((name) => text(name?.["@_description"]))) {
      throw new PackError(`${path}: the app has no <LocalizedNames><LocalizedName description="...">.`);
    }
    if ("WebResourceId" in node) bracedGuid(node.WebResourceId, `${path} <WebResourceId>`);

    const components = asArray(node.AppModuleComponents?.AppModuleComponent);
    const seen = new Set();
    const tables = [];
    const named = { views: [], forms: [], siteMaps: [] };
    for (const component of components) {
      const type = text(component?.["@_type"]);
      if (!APP_COMPONENT_TYPES.has(type)) {
        throw new PackError(
          `${path}: <AppModuleComponent type="${type}"> is not packed; an app here names tables (1), views (26), forms (60) and its site map (62).`,
        );
      }
      const key =
        type === COMPONENT_TYPE.entity || type === COMPONENT_TYPE.siteMap
          ? text(component["@_schemaName"])
          : bracedGuid(component["@_id"], `${path} <AppModuleComponent type="${type}"> id`);
      if (seen.has(`${type}:${key}`)) throw new PackError(`${path}: <AppModuleComponent type="${type}"> ${key} is listed twice.`);
      seen.add(`${type}:${key}`);
      if (type === COMPONENT_TYPE.entity) {
        if (!entities.some((entity) => entity.logicalName === key))
          throw new PackError(`${path}: table "${key}" is not a table in Entities/ (use its logical name).`);
        tables.push(key);
      } else if (type === COMPONENT_TYPE.view) {
        const entity = entities.find((candidate) => candidate.views.some((view) => view.id === key));
        if (!entity) throw new PackError(`${path}: view {${key}} is not a view of a table in Entities/.`);
        named.views.push({ id: key, table: entity.logicalName });
      } else if (type === COMPONENT_TYPE.form) {
        const entity = entities.find((candidate) => candidate.forms.some((form) => form.id === key));
        if (!entity) throw new PackError(`${path}: form {${key}} is not a form of a table in Entities/.`);
        named.forms.push({ id: key, table: entity.logicalName });
      } else {
        if (!siteMaps.some((siteMap) => siteMap.uniqueName === key)) throw new PackError(`${path}: site map "${key}" is not in AppModuleSiteMaps/.`);
        named.siteMaps.push(key);
      }
    }
    if (named.siteMaps.length !== 1)
      throw new PackError(`${path}: an app names exactly one site map (<AppModuleComponent type="62">); this one names ${named.siteMaps.length}.`);
    for (const item of [...named.views, ...named.forms]) {
      if (!tables.includes(item.table))
        throw new PackError(`${path}: {${item.id}} belongs to ${item.table}, which the app does not list (<AppModuleComponent type="1">).`);
    }
    const siteMap = siteMaps.find((candidate) => candidate.uniqueName === named.siteMaps[0]);
    for (const table of siteMap.tables) {
      if (!tables.includes(table)) throw new PackError(`${path}: its site map opens ${table}, which the app does not list (<AppModuleComponent type="1">).`);
    }
    // An app that lists some views of a table shows only those (none listed: all of them), so a view the site map
    // opens must be listed when its table's views are.
    for (const viewId of siteMap.views) {
      const table = entities.find((entity) => entity.views.some((view) => view.id === viewId)).logicalName;
      const listed = named.views.filter((view) => view.table === table);
      if (listed.length && !listed.some((view) => view.id === viewId)) {
        throw new PackError(`${path}: its site map opens view {${viewId}} of ${table}, which the app does not list (<AppModuleComponent type="26">).`);
      }
    }

    const roleIds = asArray(node.AppModuleRoleMaps?.Role).map((role) => bracedGuid(role?.["@_id"], `${path} <AppModuleRoleMaps><Role id>`));
    if (roleIds.length === 0) throw new PackError(`${path}: the app's role map (<AppModuleRoleMaps>) names no role, so no one but admins could open it.`);
    for (const id of roleIds) {
      if (!roles.some((role) => role.id === id) && !ROLE_TEMPLATES.has(id)) {
        throw new PackError(`${path}: role {${id}} is neither a role in Roles/ nor a platform role template (${[...ROLE_TEMPLATES.values()].join(", ")}).`);
      }
    }
    if (new Set(roleIds).size !== roleIds.length) throw new PackError(`${path}: the role map names a role twice.`);
    return {
      uniqueName,
      siteMap: siteMap.uniqueName,
      tables,
      views: named.views.map((view) => view.id),
      forms: named.forms.map((form) => form.id),
      roleIds,
      node: withoutNamespaceDeclarations(node),
    };
  });
  for (const siteMap of siteMaps) {
    const users = apps.filter((app) => app.siteMap === siteMap.uniqueName);
    if (users.length !== 1)
      throw new PackError(`${siteMap.path}: site map "${siteMap.uniqueName}" must belong to exactly one app in AppModules/; ${users.length} name it.`);
  }
  return apps;
}

// ---------------------------------------------------------------------------------------------------------
// Outputs

function attributesOf(node) {
  return Object.fromEntries(Object.entries(node ?? {}).filter(([key]) => key.startsWith("@_")));
}

function solutionXml(source, { schemaName, version, managed }) {
  const m = source.manifest;
  return xmlDocument({
    ImportExportXml: {
      ...attributesOf(source.root),
      "@_xmlns:xsi": XSI_NS,
      SolutionManifest: {
        UniqueName: source.uniqueName,
        LocalizedNames: m.LocalizedNames ?? "",
        Descriptions: m.Descriptions ?? "",
        Version: version,
        Managed: managed ? "1" : "0",
        Publisher: source.publisher,
        // behavior 0 = include subcomponents, in component type order as exports list them. Connection references
        // are not root components (as in exports). Site maps (62) and apps (80) go by unique name, as exports write
        // them; environment variable definitions (380) by schema name.
        RootComponents: {
          RootComponent: [
            ...source.entities.map((entity) => ({ "@_type": COMPONENT_TYPE.entity, "@_schemaName": entity.logicalName, "@_behavior": "0" })),
            ...source.roles.map((role) => ({ "@_type": COMPONENT_TYPE.role, "@_id": `{${role.id}}`, "@_behavior": "0" })),
            ...source.workflows.map((workflow) => ({ "@_type": COMPONENT_TYPE.workflow, "@_id": `{${workflow.id}}`, "@_behavior": "0" })),
            ...source.siteMaps.map((siteMap) => ({ "@_type": COMPONENT_TYPE.siteMap, "@_schemaName": siteMap.uniqueName, "@_behavior": "0" })),
            { "@_type": COMPONENT_TYPE.customControl, "@_schemaName": schemaName, "@_behavior": "0" },
            ...source.fieldSecurityProfiles.map((profile) => ({ "@_type": COMPONENT_TYPE.fieldSecurityProfile, "@_id": `{${profile.id}}`, "@_behavior": "0" })),
            ...source.appModules.map((app) => ({ "@_type": COMPONENT_TYPE.appModule, "@_schemaName": app.uniqueName, "@_behavior": "0" })),
            ...source.environmentVariables.map((variable) => ({
              "@_type": COMPONENT_TYPE.environmentVariableDefinition,
              "@_schemaName": variable.schemaName,
              "@_behavior": "0",
            })),
          ],
        },
        // As the source lists them (what an export lists for components this solution uses but does not ship).
        MissingDependencies: m.MissingDependencies ?? "",
      },
    },
  });
}

function customizationsXml(source, { schemaName, folder }) {
  const root = { ...attributesOf(source.customizationsRoot), "@_xmlns:xsi": XSI_NS };
  const sections = {
    Entities: source.entities.length ? { Entity: source.entities.map((entity) => entity.node) } : "",
    Roles: source.roles.length ? { Role: source.roles.map((role) => role.node) } : "",
    Workflows: source.workflows.length ? { Workflow: source.workflows.map((workflow) => workflow.node) } : "",
    FieldSecurityProfiles: source.fieldSecurityProfiles.length ? { FieldSecurityProfile: source.fieldSecurityProfiles.map((profile) => profile.node) } : "",
    EntityRelationships: source.relationships.length ? { EntityRelationship: source.relationships.map((relationship) => relationship.node) } : "",
    CustomControls: { CustomControl: { Name: schemaName, FileName: `/${folder}/ControlManifest.xml` } },
    AppModuleSiteMaps: source.siteMaps.length ? { AppModuleSiteMap: source.siteMaps.map((siteMap) => siteMap.node) } : undefined,
    AppModules: source.appModules.length ? { AppModule: source.appModules.map((app) => app.node) } : undefined,
  };
  for (const section of CUSTOMIZATION_SECTIONS) {
    if (OPTIONAL_SECTIONS.has(section) && sections[section] === undefined) continue;
    root[section] = sections[section] ?? "";
  }
  // Exports place <connectionreferences> after <EntityDataProviders>, before <Languages>.
  if (source.connectionReferences.length) root.connectionreferences = { connectionreference: source.connectionReferences.map((reference) => reference.node) };
  root.Languages = { Language: source.languages };
  return xmlDocument({ ImportExportXml: root });
}

function contentTypesXml(extensions) {
  return xmlDocument({
    Types: {
      "@_xmlns": CONTENT_TYPES_NS,
      // Real exports give every extension the same generic type.
      Default: extensions.map((extension) => ({ "@_Extension": extension, "@_ContentType": "application/octet-stream" })),
    },
  });
}

function extensionOf(path) {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

/** Entries of the zip as { path: bytes }, nothing written. */
function buildSolutionEntries({ builtControlDir, solutionSourceDir, managed }) {
  const control = readBuiltControl(builtControlDir);
  const source = readSolutionSource(solutionSourceDir);
  const version = toFourPart(control.version);
  if (toFourPart(source.version) !== version) {
    throw new PackError(
      `The built control's version ${control.version} and Solution.xml's Version ${source.version} differ. Run \`npm run version -- <x.y.z>\` and build again.`,
    );
  }
  const schemaName = `${source.prefix}_${control.namespace}.${control.constructorName}`;
  const folder = `Controls/${schemaName}`;

  const entries = {};
  const encoder = new TextEncoder();
  entries["solution.xml"] = encoder.encode(solutionXml(source, { schemaName, version, managed }));
  entries["customizations.xml"] = encoder.encode(customizationsXml(source, { schemaName, folder }));
  entries[`${folder}/ControlManifest.xml`] = new Uint8Array(readFileSync(control.manifestPath));
  for (const file of control.resourceFiles) {
    entries[`${folder}/${file.relative}`] = new Uint8Array(readFileSync(file.absolute));
  }
  for (const workflow of source.workflows) entries[`Workflows/${workflow.jsonName}`] = workflow.bytes;
  // Exports write each definition as its own file, without an XML declaration or byte-order mark.
  for (const variable of source.environmentVariables) {
    entries[`environmentvariabledefinitions/${variable.schemaName}/environmentvariabledefinition.xml`] = encoder.encode(
      builder.build({ environmentvariabledefinition: variable.node }),
    );
  }
  const untyped = Object.keys(entries).filter((path) => !extensionOf(path));
  if (untyped.length > 0) throw new PackError(`Files without an extension cannot be typed in [Content_Types].xml: ${untyped.join(", ")}`);
  const extensions = [...new Set(Object.keys(entries).map(extensionOf))].sort();
  // Entry order does not matter to import; [Content_Types].xml first keeps listings readable.
  const ordered = { "[Content_Types].xml": encoder.encode(contentTypesXml(extensions)), ...entries };
  const fileName = `${source.uniqueName}_${version.replace(/\./g, "_")}_${managed ? "managed" : "unmanaged"}.zip`;
  return { fileName, entries: ordered, schemaName, version, uniqueName: source.uniqueName };
}

function zipEntries(entries) {
  // Fixed timestamp so the same input gives the same bytes; deflate every entry.
  const mtime = new Date(Date.UTC(2020, 0, 1));
  const input = Object.fromEntries(Object.entries(entries).map(([path, bytes]) => [path, [bytes, { level: 9, mtime }]]));
  return zipSync(input);
}

/** Writes via a temporary file in the same folder and a rename, so a half-written zip never stays. */
function writeFileAtomically(path, bytes) {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Packs one solution zip. Checks everything before writing; on bad input throws PackError and writes nothing.
 * Returns { zipPath, fileName, schemaName, version, uniqueName, entryNames }.
 */
function packSolution({ builtControlDir, solutionSourceDir, outDir, managed }) {
  const result = buildSolutionEntries({ builtControlDir, solutionSourceDir, managed: Boolean(managed) });
  const bytes = zipEntries(result.entries);
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, result.fileName);
  writeFileAtomically(zipPath, bytes);
  return {
    zipPath,
    fileName: result.fileName,
    schemaName: result.schemaName,
    version: result.version,
    uniqueName: result.uniqueName,
    entryNames: Object.keys(result.entries),
  };
}

/** Both zips; both are built in memory first, so bad input leaves neither. */
function packSolutions({ builtControlDir, solutionSourceDir, outDir }) {
  const built = [false, true].map((managed) => ({ managed, ...buildSolutionEntries({ builtControlDir, solutionSourceDir, managed }) }));
  mkdirSync(outDir, { recursive: true });
  return built.map((result) => {
    const zipPath = join(outDir, result.fileName);
    writeFileAtomically(zipPath, zipEntries(result.entries));
    return {
      zipPath,
      fileName: result.fileName,
      managed: result.managed,
      schemaName: result.schemaName,
      version: result.version,
      uniqueName: result.uniqueName,
      entryNames: Object.keys(result.entries),
    };
  });
}

module.exports = { PackError, packSolution, packSolutions, buildSolutionEntries, readBuiltControl, readSolutionSource };
