/**
 * The emulated "Apply approval decisions" flow with a stage's approval policy (docs/approval-policy.md), in process:
 * the policy read, checks 1 to 11 in order with their reasons word for word, the quorum (outcome 50 until enough
 * distinct approvers), one valid reject rejecting the run, the re-read before the action, one run at a time.
 * Waits poll the row, never a fixed time.
 */
import {
  OUTCOMES,
  OWNER_CHECKLIST,
  POLICIES,
  QUORUM_CHECKLIST,
  REFUSALS,
  RUNS,
  STAGES,
  TEAMS,
  USERS,
  checklistItems,
  countedMessage,
  createFakeHost,
  createFetch,
} from "../../fakehost/index.cjs";
import { createdId } from "../support/entityId";

jest.setTimeout(20_000);

type Row = Record<string, unknown>;
type Host = ReturnType<typeof createFakeHost>;

const CLIENT_URL = "https://contoso.crm.dynamics.com";
const API = `${CLIENT_URL}/api/data/v9.2`;
const HEADERS = { "Content-Type": "application/json", Accept: "application/json", "OData-Version": "4.0", "OData-MaxVersion": "4.0" };

let host: Host;
const open = (options: Parameters<typeof createFakeHost>[0] = {}) => {
  host = createFakeHost({ relayDelayMs: 0, deployDelayMs: 60_000, ...options });
  return host;
};
beforeEach(() => open());
afterEach(() => host.close());

const call = async (user: string, method: string, path: string, body?: unknown) => {
  const res = await createFetch(host, { userId: user, clientUrl: CLIENT_URL })(`${API}/${path}`, {
    method,
    headers: HEADERS,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as Row };
};

/** What the panel writes with a policy: the ticked checklist items in ApprovalProperties. */
const properties = (checklist: string[] = QUORUM_CHECKLIST) => JSON.stringify({ decision: "Approved", decisionValue: 20, checklist });

/** Adds a decision row as `user`, as the panel does; answers the new row's id. */
async function addDecision(user: string, runId: string = RUNS.policyQuorumPending, fields: Row = {}): Promise<string> {
  const r = await call(user, "POST", "apnl_approvaldecisions", {
    apnl_name: "Approved ContosoOnboarding 1.3.0.0 - UAT",
    apnl_stagerunid: runId,
    apnl_decision: 20,
    apnl_comments: "Checked with HR.",
    apnl_approvalproperties: properties(),
    ...fields,
  });
  expect(r.status).toBe(204);
  const id = createdId(r.headers);
  expect(id).toBeDefined();
  return id as string;
}
const reject = (user: string, runId: string = RUNS.policyQuorumPending, fields: Row = {}) =>
  addDecision(user, runId, {
    apnl_decision: 30,
    apnl_comments: "The welcome e-mail has the wrong sender.",
    apnl_approvalproperties: properties([]),
    ...fields,
  });

/** The row's outcome and message once the flow has written one. */
async function outcomeOf(id: string): Promise<{ outcome: unknown; message: unknown }> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const row = host.store.get("apnl_approvaldecision", id);
    if (row && row.apnl_outcome !== null && row.apnl_outcome !== 10) return { outcome: row.apnl_outcome, message: row.apnl_outcomemessage };
    if (Date.now() > deadline) throw new Error(`no outcome on ${id}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
const refused = (reason: string) => ({ outcome: OUTCOMES.refused, message: reason });
const applied = { outcome: OUTCOMES.applied, message: null };
const approvalOf = (runId: string) => host.store.get("deploymentstagerun", runId)?.approvalstatus;
const actionCalls = () => host.log.entries.filter((e) => e.path === "/api/data/v9.2/UpdateApprovalStatus");
const flowSteps = () => host.log.entries.filter((e) => (e.headers as Record<string, string> | undefined)?.["x-playground-caller"] === "relay-flow");

describe("the quorum: approvals from different people are counted until the policy's number", () => {
  test("two distinct approvers: the first is counted (50), the second applies the run; the action is called once", async () => {
    const first = await addDecision(USERS.jordan);
    expect(await outcomeOf(first)).toEqual({ outcome: OUTCOMES.counted, message: countedMessage(1, 2) });
    expect(countedMessage(1, 2)).toBe("Approval 1 of 2 counted.");
    expect(approvalOf(RUNS.policyQuorumPending)).toBe(10);
    expect(actionCalls()).toEqual([]);

    const second = await addDecision(USERS.casey);
    expect(await outcomeOf(second)).toEqual(applied);
    expect(approvalOf(RUNS.policyQuorumPending)).toBe(20);
    expect(actionCalls().map((c) => [c.user, c.status, (c.body as Row).ApprovalStatus])).toEqual([[USERS.spn, 204, 20]]);
  });

  test("the flow logs its read of the stage's policy: active rows of the run's stage, newest first, top 1", async () => {
    await outcomeOf(await addDecision(USERS.jordan));
    const read = flowSteps().find((e) => e.path.startsWith("/api/data/v9.2/apnl_approvalpolicies?"));
    expect(read).toMatchObject({ method: "GET", user: USERS.spn, status: 200 });
    expect(decodeURIComponent(read?.path ?? "")).toContain(`$filter=apnl_stageid eq '${STAGES.hrUat}' and statecode eq 0&$orderby=modifiedon desc&$top=2`);
  });

  test("the same person approving twice is refused with reason 11 and nothing is applied", async () => {
    expect((await outcomeOf(await addDecision(USERS.jordan))).outcome).toBe(OUTCOMES.counted);
    expect(await outcomeOf(await addDecision(USERS.jordan))).toEqual(refused(REFUSALS.alreadyCounted));
    expect(REFUSALS.alreadyCounted).toBe("This approver has already approved this run: the policy needs approvals from different people.");
    expect(approvalOf(RUNS.policyQuorumPending)).toBe(10);
    expect(actionCalls()).toEqual([]);
  });

  test("one valid reject after a counted approval rejects the run", async () => {
    expect((await outcomeOf(await addDecision(USERS.jordan))).outcome).toBe(OUTCOMES.counted);
    expect(await outcomeOf(await reject(USERS.casey))).toEqual(applied);
    expect(approvalOf(RUNS.policyQuorumPending)).toBe(30);
    expect(actionCalls().map((c) => (c.body as Row).ApprovalStatus)).toEqual([30]);
    // The run is decided: a later approval meets check 3.
    expect(await outcomeOf(await addDecision(USERS.casey))).toEqual(refused(REFUSALS.notPending));
  });

  test("two approvals arriving together while the flow is held: one after the other, one action call", async () => {
    host.relayFlow.set({ mode: "held" });
    const first = await addDecision(USERS.jordan);
    const second = await addDecision(USERS.casey);
    expect(host.store.get("apnl_approvaldecision", first)?.apnl_outcome).toBeNull();
    expect(host.store.get("apnl_approvaldecision", second)?.apnl_outcome).toBeNull();
    host.relayFlow.set({ mode: "on" });
    expect(await outcomeOf(first)).toEqual({ outcome: OUTCOMES.counted, message: countedMessage(1, 2) });
    expect(await outcomeOf(second)).toEqual(applied);
    expect(actionCalls()).toHaveLength(1);
    expect(approvalOf(RUNS.policyQuorumPending)).toBe(20);
  });

  test("a third approval queued behind the quorum meets the re-read: not pending, no second action call", async () => {
    host.relayFlow.set({ mode: "held" });
    const ids = [await addDecision(USERS.jordan), await addDecision(USERS.casey), await addDecision(USERS.casey)];
    host.relayFlow.set({ mode: "on" });
    const outcomes = [];
    for (const id of ids) outcomes.push(await outcomeOf(id));
    expect(outcomes).toEqual([{ outcome: OUTCOMES.counted, message: countedMessage(1, 2) }, applied, refused(REFUSALS.notPending)]);
    expect(actionCalls()).toHaveLength(1);
  });
});

describe("checks 4 to 11 with a policy, in the flow's order", () => {
  test("the requester is refused (the policy does not allow self-approval; the inactive older row that did is ignored)", async () => {
    expect(host.store.get("apnl_approvalpolicy", POLICIES.quorumRetired)).toMatchObject({ apnl_allowselfapproval: true, statecode: 1 });
    expect(await outcomeOf(await addDecision(USERS.riley))).toEqual(refused(REFUSALS.requester));
  });

  test("a Deployment Approver outside the policy's team is refused (check 6); one without the role meets check 5 first", async () => {
    expect(await outcomeOf(await addDecision(USERS.avery))).toEqual(
      refused("The decider is not a member of the approver team of this stage's approval policy."),
    );
    expect(await outcomeOf(await addDecision(USERS.morgan))).toEqual(refused(REFUSALS.noRole));
  });

  test("the team is read from the team's membership rows: Avery joins, and her approval counts", async () => {
    host.store.tables.teammembership.push({ teammembershipid: "b3000000-0000-4000-8000-0000000000aa", teamid: TEAMS.hrApprovers, systemuserid: USERS.avery });
    expect((await outcomeOf(await addDecision(USERS.avery))).outcome).toBe(OUTCOMES.counted);
  });

  test("an expired request: approve is refused (check 8), reject is still applied", async () => {
    expect(await outcomeOf(await addDecision(USERS.jordan, RUNS.policyExpiredPending))).toEqual(refused(REFUSALS.expired));
    expect(REFUSALS.expired).toBe("The request has expired under this stage's approval policy: ask the maker to request again.");
    expect(actionCalls()).toEqual([]);
    expect(await outcomeOf(await reject(USERS.jordan, RUNS.policyExpiredPending))).toEqual(applied);
    expect(approvalOf(RUNS.policyExpiredPending)).toBe(30);
  });

  test("expiry is measured from the run's createdon on the emulator's clock", async () => {
    host.close();
    open({ now: () => Date.now() + 73 * 3600_000 });
    expect(await outcomeOf(await addDecision(USERS.jordan))).toEqual(refused(REFUSALS.expired));
  });

  test("the comment rule: an approval without a comment is refused (check 9); a reject without one too (the column's default)", async () => {
    expect(await outcomeOf(await addDecision(USERS.jordan, RUNS.policyQuorumPending, { apnl_comments: "  " }))).toEqual(refused(REFUSALS.commentRequired));
    expect(await outcomeOf(await reject(USERS.jordan, RUNS.policyQuorumPending, { apnl_comments: null }))).toEqual(refused(REFUSALS.commentRequired));
    expect(REFUSALS.commentRequired).toBe("This stage's approval policy requires a comment for this decision.");
  });

  test("a checklist not fully confirmed is refused; missing properties confirm nothing; broken ones fail closed", async () => {
    const partial = await addDecision(USERS.jordan, RUNS.policyQuorumPending, { apnl_approvalproperties: properties(QUORUM_CHECKLIST.slice(0, 2)) });
    expect(await outcomeOf(partial)).toEqual(refused(REFUSALS.checklistIncomplete));
    expect(await outcomeOf(await addDecision(USERS.jordan, RUNS.policyQuorumPending, { apnl_approvalproperties: null }))).toEqual(
      refused(REFUSALS.checklistIncomplete),
    );
    // Not JSON: the flow's json() fails the step, so the row fails (outcome 40) and nothing is applied.
    const broken = await outcomeOf(await addDecision(USERS.jordan, RUNS.policyQuorumPending, { apnl_approvalproperties: "{not json" }));
    expect(broken).toEqual({ outcome: OUTCOMES.failed, message: expect.stringMatching(/^Client_properties: /) });
    // The items as one string that holds them all: no substring match, the comparison fails closed.
    const asText = JSON.stringify({ checklist: QUORUM_CHECKLIST.join(", ") });
    expect(await outcomeOf(await addDecision(USERS.jordan, RUNS.policyQuorumPending, { apnl_approvalproperties: asText }))).toEqual({
      outcome: OUTCOMES.failed,
      message: expect.stringMatching(/^Confirmed_checklist_items: /),
    });
    expect(REFUSALS.checklistIncomplete).toBe("The approval does not confirm every item of this stage's checklist.");
    // A reject records whatever was ticked: the checklist is not checked.
    expect(await outcomeOf(await reject(USERS.jordan))).toEqual(applied);
  });

  test("checklist lines are trimmed and blank lines ignored", () => {
    expect(checklistItems(host.store.get("apnl_approvalpolicy", POLICIES.owner)?.apnl_checklist)).toEqual(OWNER_CHECKLIST);
    expect(checklistItems(null)).toEqual([]);
  });

  test("self-approval allowed by the policy (updated through the Web API): the requester's approval is applied", async () => {
    const patch = await call(USERS.morgan, "PATCH", `apnl_approvalpolicies(${POLICIES.quorum})`, {
      apnl_allowselfapproval: true,
      apnl_requiredapprovals: 1,
      apnl_checklist: null,
      "apnl_approverteam@odata.bind": null,
    });
    expect(patch.status).toBe(204);
    expect(await outcomeOf(await addDecision(USERS.riley, RUNS.policyQuorumPending, { apnl_approvalproperties: "{}" }))).toEqual(applied);
    expect(approvalOf(RUNS.policyQuorumPending)).toBe(20);
    expect(actionCalls()).toHaveLength(1);
  });

  test("a policy made inactive: the relay decides nothing on the stage (default deny), not even with one approval", async () => {
    expect((await call(USERS.morgan, "PATCH", `apnl_approvalpolicies(${POLICIES.quorum})`, { statecode: 1, statuscode: 2 })).status).toBe(204);
    expect(await outcomeOf(await addDecision(USERS.avery, RUNS.policyQuorumPending, { apnl_comments: null, apnl_approvalproperties: "{}" }))).toEqual(
      refused(REFUSALS.noPolicy),
    );
    expect(approvalOf(RUNS.policyQuorumPending)).toBe(10);
    expect(actionCalls()).toEqual([]);
  });

  test("values out of the columns' ranges are read as the panel reads them: 9 required approvals count as 5, expiry -5 is ignored", async () => {
    const row = host.store.get("apnl_approvalpolicy", POLICIES.quorum) as Row;
    Object.assign(row, { apnl_requiredapprovals: 9, _apnl_approverteam_value: null, apnl_expiryhours: -5 });
    expect(await outcomeOf(await addDecision(USERS.jordan))).toEqual({ outcome: OUTCOMES.counted, message: countedMessage(1, 5) });
    // A valid expiry shorter than the request's age (2 hours) refuses the next approval.
    row.apnl_expiryhours = 1;
    expect(await outcomeOf(await addDecision(USERS.casey))).toEqual(refused(REFUSALS.expired));
  });
});

describe("a policy with the columns' defaults (Field Service UAT)", () => {
  test("one approval applies the run; no comment or checklist needed; the requester is refused", async () => {
    expect(host.store.get("apnl_approvalpolicy", POLICIES.fieldUat)).toMatchObject({ apnl_stageid: STAGES.fieldUat, statecode: 0 });
    expect(await outcomeOf(await addDecision(USERS.riley, RUNS.spnPending))).toEqual(refused(REFUSALS.requester));
    const id = await addDecision(USERS.avery, RUNS.spnPending, { apnl_comments: null, apnl_approvalproperties: '{"panelVersion":"x"}' });
    expect(await outcomeOf(id)).toEqual(applied);
    expect(approvalOf(RUNS.spnPending)).toBe(20);
    expect(actionCalls()).toHaveLength(1);
  });

  test("two decisions held together: the first is applied, the second refused as not pending", async () => {
    host.relayFlow.set({ mode: "held" });
    const first = await addDecision(USERS.avery, RUNS.spnPending);
    const second = await reject(USERS.jordan, RUNS.spnPending);
    host.relayFlow.set({ mode: "on" });
    expect(await outcomeOf(first)).toEqual(applied);
    expect(await outcomeOf(second)).toEqual(refused(REFUSALS.notPending));
    expect(actionCalls()).toHaveLength(1);
  });
});

describe("the policy table through the Web API", () => {
  test("a row created with only its name and stage gets the columns' defaults", async () => {
    const r = await call(USERS.morgan, "POST", "apnl_approvalpolicies", { apnl_name: "Field Service ALM / Production", apnl_stageid: STAGES.fieldProd });
    expect(r.status).toBe(204);
    const id = createdId(r.headers);
    const read = await call(
      USERS.jordan,
      "GET",
      `apnl_approvalpolicies(${id})?$select=apnl_requiredapprovals,apnl_commentonapprove,apnl_commentonreject,apnl_allowselfapproval,statecode`,
    );
    expect(read.body).toMatchObject({
      apnl_requiredapprovals: 1,
      apnl_commentonapprove: false,
      apnl_commentonreject: true,
      apnl_allowselfapproval: false,
      statecode: 0,
    });
    // The new policy opts the Field Service Production stage in: a reject now meets its rules (a comment).
    expect(await outcomeOf(await reject(USERS.avery, RUNS.ownerPendingOther, { apnl_comments: "" }))).toEqual(refused(REFUSALS.commentRequired));
  });

  test("the key: a second policy row for a stage that has one is refused, active or not", async () => {
    const second = await call(USERS.morgan, "POST", "apnl_approvalpolicies", { apnl_name: "Another", apnl_stageid: STAGES.fieldUat, statecode: 1 });
    expect(second.status).toBe(412);
    expect(second.body).toMatchObject({ error: { code: "0x80040237" } });
    // Moving a row onto a stage that has one is refused too.
    const moved = await call(USERS.morgan, "PATCH", `apnl_approvalpolicies(${POLICIES.owner})`, { apnl_stageid: STAGES.fieldUat });
    expect(moved.status).toBe(412);
    expect(host.store.get("apnl_approvalpolicy", POLICIES.owner)?.apnl_stageid).toBe(STAGES.hrProd);
  });
});
