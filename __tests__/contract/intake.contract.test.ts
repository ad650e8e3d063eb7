/**
 * The Deployment Approvals app's flows in the fake host core (issue 23): "Take in approval requests" (OnApprovalStarted),
 * "Record approval outcomes" (OnApprovalCompleted, after every decision the host applies) and "Expire waiting
 * requests", with the app's views and the notification outbox. Each case runs on both fronts of the fake host: in
 * process (host.approvalRequests and the Web API through fetch) and over HTTP (the playground's /__playground/
 * endpoints and its Web API), so the playground's "A new request arrives" and the jest tests play the same flows.
 */
import { IntakeError, REQUEST_STATUSES, RUNS, USERS, createFakeHost } from "../../fakehost/index.cjs";
import { type Playground, startPlayground } from "../browser/helpers/playground";
import { onBothFronts } from "./bothFronts";
import { inProcess, overHttp } from "./cases/intakeFront";
import { outcomeCases } from "./cases/intakeOutcomes";
import { takeInCases } from "./cases/intakeTakeIn";

jest.setTimeout(60_000);

const CASES = [...takeInCases(), ...outcomeCases()];

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
