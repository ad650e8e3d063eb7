/**
 * The fronts the Deployment Approvals app's contract cases run on (in process: host.approvalRequests and the Web API
 * through fetch; over HTTP: the playground's /__playground/ endpoints and its Web API), and the helpers the cases share.
 */
import { IntakeError, USERS, createFakeHost, type ApprovalRequestViewRow, type IntakeSettings, type OutboxEntry } from "../../../fakehost/index.cjs";
import { Playground } from "../../browser/helpers/playground";
import { callInProcess, callOverHttp, type Answer, type Row } from "../bothFronts";
import { createdId } from "../../support/entityId";

export type ViewName = "waiting-for-me" | "all-waiting" | "decided";
export type ExpiryCounts = { expired: number; cancelled: number; approved: number; rejected: number; superseded: number };

export const ANNOTATIONS = { Prefer: 'odata.include-annotations="*"' };
export const APP_URL = "https://contoso.crm.dynamics.com/main.aspx?appid=5f0e7a4c-2b1d-4c3e-9a8b-7d6c5e4f3a21";
export const RECORD_PAGE = "&pagetype=entityrecord&etn=apnl_approvalrequest&id=";
export const RUN_CANCELED = 200000004;
export const RUN_FAILED = 200000003;

/** What a case can do with a front of the fake host. */
export interface Front {
  /** A Web API call as a user. */
  call(user: string, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  /** The business event OnApprovalStarted for a run (the intake flow's run). */
  intake(runId: string): Promise<{ status: number; body: Row }>;
  settings(input: Partial<Record<keyof IntakeSettings, unknown>>): Promise<{ status: number; body: Row }>;
  outbox(): Promise<OutboxEntry[]>;
  expire(): Promise<ExpiryCounts>;
  view(name: ViewName, user: string): Promise<ApprovalRequestViewRow[]>;
  relay(mode: "on" | "held" | "off"): Promise<void>;
  /** The logged steps of one of the flows (x-playground-caller). */
  flowSteps(caller: string): Promise<Array<{ method: string; path: string; user: string | null; status: number }>>;
  reset(): Promise<void>;
}

export function inProcess(): Front & { host: ReturnType<typeof createFakeHost> } {
  const host = createFakeHost({ relayDelayMs: 0, deployDelayMs: 60_000 });
  const requests = host.approvalRequests;
  const failure = (e: unknown) => {
    if (e instanceof IntakeError) return { status: e.status, body: { error: e.message } as Row };
    throw e;
  };
  return {
    host,
    call: callInProcess(host),
    intake: async (runId) => {
      try {
        return { status: 200, body: requests.onApprovalStarted(runId) as unknown as Row };
      } catch (e) {
        return failure(e);
      }
    },
    settings: async (input) => {
      try {
        return { status: 200, body: requests.set(input as Parameters<typeof requests.set>[0]) as unknown as Row };
      } catch (e) {
        return failure(e);
      }
    },
    outbox: async () => [...requests.outbox],
    expire: async () => requests.expire(),
    view: async (name, user) => (name === "waiting-for-me" ? requests.waitingFor(user) : name === "all-waiting" ? requests.allWaiting() : requests.decided()),
    relay: async (mode) => {
      host.relayFlow.set({ mode });
    },
    flowSteps: async (caller) =>
      host.log.entries
        .filter((e) => (e.headers as Record<string, string> | undefined)?.["x-playground-caller"] === caller)
        .map((e) => ({ method: e.method, path: e.path, user: e.user as string | null, status: e.status })),
    reset: async () => host.reset(),
  };
}

export function overHttp(pg: Playground): Front {
  const send = async (method: string, path: string, body?: unknown, user?: string) => {
    const res = await fetch(`${pg.url}${path}`, {
      method,
      headers: { "Content-Type": "application/json", ...(user ? { Cookie: `pp_user=${user}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Row };
  };
  const ok = async (method: string, path: string, body?: unknown, user?: string) => {
    const r = await send(method, path, body, user);
    if (r.status !== 200) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  return {
    call: callOverHttp(pg),
    intake: (runId) => send("POST", "/__playground/intake", { runId }),
    settings: (input) => send("POST", "/__playground/intake/settings", input),
    outbox: async () => (await ok("GET", "/__playground/outbox")).outbox as OutboxEntry[],
    expire: async () => (await ok("POST", "/__playground/expire", {})) as unknown as ExpiryCounts,
    view: async (name, user) => (await ok("GET", `/__playground/app/views/${name}`, undefined, user)).rows as ApprovalRequestViewRow[],
    relay: async (mode) => {
      await ok("POST", "/__playground/relay", { mode, delayMs: 0 });
    },
    flowSteps: async (caller) =>
      (await pg.log())
        .filter((e) => e.headers["x-playground-caller"] === caller)
        .map((e) => ({ method: e.method, path: e.path, user: e.user, status: e.status })),
    reset: async () => {
      await pg.reset();
      await ok("POST", "/__playground/relay", { mode: "on", delayMs: 0 });
    },
  };
}

// ---------------------------------------------------------------------------------------------------- helpers

/** The request rows of a run, read by a System Administrator with every annotation. */
export async function rowsOfRun(f: Front, runId: string): Promise<Row[]> {
  const filter = encodeURIComponent(`apnl_stagerunid eq '${runId}'`);
  const r = await f.call(USERS.morgan, "GET", `apnl_approvalrequests?$filter=${filter}`, undefined, ANNOTATIONS);
  expect(r.status).toBe(200);
  return r.body.value as Row[];
}
/** The one request row of a run. */
export async function rowOf(f: Front, runId: string): Promise<Row> {
  const rows = await rowsOfRun(f, runId);
  expect(rows).toHaveLength(1);
  return rows[0];
}
export const statusOf = async (f: Front, runId: string) => (await rowOf(f, runId)).apnl_status;
export const runOf = async (f: Front, runId: string): Promise<Row> => (await f.call(USERS.morgan, "GET", `deploymentstageruns(${runId})`)).body;
/** A change to a run no flow sees (a System Administrator's PATCH): the state a missed event leaves. */
export async function patchRun(f: Front, runId: string, values: Row): Promise<void> {
  expect((await f.call(USERS.morgan, "PATCH", `deploymentstageruns(${runId})`, values)).status).toBe(204);
}
export async function intakeOk(
  f: Front,
  runId: string,
): Promise<{ requestId: string; created: boolean; ownerId: string; ownerType: string; notification: OutboxEntry | null }> {
  const r = await f.intake(runId);
  if (r.status !== 200) throw new Error(`intake ${runId}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as never;
}
export async function settings(f: Front, input: Partial<IntakeSettings>): Promise<void> {
  const r = await f.settings(input);
  expect(r.status).toBe(200);
}
/** UpdateApprovalStatus as a user (the panel's own decision on a stage-owner stage). */
export async function decide(f: Front, user: string, runId: string, status: 20 | 30): Promise<void> {
  const r = await f.call(user, "POST", "UpdateApprovalStatus", { StageRunId: runId, ApprovalStatus: status, ApprovalComments: "ok", ApprovalProperties: "{}" });
  if (r.status !== 204) throw new Error(`decide ${runId} as ${user}: ${r.status} ${JSON.stringify(r.body)}`);
}
/** A relay decision row; answers its id once the relay flow wrote its outcome. */
export async function relayDecision(f: Front, user: string, runId: string, fields: Row): Promise<{ id: string; outcome: unknown; outcomeOn: unknown }> {
  const r = await f.call(user, "POST", "apnl_approvaldecisions", { apnl_name: "decision", apnl_stagerunid: runId, ...fields });
  if (r.status !== 204) throw new Error(`relay row as ${user}: ${r.status} ${JSON.stringify(r.body)}`);
  const id = createdId(r.headers) as string;
  const deadline = Date.now() + 15_000;
  for (;;) {
    const row = (await f.call(USERS.morgan, "GET", `apnl_approvaldecisions(${id})?$select=apnl_outcome,apnl_outcomeon`)).body;
    if (row.apnl_outcome !== null && row.apnl_outcome !== undefined && row.apnl_outcome !== 10)
      return { id, outcome: row.apnl_outcome, outcomeOn: row.apnl_outcomeon };
    if (Date.now() > deadline) throw new Error(`no outcome on ${id}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
/** Polls until the row of a run has this status (the relay's event is handled once the relay's run has finished). */
export async function eventuallyStatus(f: Front, runId: string, status: number): Promise<Row> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const row = await rowOf(f, runId);
    if (row.apnl_status === status || Date.now() > deadline) return row;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
export const names = (rows: ApprovalRequestViewRow[]) => rows.map((r) => r.name);
export const ids = (rows: ApprovalRequestViewRow[]) => rows.map((r) => r.id);
/** The teams a user is a member of, through the Web API (teammembership). */
export async function teamsOf(f: Front, user: string): Promise<string[]> {
  const filter = encodeURIComponent(`teammembership_association/any(u:u/systemuserid eq ${user})`);
  const r = await f.call(USERS.morgan, "GET", `teams?$select=teamid&$filter=${filter}`);
  return (r.body.value as Row[]).map((t) => String(t.teamid));
}
/** Every seed user who can sign in (not the service principal). */
export const PEOPLE = [USERS.avery, USERS.riley, USERS.jordan, USERS.morgan, USERS.sam, USERS.kai, USERS.quinn, USERS.casey];
/** The stored time a date column holds, as the flows write it (UTC, no milliseconds). */
export const iso = (value: unknown) => new Date(String(value)).toISOString().replace(/\.\d{3}Z$/, "Z");
/** The decision time lies between two clock readings (Dataverse keeps whole seconds). */
export const between = (value: unknown, from: number, to: number) => {
  const t = Date.parse(String(value));
  return t >= Math.floor(from / 1000) * 1000 && t <= to;
};
