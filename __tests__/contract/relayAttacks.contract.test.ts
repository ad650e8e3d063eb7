/**
 * The decision relay attacked as the security review did (shared reference "relay threats"): forged outcomes,
 * impersonation, a stage without a policy, stale counts, a same-named role, another approver's name. Each case runs on
 * both fronts of the fake host (in process, and over HTTP through the playground) and shows the refusal with its
 * reason. Cases that need a state no Web API call can make (a key index that failed, a clock in the future) run in
 * process only, below.
 */
import {
  NO_LONGER_COUNTED,
  OUTCOMES,
  POLICIES,
  QUORUM_CHECKLIST,
  REFUSALS,
  RELAY_FLOOD_LIMIT,
  RUNS,
  STAGES,
  SWEPT,
  TEAMS,
  USERS,
  countedMessage,
  createFakeHost,
} from "../../fakehost/index.cjs";
import type { Playground } from "../browser/helpers/playground";
import { callInProcess, callOverHttp, onBothFronts, type Answer, type ContractCase, type Row } from "./bothFronts";
import { createdId } from "../support/entityId";

jest.setTimeout(60_000);

const DECISIONS = "apnl_approvaldecisions";

/** What a case can do with a front of the fake host. */
interface Front {
  call(user: string, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  relay(mode: "on" | "held" | "off"): Promise<void>;
  sweep(): Promise<{ notProcessed: number; notWrittenByFlow: number }>;
}

function inProcess(): Front & { host: ReturnType<typeof createFakeHost> } {
  const host = createFakeHost({ relayDelayMs: 0, deployDelayMs: 60_000 });
  return {
    host,
    call: callInProcess(host),
    relay: async (mode) => {
      host.relayFlow.set({ mode });
    },
    sweep: async () => host.relayFlow.sweep(),
  };
}

function overHttp(pg: Playground): Front {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${pg.url}${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  return {
    call: callOverHttp(pg),
    relay: async (mode) => {
      await post("/__playground/relay", { mode, delayMs: 0 });
    },
    sweep: () => post("/__playground/relay/sweep", {}),
  };
}

/** The ApprovalProperties the panel writes with the HR UAT policy: every item ticked, the decider's own id. */
const ticked = (approverId: string) => JSON.stringify({ approverId, decision: "Approved", decisionValue: 20, checklist: QUORUM_CHECKLIST });

/** Adds a decision row; answers its id (the create must succeed). */
async function decide(f: Front, user: string, fields: Row = {}, headers: Record<string, string> = {}): Promise<string> {
  const r = await f.call(
    user,
    "POST",
    DECISIONS,
    {
      apnl_name: "Approved ContosoOnboarding 1.3.0.0 - UAT",
      apnl_stagerunid: RUNS.policyQuorumPending,
      apnl_decision: 20,
      apnl_comments: "Checked with HR.",
      apnl_approvalproperties: ticked(user),
      ...fields,
    },
    headers,
  );
  if (r.status !== 204) throw new Error(`create as ${user}: ${r.status} ${JSON.stringify(r.body)}`);
  return createdId(r.headers) as string;
}

/**
 * A row's outcome once the flow (or the sweeper) wrote one, read by a System Administrator (who reads the secured
 * columns). Written by the flow means last modified by its user: a forged row carries an outcome from its creation, which
 * must not be mistaken for the flow's answer.
 */
async function outcomeOf(f: Front, id: string): Promise<{ outcome: unknown; message: unknown }> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const r = await f.call(USERS.morgan, "GET", `${DECISIONS}(${id})?$select=apnl_outcome,apnl_outcomemessage,_modifiedby_value`);
    const outcome = r.body.apnl_outcome;
    const byFlow = r.body._modifiedby_value === USERS.spn;
    if (byFlow && outcome !== null && outcome !== undefined && outcome !== 10) return { outcome, message: r.body.apnl_outcomemessage };
    if (Date.now() > deadline) throw new Error(`no outcome on ${id}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
const runOf = async (f: Front, runId: string = RUNS.policyQuorumPending): Promise<Row> =>
  (await f.call(USERS.morgan, "GET", `deploymentstageruns(${runId})?$select=approvalstatus,approvalproperties`)).body;
const refused = (message: string) => ({ outcome: OUTCOMES.refused, message });
const counted = (n: number, of: number) => ({ outcome: OUTCOMES.counted, message: countedMessage(n, of) });
const applied = { outcome: OUTCOMES.applied, message: null };

const CASES: Array<ContractCase<Front>> = [
  {
    name: "R1: an approver cannot write an outcome: a create with one, and a change of their own row's outcome, are refused",
    run: async (f) => {
      const forged = await f.call(USERS.riley, "POST", DECISIONS, { apnl_stagerunid: RUNS.policyQuorumPending, apnl_decision: 20, apnl_outcome: 50 });
      expect(forged.status).toBe(403);
      expect(String((forged.body.error as Row).message)).toContain("secured field 'apnl_outcome'");
      const own = await decide(f, USERS.jordan);
      expect(await outcomeOf(f, own)).toEqual(counted(1, 2));
      const patched = await f.call(USERS.jordan, "PATCH", `${DECISIONS}(${own})`, { apnl_outcome: 20 });
      expect(patched.status).toBe(403);
      expect(await outcomeOf(f, own)).toEqual(counted(1, 2));
    },
  },
  {
    name: "R1: a forged counted row (written by someone who can set the column) never completes a quorum",
    run: async (f) => {
      await f.relay("held");
      const real = await decide(f, USERS.jordan);
      // A System Administrator's slip (or a host where the column was left unsecured): outcome 50 set on create.
      const forged = await decide(f, USERS.morgan, { apnl_outcome: 50, apnl_approvalproperties: ticked(USERS.morgan) });
      await f.relay("on");
      expect(await outcomeOf(f, real)).toEqual(counted(1, 2));
      expect(await outcomeOf(f, forged)).toEqual(refused(REFUSALS.notCreatedPending));
      expect((await runOf(f)).approvalstatus).toBe(10);
      // A real second approver completes it, and the forged row is not among the counted approvers.
      expect(await outcomeOf(f, await decide(f, USERS.casey))).toEqual(applied);
      const properties = JSON.parse(String((await runOf(f)).approvalproperties)) as { relay: { countedApprovers: string[] } };
      expect(properties.relay.countedApprovers).toEqual([USERS.jordan, USERS.casey]);
    },
  },
  {
    name: "R1: a forged applied row does not block a real rejection; the sweeper marks it as not written by the flow",
    run: async (f) => {
      await f.relay("off");
      const forged = await decide(f, USERS.morgan, { apnl_outcome: 20 });
      await f.relay("on");
      const reject = await decide(f, USERS.jordan, {
        apnl_decision: 30,
        apnl_comments: "The welcome e-mail has the wrong sender.",
        apnl_approvalproperties: "{}",
      });
      expect(await outcomeOf(f, reject)).toEqual(applied);
      expect((await runOf(f)).approvalstatus).toBe(30);
      expect(await f.sweep()).toEqual({ notProcessed: 0, notWrittenByFlow: 1 });
      expect(await outcomeOf(f, forged)).toEqual(refused(SWEPT.notWrittenByFlow));
    },
  },
  {
    name: "R4: a row created on behalf of another user (impersonation) is refused",
    run: async (f) => {
      const id = await decide(f, USERS.morgan, { apnl_approvalproperties: ticked(USERS.casey) }, { MSCRMCallerID: USERS.casey });
      const row = (await f.call(USERS.morgan, "GET", `${DECISIONS}(${id})?$select=_createdby_value,_createdonbehalfby_value`)).body;
      expect(row).toMatchObject({ _createdby_value: USERS.casey, _createdonbehalfby_value: USERS.morgan });
      expect(await outcomeOf(f, id)).toEqual(refused(REFUSALS.impersonated));
      // Impersonation needs the privilege: an approver cannot act for another.
      const denied = await f.call(
        USERS.jordan,
        "POST",
        DECISIONS,
        { apnl_stagerunid: RUNS.policyQuorumPending, apnl_decision: 20 },
        { MSCRMCallerID: USERS.casey },
      );
      expect(denied.status).toBe(403);
    },
  },
  {
    name: "R3: a stage without an active policy is not decided by the relay (default deny)",
    run: async (f) => {
      expect((await f.call(USERS.morgan, "PATCH", `apnl_approvalpolicies(${POLICIES.fieldUat})`, { statecode: 1, statuscode: 2 })).status).toBe(204);
      const id = await decide(f, USERS.avery, { apnl_stagerunid: RUNS.spnPending, apnl_approvalproperties: ticked(USERS.avery) });
      expect(await outcomeOf(f, id)).toEqual(refused(REFUSALS.noPolicy));
      expect((await runOf(f, RUNS.spnPending)).approvalstatus).toBe(10);
    },
  },
  {
    name: "R5: a counted approval voided by deactivating its row no longer counts",
    run: async (f) => {
      const first = await decide(f, USERS.jordan);
      expect(await outcomeOf(f, first)).toEqual(counted(1, 2));
      expect((await f.call(USERS.morgan, "PATCH", `${DECISIONS}(${first})`, { statecode: 1, statuscode: 2 })).status).toBe(204);
      expect(await outcomeOf(f, await decide(f, USERS.casey))).toEqual(counted(1, 2));
      expect((await runOf(f)).approvalstatus).toBe(10);
    },
  },
  {
    name: "R5: the policy edited after a counted approval (its team swapped) drops the stale approval when the next one comes",
    run: async (f) => {
      const first = await decide(f, USERS.jordan);
      expect(await outcomeOf(f, first)).toEqual(counted(1, 2));
      // Jordan's approval was a mistake: the admin points the policy at a team Jordan is not in, and adds Casey to it.
      const swap = await f.call(USERS.morgan, "PATCH", `apnl_approvalpolicies(${POLICIES.quorum})`, {
        "apnl_approverteam@odata.bind": `/teams(${TEAMS.releaseManagers})`,
        apnl_requiredapprovals: 1,
      });
      expect(swap.status).toBe(204);
      const second = await decide(f, USERS.avery, { apnl_approvalproperties: ticked(USERS.avery) });
      // Avery is not in the new team either; what matters: Jordan's count is gone and nothing was applied.
      expect(await outcomeOf(f, second)).toEqual(refused(REFUSALS.notInTeam));
      expect(await outcomeOf(f, first)).toEqual(refused(NO_LONGER_COUNTED));
      expect((await runOf(f)).approvalstatus).toBe(10);
    },
  },
  {
    name: "R6: a role that is only named Deployment Approver does not pass",
    run: async (f) => {
      const id = await decide(f, USERS.quinn, { apnl_stagerunid: RUNS.spnPending, apnl_approvalproperties: ticked(USERS.quinn) });
      expect(await outcomeOf(f, id)).toEqual(refused(REFUSALS.noRole));
      expect((await runOf(f, RUNS.spnPending)).approvalstatus).toBe(10);
    },
  },
  {
    name: "R2: ApprovalProperties naming another approver are refused; the host's record names every counted approver",
    run: async (f) => {
      const claimed = await decide(f, USERS.jordan, { apnl_approvalproperties: ticked(USERS.casey) });
      expect(await outcomeOf(f, claimed)).toEqual(refused(REFUSALS.otherApprover));
      const first = await decide(f, USERS.jordan);
      expect(await outcomeOf(f, first)).toEqual(counted(1, 2));
      const second = await decide(f, USERS.casey);
      expect(await outcomeOf(f, second)).toEqual(applied);
      const properties = JSON.parse(String((await runOf(f)).approvalproperties)) as Row;
      expect(properties).toMatchObject({
        approverId: USERS.casey,
        checklist: QUORUM_CHECKLIST,
        relay: { decisionId: second, decidedBy: USERS.casey, countedApprovers: [USERS.jordan, USERS.casey], flowRun: expect.any(String) },
      });
    },
  },
  {
    name: "R2: properties that are not a JSON object fail closed; a client key that pretends to be the flow's is dropped",
    run: async (f) => {
      const nullProperties = await decide(f, USERS.jordan, { apnl_approvalproperties: "null" });
      expect(await outcomeOf(f, nullProperties)).toEqual({ outcome: OUTCOMES.failed, message: expect.stringMatching(/^Client_properties: /) });
      const first = await decide(f, USERS.jordan);
      expect(await outcomeOf(f, first)).toEqual(counted(1, 2));
      const pretending = JSON.stringify({ ...JSON.parse(ticked(USERS.casey)), approverPropertiesOmitted: true, relay: { countedApprovers: [USERS.morgan] } });
      expect(await outcomeOf(f, await decide(f, USERS.casey, { apnl_approvalproperties: pretending }))).toEqual(applied);
      const properties = JSON.parse(String((await runOf(f)).approvalproperties)) as Row;
      expect(properties).not.toHaveProperty("approverPropertiesOmitted");
      expect(properties.relay).toMatchObject({ countedApprovers: [USERS.jordan, USERS.casey] });
    },
  },
  {
    name: "R8: a second policy row for a stage is refused by the key, so the relay and the panel read one",
    run: async (f) => {
      const r = await f.call(USERS.morgan, "POST", "apnl_approvalpolicies", { apnl_name: "Duplicate", apnl_stageid: STAGES.hrUat, apnl_requiredapprovals: 1 });
      expect(r.status).toBe(412);
    },
  },
];

onBothFronts(CASES, {
  inProcess,
  close: (front) => front.host.close(),
  overHttp,
  resetHttp: async (pg, front) => {
    await pg.reset();
    await front.relay("on");
  },
});

describe("in process only: states no Web API call makes", () => {
  let front: ReturnType<typeof inProcess>;
  beforeEach(() => {
    front = inProcess();
  });
  afterEach(() => front.host.close());
  const store = () => front.host.store;

  test("R8: two active policies (a key index that failed to build) are refused, not read newest first; nothing counted is voided", async () => {
    const earlier = await decide(front, USERS.jordan);
    expect(await outcomeOf(front, earlier)).toEqual(counted(1, 2));
    store().tables.apnl_approvalpolicy.push({
      ...store().get("apnl_approvalpolicy", POLICIES.quorum),
      apnl_approvalpolicyid: "f5000000-0000-4000-8000-0000000000ff",
      apnl_requiredapprovals: 1,
      _apnl_approverteam_value: TEAMS.releaseManagers,
      modifiedon: "2030-01-01T00:00:00Z",
    });
    expect(await outcomeOf(front, await decide(front, USERS.casey))).toEqual(refused(REFUSALS.severalPolicies));
    // The newer row names a team Jordan is not in: its rules are not the stage's, so the earlier approval is not re-checked.
    expect(await outcomeOf(front, earlier)).toEqual(counted(1, 2));
  });

  test("R5: an approver removed from the team, or whose role was revoked, no longer counts", async () => {
    expect(await outcomeOf(front, await decide(front, USERS.jordan))).toEqual(counted(1, 2));
    store().tables.teammembership = store().tables.teammembership.filter((m) => m.systemuserid !== USERS.jordan);
    expect(await outcomeOf(front, await decide(front, USERS.casey))).toEqual(counted(1, 2));
    // Casey's role revoked: the next approver's decision finds no counted approval left.
    store().userRoles[USERS.casey] = store().userRoles[USERS.casey].filter((r) => r !== "38f47392-816e-45ea-bfde-e36ae6e61953");
    store().tables.teammembership.push({ teammembershipid: "b3000000-0000-4000-8000-0000000000ff", teamid: TEAMS.hrApprovers, systemuserid: USERS.avery });
    const third = await decide(front, USERS.avery);
    expect(await outcomeOf(front, third)).toEqual(counted(1, 2));
    expect(
      front.host.store
        .all("apnl_approvaldecision")
        .filter((r) => r.apnl_outcome === OUTCOMES.refused)
        .map((r) => r.apnl_outcomemessage),
    ).toEqual([NO_LONGER_COUNTED, NO_LONGER_COUNTED]);
  });

  test("R11: a run with no approval status yet (validation still running) is not pending", async () => {
    (store().get("deploymentstagerun", RUNS.policyQuorumPending) as Row).approvalstatus = null;
    expect(await outcomeOf(front, await decide(front, USERS.jordan))).toEqual(refused(REFUSALS.notPending));
  });

  test("R13: a run created later than now is refused", async () => {
    (store().get("deploymentstagerun", RUNS.policyQuorumPending) as Row).createdon = new Date(Date.now() + 3_600_000).toISOString();
    expect(await outcomeOf(front, await decide(front, USERS.jordan))).toEqual(refused(REFUSALS.createdInFuture));
  });

  test("R14: a flood of rows by one user is bounded: past the limit in ten minutes a row is refused", async () => {
    await front.relay("held");
    const ids: string[] = [];
    for (let i = 0; i <= RELAY_FLOOD_LIMIT; i++) ids.push(await decide(front, USERS.riley, { apnl_approvalproperties: ticked(USERS.riley) }));
    await front.relay("on");
    expect(await outcomeOf(front, ids[ids.length - 1])).toEqual(refused(REFUSALS.flood));
  });

  test("R10: the sweeper fails a row the flow never handled once it is 30 minutes old", async () => {
    await front.relay("off");
    const id = await decide(front, USERS.jordan);
    await front.relay("on");
    expect(await front.sweep()).toEqual({ notProcessed: 0, notWrittenByFlow: 0 });
    (store().get("apnl_approvaldecision", id) as Row).createdon = new Date(Date.now() - 31 * 60_000).toISOString();
    expect(await front.sweep()).toEqual({ notProcessed: 1, notWrittenByFlow: 0 });
    expect(await outcomeOf(front, id)).toEqual({ outcome: OUTCOMES.failed, message: SWEPT.notProcessed });
  });
});
