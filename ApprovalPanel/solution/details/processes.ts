/**
 * Facets of processes and server code: cloud flows (their JSON definition: triggers, actions at every depth, connection
 * references), classic workflows and business rules (Workflow element), plug-in steps (SdkMessageProcessingStep with its
 * images) and plug-in assemblies (PluginAssembly with its PluginTypes), as exported.
 */
import { isJsonObject as isObject, sortedJson, type JsonObject as Json } from "../../domain/json";
import { attr, guid, kid, kids, text, type XmlElement } from "../xml";
import { entries, facets, flag, opaque, type Facets } from "./facets";

/** StateCode 1 is activated, 0 draft (Microsoft Learn, workflow table, statecode choice). */
const stateOf = (el: XmlElement): string | null => ({ "0": "off", "1": "on" })[text(el, "statecode") ?? ""] ?? null;

/** The Workflow element's own facts; a cloud flow's definition adds to them (flowFacets). */
export function workflowFacets(el: XmlElement, cloud: boolean): Facets {
  if (cloud) return facets({ flowState: stateOf(el) });
  const update = text(el, "triggeronupdateattributelist");
  return facets({
    flowState: stateOf(el),
    // Mode 0 runs in the background, 1 in real time (Microsoft Learn, workflow table, mode choice).
    workflowMode: { "0": "background", "1": "realTime" }[text(el, "mode") ?? ""] ?? null,
    workflowTrigger: entries(
      [
        ["create", flag(text(el, "triggeroncreate"))],
        ["delete", flag(text(el, "triggerondelete"))],
        ["onDemand", flag(text(el, "ondemand"))],
        ["update", update ? update.toLowerCase() : null],
      ].filter((e): e is [string, string] => e[1] !== null),
    ),
  });
}

/** Actions nested in scopes, conditions, switches and loops: actions, else.actions, cases.*.actions, default.actions. */
function nestedActionLists(action: Json): Json[] {
  const lists: unknown[] = [action.actions, isObject(action.else) ? action.else.actions : null, isObject(action.default) ? action.default.actions : null];
  if (isObject(action.cases)) for (const c of Object.values(action.cases)) if (isObject(c)) lists.push(c.actions);
  return lists.filter(isObject);
}

/** An action or trigger without its nested actions and run-time metadata: what decides whether it changed. */
function ownPart(step: Json): string {
  const own: Json = {};
  for (const [key, value] of Object.entries(step)) if (!["actions", "else", "default", "cases", "metadata"].includes(key)) own[key] = value;
  return sortedJson(own);
}

/**
 * What a step is, shown: its type, kind and operation; for a trigger also the Dataverse table and columns it watches
 * (subscriptionRequest/entityname, /filteringattributes) or how often it recurs.
 */
function shownType(step: Json, trigger?: boolean): string {
  const inputs = isObject(step.inputs) ? step.inputs : {};
  const host = isObject(inputs.host) ? inputs.host : {};
  const parameters = isObject(inputs.parameters) ? inputs.parameters : {};
  const recurrence = isObject(step.recurrence) ? step.recurrence : {};
  const watched = trigger ? [parameters["subscriptionRequest/entityname"], parameters["subscriptionRequest/filteringattributes"]] : [];
  const every = trigger && recurrence.frequency ? [`${String(recurrence.interval ?? 1)} ${String(recurrence.frequency)}`] : [];
  return [step.type, step.kind, host.operationId, ...watched, ...every].filter((v) => typeof v === "string" && v).join(" ");
}

/** A cloud flow's definition (Workflows/<name>-<id>.json). Text that is not a flow definition adds nothing. */
export function flowFacets(json: string): Facets {
  let root: unknown;
  try {
    root = JSON.parse(json.replace(/^\uFEFF/, ""));
  } catch {
    return {};
  }
  const properties = isObject(root) && isObject(root.properties) ? root.properties : {};
  const definition = isObject(properties.definition) ? properties.definition : {};
  const triggers = isObject(definition.triggers) ? definition.triggers : {};
  const actions: [string, string][] = [];
  const stack: Json[] = isObject(definition.actions) ? [definition.actions] : [];
  while (stack.length)
    for (const [name, action] of Object.entries(stack.pop()!)) {
      if (!isObject(action)) continue;
      actions.push([name, opaque(shownType(action), ownPart(action))]);
      stack.push(...nestedActionLists(action));
    }
  const references = isObject(properties.connectionReferences) ? properties.connectionReferences : {};
  const connections = Object.entries(references).map(([name, r]): [string, string] => {
    const connection = isObject(r) && isObject(r.connection) ? r.connection : {};
    const api = isObject(r) && isObject(r.api) ? r.api : {};
    return [String(connection.connectionReferenceLogicalName ?? name), String(api.name ?? "")];
  });
  return facets({
    flowTrigger: entries(Object.entries(triggers).map(([name, t]): [string, string] => [name, isObject(t) ? opaque(shownType(t, true), ownPart(t)) : ""])),
    flowAction: entries(actions),
    flowConnection: entries(connections),
  });
}

/** `message` and `table` as the reader worked them out (the message id is the same in every environment). */
export function stepFacets(el: XmlElement, message: string | undefined, table: string | undefined): Facets {
  const filtering = (text(el, "filteringattributes") ?? "").split(",").map((a): [string, string] => [a.trim().toLowerCase(), ""]);
  const images = kids(kid(el, "sdkmessageprocessingstepimages"), "sdkmessageprocessingstepimage").map((image): [string, string] => [
    attr(image, "name") ?? text(image, "entityalias") ?? "",
    // The columns it holds are shown; its type (0 pre-image, 1 post-image, 2 both) only tells versions apart.
    opaque((text(image, "attributes") ?? "").toLowerCase(), text(image, "imagetype") ?? ""),
  ]);
  const configuration = text(el, "configuration") ?? text(el, "customconfiguration");
  return facets({
    stepMessage: message,
    stepTable: table,
    stepStage: text(el, "stage"),
    // Mode 0 synchronous, 1 asynchronous (Microsoft Learn, sdkmessageprocessingstep table).
    stepMode: { "0": "sync", "1": "async" }[text(el, "mode") ?? ""] ?? null,
    stepFilteringAttributes: entries(filtering),
    stepImage: entries(images),
    // Unsecure configuration may hold keys or addresses: only whether it changed is kept.
    stepConfiguration: configuration ? opaque("", configuration) : null,
    pluginType: text(el, "plugintypename")?.split(",")[0] ?? null,
  });
}

export function assemblyFacets(el: XmlElement): Facets {
  const version = /Version=([^,]+)/.exec(attr(el, "fullname") ?? "")?.[1];
  const types = kids(kid(el, "plugintypes"), "plugintype").map((t): [string, string] => [attr(t, "name") ?? guid(attr(t, "plugintypeid")) ?? "", ""]);
  return facets({ assemblyVersion: version?.trim(), pluginType: entries(types) });
}
