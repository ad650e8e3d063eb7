import type { ActionParameterInfo, AttributeInfo, HostProbe, OptionInfo, PrivilegeInfo, RelationshipInfo, RoleInfo, TableInfo } from "../domain/hostCheck";
import { TABLE_ASSUMPTIONS } from "../domain/hostCheck";
import { normalizeGuid } from "../domain/ids";
import { isJsonObject as isObject, type JsonObject as Json } from "../domain/json";
import type { Guid, Result } from "../domain/types";
import { STAGE_RUN_TABLE } from "../domain/types";
import { dataErrorFromFacts, factsFromResponse } from "./errors";
import { queryGuid } from "./odata";
import { relaySchema } from "./relaySchema";
import { DEFAULT_TIMEOUT_MS, guarded } from "./request";

/**
 * The host check's read-only metadata requests, sent with the user's own session. context.webAPI reads records
 * only, so metadata goes through fetch on the organisation URL like the action does. Each request's failure stays
 * in its own part of the probe. Shapes: Learn "Query table definitions using the Web API" (EntityDefinitions,
 * ManyToOneRelationships, the PicklistAttributeMetadata cast), "RetrieveUserPrivileges Function", CSDL $metadata.
 */
export interface HostProbeDeps {
  fetchFn: typeof fetch | null;
  clientUrl: string | null;
  timeoutMs?: number;
}

export interface HostProbeInput {
  userId: Guid;
  /** The form's table from the PCF context. */
  formTable: string | null;
  relayTable: string | null;
}

/** The relay columns' AttributeTypes as the ApprovalPanel solution creates them (Solutions/src). */
const RELAY_COLUMN_TYPES = {
  name: "String",
  stageRunId: "String",
  decision: "Integer",
  comments: "Memo",
  approvalProperties: "Memo",
  outcome: "Integer",
  outcomeMessage: "Memo",
  outcomeOn: "DateTime",
} as const;

const NOT_FOUND = Symbol("not found");
type Answer<T> = Result<T | typeof NOT_FOUND>;

const arrayOf = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
const stringOf = (v: unknown): string | null => (typeof v === "string" ? v : null);

/** The label in the user's language: UserLocalizedLabel, else the first localized one. */
function labelOf(label: unknown): string | null {
  if (!isObject(label)) return null;
  const user = isObject(label.UserLocalizedLabel) ? stringOf(label.UserLocalizedLabel.Label) : null;
  if (user !== null) return user;
  const first = arrayOf(label.LocalizedLabels)[0];
  return first ? stringOf(first.Label) : null;
}

export function parseTable(body: unknown): TableInfo | null {
  if (!isObject(body) || stringOf(body.LogicalName) === null) return null;
  const attributes: AttributeInfo[] = arrayOf(body.Attributes)
    .map((a) => ({ logicalName: stringOf(a.LogicalName) ?? "", type: stringOf(a.AttributeType) }))
    .filter((a) => a.logicalName !== "");
  return { logicalName: stringOf(body.LogicalName) ?? "", entitySet: stringOf(body.EntitySetName), attributes };
}

export function parseRelationships(body: unknown): RelationshipInfo[] {
  return arrayOf(isObject(body) ? body.value : null)
    .map((r) => ({
      referencingAttribute: stringOf(r.ReferencingAttribute) ?? "",
      navigation: stringOf(r.ReferencingEntityNavigationPropertyName),
      referencedEntity: stringOf(r.ReferencedEntity),
    }))
    .filter((r) => r.referencingAttribute !== "");
}

export function parseOptionSets(body: unknown): Record<string, OptionInfo[]> {
  const out: Record<string, OptionInfo[]> = {};
  for (const attribute of arrayOf(isObject(body) ? body.value : null)) {
    const name = stringOf(attribute.LogicalName);
    if (name === null || !isObject(attribute.OptionSet)) continue;
    out[name.toLowerCase()] = arrayOf(attribute.OptionSet.Options)
      .filter((o) => typeof o.Value === "number")
      .map((o) => ({ value: o.Value as number, label: labelOf(o.Label) }));
  }
  return out;
}

/** UpdateApprovalStatus in a CSDL document: its parameters, or null when the document has no such action. */
export function parseActionFromCsdl(xml: string): { parameters: ActionParameterInfo[] } | null {
  const element = /<Action\s[^>]*Name="UpdateApprovalStatus"[^>]*>([\s\S]*?)<\/Action>/.exec(xml);
  if (!element) return null;
  const attribute = (tag: string, name: string): string | null => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? null;
  const parameters: ActionParameterInfo[] = [];
  for (const m of element[1].matchAll(/<Parameter\s([^>]*?)\/?>/g)) {
    const name = attribute(m[1], "Name");
    if (name === null) continue;
    parameters.push({ name, type: attribute(m[1], "Type") ?? "", nullable: attribute(m[1], "Nullable") !== "false" });
  }
  return { parameters };
}

export function parsePrivileges(body: unknown): PrivilegeInfo[] {
  return arrayOf(isObject(body) ? body.RolePrivileges : null)
    .map((p) => ({ name: stringOf(p.PrivilegeName) ?? "", depth: stringOf(p.Depth) ?? String(p.Depth ?? "") }))
    .filter((p) => p.name !== "");
}

export function parseRoles(body: unknown): RoleInfo[] {
  return arrayOf(isObject(body) ? body.value : null)
    .map((r) => ({ id: normalizeGuid(stringOf(r.roleid)) ?? "", name: stringOf(r.name), templateId: normalizeGuid(stringOf(r._roletemplateid_value)) }))
    .filter((r) => r.id !== "");
}

export async function probeHost(deps: HostProbeDeps, input: HostProbeInput, signal?: AbortSignal): Promise<HostProbe> {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const base = `${(deps.clientUrl ?? "").replace(/\/+$/, "")}/api/data/v9.2/`;
  const fetchFn = deps.fetchFn;

  const get = async <T>(path: string, parse: (response: Response) => Promise<T>, accept?: string): Promise<Answer<T>> => {
    if (!fetchFn || !deps.clientUrl) return { ok: false, error: { kind: "noHost" } };
    const r = await guarded(
      () =>
        fetchFn(`${base}${path}`, {
          method: "GET",
          credentials: "same-origin",
          headers: { Accept: accept ?? "application/json", "OData-MaxVersion": "4.0", "OData-Version": "4.0" },
          signal,
        }),
      timeoutMs,
      signal,
    );
    if (!r.ok) return r;
    const response = r.value;
    if (response.status === 404) return { ok: true, value: NOT_FOUND };
    if (!response.ok) return { ok: false, error: dataErrorFromFacts(await factsFromResponse(response)) };
    try {
      return { ok: true, value: await parse(response) };
    } catch (e) {
      return { ok: false, error: { kind: "unknown", serverMessage: e instanceof Error ? e.message : "Unreadable answer." } };
    }
  };
  const json = (response: Response): Promise<unknown> => response.json() as Promise<unknown>;
  /** A 404 is an answer ("no such thing") where the probe has a place for it, else an error. */
  const orNull = <T>(a: Answer<T>): Result<T | null> => (a.ok ? { ok: true, value: a.value === NOT_FOUND ? null : a.value } : a);
  const required = <T>(a: Answer<T>, what: string): Result<T> =>
    a.ok ? (a.value === NOT_FOUND ? { ok: false, error: { kind: "notFound", serverMessage: `${what} not found.` } } : { ok: true, value: a.value }) : a;

  const relay = input.relayTable !== null ? relaySchema(input.relayTable) : null;
  const tableNames = [...TABLE_ASSUMPTIONS.map((t) => t.logicalName), ...(relay ? [relay.table] : [])];
  const userId = queryGuid(input.userId);

  const tableRequests = tableNames.map(async (name) => {
    const path = `EntityDefinitions(LogicalName='${name}')?$select=LogicalName,EntitySetName&$expand=Attributes($select=LogicalName,AttributeType,DisplayName)`;
    const a = await get(path, async (r) => parseTable(await json(r)));
    return [name, orNull(a)] as const;
  });
  const optionRequests = [STAGE_RUN_TABLE, "deploymentstage"].map(async (name) => {
    const path = `EntityDefinitions(LogicalName='${name}')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet($select=Options)`;
    return [name, required(await get(path, async (r) => parseOptionSets(await json(r))), name)] as const;
  });
  const relationships = get(
    `EntityDefinitions(LogicalName='${STAGE_RUN_TABLE}')/ManyToOneRelationships?$select=SchemaName,ReferencingAttribute,ReferencingEntityNavigationPropertyName,ReferencedEntity&$filter=ReferencingAttribute eq 'deploymentstageid'`,
    async (r) => parseRelationships(await json(r)),
  );
  // $metadata is large on a real host (megabytes); asked once, only when an admin runs the check.
  const action = get("$metadata", async (r) => parseActionFromCsdl(await r.text()), "application/xml");
  const privileges =
    userId === null
      ? Promise.resolve<Answer<PrivilegeInfo[]>>({ ok: false, error: { kind: "badRequest", serverMessage: "No user id." } })
      : get(`systemusers(${userId})/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()`, async (r) => parsePrivileges(await json(r)));
  const pipelineRoles = get("roles?$select=roleid,name,_roletemplateid_value&$filter=contains(name,'Deployment Pipeline')", async (r) =>
    parseRoles(await json(r)),
  );

  const [tables, optionSets, rel, act, priv, roles] = await Promise.all([
    Promise.all(tableRequests),
    Promise.all(optionRequests),
    relationships,
    action,
    privileges,
    pipelineRoles,
  ]);
  const actionResult = orNull(act);
  return {
    tables: Object.fromEntries(tables),
    optionSets: Object.fromEntries(optionSets),
    stageRelationships: required(rel, "ManyToOneRelationships"),
    action: actionResult,
    privileges: required(priv, "RetrieveUserPrivileges"),
    pipelineRoles: required(roles, "roles"),
    formTable: input.formTable,
    relay: relay
      ? {
          table: relay.table,
          columns: Object.fromEntries(Object.entries(relay.columns).map(([k, col]) => [col, RELAY_COLUMN_TYPES[k as keyof typeof RELAY_COLUMN_TYPES]])),
        }
      : null,
  };
}
