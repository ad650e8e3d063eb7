/**
 * One table of contract cases for the fake host, run through both of its surfaces: in process (context.webAPI and
 * fetch over fakehost/, as the jest tests use it) and over HTTP (the playground server on a free port). A case that
 * passes on one surface and fails on the other means the two have drifted apart.
 */
import { ACTION_MESSAGES, FaultSpec, RUNS, STAGES, USERS, createFakeHost, createFetch, webApiOverFetch } from "../../fakehost/index.cjs";
import { Playground, startPlayground } from "../browser/helpers/playground";

jest.setTimeout(60_000);

const CLIENT_URL = "https://contoso.crm.dynamics.com";
const ACTION_URL = `${CLIENT_URL}/api/data/v9.2/UpdateApprovalStatus`;
const FV = "@OData.Community.Display.V1.FormattedValue";

interface Caller {
  userId: string;
  host?: "current" | "legacy";
}

/** What a case can do with a surface. */
interface Surface {
  webAPI(caller: Caller): ComponentFramework.WebApi;
  fetch(caller: Caller): typeof fetch;
  setFaults(faults: FaultSpec[]): Promise<void>;
  reset(): Promise<void>;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: { message?: unknown; errorCode?: unknown } };

const outcome = async (work: () => Promise<unknown>): Promise<Outcome> => {
  try {
    return { ok: true, value: await work() };
  } catch (e) {
    return { ok: false, error: e as { message?: unknown; errorCode?: unknown } };
  }
};

const decide = (runId: string, status: number) => ({
  method: "POST",
  headers: { "Content-Type": "application/json", Accept: "application/json", "OData-Version": "4.0", "OData-MaxVersion": "4.0" },
  body: JSON.stringify({ StageRunId: runId, ApprovalStatus: status, ApprovalComments: "ok", ApprovalProperties: "{}" }),
});

/** The status and Dataverse error of an action call. */
const actionAnswer = async (s: Surface, caller: Caller, runId: string, status: number) => {
  const res = await s.fetch(caller)(ACTION_URL, decide(runId, status));
  const text = await res.text();
  return { status: res.status, error: text ? (JSON.parse(text) as { error?: { code: string; message: string } }).error : undefined };
};

const avery: Caller = { userId: USERS.avery };
const propertyNotFound = (name: string, table = "deploymentstagerun") => `Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${table}'.`;

interface ContractCase {
  name: string;
  run(s: Surface): Promise<unknown>;
  expected: unknown;
}

const CASES: ContractCase[] = [
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
    name: "$filter with a DateTimeOffset literal and ne, newest first, $top=1 (the stage's last deployment before a run)",
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

// ---- the two surfaces ------------------------------------------------------------------------------

function inProcessSurface(): Surface & { close(): void } {
  const host = createFakeHost({ deployDelayMs: 60_000 });
  return {
    webAPI: (caller) => webApiOverFetch(createFetch(host, { ...caller, clientUrl: CLIENT_URL }), { clientUrl: CLIENT_URL }),
    fetch: (caller) => createFetch(host, { ...caller, clientUrl: CLIENT_URL }),
    setFaults: async (faults) => host.faults.set(faults),
    reset: async () => host.reset(),
    close: () => host.close(),
  };
}

function httpSurface(pg: Playground): Surface {
  // Requests written for the client URL go to the playground, with its sign-in cookies.
  const fetchAs =
    (caller: Caller): typeof fetch =>
    async (input, init) => {
      const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
      const headers = new Headers(init?.headers);
      headers.set("Cookie", [`pp_user=${caller.userId}`, caller.host ? `pp_host=${caller.host}` : ""].filter(Boolean).join("; "));
      return fetch(`${pg.url}${url.pathname}${url.search}`, { ...init, headers });
    };
  return {
    webAPI: (caller) => webApiOverFetch(fetchAs(caller), { clientUrl: CLIENT_URL }),
    fetch: fetchAs,
    setFaults: (faults) => pg.setFaults(faults),
    reset: () => pg.reset(),
  };
}

describe("in process", () => {
  let surface: ReturnType<typeof inProcessSurface>;
  beforeEach(() => {
    surface = inProcessSurface();
  });
  afterEach(() => surface.close());
  test.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    expect(await c.run(surface)).toEqual(c.expected);
  });
});

describe("over HTTP", () => {
  let pg: Playground;
  let surface: Surface;
  beforeAll(async () => {
    pg = await startPlayground();
    surface = httpSurface(pg);
  });
  afterAll(async () => {
    await pg?.close();
  });
  beforeEach(async () => {
    await surface.reset();
  });
  test.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    expect(await c.run(surface)).toEqual(c.expected);
  });
});
