/**
 * Facets of the other kinds: web resources, environment variables, connection references, custom APIs, model-driven apps,
 * site maps, canvas apps and code components, and what the files a component points to add (a flow's definition, a canvas
 * app's screens and data sources, a file's size and content fingerprint). Secret values are never kept: only a fingerprint
 * that says whether they changed.
 */
import type { ComponentKind } from "../components";
import { attr, guid, kid, kids, text, type XmlElement } from "../xml";
import { entries, facets, flag, opaque, type Facets } from "./facets";
import { flowFacets } from "./processes";

/** WebResourceType (Microsoft Learn, webresource table): 1 HTML, 2 CSS, 3 JavaScript, 4 XML, 5 PNG, 6 JPG, 7 GIF, 8 XAP, 9 XSL, 10 ICO, 11 SVG, 12 RESX. */
const WEB_RESOURCE_KINDS = ["", "html", "css", "js", "xml", "png", "jpg", "gif", "xap", "xsl", "ico", "svg", "resx"];

export function webResourceFacets(el: XmlElement): Facets {
  const type = text(el, "webresourcetype") ?? "";
  return facets({ webResourceKind: WEB_RESOURCE_KINDS[Number(type)] || type });
}

/** Environment variable type (Microsoft Learn, environmentvariabledefinition table): 100000000 String ... 100000005 Secret. */
const VARIABLE_TYPES: Record<string, string> = {
  "100000000": "string",
  "100000001": "number",
  "100000002": "boolean",
  "100000003": "json",
  "100000004": "dataSource",
  "100000005": "secret",
};

const isSecret = (type: string | null): boolean => type === "100000005";

/** A value as kept: shown, or for a secret only a fingerprint. */
const variableValue = (value: string | null, secret: boolean): string | null => (value === null ? null : secret ? opaque("", value) : value);

export function variableFacets(el: XmlElement, currentValueJson?: string): Facets {
  const type = text(el, "type");
  let current: string | null = null;
  if (currentValueJson !== undefined) {
    try {
      const parsed = JSON.parse(currentValueJson.replace(/^\uFEFF/, "")) as { environmentvariablevalues?: { environmentvariablevalue?: unknown } };
      const value = parsed.environmentvariablevalues?.environmentvariablevalue;
      const first = (Array.isArray(value) ? value[0] : value) as { value?: unknown } | undefined;
      current = typeof first?.value === "string" ? first.value : null;
    } catch {
      current = null;
    }
  }
  return facets({
    variableType: VARIABLE_TYPES[type ?? ""] ?? type,
    variableDefault: variableValue(text(el, "defaultvalue"), isSecret(type)),
    variableValue: variableValue(current, isSecret(type)),
  });
}

/**
 * A connector as a reader can name it: the custom connector's display name when the solution carries it, else the last
 * segment of the connector's id ("/providers/Microsoft.PowerApps/apis/shared_office365" → "shared_office365").
 */
export function connectorName(connectorId: string | null | undefined, customName?: string | null): string | null {
  if (customName) return customName;
  const last = connectorId?.split("/").filter(Boolean).pop();
  return last ?? null;
}

/** The custom connector's id a connection reference points to (customconnectorid/connectorid), if any. */
export const customConnectorId = (el: XmlElement): string | null => guid(text(kid(el, "customconnectorid"), "connectorid"));

export function customApiFacets(el: XmlElement, parts: readonly XmlElement[]): Facets {
  const settings: [string, string][] = [];
  for (const name of ["bindingtype", "boundentitylogicalname", "isfunction", "isprivate", "allowedcustomprocessingsteptype", "executeprivilegename"]) {
    const value = text(el, name);
    if (value !== null) settings.push([name, flag(value) ?? value.toLowerCase()]);
  }
  const plugin = text(kid(el, "plugintypeid"), "plugintypeexportkey") ?? text(el, "plugintypeid");
  if (plugin) settings.push(["plugintype", plugin.toLowerCase()]);
  const named = (kind: string): [string, string][] =>
    parts
      .filter((p) => p.localName.toLowerCase() === kind)
      .map((p): [string, string] => [
        attr(p, "uniquename") ?? text(p, "uniquename") ?? "",
        [text(p, "type"), kind === "customapirequestparameter" ? (flag(text(p, "isoptional")) === "true" ? "optional" : "required") : ""]
          .filter(Boolean)
          .join(" "),
      ]);
  return facets({
    apiSetting: entries(settings),
    apiParameter: entries(named("customapirequestparameter")),
    apiResponseProperty: entries(named("customapiresponseproperty")),
  });
}

/** AppModuleComponents by type and name or id; AppModuleRoleMaps by role id. */
export function appFacets(el: XmlElement): Facets {
  const components = kids(kid(el, "appmodulecomponents"), "appmodulecomponent").map((c): [string, string] => [
    attr(c, "schemaname")?.toLowerCase() ?? guid(attr(c, "id")) ?? "",
    attr(c, "type") ?? "",
  ]);
  const roles = kids(kid(el, "appmodulerolemaps"), "role").map((r): [string, string] => [guid(attr(r, "id")) ?? "", ""]);
  return facets({ appComponent: entries(components), appRole: entries(roles) });
}

/** Areas by id (their title) and subareas by id (their table or address). */
export function siteMapFacets(siteMap: XmlElement | null): Facets {
  const areas: [string, string][] = [];
  const subAreas: [string, string][] = [];
  for (const area of kids(siteMap, "area")) {
    areas.push([attr(area, "id") ?? "", attr(area, "title") ?? attr(kid(kid(area, "titles"), "title"), "title") ?? ""]);
    for (const group of kids(area, "group"))
      for (const sub of kids(group, "subarea")) subAreas.push([attr(sub, "id") ?? "", attr(sub, "entity") ?? attr(sub, "url") ?? ""]);
  }
  return facets({ siteMapArea: entries(areas), siteMapSubArea: entries(subAreas) });
}

export const canvasAppFacets = (el: XmlElement): Facets => facets({ canvasAppVersion: text(el, "appversion") });

/** A canvas app's screens and data sources, as canvasApp.ts kept them from its .msapp; none when it could not read it. */
export function canvasDocumentFacets(content: string): Facets {
  try {
    const [screens, sources] = JSON.parse(content) as [string[], [string, string][] | null];
    return facets({ canvasAppScreen: entries(screens.map((name): [string, string] => [name, ""])), canvasAppDataSource: sources && entries(sources) });
  } catch {
    return {};
  }
}

export const controlFacets = (el: XmlElement): Facets => facets({ controlVersion: text(el, "version") });

/**
 * What the file a component points to adds: a cloud flow's definition; a canvas app's screens and data sources (canvasApp.ts);
 * for a file that is not read (kept as "crc32:<crc>:<size>"), its size for web resources and whether its content changed.
 */
export function fileFacets(kind: ComponentKind, content: string): Facets {
  if (kind === "cloudFlows") return flowFacets(content);
  if (kind === "canvasApps") return canvasDocumentFacets(content);
  const stored = /^crc32:[0-9a-f]+:(\d+)$/.exec(content);
  const size = stored ? stored[1] : String(content.length);
  if (kind === "webResources") return facets({ webResourceSize: size, webResourceContent: opaque("", content) });
  if (kind === "pluginAssemblies") return facets({ assemblyContent: opaque("", content) });
  if (kind === "workflows") return facets({ workflowDefinition: opaque("", content) });
  return {};
}
