/**
 * customizations.xml (and the component files an export keeps beside it) read into components by kind, each with a stable key
 * and a fingerprint of its canonical XML, so that a reformatted or re-exported but unchanged component compares equal.
 *
 * Element names follow exported solutions and the customizations schema (Microsoft Learn, "Customization solutions file schema",
 * CustomizationsSolution.xsd): ImportExportXml > Entities, Roles, Workflows, EntityRelationships, optionsets, WebResources,
 * SolutionPluginAssemblies, SdkMessageProcessingSteps, AppModules, AppModuleSiteMaps, CanvasApps, connectionreferences, ...
 * Names and labels from the files are untrusted text: they are kept as plain strings and never interpreted.
 */
import { compareStrings, type Facets } from "./details/facets";
import { formFacets, viewFacets } from "./details/forms";
import { fileFacets } from "./details/resources";
import { columnFacets, tableFacets } from "./details/tables";
import type { SolutionManifest } from "./manifest";
import { compareText, filePath, label, LISTS, lower, nameConnectors, readCustomApi, readEnvironmentVariable, type Found } from "./readers";

export { compareText, normalizeDepth } from "./readers";
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
  /** Every component that belongs to a table (columns, forms, views, relationships, steps, processes): the table's logical name. */
  table?: string;
  /** Forms: the form type as exported (main, quick, card, quickCreate, mobile...). */
  formType?: string;
  /** Relationships: the other table (the referenced one). */
  referencedTable?: string;
  /** What the detail lines compare (changeDetail.ts); facts only, never the XML tree. */
  facets?: Facets;
  /** Tables: exported as a shell only (`unmodified="1"`), without the table's own metadata. */
  unmodified?: boolean;
  /** Roles, sorted by name. */
  privileges?: RolePrivilege[];
  /** Workflows: the process category (0 classic workflow, 1 dialog, 2 business rule, 3 action, 4 business process flow, 5 cloud flow). */
  category?: number;
  /** A file of the zip with the component's content (a flow's definition, a web resource, an assembly, a canvas app's .msapp), path without a leading slash. */
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
  /** Connection references: a readable connector name (a custom connector's display name, else the id's last segment). */
  connectorName?: string;
  /** Connection references to a custom connector, and custom connectors: the connector's id. */
  customConnectorId?: string;
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

/** readComponents as a job (parse, then one component at a time), for runChunked; fromZip reads with componentsReader as it parses. */
export function* componentsJob(
  customizationsXml: string | ReadResult<XmlElement>,
  manifest?: SolutionManifest | null,
  files?: Readonly<Record<string, string>>,
): Job<ReadResult<SolutionContents>> {
  const parsed = typeof customizationsXml === "string" ? yield* parseJob(customizationsXml) : customizationsXml;
  if (!parsed.ok) return parsed;
  const reader = componentsReader();
  const root = parsed.value;
  for (const parent of new Set([kid(root, "entities"), ...LISTS.map(([container]) => kid(root, container))]))
    for (const el of kids(parent)) if (parent && reader.take(el, parent, root)) yield* reader.drain();
  return yield* reader.finish(root, manifest, files);
}

/**
 * Components read one at a time, as customizations.xml's parser closes them (`take`, then `drain`), so the file is never a whole
 * tree; `finish` reads what is left under the root and the other files. Components are kept in the order of componentsJob's
 * reading (tables, then each list in turn), where the first of a key wins, whatever the file's order.
 */
export function componentsReader() {
  const queue: [number, XmlElement][] = [];
  const pending: [number, ComponentKind, Found, string][] = [];
  let phase = 0;
  const add: Add = (kind, f, content) => {
    // The content is kept only when a file of the zip may join it in the fingerprint (finish); otherwise its hash is enough.
    if (f.key) pending.push([phase, f.kind ?? kind, f, f.details?.file ? content : hash(content)]);
  };
  return {
    /** Whether this element is a component the reader wants (it then leaves the tree). */
    take(el: XmlElement, holder: XmlElement, root: XmlElement): boolean {
      const name = el.localName.toLowerCase();
      const at = name === "entity" && kid(root, "entities") === holder ? 0 : LISTS.findIndex(([c, item]) => name === item && kid(root, c) === holder) + 1 || -1;
      if (at < 0 || root.localName !== "ImportExportXml") return false;
      queue.push([at, el]);
      return true;
    },
    *drain(): Job<void> {
      for (let q = queue.shift(); q; q = queue.shift()) {
        phase = q[0];
        if (phase === 0) yield* readEntity(q[1], add);
        else add(LISTS[phase - 1][2], LISTS[phase - 1][3](q[1]), yield* canonicalJob(q[1]));
      }
    },
    *finish(root: XmlElement, manifest?: SolutionManifest | null, files?: Readonly<Record<string, string>>): Job<ReadResult<SolutionContents>> {
      // solution.xml has the same root; its SolutionManifest tells it apart.
      if (root.localName !== "ImportExportXml" || kid(root, "solutionmanifest")) return { ok: false, error: { problem: "notSolution" } };
      // Looked up case-insensitively: customizations.xml writes "/Workflows/Name-ID.json" where the zip may differ in case.
      const byPath = new Map<string, { path: string; content: string }>();
      for (const [path, content] of Object.entries(files ?? {})) byPath.set((filePath(path) ?? path).toLowerCase(), { path: filePath(path) ?? path, content });
      // The application's site map after the lists: a single SiteMap element under the root.
      phase = LISTS.length + 1;
      const siteMap = kid(root, "sitemap");
      if (siteMap) add("siteMaps", { key: "sitemap", name: "SiteMap" }, yield* canonicalJob(siteMap));
      const error = yield* readFiles(byPath, add);
      if (error) return { ok: false, error };
      const found = new Map<ComponentKind, Map<string, SolutionComponent>>(COMPONENT_KINDS.map((k) => [k, new Map()]));
      let n = 0;
      for (const [, kind, f, content] of pending.sort((a, b) => a[0] - b[0])) {
        if ((++n & 1023) === 0) yield;
        const list = found.get(kind)!;
        if (list.has(f.key!)) continue;
        const file = f.details?.file && byPath.get(f.details.file.toLowerCase())?.content;
        if (file && f.details?.facets) f.details.facets = { ...f.details.facets, ...fileFacets(kind, file) };
        const details = f.details && Object.fromEntries(Object.entries(f.details).filter(([, v]) => v !== undefined));
        list.set(f.key!, {
          kind,
          key: f.key!,
          name: f.name?.trim() || f.key!,
          ...(f.logicalName ? { logicalName: f.logicalName } : {}),
          fingerprint: file && kind !== "canvasApps" ? hash(content + canonicalJson(file)) : f.details?.file ? hash(content) : content,
          ...(details && Object.keys(details).length ? { details } : {}),
        });
      }
      nameConnectors(found);
      const components = {} as Record<ComponentKind, SolutionComponent[]>;
      // compareText's order with each key lowered once, not at each comparison: at 50 MB the columns' sort was one long step.
      for (const [kind, list] of found) {
        yield;
        const sorted = [...list.values()].map((c): [string, SolutionComponent] => [c.key.toLowerCase(), c]);
        sorted.sort(([x, a], [y, b]) => compareStrings(x, y) || compareText(a.key, b.key));
        components[kind] = sorted.map(([, c]) => c);
      }
      return { ok: true, value: { manifest: manifest ?? null, components } };
    },
  };
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
      details: { unmodified: attr(info, "unmodified") === "1" || undefined, facets: tableFacets(info) },
    },
    yield* canonicalJob(entity, own),
  );
  for (const column of kids(columns, "attribute")) {
    const logicalName = text(column, "logicalname") ?? attr(column, "physicalname");
    if (logicalName)
      add(
        "columns",
        { key: `${table}.${logicalName.toLowerCase()}`, name: label(column), logicalName, details: { table, facets: columnFacets(column) } },
        yield* canonicalJob(column),
      );
  }
  for (const forms of kids(formXml, "forms")) {
    const formType = attr(forms, "type") ?? undefined;
    for (const form of kids(forms, "systemform"))
      add("forms", { key: guid(text(form, "formid")), name: label(form), details: { table, formType, facets: formFacets(form) } }, yield* canonicalJob(form));
  }
  for (const view of kids(kid(views, "savedqueries"), "savedquery"))
    add("views", { key: guid(text(view, "savedqueryid")), name: label(view), details: { table, facets: viewFacets(view) } }, yield* canonicalJob(view));
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
    const elements: XmlElement[] = [];
    for (const other of [...byPath.keys()].filter((p) => p.startsWith(folder) && p !== path).sort()) {
      const file = byPath.get(other)!;
      if (!other.endsWith(".xml")) {
        parts.push(canonicalJson(file.content));
        continue;
      }
      const part = yield* parseJob(file.content, file.path);
      if (!part.ok) return part.error;
      elements.push(part.value);
      parts.push(yield* canonicalJob(part.value));
    }
    if (env) {
      const found = readEnvironmentVariable(el, byPath.get(folder + "environmentvariablevalues.json")?.content);
      add(
        "environmentVariables",
        { ...found, details: { ...found.details, hasCurrentValue: byPath.has(folder + "environmentvariablevalues.json") } },
        parts.join(""),
      );
    } else add("customApis", readCustomApi(el, elements), parts.join(""));
  }
  return null;
}
