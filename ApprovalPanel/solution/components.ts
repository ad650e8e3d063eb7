/**
 * customizations.xml (and the component files an export keeps beside it) read into components by kind, each with a stable key
 * and a fingerprint of its canonical XML, so that a reformatted or re-exported but unchanged component compares equal.
 *
 * Element names follow exported solutions and the customizations schema (Microsoft Learn, "Customization solutions file schema",
 * CustomizationsSolution.xsd): ImportExportXml > Entities, Roles, Workflows, EntityRelationships, optionsets, WebResources,
 * SolutionPluginAssemblies, SdkMessageProcessingSteps, AppModules, AppModuleSiteMaps, CanvasApps, connectionreferences, ...
 * Names and labels from the files are untrusted text: they are kept as plain strings and never interpreted.
 */
import type { SolutionManifest } from "./manifest";
import {
  at,
  attr,
  canonicalJob,
  canonicalJson,
  guid,
  hash,
  kid,
  kids,
  parseJob,
  runJob,
  text,
  type Job,
  type ReadResult,
  type SolutionReadError,
  type XmlElement,
} from "./xml";

export const COMPONENT_KINDS = [
  "tables",
  "columns",
  "forms",
  "views",
  "relationships",
  "optionSets",
  "roles",
  "cloudFlows",
  "workflows",
  "webResources",
  "pluginAssemblies",
  "pluginSteps",
  "environmentVariables",
  "connectionReferences",
  "connectors",
  "modelDrivenApps",
  "siteMaps",
  "canvasApps",
  "customApis",
  "codeComponents",
] as const;

export type ComponentKind = (typeof COMPONENT_KINDS)[number];

export type PrivilegeDepth = "Basic" | "Local" | "Deep" | "Global";

export interface RolePrivilege {
  name: string;
  /** Normalized when the level is one the reader knows, else the level as written. */
  depth: PrivilegeDepth | string;
}

/** Facts the risk rules and the page need, by kind. Absent when unknown. */
export interface ComponentDetails {
  /** Columns, forms, views: the table's logical name. */
  table?: string;
  /** Tables: exported as a shell only (`unmodified="1"`), without the table's own metadata. */
  unmodified?: boolean;
  /** Roles, sorted by name. */
  privileges?: RolePrivilege[];
  /** Workflows: the process category (0 classic workflow, 1 dialog, 2 business rule, 3 action, 4 business process flow, 5 cloud flow). */
  category?: number;
  /** A file of the zip that holds the component's content (flow definition, web resource, assembly), path without a leading slash. */
  file?: string;
  /** Plug-in steps. */
  message?: string;
  primaryEntity?: string;
  /** 10 pre-validation, 20 pre-operation, 40 post-operation (Microsoft Learn, "Event execution pipeline"). */
  stage?: number;
  /** 0 synchronous, 1 asynchronous. */
  mode?: number;
  pluginType?: string;
  /** Connection references and connectors. */
  connectorId?: string;
  /** Environment variables: whether the solution carries a default value or a current value. */
  hasDefaultValue?: boolean;
  hasCurrentValue?: boolean;
}

export interface SolutionComponent {
  kind: ComponentKind;
  /** Stable across exports and environments: a lower-case logical name or an id without braces. */
  key: string;
  /** Display name (1033 label, else the first label), else the key. */
  name: string;
  logicalName?: string;
  fingerprint: string;
  details?: ComponentDetails;
}

export interface SolutionContents {
  manifest: SolutionManifest | null;
  /** Every kind is present; each list is sorted by key. */
  components: Record<ComponentKind, SolutionComponent[]>;
}

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
function label(el: XmlElement | null): string | null {
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

const lower = (value: string | null | undefined): string | null => (value ? value.toLowerCase() : null);
const num = (value: string | null): number | undefined => (value !== null && value !== "" && Number.isFinite(Number(value)) ? Number(value) : undefined);
const filePath = (value: string | null): string | undefined => value?.replace(/\\/g, "/").replace(/^\/+/, "") || undefined;

interface Found {
  key: string | null;
  name?: string | null;
  logicalName?: string | null;
  details?: ComponentDetails;
  kind?: ComponentKind;
}

/** Kinds that are a list under one container of ImportExportXml: [container, item, kind, how to read one]. */
const LISTS: [string, string, ComponentKind, (el: XmlElement) => Found][] = [
  ["entityrelationships", "entityrelationship", "relationships", (el) => ({ key: lower(attr(el, "name")), logicalName: attr(el, "name") })],
  [
    "optionsets",
    "optionset",
    "optionSets",
    (el) => ({ key: lower(attr(el, "name")), name: label(el) ?? attr(el, "localizedname"), logicalName: attr(el, "name") }),
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
        },
      };
    },
  ],
  [
    "webresources",
    "webresource",
    "webResources",
    (el) => ({ key: lower(text(el, "name")), name: label(el), logicalName: text(el, "name"), details: { file: filePath(text(el, "filename")) } }),
  ],
  [
    "solutionpluginassemblies",
    "pluginassembly",
    "pluginAssemblies",
    (el) => {
      // FullName carries the version ("Name, Version=1.0.0.0, Culture=neutral, PublicKeyToken=..."): the key is the name before it.
      const simple = attr(el, "fullname")?.split(",")[0].trim() || guid(attr(el, "pluginassemblyid"));
      return { key: lower(simple), name: simple, details: { file: filePath(text(el, "filename")) } };
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
      return {
        key: guid(attr(el, "sdkmessageprocessingstepid")),
        name,
        details: {
          message,
          primaryEntity: lower(text(el, "primaryentity")) ?? undefined,
          stage: num(text(el, "stage")),
          mode: num(text(el, "mode")),
          pluginType: text(el, "plugintypename")?.split(",")[0] ?? undefined,
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
      return {
        key: lower(logicalName),
        name: text(el, "connectionreferencedisplayname"),
        logicalName,
        details: { connectorId: lower(text(el, "connectorid")) ?? undefined },
      };
    },
  ],
  ["connectors", "connector", "connectors", (el) => ({ key: lower(text(el, "name")), name: label(el), logicalName: text(el, "name") })],
  ["appmodules", "appmodule", "modelDrivenApps", (el) => ({ key: lower(text(el, "uniquename")), name: label(el), logicalName: text(el, "uniquename") })],
  [
    "appmodulesitemaps",
    "appmodulesitemap",
    "siteMaps",
    (el) => ({ key: lower(text(el, "sitemapuniquename")), name: label(el), logicalName: text(el, "sitemapuniquename") }),
  ],
  ["canvasapps", "canvasapp", "canvasApps", (el) => ({ key: lower(text(el, "name")), name: label(el), logicalName: text(el, "name") })],
  ["customapis", "customapi", "customApis", readCustomApi],
  ["customcontrols", "customcontrol", "codeComponents", (el) => ({ key: lower(text(el, "name")), name: text(el, "name"), logicalName: text(el, "name") })],
];

function readEnvironmentVariable(el: XmlElement): Found {
  const schemaName = attr(el, "schemaname");
  return { key: lower(schemaName), name: label(el), logicalName: schemaName, details: { hasDefaultValue: text(el, "defaultvalue") !== null } };
}

function readCustomApi(el: XmlElement): Found {
  const uniqueName = attr(el, "uniquename") ?? text(el, "uniquename");
  return { key: lower(uniqueName), name: label(el), logicalName: uniqueName };
}

/** Locale-independent order: case-insensitive first, then exact, so the order is the same in every browser language. */
export function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Reads customizations.xml. `files` are other files of the zip by path (as the zip names them); they are optional and add:
 * environmentvariabledefinitions/<name>/environmentvariabledefinition.xml (and environmentvariablevalues.json beside it),
 * customapis/<name>/customapi.xml with its request parameters and response properties, and the content a component's file
 * points to (a flow's JSON definition, a web resource), which then counts in that component's fingerprint.
 */
export function readComponents(
  customizationsXml: string,
  manifest?: SolutionManifest | null,
  files?: Readonly<Record<string, string>>,
): ReadResult<SolutionContents> {
  return runJob(componentsJob(customizationsXml, manifest, files));
}

/** readComponents as a job (parse, then one component at a time), for runChunked. */
export function* componentsJob(
  customizationsXml: string,
  manifest?: SolutionManifest | null,
  files?: Readonly<Record<string, string>>,
): Job<ReadResult<SolutionContents>> {
  const parsed = yield* parseJob(customizationsXml);
  if (!parsed.ok) return parsed;
  const root = parsed.value;
  // solution.xml has the same root; its SolutionManifest tells it apart.
  if (root.localName !== "ImportExportXml" || kid(root, "solutionmanifest")) return { ok: false, error: { problem: "notSolution" } };

  // Looked up case-insensitively: customizations.xml writes "/Workflows/Name-ID.json" where the zip may differ in case.
  const byPath = new Map<string, { path: string; content: string }>();
  for (const [path, content] of Object.entries(files ?? {})) byPath.set((filePath(path) ?? path).toLowerCase(), { path: filePath(path) ?? path, content });
  const found = new Map<ComponentKind, Map<string, SolutionComponent>>(COMPONENT_KINDS.map((k) => [k, new Map()]));

  const add = (kind: ComponentKind, f: Found, content: string): void => {
    const list = found.get(f.kind ?? kind)!;
    if (!f.key || list.has(f.key)) return;
    const file = f.details?.file && byPath.get(f.details.file.toLowerCase())?.content;
    const details = f.details && Object.fromEntries(Object.entries(f.details).filter(([, v]) => v !== undefined));
    list.set(f.key, {
      kind: f.kind ?? kind,
      key: f.key,
      name: f.name?.trim() || f.key,
      ...(f.logicalName ? { logicalName: f.logicalName } : {}),
      fingerprint: hash(file ? content + canonicalJson(file) : content),
      ...(details && Object.keys(details).length ? { details } : {}),
    });
  };

  for (const entity of kids(kid(root, "entities"), "entity")) yield* readEntity(entity, add);
  for (const [container, item, kind, read] of LISTS) for (const el of kids(kid(root, container), item)) add(kind, read(el), yield* canonicalJob(el));
  // The application's site map before app modules: a single SiteMap element under the root.
  const siteMap = kid(root, "sitemap");
  if (siteMap) add("siteMaps", { key: "sitemap", name: "SiteMap" }, yield* canonicalJob(siteMap));

  const error = yield* readFiles(byPath, add);
  if (error) return { ok: false, error };

  const components = {} as Record<ComponentKind, SolutionComponent[]>;
  for (const [kind, list] of found) components[kind] = [...list.values()].sort((a, b) => compareText(a.key, b.key));
  return { ok: true, value: { manifest: manifest ?? null, components } };
}

type Add = (kind: ComponentKind, found: Found, content: string) => void;

/** A table, and its columns, forms and views as components of their own (left out of the table's fingerprint). */
function* readEntity(entity: XmlElement, add: Add): Job<void> {
  const info = at(entity, "entityinfo/entity");
  const schemaName = text(entity, "name") ?? attr(info, "name");
  const table = lower(schemaName);
  if (!table) return;
  const columns = kid(info, "attributes");
  const formXml = kid(entity, "formxml");
  const views = kid(entity, "savedqueries");
  const own = new Set([columns, formXml, views].filter((e): e is XmlElement => e !== null));
  add(
    "tables",
    {
      key: table,
      name: attr(kid(entity, "name"), "localizedname") || label(info),
      logicalName: schemaName,
      details: { unmodified: attr(info, "unmodified") === "1" || undefined },
    },
    yield* canonicalJob(entity, own),
  );
  for (const column of kids(columns, "attribute")) {
    const logicalName = text(column, "logicalname") ?? attr(column, "physicalname");
    if (logicalName)
      add("columns", { key: `${table}.${logicalName.toLowerCase()}`, name: label(column), logicalName, details: { table } }, yield* canonicalJob(column));
  }
  for (const forms of kids(formXml, "forms"))
    for (const form of kids(forms, "systemform"))
      add("forms", { key: guid(text(form, "formid")), name: label(form), details: { table } }, yield* canonicalJob(form));
  for (const view of kids(kid(views, "savedqueries"), "savedquery"))
    add("views", { key: guid(text(view, "savedqueryid")), name: label(view), details: { table } }, yield* canonicalJob(view));
}

/** Environment variable definitions and custom APIs that an export writes as files of their own. */
function* readFiles(byPath: Map<string, { path: string; content: string }>, add: Add): Job<SolutionReadError | null> {
  for (const [path, { path: name, content }] of byPath) {
    const env = /^environmentvariabledefinitions\/([^/]+)\/environmentvariabledefinition\.xml$/.exec(path);
    const api = /^customapis\/([^/]+)\/customapi\.xml$/.exec(path);
    if (!env && !api) continue;
    const parsed = yield* parseJob(content, name);
    if (!parsed.ok) return parsed.error;
    const el = parsed.value;
    if (el.localName.toLowerCase() !== (env ? "environmentvariabledefinition" : "customapi")) return { problem: "notSolution" as const, file: name };
    const folder = path.slice(0, path.lastIndexOf("/") + 1);
    // The rest of the component's folder: a variable's current value, a custom API's request parameters and response properties.
    const parts = [yield* canonicalJob(el)];
    for (const other of [...byPath.keys()].filter((p) => p.startsWith(folder) && p !== path).sort()) {
      const file = byPath.get(other)!;
      if (!other.endsWith(".xml")) {
        parts.push(canonicalJson(file.content));
        continue;
      }
      const part = yield* parseJob(file.content, file.path);
      if (!part.ok) return part.error;
      parts.push(yield* canonicalJob(part.value));
    }
    if (env) {
      const found = readEnvironmentVariable(el);
      add(
        "environmentVariables",
        { ...found, details: { ...found.details, hasCurrentValue: byPath.has(folder + "environmentvariablevalues.json") } },
        parts.join(""),
      );
    } else add("customApis", readCustomApi(el), parts.join(""));
  }
  return null;
}
