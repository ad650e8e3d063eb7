/** The Deployment Approvals app's contract cases: outcomes (action and relay), expiry and cancellation, the views. */
import { OUTCOMES, QUORUM_CHECKLIST, REQUESTS, REQUEST_STATUSES, RUNS, TEAMS, USERS } from "../../../fakehost/index.cjs";
import { type ContractCase } from "../bothFronts";
import {
  APP_URL,
  RUN_CANCELED,
  RUN_FAILED,
  type Front,
  rowsOfRun,
  rowOf,
  statusOf,
  runOf,
  patchRun,
  intakeOk,
  settings,
  decide,
  relayDecision,
  eventuallyStatus,
  names,
  ids,
  teamsOf,
  PEOPLE,
  between,
} from "./intakeFront";

export const outcomeCases = (): Array<ContractCase<Front>> => [
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
