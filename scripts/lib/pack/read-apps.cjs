/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS so the jest tests (ts-jest, CommonJS) can call it directly. */
"use strict";
// The model-driven app (AppModules/) and its site map (AppModuleSiteMaps/).
const { join } = require("node:path");
const { PackError } = require("./pack-error.cjs");
const { COMPONENT_TYPE } = require("./solution-format.cjs");
const { asArray, bracedGuid, filesIn, parseXmlFile, text, withoutNamespaceDeclarations } = require("./xml.cjs");

/** @typedef {import("./read-tables.cjs").Entity} Entity */
/** @typedef {ReturnType<typeof readAppModuleSiteMaps>[number]} SiteMap */
/** @typedef {{ id: string, table: string }} TableItem A view or form the app names, and the table it belongs to. */

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
/** SiteMap <Privilege Privilege="..."> values (SiteMapType.xsd). */
const SITEMAP_PRIVILEGES = new Set(["All", "AllowQuickCampaign", "Append", "AppendTo", "Assign", "Create", "Delete", "Read", "Share", "Write"]);

/**
 * One <Titles><Title LCID Title> needs a non-empty title.
 * @param {import("./xml.cjs").XmlNode} node
 * @param {string} where
 */
function checkTitles(node, where) {
  if (!asArray(node?.Titles?.Title).some((title) => text(title?.["@_Title"]))) throw new PackError(`${where} has no <Titles><Title Title="..."> to show.`);
}

/**
 * A site map subarea's Url as this packer accepts it: the list of a shipped table opened on one of its views,
 * /main.aspx?pagetype=entitylist&etn=<table>&viewid=<view id>&viewtype=1039 (1039: a system view).
 * @param {string} url
 * @param {string} where
 * @param {Entity[]} entities
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
 * @param {string} solutionSourceDir
 * @param {string} prefix The publisher's customization prefix.
 * @param {Entity[]} entities
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
    const claim = (/** @type {import("./xml.cjs").XmlNode} */ item, /** @type {string} */ kind) => {
      const id = text(item?.["@_Id"]);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(id)) throw new PackError(`${path}: a <${kind}> has Id "${id}"; use letters, digits and "_".`);
      if (ids.has(id)) throw new PackError(`${path}: Id "${id}" is used twice; every area, group and subarea needs its own.`);
      ids.add(id);
      return `${path} <${kind} Id="${id}">`;
    };
    /** @type {Set<string>} */
    const tables = new Set();
    /** @type {Set<string>} */
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
 * @param {string} solutionSourceDir
 * @param {string} prefix The publisher's customization prefix.
 * @param {{ entities: Entity[], roles: import("./read-security.cjs").Role[], siteMaps: SiteMap[] }} components
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
    /** @type {string[]} */
    const tables = [];
    /** @type {{ views: TableItem[], forms: TableItem[], siteMaps: string[] }} */
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
    // Each named site map was found in siteMaps above; each view a site map opens, in its table (readSubAreaUrl).
    const siteMap = /** @type {SiteMap} */ (siteMaps.find((candidate) => candidate.uniqueName === named.siteMaps[0]));
    for (const table of siteMap.tables) {
      if (!tables.includes(table)) throw new PackError(`${path}: its site map opens ${table}, which the app does not list (<AppModuleComponent type="1">).`);
    }
    // An app that lists some views of a table shows only those (none listed: all of them), so a view the site map
    // opens must be listed when its table's views are.
    for (const viewId of siteMap.views) {
      const table = /** @type {Entity} */ (entities.find((entity) => entity.views.some((view) => view.id === viewId))).logicalName;
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

module.exports = { readAppModuleSiteMaps, readAppModules };
