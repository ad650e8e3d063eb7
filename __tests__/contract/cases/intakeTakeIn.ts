/** The Deployment Approvals app's contract cases: a request taken in, who owns it, and its notification. */
import { FLOW_CALLERS, POLICIES, REQUESTS, REQUEST_STATUSES, RUNS, STAGES, TEAMS, USERS, type OutboxEntry } from "../../../fakehost/index.cjs";
import { type ContractCase } from "../bothFronts";
import { APP_URL, RECORD_PAGE, type Front, rowsOfRun, rowOf, statusOf, runOf, patchRun, intakeOk, settings, decide, iso } from "./intakeFront";

export const takeInCases = (): Array<ContractCase<Front>> => [
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
];
