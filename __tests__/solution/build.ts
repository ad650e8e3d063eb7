/**
 * Builds small customizations.xml and solution.xml texts in the shape exported solutions have, from a compact description.
 * `style` writes the same content differently (indentation, attribute order, IntroducedVersion), which must not count as a change.
 */
import { readComponents, type SolutionContents } from "../../ApprovalPanel/solution/components";

export interface Style {
  pretty?: boolean;
  reverseAttributes?: boolean;
  introducedVersion?: string;
}

export interface TableDesc {
  name: string;
  label?: string;
  unmodified?: boolean;
  /** Column logical names, or [name, label, required level]. */
  columns?: (string | [string, string?, string?])[];
  forms?: [id: string, label: string, body?: string][];
  views?: [id: string, label: string, fetch?: string][];
  ribbon?: string;
}

export interface Desc {
  tables?: TableDesc[];
  relationships?: [name: string, referencing: string][];
  optionSets?: [name: string, label: string, values: number[]][];
  roles?: [id: string, name: string, privileges: Record<string, string>][];
  /** Category 5 is a cloud flow. */
  workflows?: [id: string, name: string, category: number, state?: number][];
  webResources?: [name: string, type?: number][];
  assemblies?: [name: string, version: string][];
  /** mode 0 sync, 1 async. */
  steps?: [id: string, name: string, messageId: string, entity: string, stage: number, mode: number][];
  environmentVariables?: [schemaName: string, label: string, defaultValue?: string][];
  connectionReferences?: [logicalName: string, connectorId: string, label?: string][];
  appModules?: [uniqueName: string, label: string][];
  siteMaps?: [uniqueName: string, area: string][];
  /** documentUri: the app's .msapp in the zip, as exports write it ("/CanvasApps/<name>_DocumentUri.msapp"). */
  canvasApps?: [name: string, displayName: string, version?: string, documentUri?: string][];
  customApis?: [uniqueName: string, label: string, isFunction?: number][];
  customControls?: [name: string, version?: string][];
}

type Attrs = [string, string][];

export function writer(style: Style = {}) {
  const iv = style.introducedVersion ?? "1.0.0.0";
  const esc = (v: string) => v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  const el = (name: string, attrs: Attrs, ...children: string[]): string => {
    const a = (style.reverseAttributes ? [...attrs].reverse() : attrs).map(([k, v]) => ` ${k}="${esc(v)}"`).join("");
    const nl = style.pretty ? "\n" : "";
    return children.length ? `<${name}${a}>${nl}${children.join(nl)}${nl}</${name}>` : `<${name}${a} />`;
  };
  const t = (name: string, value: string | number) => `<${name}>${esc(String(value))}</${name}>`;
  const ivEl = t("IntroducedVersion", iv);
  const names = (tag: string, label: string) =>
    el(
      `${tag}s`,
      [],
      el(tag, [
        ["description", label],
        ["languagecode", "1033"],
      ]),
    );
  return { el, t, ivEl, names, iv };
}

export function customizationsXml(d: Desc, style: Style = {}): string {
  const { el, t, ivEl, names, iv } = writer(style);
  const list = <T>(container: string, items: T[] | undefined, one: (item: T) => string) => el(container, [], ...(items ?? []).map(one));
  const table = (x: TableDesc) =>
    el(
      "Entity",
      [],
      el(
        "Name",
        [
          ["LocalizedName", x.label ?? x.name],
          ["OriginalName", ""],
        ],
        x.name,
      ),
      el(
        "EntityInfo",
        [],
        el(
          "entity",
          x.unmodified
            ? [
                ["Name", x.name],
                ["unmodified", "1"],
              ]
            : [["Name", x.name]],
          ...(x.unmodified ? [] : [ivEl, t("IsCustomizable", 1), names("LocalizedName", x.label ?? x.name)]),
          el(
            "attributes",
            [],
            ...(x.columns ?? []).map((c) => {
              const [name, label, level] = typeof c === "string" ? [c] : c;
              return el(
                "attribute",
                [["PhysicalName", name]],
                t("Type", "nvarchar"),
                t("LogicalName", name.toLowerCase()),
                t("RequiredLevel", level ?? "none"),
                ivEl,
                names("displayname", label ?? name),
              );
            }),
          ),
        ),
      ),
      ...(x.forms
        ? [
            el(
              "FormXml",
              [],
              el(
                "forms",
                [["type", "main"]],
                ...x.forms.map(([id, label, body]) => el("systemform", [], t("formid", `{${id}}`), ivEl, t("form", body ?? ""), names("LocalizedName", label))),
              ),
            ),
          ]
        : []),
      ...(x.views
        ? [
            el(
              "SavedQueries",
              [],
              el(
                "savedqueries",
                [],
                ...x.views.map(([id, label, fetch]) =>
                  el("savedquery", [], t("savedqueryid", `{${id}}`), t("fetchxml", fetch ?? "all"), ivEl, names("LocalizedName", label)),
                ),
              ),
            ),
          ]
        : []),
      el("RibbonDiffXml", [], x.ribbon ?? ""),
    );
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    el(
      "ImportExportXml",
      [
        ["xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"],
        ["OrganizationVersion", iv],
      ],
      list("Entities", d.tables, table),
      list("Roles", d.roles, ([id, name, privileges]) =>
        el(
          "Role",
          [
            ["id", `{${id}}`],
            ["name", name],
          ],
          t("IsCustomizable", 1),
          el(
            "RolePrivileges",
            [],
            ...Object.entries(privileges).map(([p, level]) =>
              el("RolePrivilege", [
                ["name", p],
                ["level", level],
              ]),
            ),
          ),
        ),
      ),
      list("Workflows", d.workflows, ([id, name, category, state]) =>
        el(
          "Workflow",
          [
            ["WorkflowId", `{${id}}`],
            ["Name", name],
          ],
          t(category === 5 ? "JsonFileName" : "XamlFileName", `/Workflows/${name.replace(/\W/g, "")}-${id.toUpperCase()}.${category === 5 ? "json" : "xaml"}`),
          t("Category", category),
          t("StateCode", state ?? 1),
          ivEl,
          names("LocalizedName", name),
        ),
      ),
      list("EntityRelationships", d.relationships, ([name, referencing]) =>
        el("EntityRelationship", [["Name", name]], t("EntityRelationshipType", "OneToMany"), ivEl, t("ReferencingEntityName", referencing)),
      ),
      list("optionsets", d.optionSets, ([name, label, values]) =>
        el(
          "optionset",
          [
            ["Name", name],
            ["localizedName", label],
          ],
          t("IsGlobal", 1),
          ivEl,
          names("displayname", label),
          el("options", [], ...values.map((v) => el("option", [["value", String(v)]], names("label", `Option ${v}`)))),
        ),
      ),
      list("WebResources", d.webResources, ([name, type]) =>
        el(
          "WebResource",
          [],
          t("WebResourceId", "{00000000-0000-0000-0000-00000000000a}"),
          t("Name", name),
          t("DisplayName", name),
          t("WebResourceType", type ?? 3),
          ivEl,
          t("FileName", `/WebResources/${name.replace(/\W/g, "")}`),
        ),
      ),
      list("CustomControls", d.customControls, ([name, version]) =>
        el("CustomControl", [], t("Name", name), t("FileName", `/Controls/${name}/ControlManifest.xml`), t("Version", version ?? "1")),
      ),
      list("SolutionPluginAssemblies", d.assemblies, ([name, version]) =>
        el(
          "PluginAssembly",
          [
            ["FullName", `${name}, Version=${version}, Culture=neutral, PublicKeyToken=0123456789abcdef`],
            ["PluginAssemblyId", "11111111-2222-3333-4444-555555555555"],
          ],
          t("IsolationMode", 2),
          ivEl,
        ),
      ),
      list("SdkMessageProcessingSteps", d.steps, ([id, name, messageId, entity, stage, mode]) =>
        el(
          "SdkMessageProcessingStep",
          [
            ["Name", name],
            ["SdkMessageProcessingStepId", `{${id}}`],
          ],
          t("SdkMessageId", messageId),
          t("PrimaryEntity", entity),
          t("Mode", mode),
          t("Stage", stage),
          ivEl,
        ),
      ),
      list("environmentvariabledefinitions", d.environmentVariables, ([schema, label, value]) => environmentVariableElement(schema, label, value, style)),
      list("AppModuleSiteMaps", d.siteMaps, ([name, area]) =>
        el(
          "AppModuleSiteMap",
          [],
          t("SiteMapUniqueName", name),
          el(
            "SiteMap",
            [["IntroducedVersion", iv]],
            el("Area", [
              ["Id", area],
              ["IntroducedVersion", iv],
            ]),
          ),
          names("LocalizedName", name),
        ),
      ),
      list("AppModules", d.appModules, ([name, label]) => el("AppModule", [], t("UniqueName", name), ivEl, t("statecode", 0), names("LocalizedName", label))),
      list("CanvasApps", d.canvasApps, ([name, display, version, documentUri]) =>
        el(
          "CanvasApp",
          [],
          t("Name", name),
          t("AppVersion", version ?? "2024-01-01T00:00:00Z"),
          t("DisplayName", display),
          ivEl,
          ...(documentUri ? [t("DocumentUri", documentUri)] : []),
        ),
      ),
      list("connectionreferences", d.connectionReferences, ([name, connector, label]) =>
        el(
          "connectionreference",
          [["connectionreferencelogicalname", name]],
          t("connectionreferencedisplayname", label ?? name),
          t("connectorid", connector),
          t("iscustomizable", 1),
        ),
      ),
      list("customapis", d.customApis, ([name, label, isFunction]) => customApiElement(name, label, isFunction, style)),
      el("Languages", [], t("Language", 1033)),
    ),
  ].join(style.pretty ? "\n" : "");
}

/** The file an export writes as environmentvariabledefinitions/<schema name>/environmentvariabledefinition.xml. */
export function environmentVariableElement(schema: string, label: string, defaultValue?: string, style: Style = {}): string {
  const { el, t, iv } = writer(style);
  return el(
    "environmentvariabledefinition",
    [["schemaname", schema]],
    ...(defaultValue === undefined ? [] : [t("defaultvalue", defaultValue)]),
    el(
      "displayname",
      [["default", label]],
      el("label", [
        ["description", label],
        ["languagecode", "1033"],
      ]),
    ),
    t("introducedversion", iv),
    t("type", 100000000),
  );
}

/** The file an export writes as customapis/<unique name>/customapi.xml. */
export function customApiElement(name: string, label: string, isFunction = 0, style: Style = {}): string {
  const { el, t } = writer(style);
  return el(
    "customapi",
    [["uniquename", name]],
    t("bindingtype", 0),
    el(
      "displayname",
      [["default", label]],
      el("label", [
        ["description", label],
        ["languagecode", "1033"],
      ]),
    ),
    t("isfunction", isFunction),
  );
}

export interface ManifestDesc {
  uniqueName?: string;
  version?: string;
  managed?: boolean;
  publisher?: string;
  roots?: [type: number, nameOrId: string][];
  missing?: number;
}

export function solutionXml(m: ManifestDesc = {}, style: Style = {}): string {
  const { el, t } = writer(style);
  const roots = (m.roots ?? []).map(([type, v]) =>
    el("RootComponent", [["type", String(type)], /^[0-9a-f-]{36}$/.test(v) ? ["id", `{${v}}`] : ["schemaName", v], ["behavior", "0"]]),
  );
  const missing = Array.from({ length: m.missing ?? 0 }, (_, i) =>
    el(
      "MissingDependency",
      [],
      el("Required", [
        ["type", "1"],
        ["schemaName", `t${i}`],
      ]),
      el("Dependent", [
        ["type", "2"],
        ["schemaName", `c${i}`],
      ]),
    ),
  );
  return el(
    "ImportExportXml",
    [["version", "9.2"]],
    el(
      "SolutionManifest",
      [],
      t("UniqueName", m.uniqueName ?? "Contoso"),
      el(
        "LocalizedNames",
        [],
        el("LocalizedName", [
          ["description", "Contoso"],
          ["languagecode", "1033"],
        ]),
      ),
      t("Version", m.version ?? "1.0.0.0"),
      t("Managed", m.managed ? 1 : 0),
      el("Publisher", [], t("UniqueName", m.publisher ?? "contoso"), t("CustomizationPrefix", "cr")),
      el("RootComponents", [], ...roots),
      el("MissingDependencies", [], ...missing),
    ),
  );
}

/** Components of a built customizations.xml; throws when the reader refuses it, which no built fixture should make it do. */
export function read(d: Desc, style?: Style, files?: Record<string, string>): SolutionContents {
  const result = readComponents(customizationsXml(d, style), null, files);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}
