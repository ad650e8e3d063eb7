/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS so the jest tests (ts-jest, CommonJS) can call it directly. */
"use strict";
// Tables (Entities/) with their forms and views, and the relationships between them (Other/Relationships/).
const { existsSync } = require("node:fs");
const { join } = require("node:path");
const { PackError } = require("./pack-error.cjs");
const { asArray, bracedGuid, elementsNamed, filesIn, parseXmlFile, text, withoutNamespaceDeclarations } = require("./xml.cjs");

/** @typedef {import("./xml.cjs").XmlNode} XmlNode */
/** @typedef {{ path: string, logicalName: string, columns: string[] }} TableColumns A table's columns, for the checks of its forms and views. */
/** @typedef {ReturnType<typeof readEntities>[number]} Entity */

/**
 * Entities/<SchemaName>/Entity.xml, with its forms (<FormXml>) and views (<SavedQueries>) inline, as exports carry
 * them; SolutionPackager's FormXml/ and SavedQueries/ folders are not read. Forms and views may name only columns of
 * the table, and a form's custom control descriptions only controls of the same form.
 * @param {string} solutionSourceDir
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

/**
 * @param {TableColumns} table
 * @param {string} column
 * @param {string} where
 */
function checkColumn(table, column, where) {
  if (!table.columns.includes(column)) throw new PackError(`${table.path}: ${where} names column "${column}", which ${table.logicalName} does not have.`);
}

/** <FormXml><forms type><systemform>: ids, the columns its controls bind, and its custom controls' descriptions. */
/**
 * @param {XmlNode} entity
 * @param {TableColumns} table
 */
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
          /** @type {Record<string, string>} */
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
/**
 * @param {XmlNode} entity
 * @param {TableColumns} table
 */
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
/**
 * @param {string} otherDir
 * @param {Entity[]} entities
 */
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

module.exports = { readEntities, readRelationships };
