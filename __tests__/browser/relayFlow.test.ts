/**
 * The emulated "Apply approval decisions" flow, over HTTP (no browser): a relay row added by a user is checked and
 * applied by the service principal with the shipped flow's checks, in its order and with its refusal texts
 * (Solutions/src/Workflows), and the outcome is written back to the row. Waits poll the row, never a fixed time.
 */
import { Playground, RUNS, STAGES, USERS, eventually, startPlayground } from "./helpers/playground";
import { createdId } from "../support/entityId";

jest.setTimeout(60_000);

type Row = Record<string, unknown>;

let pg: Playground;
beforeAll(async () => {
  pg = await startPlayground();
});
afterAll(async () => {
  await pg?.close();
});
beforeEach(async () => {
  await pg.reset();
  await pg.clearLog();
});

const RELAY = "apnl_approvaldecisions";
const REFUSALS_NO_POLICY =
  "This stage has no active approval policy: the relay does not decide it. An administrator sets one to turn the relay on for the stage.";
const COLUMNS = "apnl_outcome,apnl_outcomemessage,apnl_outcomeon,_createdby_value,_modifiedby_value";

async function setFlow(settings: { mode?: string; delayMs?: number }): Promise<{ status: number; body: Row }> {
  const res = await fetch(`${pg.url}/__playground/relay`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(settings) });
  return { status: res.status, body: (await res.json()) as Row };
}

/** Adds a decision row as `user`, as the panel does; answers the new row's id. */
async function addDecision(user: string, runId: string = RUNS.spnPending, fields: Row = {}): Promise<string> {
  const r = await pg.api(RELAY, {
    method: "POST",
    user,
    body: {
      apnl_name: "Approved ContosoFieldService 3.2.0.7 - UAT",
      apnl_stagerunid: runId,
      apnl_decision: 20,
      apnl_comments: "UAT looks fine.",
      apnl_approvalproperties: '{"panelVersion":"x"}',
      ...fields,
    },
  });
  expect(r.status).toBe(204);
  const id = createdId(r.headers);
  expect(id).toBeDefined();
  return id as string;
}

const readRow = async (id: string): Promise<Row> => (await pg.api(`${RELAY}(${id})?$select=${COLUMNS}`)).body;

/** The row once the flow has written an outcome (anything but 10). */
const outcomeOf = (id: string): Promise<Row> =>
  eventually(
    async () => {
      const row = await readRow(id);
      return row.apnl_outcome !== null && row.apnl_outcome !== 10 ? row : undefined;
    },
    15_000,
    `an outcome on ${id}`,
  );

const runOf = async (runId: string): Promise<Row> =>
  (await pg.api(`deploymentstageruns(${runId})?$select=approvalstatus,approvalcomments,stagerunstatus,_modifiedby_value`)).body;
const actionCalls = async () => (await pg.log("action")).filter((e) => e.path.startsWith("/api/data/v9.2/UpdateApprovalStatus"));

describe("the relay flow applies a valid decision as the service principal", () => {
  test("an approver's decision: UpdateApprovalStatus once, by the service principal, then outcome 20 on the row", async () => {
    const id = await addDecision(USERS.avery);
    const row = await outcomeOf(id);
    expect(row).toMatchObject({ apnl_outcome: 20, apnl_outcomemessage: null, _modifiedby_value: USERS.spn });
    expect(typeof row.apnl_outcomeon).toBe("string");
    expect(await runOf(RUNS.spnPending)).toMatchObject({ approvalstatus: 20, approvalcomments: "UAT looks fine.", _modifiedby_value: USERS.spn });
    const calls = await actionCalls();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      user: USERS.spn,
      status: 204,
      body: { StageRunId: RUNS.spnPending, ApprovalStatus: 20, ApprovalComments: "UAT looks fine." },
    });
    // The client's properties reach the host with the flow's own record of who decided beside them.
    expect(JSON.parse(String((calls[0].body as Row).ApprovalProperties))).toEqual({
      panelVersion: "x",
      relay: { decisionId: id, decidedBy: USERS.avery, countedApprovers: [USERS.avery], flowRun: expect.any(String) },
    });
    expect(calls[0].headers["x-playground-caller"]).toBe("relay-flow");
  });

  test("a rejection is applied the same way and the run fails", async () => {
    const id = await addDecision(USERS.jordan, RUNS.spnPending, { apnl_decision: 30, apnl_comments: "Missing the data migration." });
    expect(await outcomeOf(id)).toMatchObject({ apnl_outcome: 20 });
    expect(await runOf(RUNS.spnPending)).toMatchObject({ approvalstatus: 30, stagerunstatus: 200000003 });
  });
});

describe("the flow's checks refuse with outcome 30 and the shipped reason, and apply nothing", () => {
  test.each([
    ["the requester's own decision", USERS.riley, RUNS.spnPending, {}, "The requester of a deployment cannot approve or reject it."],
    ["a decider without the Deployment Approver role", USERS.morgan, RUNS.spnPending, {}, "The decider does not hold the Deployment Approver role."],
    // On a stage with a policy: a stage without one is refused before its run is looked at (default deny).
    ["a run that is not pending", USERS.avery, RUNS.policyOwnerInUat, {}, "The stage run is no longer pending approval."],
    ["a stage without an approval policy", USERS.avery, RUNS.approved, {}, REFUSALS_NO_POLICY],
    ["a decision other than 20 or 30", USERS.avery, RUNS.spnPending, { apnl_decision: 25 }, "The decision must be 20 (approve) or 30 (reject)."],
    // Only someone who may write the secured outcome (a System Administrator) can create a row with one.
    ["a row not created as pending", USERS.morgan, RUNS.spnPending, { apnl_outcome: 20 }, "A new decision must be created as pending (outcome 10)."],
  ])("%s", async (_name, user, runId, fields, reason) => {
    const before = await runOf(runId);
    const id = await addDecision(user, runId, fields);
    const row = await eventually(
      async () => {
        const r = await readRow(id);
        return r.apnl_outcomemessage !== null ? r : undefined;
      },
      15_000,
      "the refusal",
    );
    expect(row).toMatchObject({ apnl_outcome: 30, apnl_outcomemessage: reason });
    expect((await runOf(runId)).approvalstatus).toBe(before.approvalstatus);
    expect(await actionCalls()).toEqual([]);
  });

  test("the checks run in the flow's order: a requester's decision on a decided run is refused as not pending", async () => {
    const id = await addDecision(USERS.riley, RUNS.policyOwnerInUat);
    expect(await outcomeOf(id)).toMatchObject({ apnl_outcome: 30, apnl_outcomemessage: "The stage run is no longer pending approval." });
  });

  test("the first valid decision wins; a second one that met the flow later is refused", async () => {
    // Runs wait while the flow is held, then go one at a time (the trigger's concurrency is 1).
    expect((await setFlow({ mode: "held" })).status).toBe(200);
    const first = await addDecision(USERS.avery);
    const second = await addDecision(USERS.jordan, RUNS.spnPending, { apnl_decision: 30 });
    expect((await readRow(first)).apnl_outcome).toBeNull();
    expect((await setFlow({ mode: "on" })).body).toMatchObject({ mode: "on" });
    expect(await outcomeOf(first)).toMatchObject({ apnl_outcome: 20 });
    expect(await outcomeOf(second)).toMatchObject({ apnl_outcome: 30, apnl_outcomemessage: "The stage run is no longer pending approval." });
    expect(await actionCalls()).toHaveLength(1);
    expect((await runOf(RUNS.spnPending)).approvalstatus).toBe(20);
  });
});

describe("failures are written back as outcome 40 with the failing step and its error", () => {
  test("a broken service principal connection fails the first step", async () => {
    await setFlow({ mode: "broken" });
    const id = await addDecision(USERS.avery);
    const row = await outcomeOf(id);
    expect(row.apnl_outcome).toBe(40);
    expect(row.apnl_outcomemessage).toMatch(/^Get_the_stage_run: AADSTS7000222: The provided client secret keys for app '[0-9a-f-]+' are expired\./);
    expect((await runOf(RUNS.spnPending)).approvalstatus).toBe(10);
    expect(await actionCalls()).toEqual([]);
  });

  test("the server refusing UpdateApprovalStatus (a stage-owner stage) fails the apply step with the server's message", async () => {
    // The relay decides only a stage with an active policy: an admin sets one on this stage-owner stage.
    const policy = await pg.api("apnl_approvalpolicies", {
      method: "POST",
      user: USERS.morgan,
      body: { apnl_name: "Contoso Field Service / Production", apnl_stageid: STAGES.fieldProd },
    });
    expect(policy.status).toBe(204);
    const id = await addDecision(USERS.avery, RUNS.ownerPendingOther);
    expect(await outcomeOf(id)).toMatchObject({
      apnl_outcome: 40,
      apnl_outcomemessage:
        "Update_approval_status: Delegated deployments of type 'Owner' may only be approved or rejected by the owner of the deployment stage.",
    });
    const calls = await actionCalls();
    expect(calls.map((c) => [c.user, c.status])).toEqual([[USERS.spn, 400]]);
  });

  test("a row naming a run that does not exist fails reading the run", async () => {
    const missing = "f0000000-0000-4000-8000-0000000000ff";
    const id = await addDecision(USERS.avery, missing);
    expect(await outcomeOf(id)).toMatchObject({
      apnl_outcome: 40,
      apnl_outcomemessage: `Get_the_stage_run: Entity 'deploymentstagerun' With Id = ${missing} Does Not Exist`,
    });
  });
});

describe("the playground's switch for the flow", () => {
  test("turned off, new rows stay pending: a row added after turning it on again is handled, the earlier one is not", async () => {
    await setFlow({ mode: "off" });
    const whileOff = await addDecision(USERS.avery);
    await setFlow({ mode: "on" });
    const afterwards = await addDecision(USERS.riley);
    expect(await outcomeOf(afterwards)).toMatchObject({ apnl_outcome: 30 });
    expect((await readRow(whileOff)).apnl_outcome).toBeNull();
  });

  test("rejects an unknown mode, and a reset turns the flow back on", async () => {
    expect((await setFlow({ mode: "sometimes" })).status).toBe(400);
    await setFlow({ mode: "off" });
    await pg.reset();
    const res = await fetch(`${pg.url}/__playground/relay`);
    expect(await res.json()).toMatchObject({ mode: "on", queued: 0 });
  });
});
