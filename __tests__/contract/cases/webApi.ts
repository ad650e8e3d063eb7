/** Contract cases on the Web API itself: reads, paging, ordering, UpdateApprovalStatus, errors and faults. */
import { ACTION_MESSAGES, RUNS, STAGES, USERS } from "../../../fakehost/index.cjs";
import { ACTION_URL, FV, outcome, decide, actionAnswer, avery, propertyNotFound, type ContractCase } from "./surface";

export const webApiCases = (): ContractCase[] => [
  {
    name: "retrieveRecord with $select and $expand, formatted values included",
    run: async (s) => {
      const r = await s
        .webAPI(avery)
        .retrieveRecord(
          "deploymentstagerun",
          RUNS.ownerPendingMine,
          "?$select=name,approvalstatus&$expand=deploymentstageid($select=name,delegateddeploymenttype)",
        );
      return {
        name: r.name,
        approvalstatus: r.approvalstatus,
        label: r[`approvalstatus${FV}`],
        stage: r.deploymentstageid,
        keys: Object.keys(r)
          .filter((k) => !k.includes("@"))
          .sort(),
      };
    },
    expected: {
      name: "ContosoExpenses 1.4.2.0 - Production",
      approvalstatus: 10,
      label: "Pending",
      stage: expect.objectContaining({
        deploymentstageid: STAGES.expensesProd,
        name: "Production",
        delegateddeploymenttype: 1,
        [`delegateddeploymenttype${FV}`]: "Stage Owner",
      }),
      keys: ["approvalstatus", "deploymentstageid", "deploymentstagerunid", "name"],
    },
  },
  {
    // Dataverse answers concurrent requests in parallel; the fake works a read out when it arrives and answers it
    // after the latency, so its own work is not queued on top. A write made meanwhile is not in that answer.
    name: "latency on reads: the answer holds the record as it was when the read arrived",
    run: async (s) => {
      await s.setFaults([{ type: "latency", latencyMs: 400, match: { kind: "read" } }]);
      const api = s.webAPI(avery);
      const pending = api.retrieveRecord("deploymentstagerun", RUNS.ownerPendingMine, "?$select=name");
      await new Promise((r) => setTimeout(r, 100)); // the read has arrived; the write below has no latency
      await api.updateRecord("deploymentstagerun", RUNS.ownerPendingMine, { name: "Renamed while the read waited" });
      const during = (await pending).name;
      await s.setFaults([]);
      const after = (await api.retrieveRecord("deploymentstagerun", RUNS.ownerPendingMine, "?$select=name")).name;
      return { during, after };
    },
    expected: { during: "ContosoExpenses 1.4.2.0 - Production", after: "Renamed while the read waited" },
  },
  {
    name: "retrieveMultipleRecords with $filter through a navigation property, $orderby and $top",
    run: async (s) => {
      const r = await s
        .webAPI(avery)
        .retrieveMultipleRecords(
          "deploymentstagerun",
          `?$select=artifactversion&$filter=deploymentstageid/name eq 'Production' and approvalstatus eq 30 and artifactname eq 'ContosoExpenses'&$orderby=createdon desc&$top=1`,
        );
      return { versions: r.entities.map((e) => e.artifactversion), nextLink: r.nextLink };
    },
    expected: { versions: ["1.4.0.3"], nextLink: undefined },
  },
  {
    name: "paging: maxPageSize gives a nextLink whose query reads the next page, the last page has none",
    run: async (s) => {
      const api = s.webAPI(avery);
      const query = `?$select=name&$filter=artifactname eq 'ContosoExpenses' and deploymentstageid/name eq 'Production'&$orderby=createdon desc`;
      const first = await api.retrieveMultipleRecords("deploymentstagerun", query, 4);
      const rest = first.nextLink ? first.nextLink.slice(first.nextLink.indexOf("?")) : "";
      const second = await api.retrieveMultipleRecords("deploymentstagerun", rest, 4);
      const seen = [...first.entities, ...second.entities].map((e) => e.deploymentstagerunid);
      return { first: first.entities.length, second: second.entities.length, distinct: new Set(seen).size, secondHasNext: second.nextLink !== undefined };
    },
    expected: { first: 4, second: 3, distinct: 7, secondHasNext: false },
  },
  {
    // The stage's last deployment: the last to finish deploying (runs still under way have no endtime), then the last created.
    name: "$orderby on two keys: endtime desc puts rows without an end time last, createdon desc orders within",
    run: async (s) => {
      const r = await s
        .webAPI(avery)
        .retrieveMultipleRecords(
          "deploymentstagerun",
          "?$select=endtime,createdon&$filter=deploymentstageid/name eq 'Production'&$orderby=endtime desc,createdon desc",
        );
      const ends = r.entities.map((e) => (e.endtime === null || e.endtime === undefined ? null : Date.parse(String(e.endtime))));
      const firstNull = ends.indexOf(null);
      const ended = firstNull === -1 ? ends : ends.slice(0, firstNull);
      const open = r.entities.slice(ended.length).map((e) => Date.parse(String(e.createdon)));
      return {
        someOfEach: ended.length > 1 && open.length > 1,
        nullsLast: ends.slice(ended.length).every((e) => e === null),
        endedNewestFirst: ended.every((e, i) => i === 0 || (ended[i - 1] as number) >= (e as number)),
        openNewestFirst: open.every((c, i) => i === 0 || open[i - 1] >= c),
      };
    },
    expected: { someOfEach: true, nullsLast: true, endedNewestFirst: true, openNewestFirst: true },
  },
  {
    name: "$filter with a DateTimeOffset literal and ne, newest first, $top=1",
    run: async (s) => {
      const api = s.webAPI(avery);
      const scope = "artifactname eq 'ContosoExpenses' and deploymentstageid/name eq 'Production'";
      const all = await api.retrieveMultipleRecords("deploymentstagerun", `?$select=createdon,approvalstatus&$filter=${scope}&$orderby=createdon desc`);
      const pivot = new Date(String(all.entities[2].createdon)).toISOString();
      const before = await api.retrieveMultipleRecords(
        "deploymentstagerun",
        `?$select=createdon&$filter=${scope} and createdon lt ${pivot} and approvalstatus ne 30&$orderby=createdon desc&$top=1`,
      );
      const wanted = all.entities.slice(3).find((e) => e.approvalstatus !== 30);
      return {
        found: before.entities.length,
        same: before.entities[0]?.deploymentstagerunid === wanted?.deploymentstagerunid,
        hasWanted: wanted !== undefined,
      };
    },
    expected: { found: 1, same: true, hasWanted: true },
  },
  {
    name: "UpdateApprovalStatus on the older host: the action does not exist there (404)",
    run: (s) => actionAnswer(s, { userId: USERS.avery, host: "legacy" }, RUNS.legacyPending, 20),
    expected: { status: 404, error: { code: "0x80060888", message: "Resource not found for the segment 'UpdateApprovalStatus'." } },
  },
  {
    name: "a column the older host lacks: 400 with Dataverse's text",
    run: (s) =>
      outcome(() => s.webAPI({ userId: USERS.avery, host: "legacy" }).retrieveRecord("deploymentstagerun", RUNS.legacyPending, "?$select=approvalstatus")),
    expected: {
      ok: false,
      error: expect.objectContaining({ message: propertyNotFound("approvalstatus"), errorCode: 0x80060888, title: propertyNotFound("approvalstatus") }),
    },
  },
  {
    name: "a missing record: 404 with 0x80040217",
    run: (s) => outcome(() => s.webAPI(avery).retrieveRecord("deploymentstagerun", "00000000-0000-4000-8000-0000000000ff", "?$select=name")),
    expected: { ok: false, error: expect.objectContaining({ errorCode: 0x80040217, message: expect.stringContaining("Does Not Exist") }) },
  },
  {
    name: "UpdateApprovalStatus: the stage owner approves (204), the run is then approved",
    run: async (s) => {
      const answer = await actionAnswer(s, avery, RUNS.ownerPendingMine, 20);
      const run = await s.webAPI(avery).retrieveRecord("deploymentstagerun", RUNS.ownerPendingMine, "?$select=approvalstatus,approvalcomments");
      return { answer, approvalstatus: run.approvalstatus, approvalcomments: run.approvalcomments };
    },
    expected: { answer: { status: 204, error: undefined }, approvalstatus: 20, approvalcomments: "ok" },
  },
  {
    name: "UpdateApprovalStatus: someone else on a Stage Owner stage is refused (documented text)",
    run: (s) => actionAnswer(s, { userId: USERS.riley }, RUNS.ownerPendingMine, 20),
    expected: { status: 400, error: { code: "0x80040265", message: ACTION_MESSAGES.notOwner } },
  },
  {
    name: "UpdateApprovalStatus: a person on a Service Principal stage is refused (documented text)",
    run: (s) => actionAnswer(s, avery, RUNS.spnPending, 30),
    expected: { status: 400, error: { code: "0x80040265", message: ACTION_MESSAGES.servicePrincipalOnly } },
  },
  {
    name: "UpdateApprovalStatus: a stage without approvals is refused (documented text)",
    run: (s) => actionAnswer(s, avery, RUNS.notDelegated, 20),
    expected: { status: 400, error: { code: "0x80040265", message: ACTION_MESSAGES.notPending } },
  },
  {
    name: "UpdateApprovalStatus: a run already decided is refused (the fake host's own text)",
    run: (s) => actionAnswer(s, avery, RUNS.approved, 20),
    expected: { status: 400, error: { code: "0x80040265", message: ACTION_MESSAGES.alreadyDecided } },
  },
  {
    name: "fault: 429 once on the action with Retry-After, then the action goes through",
    run: async (s) => {
      await s.setFaults([{ type: "429", match: { kind: "action" }, retryAfterSeconds: 7, once: true }]);
      const res = await s.fetch(avery)(ACTION_URL, decide(RUNS.ownerPendingMine, 30));
      const second = await actionAnswer(s, avery, RUNS.ownerPendingMine, 30);
      return { first: res.status, retryAfter: res.headers.get("retry-after"), second: second.status };
    },
    expected: { first: 429, retryAfter: "7", second: 204 },
  },
  {
    name: "fault: 500 on reads reaches context.webAPI as an error",
    run: async (s) => {
      await s.setFaults([{ type: "500", match: { kind: "read" } }]);
      return outcome(() => s.webAPI(avery).retrieveRecord("deploymentstagerun", RUNS.ownerPendingMine, "?$select=name"));
    },
    expected: { ok: false, error: expect.objectContaining({ errorCode: 0x80040216, message: "An unexpected error occurred." }) },
  },
  {
    name: "fault: a dropped connection makes fetch reject",
    run: async (s) => {
      await s.setFaults([{ type: "drop", match: { kind: "action" } }]);
      const r = await outcome(() => s.fetch(avery)(ACTION_URL, decide(RUNS.ownerPendingMine, 20)));
      // By name: node's fetch throws a TypeError of another realm than the test's.
      return { ok: r.ok, isTypeError: !r.ok && (r.error as Error).name === "TypeError" };
    },
    expected: { ok: false, isTypeError: true },
  },
];
