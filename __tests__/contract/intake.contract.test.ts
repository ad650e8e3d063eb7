/**
 * The Deployment Approvals app's flows in the fake host core (issue 23): "Take in approval requests" (OnApprovalStarted),
 * "Record approval outcomes" (OnApprovalCompleted, after every decision the host applies) and "Expire waiting
 * requests", with the app's views and the notification outbox. Each case runs on both fronts of the fake host: in
 * process (host.approvalRequests and the Web API through fetch) and over HTTP (the playground's /__playground/
 * endpoints and its Web API), so the playground's "A new request arrives" and the jest tests play the same flows.
 */
import {
  FLOW_CALLERS,
  IntakeError,
  OUTCOMES,
  POLICIES,
  QUORUM_CHECKLIST,
  REQUESTS,
  REQUEST_STATUSES,
  RUNS,
  STAGES,
  TEAMS,
  USERS,
  createFakeHost,
  type ApprovalRequestViewRow,
  type IntakeSettings,
  type OutboxEntry,
} from "../../fakehost/index.cjs";
import { Playground, startPlayground } from "../browser/helpers/playground";
import { callInProcess, callOverHttp, onBothFronts, type Answer, type ContractCase, type Row } from "./bothFronts";
import { createdId } from "../support/entityId";

jest.setTimeout(60_000);

type ViewName = "waiting-for-me" | "all-waiting" | "decided";
type ExpiryCounts = { expired: number; cancelled: number; approved: number; rejected: number; superseded: number };

const ANNOTATIONS = { Prefer: 'odata.include-annotations="*"' };
const APP_URL = "https://contoso.crm.dynamics.com/main.aspx?appid=5f0e7a4c-2b1d-4c3e-9a8b-7d6c5e4f3a21";
const RECORD_PAGE = "&pagetype=entityrecord&etn=apnl_approvalrequest&id=";
const RUN_CANCELED = 200000004;
const RUN_FAILED = 200000003;

/** What a case can do with a front of the fake host. */
interface Front {
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

function inProcess(): Front & { host: ReturnType<typeof createFakeHost> } {
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

function overHttp(pg: Playground): Front {
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
async function rowsOfRun(f: Front, runId: string): Promise<Row[]> {
  const filter = encodeURIComponent(`apnl_stagerunid eq '${runId}'`);
  const r = await f.call(USERS.morgan, "GET", `apnl_approvalrequests?$filter=${filter}`, undefined, ANNOTATIONS);
  expect(r.status).toBe(200);
  return r.body.value as Row[];
}
/** The one request row of a run. */
async function rowOf(f: Front, runId: string): Promise<Row> {
  const rows = await rowsOfRun(f, runId);
  expect(rows).toHaveLength(1);
  return rows[0];
}
const statusOf = async (f: Front, runId: string) => (await rowOf(f, runId)).apnl_status;
const runOf = async (f: Front, runId: string): Promise<Row> => (await f.call(USERS.morgan, "GET", `deploymentstageruns(${runId})`)).body;
/** A change to a run no flow sees (a System Administrator's PATCH): the state a missed event leaves. */
async function patchRun(f: Front, runId: string, values: Row): Promise<void> {
  expect((await f.call(USERS.morgan, "PATCH", `deploymentstageruns(${runId})`, values)).status).toBe(204);
}
async function intakeOk(
  f: Front,
  runId: string,
): Promise<{ requestId: string; created: boolean; ownerId: string; ownerType: string; notification: OutboxEntry | null }> {
  const r = await f.intake(runId);
  if (r.status !== 200) throw new Error(`intake ${runId}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as never;
}
async function settings(f: Front, input: Partial<IntakeSettings>): Promise<void> {
  const r = await f.settings(input);
  expect(r.status).toBe(200);
}
/** UpdateApprovalStatus as a user (the panel's own decision on a stage-owner stage). */
async function decide(f: Front, user: string, runId: string, status: 20 | 30): Promise<void> {
  const r = await f.call(user, "POST", "UpdateApprovalStatus", { StageRunId: runId, ApprovalStatus: status, ApprovalComments: "ok", ApprovalProperties: "{}" });
  if (r.status !== 204) throw new Error(`decide ${runId} as ${user}: ${r.status} ${JSON.stringify(r.body)}`);
}
/** A relay decision row; answers its id once the relay flow wrote its outcome. */
async function relayDecision(f: Front, user: string, runId: string, fields: Row): Promise<{ id: string; outcome: unknown; outcomeOn: unknown }> {
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
async function eventuallyStatus(f: Front, runId: string, status: number): Promise<Row> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const row = await rowOf(f, runId);
    if (row.apnl_status === status || Date.now() > deadline) return row;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
const names = (rows: ApprovalRequestViewRow[]) => rows.map((r) => r.name);
const ids = (rows: ApprovalRequestViewRow[]) => rows.map((r) => r.id);
/** The teams a user is a member of, through the Web API (teammembership). */
async function teamsOf(f: Front, user: string): Promise<string[]> {
  const filter = encodeURIComponent(`teammembership_association/any(u:u/systemuserid eq ${user})`);
  const r = await f.call(USERS.morgan, "GET", `teams?$select=teamid&$filter=${filter}`);
  return (r.body.value as Row[]).map((t) => String(t.teamid));
}
/** Every seed user who can sign in (not the service principal). */
const PEOPLE = [USERS.avery, USERS.riley, USERS.jordan, USERS.morgan, USERS.sam, USERS.kai, USERS.quinn, USERS.casey];
/** The stored time a date column holds, as the flows write it (UTC, no milliseconds). */
const iso = (value: unknown) => new Date(String(value)).toISOString().replace(/\.\d{3}Z$/, "Z");
/** The decision time lies between two clock readings (Dataverse keeps whole seconds). */
const between = (value: unknown, from: number, to: number) => {
  const t = Date.parse(String(value));
  return t >= Math.floor(from / 1000) * 1000 && t <= to;
};

const CASES: Array<ContractCase<Front>> = [
  // -------------------------------------------------------------------------------------------- the row
  {
    name: "a new request creates one row with what a list needs; a second event for the same run updates it, never a second row",
    run: async (f) => {
      expect(await rowsOfRun(f, RUNS.intakeArrives)).toEqual([]);
      const run = await runOf(f, RUNS.intakeArrives);
      const first = await intakeOk(f, RUNS.intakeArrives);
      expect(first).toMatchObject({ created: true, ownerId: USERS.avery, ownerType: "systemuser", notification: null });
      const row = await rowOf(f, RUNS.intakeArrives);
      expect(row).toMatchObject({
        apnl_approvalrequestid: first.requestId,
        apnl_name: "ContosoPurchasing 1.0.0.0 \u2192 Production",
        apnl_stagerunid: RUNS.intakeArrives,
        apnl_solutionname: "ContosoPurchasing",
        apnl_solutionversion: "1.0.0.0",
        apnl_pipelinename: "Contoso Expenses ALM",
        apnl_stagename: "Production",
        apnl_stageid: STAGES.expensesProd,
        apnl_targetenvironment: "Contoso Production",
        apnl_requestername: "Riley Maker",
        apnl_requesterid: USERS.riley,
        apnl_requestedon: run.createdon,
        apnl_notesexcerpt: run.deploymentnotes,
        apnl_newerwaiting: 0,
        apnl_delegationtype: 276400000,
        "apnl_delegationtype@OData.Community.Display.V1.FormattedValue": "Stage owner",
        apnl_status: REQUEST_STATUSES.waiting,
        "apnl_status@OData.Community.Display.V1.FormattedValue": "Waiting",
        apnl_decidedbyid: null,
        apnl_decidedon: null,
        _createdby_value: USERS.spn,
        _ownerid_value: USERS.avery,
        "_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "systemuser",
        "_ownerid_value@OData.Community.Display.V1.FormattedValue": "Avery Owner",
        _owninguser_value: USERS.avery,
        _owningteam_value: null,
      });

      // The maker edits the notes; the event comes again (a retry): the same row takes the change.
      await patchRun(f, RUNS.intakeArrives, { deploymentnotes: "Purchasing: approval limits per cost centre." });
      const second = await intakeOk(f, RUNS.intakeArrives);
      expect(second).toMatchObject({ created: false, requestId: first.requestId });
      expect(await rowsOfRun(f, RUNS.intakeArrives)).toEqual([
        expect.objectContaining({ apnl_approvalrequestid: first.requestId, apnl_notesexcerpt: "Purchasing: approval limits per cost centre." }),
      ]);
      // The alternate key refuses a second row for the run whoever writes it.
      const duplicate = await f.call(USERS.morgan, "POST", "apnl_approvalrequests", { apnl_name: "Duplicate", apnl_stagerunid: RUNS.intakeArrives });
      expect(duplicate.status).toBe(412);
      expect(await rowsOfRun(f, RUNS.intakeArrives)).toHaveLength(1);
    },
  },
  {
    name: "a late second event for a decided run keeps its outcome (nothing reopens in Waiting for me)",
    run: async (f) => {
      await intakeOk(f, RUNS.intakeArrives);
      await decide(f, USERS.avery, RUNS.intakeArrives, 30);
      expect(await statusOf(f, RUNS.intakeArrives)).toBe(REQUEST_STATUSES.rejected);
      // The emulator plays the event only for a pending run; a real late duplicate of it still finds the run decided.
      await patchRun(f, RUNS.intakeArrives, { approvalstatus: 10 });
      await intakeOk(f, RUNS.intakeArrives);
      expect(await rowOf(f, RUNS.intakeArrives)).toMatchObject({ apnl_status: REQUEST_STATUSES.rejected, apnl_decidedbyid: USERS.avery });
    },
  },
  {
    name: "the intake refuses a malformed run id (400), an unknown run (404) and a run that is not pending approval (409)",
    run: async (f) => {
      expect((await f.intake("not-a-guid")).status).toBe(400);
      expect((await f.intake("f0000000-0000-4000-8000-0000000000ff")).status).toBe(404);
      expect((await f.intake(RUNS.approved)).status).toBe(409);
      expect(await rowsOfRun(f, "f0000000-0000-4000-8000-0000000000ff")).toEqual([]);
    },
  },
  {
    name: "the intake's steps are logged as the service principal's requests: reads, then the upsert by the alternate key and the assignment",
    run: async (f) => {
      const { requestId } = await intakeOk(f, RUNS.intakeArrives);
      const steps = await f.flowSteps(FLOW_CALLERS.intake);
      expect(steps.every((s) => s.user === USERS.spn)).toBe(true);
      expect(steps[0]).toMatchObject({ method: "GET", path: expect.stringContaining(`/api/data/v9.2/deploymentstageruns(${RUNS.intakeArrives})`) });
      expect(steps.slice(-2)).toEqual([
        { method: "PATCH", path: `/api/data/v9.2/apnl_approvalrequests(apnl_stagerunid='${RUNS.intakeArrives}')`, user: USERS.spn, status: 204 },
        { method: "PATCH", path: `/api/data/v9.2/apnl_approvalrequests(${requestId})`, user: USERS.spn, status: 204 },
      ]);
    },
  },

  // -------------------------------------------------------------------------------------------- who decides
  {
    name: "a service-principal stage whose active policy names an approver team: the team owns the row (read as a team lookup)",
    run: async (f) => {
      expect((await f.call(USERS.morgan, "DELETE", `apnl_approvalrequests(${REQUESTS.policyQuorumPending})`)).status).toBe(204);
      // The default team is set too: the policy's team comes first.
      await settings(f, { defaultApproverTeam: TEAMS.releaseManagers });
      const r = await intakeOk(f, RUNS.policyQuorumPending);
      expect(r).toMatchObject({ created: true, ownerId: TEAMS.hrApprovers, ownerType: "team" });
      expect(await rowOf(f, RUNS.policyQuorumPending)).toMatchObject({
        apnl_delegationtype: 276400001,
        _ownerid_value: TEAMS.hrApprovers,
        "_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "team",
        "_ownerid_value@OData.Community.Display.V1.FormattedValue": "HR approvers",
        _owningteam_value: TEAMS.hrApprovers,
        _owninguser_value: null,
      });
      // Without annotations asked for, none comes back.
      const plain = await f.call(USERS.morgan, "GET", `apnl_approvalrequests(${r.requestId})?$select=_ownerid_value`);
      expect(plain.body).toEqual({
        "@odata.context": expect.any(String),
        "@odata.etag": expect.any(String),
        apnl_approvalrequestid: r.requestId,
        _ownerid_value: TEAMS.hrApprovers,
      });
    },
  },
  {
    name: "a service-principal stage whose policy names no team (or is inactive): the team apnl_DefaultApproverTeam names",
    run: async (f) => {
      await settings(f, { defaultApproverTeam: TEAMS.releaseManagers });
      // Field Service UAT: its policy names no team.
      expect(await intakeOk(f, RUNS.spnPending)).toMatchObject({ created: false, ownerId: TEAMS.releaseManagers, ownerType: "team" });
      expect(await rowOf(f, RUNS.spnPending)).toMatchObject({
        _ownerid_value: TEAMS.releaseManagers,
        "_ownerid_value@OData.Community.Display.V1.FormattedValue": "Release managers",
      });
      // HR UAT with its policy deactivated: no policy team any more.
      expect((await f.call(USERS.morgan, "PATCH", `apnl_approvalpolicies(${POLICIES.quorum})`, { statecode: 1, statuscode: 2 })).status).toBe(204);
      expect(await intakeOk(f, RUNS.policyExpiredPending)).toMatchObject({ ownerId: TEAMS.releaseManagers, ownerType: "team" });
      // A delegated stage without a deployment type (Unknown) goes to the default team as well; braces are allowed.
      await settings(f, { defaultApproverTeam: `{${TEAMS.hrApprovers.toUpperCase()}}` });
      expect(await intakeOk(f, RUNS.nullTypePending)).toMatchObject({ created: true, ownerId: TEAMS.hrApprovers, ownerType: "team" });
      expect((await rowOf(f, RUNS.nullTypePending)).apnl_delegationtype).toBe(276400002);
    },
  },
  {
    name: "no approver team set (empty, or naming no team): the row stays the flow's user's and nobody is notified",
    run: async (f) => {
      await settings(f, { channel: "email" });
      expect((await f.call(USERS.morgan, "DELETE", `apnl_approvalrequests(${REQUESTS.spnPending})`)).status).toBe(204);
      const empty = await intakeOk(f, RUNS.spnPending);
      expect(empty).toMatchObject({ created: true, ownerId: USERS.spn, ownerType: "systemuser", notification: null });
      expect(await rowOf(f, RUNS.spnPending)).toMatchObject({
        _ownerid_value: USERS.spn,
        apnl_notesexcerpt: (await runOf(f, RUNS.spnPending)).deploymentnotes,
      });

      for (const named of ["b2000000-0000-4000-8000-0000000000ff", "Field Service approvers"]) {
        await settings(f, { defaultApproverTeam: named });
        expect(await intakeOk(f, RUNS.nullTypePending)).toMatchObject({ ownerId: USERS.spn, ownerType: "systemuser", notification: null });
      }
      expect(await f.outbox()).toEqual([]);
      // A stage-owner stage never needs the team: its decider is notified.
      expect((await intakeOk(f, RUNS.intakeArrives)).notification).toMatchObject({ to: USERS.avery });
    },
  },

  // -------------------------------------------------------------------------------------------- the notification
  {
    name: "the notification: subject and every line word for word, sent to who decides, with the link that opens the row in the app",
    run: async (f) => {
      await settings(f, { channel: "email", appUrl: APP_URL });
      const run = await runOf(f, RUNS.intakeArrives);
      const r = await intakeOk(f, RUNS.intakeArrives);
      const link = `${APP_URL}${RECORD_PAGE}${r.requestId}`;
      const expected: OutboxEntry = {
        id: expect.any(String) as unknown as string,
        channel: "email",
        to: USERS.avery,
        toName: "Avery Owner",
        subject: "Approval needed: ContosoPurchasing 1.0.0.0 \u2192 Production",
        body: [
          "Riley Maker asks to deploy ContosoPurchasing 1.0.0.0 from Contoso Dev to Contoso Production (Contoso Expenses ALM / Production).",
          `Requested on ${iso(run.createdon)}.`,
          "Notes: Purchasing: approval limits per cost centre and a supplier portal for delivery dates.",
          "Newer requests waiting for this stage: 0",
          `Open the request: ${link}`,
        ].join("\n"),
        link,
        requestId: r.requestId,
        runId: RUNS.intakeArrives,
        sentOn: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) as unknown as string,
      };
      expect(r.notification).toEqual(expected);
      expect(await f.outbox()).toEqual([expected]);
    },
  },
  {
    name: "without apnl_AppUrl the notification names the row and has no link; the Teams channel sends the same text; a team owner is its addressee",
    run: async (f) => {
      await settings(f, { channel: "teams" });
      const r = await intakeOk(f, RUNS.policyQuorumPending);
      expect(r.notification).toMatchObject({
        channel: "teams",
        to: TEAMS.hrApprovers,
        toName: "HR approvers",
        link: null,
        requestId: REQUESTS.policyQuorumPending,
      });
      expect(r.notification?.subject).toBe("Approval needed: ContosoOnboarding 1.3.0.0 \u2192 UAT");
      expect(r.notification?.body.split("\n")).toEqual([
        "Riley Maker asks to deploy ContosoOnboarding 1.3.0.0 from Contoso Dev to Contoso HR UAT (Contoso HR ALM / UAT).",
        expect.stringMatching(/^Requested on \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\.$/),
        "Notes: Onboarding: equipment requests from the new-hire checklist and a welcome e-mail in the employee's language.",
        "Newer requests waiting for this stage: 0",
        `Open the request: (the app's address is not set: request ${REQUESTS.policyQuorumPending})`,
      ]);
    },
  },
  {
    name: "channel none (the default) sends nothing, and the row is still taken in; a bad channel is refused",
    run: async (f) => {
      const r = await intakeOk(f, RUNS.intakeArrives);
      expect(r.notification).toBeNull();
      expect(await f.outbox()).toEqual([]);
      expect(await rowsOfRun(f, RUNS.intakeArrives)).toHaveLength(1);
      await settings(f, { channel: "email" });
      await settings(f, { channel: "none" });
      await intakeOk(f, RUNS.checksClear);
      expect(await f.outbox()).toEqual([]);
      expect((await f.settings({ channel: "sms" })).status).toBe(400);
    },
  },
  {
    name: "the notes excerpt keeps the first 500 characters; no notes read as none",
    run: async (f) => {
      await settings(f, { channel: "email" });
      const long = `${"Ä".repeat(480)}${"🚀".repeat(30)}tail`;
      await patchRun(f, RUNS.intakeArrives, { deploymentnotes: long });
      await intakeOk(f, RUNS.intakeArrives);
      const excerpt = String((await rowOf(f, RUNS.intakeArrives)).apnl_notesexcerpt);
      expect(Array.from(excerpt)).toHaveLength(500);
      expect(excerpt).toBe(`${"Ä".repeat(480)}${"🚀".repeat(20)}`);
      await patchRun(f, RUNS.checksClear, { deploymentnotes: null });
      const none = await intakeOk(f, RUNS.checksClear);
      expect((await rowOf(f, RUNS.checksClear)).apnl_notesexcerpt).toBeNull();
      expect(none.notification?.body.split("\n")[2]).toBe("Notes: none");
    },
  },
  {
    name: "newer requests waiting: the count of waiting rows of the same solution and stage requested after this run",
    run: async (f) => {
      await settings(f, { channel: "email" });
      // ContosoExpenses → Production: 1.4.2.0 (2 h ago, seeded row), 1.4.2.1 (1 h), 1.4.2.2 (30 min).
      expect((await intakeOk(f, RUNS.doubleEncoded)).notification?.body).toContain("Newer requests waiting for this stage: 0\n");
      expect((await rowOf(f, RUNS.doubleEncoded)).apnl_newerwaiting).toBe(0);
      await intakeOk(f, RUNS.malformed);
      expect((await rowOf(f, RUNS.malformed)).apnl_newerwaiting).toBe(1);
      const again = await intakeOk(f, RUNS.ownerPendingMine);
      expect(again).toMatchObject({ created: false, requestId: REQUESTS.ownerPendingMine });
      expect((await rowOf(f, RUNS.ownerPendingMine)).apnl_newerwaiting).toBe(2);
      expect(again.notification?.body).toContain("Newer requests waiting for this stage: 2\n");
      // Another solution on the same stage does not count (ContosoTimesheets, 3 hours ago).
      await intakeOk(f, RUNS.checksClear);
      expect((await rowOf(f, RUNS.checksClear)).apnl_newerwaiting).toBe(0);
    },
  },

  // -------------------------------------------------------------------------------------------- outcomes
  {
    name: "an approval through the action: Approved by the stage owner; older waiting rows of the solution and stage Superseded, newer ones and others untouched",
    run: async (f) => {
      await intakeOk(f, RUNS.malformed); // 1.4.2.1
      await intakeOk(f, RUNS.doubleEncoded); // 1.4.2.2
      await intakeOk(f, RUNS.checksClear); // ContosoTimesheets, same stage
      const before = Date.now();
      await decide(f, USERS.avery, RUNS.malformed, 20);
      const after = Date.now();
      const approved = await rowOf(f, RUNS.malformed);
      expect(approved).toMatchObject({
        apnl_status: REQUEST_STATUSES.approved,
        "apnl_status@OData.Community.Display.V1.FormattedValue": "Approved",
        apnl_decidedbyid: USERS.avery,
        apnl_decidedbyname: "Avery Owner",
      });
      expect(between(approved.apnl_decidedon, before, after)).toBe(true);
      expect(await statusOf(f, RUNS.ownerPendingMine)).toBe(REQUEST_STATUSES.superseded);
      expect(await statusOf(f, RUNS.doubleEncoded)).toBe(REQUEST_STATUSES.waiting);
      expect(await statusOf(f, RUNS.checksClear)).toBe(REQUEST_STATUSES.waiting);
      // A decided or superseded request leaves Waiting for me.
      expect(names(await f.view("waiting-for-me", USERS.avery))).toEqual([
        "ContosoTimesheets 2.1.0.0 \u2192 Production",
        "ContosoExpenses 1.4.2.2 \u2192 Production",
      ]);
      expect(
        names(await f.view("decided", USERS.avery))
          .slice(0, 2)
          .sort(),
      ).toEqual(["ContosoExpenses 1.4.2.0 \u2192 Production", "ContosoExpenses 1.4.2.1 \u2192 Production"]);
    },
  },
  {
    name: "a rejection through the action: Rejected by the stage owner, and nothing is superseded",
    run: async (f) => {
      await intakeOk(f, RUNS.malformed);
      await decide(f, USERS.avery, RUNS.malformed, 30);
      expect(await rowOf(f, RUNS.malformed)).toMatchObject({
        apnl_status: REQUEST_STATUSES.rejected,
        apnl_decidedbyid: USERS.avery,
        apnl_decidedbyname: "Avery Owner",
      });
      expect(await statusOf(f, RUNS.ownerPendingMine)).toBe(REQUEST_STATUSES.waiting);
      // A refused decision changes nothing: the row stays as it is.
      const refused = await f.call(USERS.jordan, "POST", "UpdateApprovalStatus", { StageRunId: RUNS.ownerPendingMine, ApprovalStatus: 20 });
      expect(refused.status).toBe(400);
      expect(await statusOf(f, RUNS.ownerPendingMine)).toBe(REQUEST_STATUSES.waiting);
    },
  },
  {
    name: "through the relay: the row names the approver who recorded the decision (not the service principal), at the outcome's time",
    run: async (f) => {
      const approval = await relayDecision(f, USERS.avery, RUNS.spnPending, {
        apnl_decision: 20,
        apnl_approvalproperties: JSON.stringify({ approverId: USERS.avery }),
      });
      expect(approval.outcome).toBe(OUTCOMES.applied);
      const row = await eventuallyStatus(f, RUNS.spnPending, REQUEST_STATUSES.approved);
      expect(row).toMatchObject({
        apnl_status: REQUEST_STATUSES.approved,
        apnl_decidedbyid: USERS.avery,
        apnl_decidedbyname: "Avery Owner",
        apnl_decidedon: approval.outcomeOn,
      });
      expect(ids(await f.view("waiting-for-me", USERS.jordan))).not.toContain(REQUESTS.spnPending);
    },
  },
  {
    name: "through the relay: a rejection is recorded with its approver; a counted approval short of the quorum leaves the row waiting",
    run: async (f) => {
      const counted = await relayDecision(f, USERS.jordan, RUNS.policyQuorumPending, {
        apnl_decision: 20,
        apnl_comments: "Checked with HR.",
        apnl_approvalproperties: JSON.stringify({ approverId: USERS.jordan, checklist: QUORUM_CHECKLIST }),
      });
      expect(counted.outcome).toBe(OUTCOMES.counted);
      expect(await statusOf(f, RUNS.policyQuorumPending)).toBe(REQUEST_STATUSES.waiting);
      const rejection = await relayDecision(f, USERS.casey, RUNS.policyQuorumPending, {
        apnl_decision: 30,
        apnl_comments: "The welcome e-mail has the wrong sender.",
      });
      expect(rejection.outcome).toBe(OUTCOMES.applied);
      expect(await eventuallyStatus(f, RUNS.policyQuorumPending, REQUEST_STATUSES.rejected)).toMatchObject({
        apnl_status: REQUEST_STATUSES.rejected,
        apnl_decidedbyid: USERS.casey,
        apnl_decidedbyname: "Casey Reviewer",
      });
    },
  },

  // -------------------------------------------------------------------------------------------- expiry and cancellation
  {
    name: "expiry: a waiting request past its stage policy's expiry is Expired and leaves Waiting for me; others stay",
    run: async (f) => {
      expect(ids(await f.view("waiting-for-me", USERS.casey))).toEqual([REQUESTS.policyExpiredPending, REQUESTS.policyQuorumPending]);
      const before = Date.now();
      expect(await f.expire()).toEqual({ expired: 1, cancelled: 0, approved: 0, rejected: 0, superseded: 0 });
      const expired = await rowOf(f, RUNS.policyExpiredPending);
      expect(expired).toMatchObject({
        apnl_status: REQUEST_STATUSES.expired,
        "apnl_status@OData.Community.Display.V1.FormattedValue": "Expired",
        apnl_decidedbyid: null,
      });
      expect(between(expired.apnl_decidedon, before, Date.now())).toBe(true);
      expect(ids(await f.view("waiting-for-me", USERS.casey))).toEqual([REQUESTS.policyQuorumPending]);
      // Within the policy's 72 hours, and on stages whose policy has no expiry: still waiting. A second run changes nothing.
      expect(await statusOf(f, RUNS.policyQuorumPending)).toBe(REQUEST_STATUSES.waiting);
      expect(await statusOf(f, RUNS.ownerPendingMine)).toBe(REQUEST_STATUSES.waiting);
      expect(await f.expire()).toEqual({ expired: 0, cancelled: 0, approved: 0, rejected: 0, superseded: 0 });
    },
  },
  {
    name: "cancellation: a run cancelled, failed or out of approval is Cancelled; a decision whose event was missed is recorded",
    run: async (f) => {
      await intakeOk(f, RUNS.malformed);
      await intakeOk(f, RUNS.checksClear);
      await patchRun(f, RUNS.ownerPendingOther, { stagerunstatus: RUN_CANCELED });
      await patchRun(f, RUNS.checksClear, { stagerunstatus: RUN_FAILED });
      await patchRun(f, RUNS.spnPending, { approvalstatus: null });
      // Approved with no event (a host whose event did not fire): the expiry flow records it, and supersedes 1.4.2.0.
      await patchRun(f, RUNS.malformed, { approvalstatus: 20 });
      const malformedRun = await runOf(f, RUNS.malformed);
      expect(await f.expire()).toEqual({ expired: 1, cancelled: 3, approved: 1, rejected: 0, superseded: 1 });
      for (const runId of [RUNS.ownerPendingOther, RUNS.checksClear, RUNS.spnPending]) expect(await statusOf(f, runId)).toBe(REQUEST_STATUSES.cancelled);
      expect(await rowOf(f, RUNS.malformed)).toMatchObject({
        apnl_status: REQUEST_STATUSES.approved,
        apnl_decidedbyid: USERS.morgan,
        apnl_decidedbyname: "Morgan Admin",
        apnl_decidedon: malformedRun.modifiedon,
      });
      expect(await statusOf(f, RUNS.ownerPendingMine)).toBe(REQUEST_STATUSES.superseded);
      expect(names(await f.view("all-waiting", USERS.morgan))).toEqual(["ContosoOnboarding 1.3.0.0 \u2192 UAT"]);
    },
  },

  // -------------------------------------------------------------------------------------------- views
  {
    name: "the views: Waiting for me (the user or their teams, oldest first), All waiting, Decided (newest first) with the grid's columns",
    run: async (f) => {
      expect(names(await f.view("waiting-for-me", USERS.avery))).toEqual(["ContosoExpenses 1.4.2.0 \u2192 Production"]);
      const jordan = await f.view("waiting-for-me", USERS.jordan);
      expect(jordan.map((r) => [r.name, r.ownerName, r.ownerType])).toEqual([
        ["ContosoLeave 2.0.1.0 \u2192 UAT", "HR approvers", "team"],
        ["ContosoFieldService 3.2.0.7 \u2192 UAT", "Field Service approvers", "team"],
        ["ContosoFieldService 3.2.0.7 \u2192 Production (EU)", "Jordan Approver", "systemuser"],
        ["ContosoOnboarding 1.3.0.0 \u2192 UAT", "HR approvers", "team"],
      ]);
      const times = jordan.map((r) => Date.parse(String(r.requestedOn)));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(jordan[3]).toEqual({
        id: REQUESTS.policyQuorumPending,
        runId: RUNS.policyQuorumPending,
        name: "ContosoOnboarding 1.3.0.0 \u2192 UAT",
        solutionName: "ContosoOnboarding",
        solutionVersion: "1.3.0.0",
        stageName: "UAT",
        requesterName: "Riley Maker",
        requestedOn: (await runOf(f, RUNS.policyQuorumPending)).createdon,
        ownerId: TEAMS.hrApprovers,
        ownerType: "team",
        ownerName: "HR approvers",
        status: REQUEST_STATUSES.waiting,
        statusLabel: "Waiting",
        decidedByName: null,
        decidedOn: null,
      });
      expect(await f.view("waiting-for-me", USERS.riley)).toEqual([]);
      expect(ids(await f.view("all-waiting", USERS.riley))).toEqual([
        REQUESTS.policyExpiredPending,
        REQUESTS.spnPending,
        REQUESTS.ownerPendingOther,
        REQUESTS.ownerPendingMine,
        REQUESTS.policyQuorumPending,
      ]);
      expect((await f.view("decided", USERS.riley)).map((r) => [r.id, r.statusLabel, r.decidedByName])).toEqual([
        [REQUESTS.approved, "Approved", "Avery Owner"],
        [REQUESTS.rejected, "Rejected", "Avery Owner"],
      ]);
    },
  },
  {
    name: "another approver's Waiting for me never lists a row they do not own or share a team with",
    run: async (f) => {
      await settings(f, { defaultApproverTeam: TEAMS.releaseManagers });
      await intakeOk(f, RUNS.intakeArrives); // Avery
      await intakeOk(f, RUNS.nullTypePending); // Release managers (Sam)
      const waiting = await f.view("all-waiting", USERS.morgan);
      expect(waiting.length).toBe(7);
      for (const user of PEOPLE) {
        const owners = new Set([user, ...(await teamsOf(f, user))]);
        const expected = waiting.filter((r) => owners.has(String(r.ownerId))).map((r) => r.id);
        expect({ user, ids: ids(await f.view("waiting-for-me", user)) }).toEqual({ user, ids: expected });
      }
      expect(ids(await f.view("waiting-for-me", USERS.sam))).toEqual([(await rowOf(f, RUNS.nullTypePending)).apnl_approvalrequestid]);
      for (const other of [USERS.jordan, USERS.casey, USERS.riley, USERS.sam]) {
        expect(names(await f.view("waiting-for-me", other))).not.toContain("ContosoPurchasing 1.0.0.0 \u2192 Production");
      }
    },
  },
  {
    name: "reset clears the outbox and the environment variables",
    run: async (f) => {
      await settings(f, { channel: "email", appUrl: APP_URL, defaultApproverTeam: TEAMS.hrApprovers });
      await intakeOk(f, RUNS.intakeArrives);
      expect(await f.outbox()).toHaveLength(1);
      await f.reset();
      expect(await f.outbox()).toEqual([]);
      expect(await rowsOfRun(f, RUNS.intakeArrives)).toEqual([]);
      expect((await intakeOk(f, RUNS.intakeArrives)).notification).toBeNull();
    },
  },
];

onBothFronts(CASES, {
  inProcess,
  close: (front) => front.host.close(),
  overHttp,
  resetHttp: async (pg, front) => {
    await front.reset();
    await pg.clearLog();
  },
});

describe("the playground's own endpoints", () => {
  let pg: Playground;
  beforeAll(async () => {
    pg = await startPlayground();
  });
  afterAll(async () => {
    await pg?.close();
  });

  test("the views need a signed-in user; an unknown view is 404", async () => {
    expect((await fetch(`${pg.url}/__playground/app/views/waiting-for-me`)).status).toBe(401);
    expect((await fetch(`${pg.url}/__playground/app/views/mine`, { headers: { Cookie: `pp_user=${USERS.avery}` } })).status).toBe(404);
  });

  test("the settings endpoint answers the environment variables", async () => {
    const res = await fetch(`${pg.url}/__playground/intake/settings`);
    expect(await res.json()).toEqual({ channel: "none", defaultApproverTeam: "", appUrl: "", channels: ["email", "teams", "none"] });
  });
});

describe("in process only: a host clock", () => {
  test("expiry reads the policy's hours against the host's clock, from the request's requested-on", async () => {
    let clock = Date.now();
    const host = createFakeHost({ relayDelayMs: 0, deployDelayMs: 60_000, now: () => clock });
    try {
      const requests = host.approvalRequests;
      const requestedOn = Date.parse(String(requests.rowOfRun(RUNS.policyQuorumPending)?.apnl_requestedon));
      clock = requestedOn + 72 * 3_600_000;
      expect(requests.expire()).toMatchObject({ expired: 1 }); // only the seed's 100-hour-old request
      expect(requests.rowOfRun(RUNS.policyQuorumPending)?.apnl_status).toBe(REQUEST_STATUSES.waiting);
      clock = requestedOn + 72 * 3_600_000 + 1_000;
      expect(requests.expire()).toMatchObject({ expired: 1 });
      expect(requests.rowOfRun(RUNS.policyQuorumPending)).toMatchObject({
        apnl_status: REQUEST_STATUSES.expired,
        apnl_decidedon: new Date(clock).toISOString().replace(/\.\d{3}Z$/, "Z"),
      });
    } finally {
      host.close();
    }
  });

  test("a host without the request table (the jest fixtures' tables) runs no outcome flow after a decision", async () => {
    const host = createFakeHost({ deployDelayMs: 60_000 });
    delete host.store.tables.apnl_approvalrequest;
    expect(host.applyDecision(RUNS.ownerPendingMine, 20, "ok", "{}", USERS.avery)).toEqual({ ok: true });
    expect(host.log.entries).toEqual([]);
    expect(() => host.approvalRequests.onApprovalStarted(RUNS.intakeArrives)).toThrow(IntakeError);
    host.close();
  });
});
