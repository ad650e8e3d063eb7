/**
 * How each kind of component is read from its element of customizations.xml: its key, name and the facts the risk rules and
 * detail lines need. Split from components.ts, which walks the file and calls these.
 */
import type { ComponentDetails, ComponentKind, PrivilegeDepth, SolutionComponent } from "./components";
import { assemblyFacets, stepFacets, workflowFacets } from "./details/processes";
import {
  appFacets,
  canvasAppFacets,
  connectorName,
  controlFacets,
  customApiFacets,
  customConnectorId,
  siteMapFacets,
  variableFacets,
  webResourceFacets,
} from "./details/resources";
import { compareStrings } from "./details/facets";
import { optionSetFacets, relationshipFacets } from "./details/tables";
import { attr, guid, kid, kids, text, type XmlElement } from "./xml";

/**
 * Privilege levels as role XML writes them (Basic, Local, Deep, Global), the older names and the role editor's names for the
 * same depths (User, Business Unit, Parent: Child Business Units, Organization), and the privilege depth mask values
 * (Microsoft Learn, roleprivileges.privilegedepthmask: 1 Basic, 2 Local, 4 Deep, 8 Global).
 */
const DEPTHS: Record<string, PrivilegeDepth> = {
  basic: "Basic",
  user: "Basic",
  "1": "Basic",
  local: "Local",
  businessunit: "Local",
  "2": "Local",
  deep: "Deep",
  parentchild: "Deep",
  parentchildbusinessunits: "Deep",
  "4": "Deep",
  global: "Global",
  organization: "Global",
  "8": "Global",
};

export function normalizeDepth(level: string): PrivilegeDepth | string {
  return DEPTHS[level.toLowerCase().replace(/[^a-z0-9]/g, "")] ?? level;
}

/**
 * SdkMessageId is the same in every environment for the platform's messages; these three were read from a real export next to
 * steps named "... Create of ...", "... Update of ...", "... Delete of ...". Other messages fall back to the step's name.
 */
const MESSAGES: Record<string, string> = {
  "9ebdbb1b-ea3e-db11-86a7-000a3a5473e8": "Create",
  "20bebb1b-ea3e-db11-86a7-000a3a5473e8": "Update",
  "a1bdbb1b-ea3e-db11-86a7-000a3a5473e8": "Delete",
};

/** The 1033 label, else the first non-empty label, of LocalizedNames / displaynames / displayname; or the text of a plain DisplayName. */
export function label(el: XmlElement | null): string | null {
  for (const c of kids(el)) {
    const n = c.localName.toLowerCase();
    if (n !== "localizednames" && n !== "displaynames" && n !== "displayname") continue;
    const labels = kids(c).filter((l) => attr(l, "description")?.trim());
    const best = labels.find((l) => attr(l, "languagecode") === "1033") ?? labels[0];
    const value = best ? attr(best, "description")?.trim() : kids(c).length === 0 ? text(c) : null;
    if (value) return value;
  }
  return null;
}

export const lower = (value: string | null | undefined): string | null => (value ? value.toLowerCase() : null);
const num = (value: string | null): number | undefined => (value !== null && value !== "" && Number.isFinite(Number(value)) ? Number(value) : undefined);
/** A process's or step's table; "none" is what exports write for one that runs on no table (a cloud flow, a global message). */
const tableOf = (el: XmlElement): string | undefined => {
  const table = lower(text(el, "primaryentity"));
  return table && table !== "none" ? table : undefined;
};
export const filePath = (value: string | null): string | undefined => value?.replace(/\\/g, "/").replace(/^\/+/, "") || undefined;

export interface Found {
  key: string | null;
  name?: string | null;
  logicalName?: string | null;
  details?: ComponentDetails;
  kind?: ComponentKind;
}

/** Kinds that are a list under one container of ImportExportXml: [container, item, kind, how to read one]. */
export const LISTS: [string, string, ComponentKind, (el: XmlElement) => Found][] = [
  [
    "entityrelationships",
    "entityrelationship",
    "relationships",
    (el) => {
      const table = lower(text(el, "referencingentityname") ?? text(el, "firstentityname"));
      const referenced = lower(text(el, "referencedentityname") ?? text(el, "secondentityname"));
      // Named by the tables it joins, so the line does not read the schema name twice (it is the logical name beside it).
      return {
        key: lower(attr(el, "name")),
        name: table && referenced ? `${referenced} → ${table}` : attr(el, "name"),
        logicalName: attr(el, "name"),
        details: { table: table ?? undefined, referencedTable: referenced ?? undefined, facets: relationshipFacets(el) },
      };
    },
  ],
  [
    "optionsets",
    "optionset",
    "optionSets",
    (el) => ({
      key: lower(attr(el, "name")),
      name: label(el) ?? attr(el, "localizedname"),
      logicalName: attr(el, "name"),
      details: { facets: optionSetFacets(el) },
    }),
  ],
  [
    "roles",
    "role",
    "roles",
    (el) => ({
      key: guid(attr(el, "id")),
      name: attr(el, "name"),
      details: {
        privileges: kids(kid(el, "roleprivileges"), "roleprivilege")
          .map((p) => ({ name: attr(p, "name") ?? "", depth: normalizeDepth(attr(p, "level") ?? "") }))
          .filter((p) => p.name)
          .sort((a, b) => compareText(a.name, b.name)),
      },
    }),
  ],
  [
    "workflows",
    "workflow",
    "workflows",
    (el) => {
      const category = num(text(el, "category"));
      // Category 5 is a modern (cloud) flow; its definition is a JSON file under Workflows/ (Microsoft Learn, workflow table, category choice).
      return {
        key: guid(attr(el, "workflowid")),
        name: label(el) ?? attr(el, "name"),
        kind: category === 5 ? "cloudFlows" : "workflows",
        details: {
          category,
          file: filePath(text(el, "jsonfilename") ?? text(el, "xamlfilename")),
          primaryEntity: lower(text(el, "primaryentity")) ?? undefined,
          table: tableOf(el),
          facets: workflowFacets(el, category === 5),
        },
      };
    },
  ],
  [
    "webresources",
    "webresource",
    "webResources",
    (el) => ({
      key: lower(text(el, "name")),
      name: label(el),
      logicalName: text(el, "name"),
      details: { file: filePath(text(el, "filename")), facets: webResourceFacets(el) },
    }),
  ],
  [
    "solutionpluginassemblies",
    "pluginassembly",
    "pluginAssemblies",
    (el) => {
      // FullName carries the version ("Name, Version=1.0.0.0, Culture=neutral, PublicKeyToken=..."): the key is the name before it.
      const simple = attr(el, "fullname")?.split(",")[0].trim() || guid(attr(el, "pluginassemblyid"));
      return { key: lower(simple), name: simple, details: { file: filePath(text(el, "filename")), facets: assemblyFacets(el) } };
    },
  ],
  [
    "sdkmessageprocessingsteps",
    "sdkmessageprocessingstep",
    "pluginSteps",
    (el) => {
      const name = attr(el, "name");
      const messageId = guid(text(el, "sdkmessageid"));
      const message = (messageId && MESSAGES[messageId]) || /:\s*(\S+) of /.exec(name ?? "")?.[1] || messageId || undefined;
      const table = tableOf(el);
      return {
        key: guid(attr(el, "sdkmessageprocessingstepid")),
        name,
        details: {
          message,
          primaryEntity: lower(text(el, "primaryentity")) ?? undefined,
          table,
          stage: num(text(el, "stage")),
          mode: num(text(el, "mode")),
          pluginType: text(el, "plugintypename")?.split(",")[0] ?? undefined,
          facets: stepFacets(el, message, table),
        },
      };
    },
  ],
  ["environmentvariabledefinitions", "environmentvariabledefinition", "environmentVariables", readEnvironmentVariable],
  [
    "connectionreferences",
    "connectionreference",
    "connectionReferences",
    (el) => {
      const logicalName = attr(el, "connectionreferencelogicalname") ?? text(el, "connectionreferencelogicalname");
      const connectorId = lower(text(el, "connectorid")) ?? undefined;
      return {
        key: lower(logicalName),
        name: text(el, "connectionreferencedisplayname"),
        logicalName,
        details: { connectorId, connectorName: connectorName(connectorId) ?? undefined, customConnectorId: customConnectorId(el) ?? undefined },
      };
    },
  ],
  [
    "connectors",
    "connector",
    "connectors",
    (el) => ({
      key: lower(text(el, "name")),
      name: label(el),
      logicalName: text(el, "name"),
      details: { customConnectorId: guid(text(el, "connectorid")) ?? undefined },
    }),
  ],
  [
    "appmodules",
    "appmodule",
    "modelDrivenApps",
    (el) => ({ key: lower(text(el, "uniquename")), name: label(el), logicalName: text(el, "uniquename"), details: { facets: appFacets(el) } }),
  ],
  [
    "appmodulesitemaps",
    "appmodulesitemap",
    "siteMaps",
    (el) => ({
      key: lower(text(el, "sitemapuniquename")),
      name: label(el),
      logicalName: text(el, "sitemapuniquename"),
      details: { facets: siteMapFacets(kid(el, "sitemap")) },
    }),
  ],
  [
    "canvasapps",
    "canvasapp",
    "canvasApps",
    (el) => ({
      key: lower(text(el, "name")),
      name: label(el),
      logicalName: text(el, "name"),
      // Its .msapp adds screens and data sources, not to the fingerprint: one side read and the other not (budget) would differ.
      details: { facets: canvasAppFacets(el), file: filePath(text(el, "documenturi")) },
    }),
  ],
  ["customapis", "customapi", "customApis", readCustomApi],
  [
    "customcontrols",
    "customcontrol",
    "codeComponents",
    (el) => ({ key: lower(text(el, "name")), name: text(el, "name"), logicalName: text(el, "name"), details: { facets: controlFacets(el) } }),
  ],
];

export function readEnvironmentVariable(el: XmlElement, currentValueJson?: string): Found {
  const schemaName = attr(el, "schemaname");
  return {
    key: lower(schemaName),
    name: label(el),
    logicalName: schemaName,
    details: { hasDefaultValue: text(el, "defaultvalue") !== null, facets: variableFacets(el, currentValueJson) },
  };
}

export function readCustomApi(el: XmlElement, parts?: readonly XmlElement[]): Found {
  const uniqueName = attr(el, "uniquename") ?? text(el, "uniquename");
  return { key: lower(uniqueName), name: label(el), logicalName: uniqueName, details: { facets: customApiFacets(el, parts ?? []) } };
}

/** Locale-independent order: case-insensitive first, then exact, so the order is the same in every browser language. */
export function compareText(a: string, b: string): number {
  return compareStrings(a.toLowerCase(), b.toLowerCase()) || compareStrings(a, b);
}

/** Connection references name their connector: a custom connector's display name when this solution carries the connector. */
export function nameConnectors(found: Map<ComponentKind, Map<string, SolutionComponent>>): void {
  const custom = new Map<string, string>();
  for (const c of found.get("connectors")!.values()) if (c.details?.customConnectorId) custom.set(c.details.customConnectorId, c.name);
  for (const c of found.get("connectionReferences")!.values()) {
    const d = c.details;
    if (!d) continue;
    const name = (d.customConnectorId && custom.get(d.customConnectorId)) || d.connectorName;
    if (name) c.details = { ...d, connectorName: name, facets: { connector: name } };
  }
}
