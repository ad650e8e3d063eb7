/**
 * What the fake host's contract cases share: the surface a case runs on (its Web API, fetch, faults, reset) and the
 * helpers that read an answer.
 */
import { type FaultSpec, USERS, type HostileVariant } from "../../../fakehost/index.cjs";
import type { ContractCase as BothFrontsCase } from "../bothFronts";

export const CLIENT_URL = "https://contoso.crm.dynamics.com";
export const ACTION_URL = `${CLIENT_URL}/api/data/v9.2/UpdateApprovalStatus`;
export const FV = "@OData.Community.Display.V1.FormattedValue";

export interface Caller {
  userId: string;
  host?: "current" | "legacy";
}

/** What a case can do with a surface. */
export interface Surface {
  webAPI(caller: Caller): ComponentFramework.WebApi;
  fetch(caller: Caller): typeof fetch;
  setFaults(faults: FaultSpec[]): Promise<void>;
  reset(): Promise<void>;
  /** Registers a hostile variant's bytes on an artifact row (host.artifacts.put; POST /__playground/artifacts). */
  putHostile(artifactId: string, variant: HostileVariant): Promise<void>;
}

export type Outcome = { ok: true; value: unknown } | { ok: false; error: { message?: unknown; errorCode?: unknown } };

export const outcome = async (work: () => Promise<unknown>): Promise<Outcome> => {
  try {
    return { ok: true, value: await work() };
  } catch (e) {
    return { ok: false, error: e as { message?: unknown; errorCode?: unknown } };
  }
};

export const decide = (runId: string, status: number) => ({
  method: "POST",
  headers: { "Content-Type": "application/json", Accept: "application/json", "OData-Version": "4.0", "OData-MaxVersion": "4.0" },
  body: JSON.stringify({ StageRunId: runId, ApprovalStatus: status, ApprovalComments: "ok", ApprovalProperties: "{}" }),
});

/** The status and Dataverse error of an action call. */
export const actionAnswer = async (s: Surface, caller: Caller, runId: string, status: number) => {
  const res = await s.fetch(caller)(ACTION_URL, decide(runId, status));
  const text = await res.text();
  return { status: res.status, error: text ? (JSON.parse(text) as { error?: { code: string; message: string } }).error : undefined };
};

export const avery: Caller = { userId: USERS.avery };
export const HOSTS = ["current", "legacy"] as const;
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** An @odata.context naming this fragment (the origin differs per surface). */
export const contextOf = (fragment: string) =>
  expect.stringMatching(new RegExp(`^https?://[^/]+/api/data/v9\\.2/\\$metadata#${fragment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
export const READ_HEADERS = { Accept: "application/json", "OData-Version": "4.0", "OData-MaxVersion": "4.0" };

export type Json = Record<string, unknown> & { value?: Json[] };
/** A GET as the host check sends it (fetch with the user's session), and its JSON answer. */
export const getJson = async (s: Surface, caller: Caller, pathAndQuery: string) => {
  const res = await s.fetch(caller)(`${CLIENT_URL}/api/data/v9.2/${pathAndQuery}`, { headers: READ_HEADERS });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Json };
};
export const label = (text: string) => ({ LocalizedLabels: [{ Label: text, LanguageCode: 1033 }], UserLocalizedLabel: { Label: text, LanguageCode: 1033 } });
/** A choice column's options as value → label. */
export const optionsOf = (item: Json) =>
  Object.fromEntries(
    ((item.OptionSet as { Options: Array<{ Value: number; Label: { UserLocalizedLabel: { Label: string } } }> }).Options ?? []).map((o) => [
      o.Value,
      o.Label.UserLocalizedLabel.Label,
    ]),
  );

export const propertyNotFound = (name: string, table = "deploymentstagerun") =>
  `Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${table}'.`;

export type ContractCase = BothFrontsCase<Surface> & { expected: unknown };
