import { afterEach, describe, expect, jest, test } from "@jest/globals";
import { createDataverseRepository, REREAD_COLUMNS, type DataverseRepositoryDeps } from "../../ApprovalPanel/data/DataverseRepository";
import type { DecisionRequest } from "../../ApprovalPanel/domain/types";
import { createMockContext, dataverseErrorResponse, mockResponse, webApiError, type MockContextOptions } from "../support/mockContext";
import { ARTIFACT, buildRun, fixtureRuns, IDS, RELAY_TABLE, RUN_STATUS, USERS } from "../support/fixtures";

const CLIENT_URL = "https://contoso.crm.dynamics.com";
const APPROVAL_COLUMNS = ["approvalstatus", "approvalcomments", "approvalproperties"];

function setup(options: MockContextOptions = {}, deps: Partial<DataverseRepositoryDeps> = {}) {
  const host = createMockContext(options);
  const repo = createDataverseRepository({ webAPI: host.context.webAPI, clientUrl: CLIENT_URL, fetchFn: host.fetchFn, ...deps });
  return { host, repo };
}

const decision = (over: Partial<DecisionRequest> = {}): DecisionRequest => ({
  stageRunId: IDS.runs.pendingOwner,
  decision: 20,
  comments: "Ship it.",
  approvalProperties: '{"approverId":"x"}',
  ...over,
});

afterEach(() => {
  jest.useRealTimers();
});

describe("loadRun", () => {
  test("reads the run once with the stage expanded and learns the run table's columns", async () => {
    const { host, repo } = setup();
    const result = await repo.loadRun(IDS.runs.pendingOwner.toUpperCase());
    expect(host.calls).toEqual([{ method: "retrieveRecord", entity: "deploymentstagerun", id: IDS.runs.pendingOwner, options: "?$expand=deploymentstageid" }]);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const { run, stage } = result.value;
    expect(run).toMatchObject({
      id: IDS.runs.pendingOwner,
      artifactName: ARTIFACT,
      requestedBy: { id: IDS.users.requester, name: "Alex Wilber" },
      stage: { id: IDS.stages.owner, name: "UAT" },
      stageRunStatus: { value: 200000005, label: "Pending Approval" },
      approvalStatus: { value: 10, label: "Pending" },
      approvalComments: null,
      aiGeneratedDeploymentNotes: null,
    });
    expect(stage).toEqual({
      ok: true,
      value: {
        id: IDS.stages.owner,
        name: "UAT",
        pipeline: { id: IDS.pipeline, name: "Contoso ALM" },
        owner: { id: IDS.users.stageOwner, name: "Megan Bowen" },
        isDelegated: true,
        delegationType: { value: 1, label: "Stage Owner" },
        servicePrincipalClientId: null,
        previousStage: null,
      },
    });
  });

  test("an older host without the approval columns: the fields are undefined and later queries leave the columns out", async () => {
    const { host, repo } = setup({ missingColumns: { deploymentstagerun: APPROVAL_COLUMNS, deploymentstage: ["isdelegateddeployment", "spnclientid"] } });
    const result = await repo.loadRun(IDS.runs.pendingOwner);
    if (!result.ok) throw new Error("load failed");
    expect("approvalStatus" in result.value.run).toBe(false);
    expect(result.value.run.approvalComments).toBeUndefined();
    expect(result.value.stage.ok && result.value.stage.value?.isDelegated).toBeUndefined();
    await repo.rereadRun(IDS.runs.pendingOwner);
    expect(host.calls[host.calls.length - 1].options).toBe("?$select=stagerunstatus,modifiedon");
  });

  test("falls back to two reads when the host does not know the navigation property", async () => {
    const { host, repo } = setup({ missingNavigationProperties: { deploymentstagerun: ["deploymentstageid"] } });
    const result = await repo.loadRun(IDS.runs.pendingSpn);
    expect(host.calls.map((c) => [c.entity, c.id, c.options])).toEqual([
      ["deploymentstagerun", IDS.runs.pendingSpn, "?$expand=deploymentstageid"],
      ["deploymentstagerun", IDS.runs.pendingSpn, undefined],
      ["deploymentstage", IDS.stages.spn, undefined],
    ]);
    if (!result.ok) throw new Error("load failed");
    expect(result.value.stage).toMatchObject({ ok: true, value: { id: IDS.stages.spn, delegationType: { value: 2 } } });
    // The plain read taught the columns too.
    await repo.rereadRun(IDS.runs.pendingSpn);
    expect(host.calls[host.calls.length - 1].options).toBe(`?$select=${REREAD_COLUMNS.join(",")}`);
  });

  test("a stage that cannot be read degrades only the stage", async () => {
    const { repo } = setup({
      missingNavigationProperties: { deploymentstagerun: ["deploymentstageid"] },
      faults: [
        {
          method: "retrieveRecord",
          entity: "deploymentstage",
          error: webApiError({ code: "0x80040220", message: "Principal user is missing prvReaddeploymentstage privilege" }),
        },
      ],
    });
    const result = await repo.loadRun(IDS.runs.pendingOwner);
    if (!result.ok) throw new Error("load failed");
    expect(result.value.run.id).toBe(IDS.runs.pendingOwner);
    expect(result.value.stage).toEqual({
      ok: false,
      error: { kind: "forbidden", serverMessage: "Principal user is missing prvReaddeploymentstage privilege" },
    });
  });

  test("a run without a stage has stage null", async () => {
    const { repo } = setup({ tables: { deploymentstagerun: [buildRun({ id: IDS.runs.pendingOwner, stageId: null })] } });
    const result = await repo.loadRun(IDS.runs.pendingOwner);
    expect(result.ok && result.value.stage).toEqual({ ok: true, value: null });
  });

  test("other errors are not retried as a fallback", async () => {
    const { host, repo } = setup();
    const result = await repo.loadRun("0b0b0b0b-0000-4000-8000-000000000000");
    expect(result).toEqual({
      ok: false,
      error: { kind: "notFound", serverMessage: "deploymentstagerun With Id = 0b0b0b0b-0000-4000-8000-000000000000 Does Not Exist" },
    });
    expect(host.calls).toHaveLength(1);
  });

  test("an id that is not a GUID never reaches a query", async () => {
    const { host, repo } = setup();
    const result = await repo.loadRun("abc') or (1 eq 1");
    expect(result).toMatchObject({ ok: false, error: { kind: "badRequest" } });
    expect(host.calls).toHaveLength(0);
  });
});

const asUser = (user: { id: string; securityRoles: readonly string[] }) => ({ id: user.id, securityRoleIds: user.securityRoles });
const ROLE_SELECT = "$select=roleid,name,_roletemplateid_value";
const ADMIN_QUERY = `?$select=systemuserid&$expand=systemuserroles_association(${ROLE_SELECT}),teammembership_association($select=teamid;$expand=teamroles_association(${ROLE_SELECT}))`;

/** The requester joins a team "Release managers" that holds Deployment Pipeline Administrator. */
function addAdminTeam(tables: Record<string, Array<Record<string, unknown>>>): void {
  const teamId = "7a7a7a7a-0000-4000-8000-000000000001";
  tables.team = [{ teamid: teamId, name: "Release managers" }];
  tables.teamroles = [{ teamid: teamId, roleid: IDS.roles.deploymentPipelineAdministrator }];
  tables.teammembership = [{ teamid: teamId, systemuserid: USERS.requester.id }];
}

describe("isAdministrator", () => {
  test("asks once per repository, in one request, for the user's roles and their teams' roles", async () => {
    const { host, repo } = setup();
    const roles = USERS.admin.securityRoles;
    expect(await repo.isAdministrator(asUser(USERS.admin))).toEqual({ ok: true, value: true });
    expect(await repo.isAdministrator({ id: USERS.admin.id, securityRoleIds: [...roles].reverse() })).toEqual({ ok: true, value: true });
    expect(host.calls).toEqual([{ method: "retrieveRecord", entity: "systemuser", id: USERS.admin.id, options: ADMIN_QUERY }]);
  });

  test("a role the user's settings name but the host's answer does not hold is asked for by id", async () => {
    const { host, repo } = setup();
    expect(await repo.isAdministrator({ id: USERS.otherApprover.id, securityRoleIds: [IDS.roles.deploymentPipelineAdministrator] })).toEqual({
      ok: true,
      value: true,
    });
    expect(host.calls.map((c) => c.entity)).toEqual(["systemuser", "role"]);
  });

  test("System Administrator by its template id in a host whose base language is German; a renamed copy without the template does not count", async () => {
    const { host, repo } = setup();
    host.tables.role[0].name = "Systemadministrator";
    expect(await repo.isAdministrator(asUser(USERS.admin))).toEqual({ ok: true, value: true });
    const other = setup();
    other.host.tables.role[0]._roletemplateid_value = null;
    expect(await other.repo.isAdministrator(asUser(USERS.admin))).toEqual({ ok: true, value: false });
  });

  test("Deployment Pipeline Administrator counts by name, case-insensitively; Deployment Pipeline User does not", async () => {
    const { host, repo } = setup();
    host.tables.role[1].name = "deployment pipeline ADMINISTRATOR";
    expect(await repo.isAdministrator({ id: USERS.otherApprover.id, securityRoleIds: [IDS.roles.deploymentPipelineAdministrator] })).toEqual({
      ok: true,
      value: true,
    });
    expect(await repo.isAdministrator(asUser(USERS.requester))).toEqual({ ok: true, value: false });
  });

  test("Deployment Pipeline Administrator under another name counts once the host check found its template id", async () => {
    const template = "11111111-2222-4333-8444-555555555555";
    const { host, repo } = setup();
    host.tables.role[1].name = "Bereitstellungspipeline-Administrator";
    host.tables.role[1]._roletemplateid_value = template;
    const user = { id: USERS.otherApprover.id, securityRoleIds: [IDS.roles.deploymentPipelineAdministrator] };
    expect(await repo.isAdministrator(user)).toEqual({ ok: true, value: false });
    repo.adoptHostFacts({
      stageNavigation: "deploymentstageid",
      commentsColumn: "approvalcomments",
      propertiesColumn: "approvalproperties",
      optionLabels: {},
      administratorTemplateIds: ["627090ff-40a3-4053-8790-584edc5be201", template],
    });
    expect(await repo.isAdministrator(user)).toEqual({ ok: true, value: true });
  });

  test("a team's admin role counts, from the same request as the direct roles", async () => {
    const { host, repo } = setup();
    addAdminTeam(host.tables);
    expect(await repo.isAdministrator(asUser(USERS.requester))).toEqual({ ok: true, value: true });
    expect(host.calls).toEqual([{ method: "retrieveRecord", entity: "systemuser", id: USERS.requester.id, options: ADMIN_QUERY }]);
  });

  test("not an admin, directly or through a team: one request says so", async () => {
    const { host, repo } = setup();
    expect(await repo.isAdministrator(asUser(USERS.requester))).toEqual({ ok: true, value: false });
    expect(host.calls).toHaveLength(1);
  });

  test("a host that refuses the one request: the settings' roles, then the teams' roles, as two requests", async () => {
    const refused = webApiError({ code: "0x80060888", message: "Could not find a property named 'systemuserroles_association'." });
    const { host, repo } = setup({ faults: [{ method: "retrieveRecord", entity: "systemuser", error: refused }] });
    addAdminTeam(host.tables);
    expect(await repo.isAdministrator(asUser(USERS.requester))).toEqual({ ok: true, value: true });
    expect(host.calls.map((c) => c.entity)).toEqual(["systemuser", "role", "team"]);
    const teamCall = host.calls.find((c) => c.entity === "team");
    expect(teamCall?.options).toBe(
      `?$select=teamid&$filter=teammembership_association/any(u:u/systemuserid eq ${USERS.requester.id})&$expand=teamroles_association(${ROLE_SELECT})`,
    );
  });

  test("a host that refuses the one request and the team query: the direct roles decide", async () => {
    const { host, repo } = setup({
      faults: [
        {
          method: "retrieveRecord",
          entity: "systemuser",
          error: webApiError({ code: "0x80040220", message: "Principal user is missing prvReadUser privilege." }),
        },
        {
          method: "retrieveMultipleRecords",
          entity: "team",
          error: webApiError({ code: "0x80060888", message: "Could not find a property named 'teammembership_association'." }),
        },
      ],
    });
    expect(await repo.isAdministrator(asUser(USERS.requester))).toEqual({ ok: true, value: false });
    expect(host.calls.map((c) => c.entity)).toEqual(["systemuser", "role", "team"]);
  });

  test("an answer that leaves the teams out (a next link instead of the list): the teams' roles are asked on their own", async () => {
    const host = createMockContext();
    addAdminTeam(host.tables);
    const webAPI: ComponentFramework.WebApi = {
      ...host.context.webAPI,
      retrieveRecord: async (entity, id, options) => {
        const row = await host.context.webAPI.retrieveRecord(entity, id, options);
        if (entity !== "systemuser") return row;
        const { teammembership_association: _left, ...rest } = row;
        void _left;
        return { ...rest, "teammembership_association@odata.nextLink": `${CLIENT_URL}/api/data/v9.2/systemusers(${id})/teammembership_association` };
      },
    };
    const repo = createDataverseRepository({ webAPI, clientUrl: CLIENT_URL, fetchFn: host.fetchFn });
    expect(await repo.isAdministrator(asUser(USERS.requester))).toEqual({ ok: true, value: true });
    expect(host.calls.map((c) => c.entity)).toEqual(["systemuser", "team"]);
  });

  test("a refusal the host words without a status (here a 'not found' segment) still gets the two-step way", async () => {
    const refused = webApiError({ code: "0x80060888", message: "Resource not found for the segment 'systemuserroles_association'." });
    const { host, repo } = setup({ faults: [{ method: "retrieveRecord", entity: "systemuser", error: refused }] });
    expect(await repo.isAdministrator(asUser(USERS.admin))).toEqual({ ok: true, value: true });
    expect(host.calls.map((c) => c.entity)).toEqual(["systemuser", "role"]);
  });

  test("no role ids and no user id: false without a request; invalid ids are dropped", async () => {
    const { host, repo } = setup();
    expect(await repo.isAdministrator({ id: "", securityRoleIds: [] })).toEqual({ ok: true, value: false });
    expect(await repo.isAdministrator({ id: "not-a-guid", securityRoleIds: ["not-a-guid"] })).toEqual({ ok: true, value: false });
    expect(host.calls).toHaveLength(0);
  });

  test("one caller's abort does not spoil the shared answer for the next", async () => {
    const { host, repo } = setup();
    const controller = new AbortController();
    const first = repo.isAdministrator(asUser(USERS.admin), controller.signal);
    controller.abort();
    expect(await first).toMatchObject({ ok: false, error: { kind: "unknown" } });
    expect(await repo.isAdministrator(asUser(USERS.admin))).toEqual({ ok: true, value: true });
    expect(host.calls).toHaveLength(1);
  });

  test("a failure is not cached, and a busy host gets no second request in its place", async () => {
    const failure = webApiError({ code: "0x80040216", message: "An unexpected error occurred." });
    const { host, repo } = setup({ faults: [{ method: "retrieveRecord", entity: "systemuser", error: failure, times: 1 }] });
    expect(await repo.isAdministrator(asUser(USERS.admin))).toMatchObject({ ok: false, error: { kind: "server" } });
    expect(await repo.isAdministrator(asUser(USERS.admin))).toEqual({ ok: true, value: true });
    expect(host.calls.map((c) => c.entity)).toEqual(["systemuser", "systemuser"]);
  });
});

describe("loadHistory", () => {
  const pipelineQuery = { scope: "pipeline" as const, artifactName: ARTIFACT, pipelineId: IDS.pipeline, stageId: IDS.stages.owner, pageSize: 3 };

  /** A repository that has read the run (as the panel always does first), with the host's call log cleared. */
  async function afterRunRead(options: MockContextOptions = {}) {
    const made = setup(options);
    const loaded = await made.repo.loadRun(IDS.runs.pendingOwner);
    if (!loaded.ok) throw new Error("load failed");
    made.host.calls.length = 0;
    return made;
  }

  test("pipeline scope: the exact query, newest first, paged with the nextLink's query part", async () => {
    const { host, repo } = await afterRunRead();
    const first = await repo.loadHistory(pipelineQuery);
    expect(host.calls[0]).toEqual({
      method: "retrieveMultipleRecords",
      entity: "deploymentstagerun",
      options:
        "?$select=deploymentstagerunid,name,artifactname,artifactversion,_deploymentstageid_value,_artifactid_value,stagerunstatus,starttime,endtime,approvalstatus,approvalcomments,approvalproperties,_createdby_value,createdon" +
        `&$filter=artifactname eq 'ContosoExpenses' and deploymentstageid/_deploymentpipelineid_value eq ${IDS.pipeline}&$orderby=createdon desc`,
      maxPageSize: 3,
    });
    if (!first.ok) throw new Error("history failed");
    expect(first.value.rows.map((r) => r.id)).toEqual([IDS.runs.pendingSpn, IDS.runs.pendingOwner, IDS.runs.nonDelegated]);
    expect(first.value.next).toMatch(/^\?\$select=.*\$skiptoken=/);

    const seen = [...first.value.rows.map((r) => r.id)];
    let next = first.value.next;
    while (next) {
      const page = await repo.loadHistory(pipelineQuery, next);
      if (!page.ok) throw new Error("next page failed");
      expect(host.calls[host.calls.length - 1]).toMatchObject({ options: next, maxPageSize: 3 });
      seen.push(...page.value.rows.map((r) => r.id));
      next = page.value.next;
    }
    const expected = fixtureRuns()
      .filter((r) => r.artifactname === ARTIFACT)
      .sort((a, b) => String(b.createdon).localeCompare(String(a.createdon)))
      .map((r) => r.deploymentstagerunid);
    expect(seen).toEqual(expected);
  });

  test("stage scope filters on the stage lookup", async () => {
    const { host, repo } = await afterRunRead();
    const result = await repo.loadHistory({ ...pipelineQuery, scope: "stage", pageSize: 20 });
    expect(host.calls[0].options).toContain(`&$filter=_deploymentstageid_value eq ${IDS.stages.owner}&$orderby=createdon desc`);
    if (!result.ok) throw new Error("history failed");
    expect(result.value.next).toBeNull();
    expect(result.value.rows.every((r) => r.stage?.id === IDS.stages.owner)).toBe(true);
    // All runs of the stage, whatever the solution.
    expect(result.value.rows.map((r) => r.id)).toContain(IDS.runs.history4);
  });

  test("quotes in a solution name are doubled", async () => {
    const { host, repo } = await afterRunRead({ tables: { deploymentstagerun: [buildRun({ id: IDS.runs.pendingOwner, artifactName: "O'Brien_Tools" })] } });
    const result = await repo.loadHistory({ ...pipelineQuery, artifactName: "O'Brien_Tools" });
    expect(host.calls[0].options).toContain("artifactname eq 'O''Brien_Tools' and");
    expect(result.ok && result.value.rows).toHaveLength(1);
  });

  test("columns the host lacks are never queried", async () => {
    const { host, repo } = setup({ missingColumns: { deploymentstagerun: APPROVAL_COLUMNS } });
    const loaded = await repo.loadRun(IDS.runs.pendingOwner);
    if (!loaded.ok) throw new Error("load failed");
    const history = await repo.loadHistory(pipelineQuery);
    const reread = await repo.rereadRun(IDS.runs.pendingOwner);
    expect(history.ok).toBe(true);
    expect(reread.ok).toBe(true);
    for (const call of host.calls) for (const col of APPROVAL_COLUMNS) expect(call.options ?? "").not.toContain(col);
  });

  test("a pipeline query without a pipeline id or with a bad cursor sends nothing", async () => {
    const { host, repo } = await afterRunRead();
    expect(await repo.loadHistory({ ...pipelineQuery, pipelineId: null })).toMatchObject({ ok: false, error: { kind: "badRequest" } });
    expect(await repo.loadHistory(pipelineQuery, "https://elsewhere.example/x")).toMatchObject({ ok: false, error: { kind: "badRequest" } });
    expect(host.calls).toHaveLength(0);
  });

  test("a first page before any run was read sends nothing: the columns it may select are not known", async () => {
    const { host, repo } = setup();
    expect(await repo.loadHistory(pipelineQuery)).toMatchObject({ ok: false, error: { kind: "badRequest" } });
    expect(host.calls).toHaveLength(0);
  });
});

describe("loadLastDeployment", () => {
  const runs = () => [
    buildRun({ id: IDS.runs.pendingOwner, artifactVersion: "1.4.0.2", requestedOn: "2025-03-14T09:12:33Z" }),
    buildRun({
      id: IDS.runs.history1,
      artifactVersion: "1.3.0.7",
      requestedOn: "2025-03-10T14:30:00Z",
      endTime: "2025-03-10T15:12:45Z",
      stageRunStatus: RUN_STATUS.succeeded,
    }),
    buildRun({ id: IDS.runs.history2, artifactVersion: "1.3.0.6", requestedOn: "2025-03-01T10:00:00Z", stageRunStatus: RUN_STATUS.succeeded }),
    // Before, but failed; and before, succeeded, but in another stage.
    buildRun({ id: IDS.runs.history4, artifactVersion: "1.3.0.8", requestedOn: "2025-03-12T10:00:00Z", stageRunStatus: RUN_STATUS.failed }),
    buildRun({
      id: IDS.runs.nonDelegated,
      stageId: IDS.stages.nonDelegated,
      artifactVersion: "1.4.0.2",
      requestedOn: "2025-03-13T10:00:00Z",
      stageRunStatus: RUN_STATUS.succeeded,
    }),
  ];

  test("one $top=1 query: the latest succeeded run of this solution in this stage", async () => {
    const { host, repo } = setup({ tables: { deploymentstagerun: runs() } });
    const loaded = await repo.loadRun(IDS.runs.pendingOwner);
    if (!loaded.ok) throw new Error("load failed");
    const callsBefore = host.calls.length;
    const result = await repo.loadLastDeployment(loaded.value.run);
    expect(result).toMatchObject({ ok: true, value: { id: IDS.runs.history1, artifactVersion: "1.3.0.7", endTime: "2025-03-10T15:12:45Z" } });
    const calls = host.calls.slice(callsBefore);
    expect(calls).toHaveLength(1);
    expect(calls[0].options).toBe(
      "?$select=deploymentstagerunid,name,artifactname,artifactversion,_deploymentstageid_value,_artifactid_value,stagerunstatus,starttime,endtime,approvalstatus,approvalcomments,approvalproperties,_createdby_value,createdon,deploymentsettingsjson" +
        `&$filter=artifactname eq '${ARTIFACT}' and _deploymentstageid_value eq ${IDS.stages.owner} and stagerunstatus eq 200000002 and deploymentstagerunid ne ${IDS.runs.pendingOwner}` +
        "&$orderby=endtime desc,createdon desc&$top=1",
    );
  });

  test("requests approved out of order: the one that finished deploying last is what the stage holds", async () => {
    // 1.3.0.7 was requested first but deployed after 1.3.0.9, which was requested later and deployed at once.
    const tables = {
      deploymentstagerun: [
        runs()[0],
        buildRun({
          id: IDS.runs.history1,
          artifactVersion: "1.3.0.7",
          requestedOn: "2025-03-10T14:30:00Z",
          endTime: "2025-03-13T09:00:00Z",
          stageRunStatus: RUN_STATUS.succeeded,
        }),
        buildRun({
          id: IDS.runs.history3,
          artifactVersion: "1.3.0.9",
          requestedOn: "2025-03-11T08:00:00Z",
          endTime: "2025-03-11T08:30:00Z",
          stageRunStatus: RUN_STATUS.succeeded,
        }),
      ],
    };
    const { repo } = setup({ tables });
    const loaded = await repo.loadRun(IDS.runs.pendingOwner);
    if (!loaded.ok) throw new Error("load failed");
    expect(await repo.loadLastDeployment(loaded.value.run)).toMatchObject({ ok: true, value: { id: IDS.runs.history1, artifactVersion: "1.3.0.7" } });
  });

  test("a newer request that already succeeded is what the stage holds, so it is the last deployment", async () => {
    const newer = buildRun({
      id: IDS.runs.history3,
      artifactVersion: "1.4.0.3",
      requestedOn: "2025-03-15T08:00:00Z",
      endTime: "2025-03-15T08:40:00Z",
      stageRunStatus: RUN_STATUS.succeeded,
    });
    const { repo } = setup({ tables: { deploymentstagerun: [...runs(), newer] } });
    const loaded = await repo.loadRun(IDS.runs.pendingOwner);
    if (!loaded.ok) throw new Error("load failed");
    expect(await repo.loadLastDeployment(loaded.value.run)).toMatchObject({ ok: true, value: { id: IDS.runs.history3, artifactVersion: "1.4.0.3" } });
  });

  test("null when the stage never received this solution", async () => {
    const { repo } = setup({ tables: { deploymentstagerun: [runs()[0]] } });
    const loaded = await repo.loadRun(IDS.runs.pendingOwner);
    if (!loaded.ok) throw new Error("load failed");
    expect(await repo.loadLastDeployment(loaded.value.run)).toEqual({ ok: true, value: null });
  });

  test("a host without the status column, or a run without a stage, sends nothing", async () => {
    const { host, repo } = setup({ missingColumns: { deploymentstagerun: ["stagerunstatus"] } });
    const loaded = await repo.loadRun(IDS.runs.pendingOwner);
    if (!loaded.ok) throw new Error("load failed");
    const callsBefore = host.calls.length;
    expect(await repo.loadLastDeployment(loaded.value.run)).toMatchObject({ ok: false, error: { kind: "badRequest" } });
    expect(await repo.loadLastDeployment({ ...loaded.value.run, stage: null })).toMatchObject({ ok: false, error: { kind: "badRequest" } });
    expect(host.calls.length).toBe(callsBefore);
  });

  test("quotes in a solution name are doubled", async () => {
    const { host, repo } = setup({ tables: { deploymentstagerun: [buildRun({ artifactName: "O'Brien's app" })] } });
    const loaded = await repo.loadRun(IDS.runs.pendingOwner);
    if (!loaded.ok) throw new Error("load failed");
    await repo.loadLastDeployment(loaded.value.run);
    expect(host.calls[host.calls.length - 1]?.options).toContain("artifactname eq 'O''Brien''s app'");
  });
});

describe("rereadRun", () => {
  test("selects only the decision-relevant columns", async () => {
    const { host, repo } = setup();
    await repo.loadRun(IDS.runs.pendingOwner);
    host.calls.length = 0;
    const result = await repo.rereadRun(IDS.runs.approved);
    expect(host.calls).toEqual([
      {
        method: "retrieveRecord",
        entity: "deploymentstagerun",
        id: IDS.runs.approved,
        options: "?$select=stagerunstatus,approvalstatus,approvalcomments,approvalproperties,modifiedon",
      },
    ]);
    expect(result).toMatchObject({
      ok: true,
      value: { id: IDS.runs.approved, approvalStatus: { value: 20, label: "Approved" }, stageRunStatus: { value: 200000002 } },
    });
  });

  test("before any run was read: reads the whole record (no column named), then selects only what the table has", async () => {
    const { host, repo } = setup({ missingColumns: { deploymentstagerun: APPROVAL_COLUMNS } });
    const first = await repo.rereadRun(IDS.runs.approved);
    expect(first).toMatchObject({ ok: true, value: { id: IDS.runs.approved, stageRunStatus: { value: 200000002 } } });
    await repo.rereadRun(IDS.runs.approved);
    expect(host.calls.map((c) => c.options)).toEqual([undefined, "?$select=stagerunstatus,modifiedon"]);
  });
});

describe("submitDecision", () => {
  test("posts exactly the documented action request", async () => {
    const { host, repo } = setup();
    const result = await repo.submitDecision(decision({ stageRunId: IDS.runs.pendingOwner.toUpperCase() }));
    expect(result).toEqual({ kind: "sent" });
    expect(host.fetchCalls).toHaveLength(1);
    const call = host.fetchCalls[0];
    expect(call.url).toBe(`${CLIENT_URL}/api/data/v9.2/UpdateApprovalStatus`);
    expect(call.method).toBe("POST");
    expect(call.credentials).toBe("same-origin");
    expect(call.headers).toEqual({
      accept: "application/json",
      "content-type": "application/json; charset=utf-8",
      "odata-maxversion": "4.0",
      "odata-version": "4.0",
    });
    expect(call.body).toBe(
      JSON.stringify({ StageRunId: IDS.runs.pendingOwner, ApprovalStatus: 20, ApprovalComments: "Ship it.", ApprovalProperties: '{"approverId":"x"}' }),
    );
    expect(host.row("deploymentstagerun", IDS.runs.pendingOwner)).toMatchObject({ approvalstatus: 20, approvalcomments: "Ship it." });
    expect(host.calls).toHaveLength(0);
  });

  test("a client URL with a trailing slash still gives one slash", async () => {
    const { host, repo } = setup({}, { clientUrl: `${CLIENT_URL}/` });
    await repo.submitDecision(decision());
    expect(host.fetchCalls[0].url).toBe(`${CLIENT_URL}/api/data/v9.2/UpdateApprovalStatus`);
  });

  test.each([
    ["someone else on a stage-owner stage", USERS.otherApprover, IDS.runs.pendingOwner, "notOwner", 403],
    ["anyone on a service principal stage", USERS.stageOwner, IDS.runs.pendingSpn, "servicePrincipalOnly", 403],
    ["a run that is no longer pending", USERS.stageOwner, IDS.runs.approved, "notPending", 400],
  ])("the host's refusal for %s keeps the server's message", async (_name, user, runId, reason, status) => {
    const { host, repo } = setup({ user });
    const result = await repo.submitDecision(decision({ stageRunId: runId }));
    expect(result).toMatchObject({ kind: "refused", reason, status });
    const message = result.kind === "refused" ? result.serverMessage : "";
    expect(message).toBeTruthy();
    expect(host.row("deploymentstagerun", runId)?.approvalcomments).not.toBe("Ship it.");
  });

  test.each([
    [403, "0x80040265", "Only the Service Principal set on this stage (ServicePrincipal mode) can decide.", "servicePrincipalOnly", undefined, {}],
    [403, "0x80040265", "You are not the owner of the deployment stage.", "notOwner", undefined, {}],
    [400, "0x80040265", "This stage run is not pending approval.", "notPending", undefined, {}],
    [403, "0x80040220", "Principal user is missing prvWritedeploymentstagerun privilege.", "noPrivilege", undefined, {}],
    [401, "0x80040220", "Unauthorized", "noPrivilege", undefined, {}],
    [429, "0x80072322", "Number of requests exceeded the limit of 6000 over time window of 300 seconds.", "throttled", 7, { "Retry-After": "7" }],
    [500, "0x80040216", "An unexpected error occurred.", "server", undefined, {}],
    [400, "0x80048d19", "Error identified in Payload provided by the user.", "unknown", undefined, {}],
  ])("HTTP %p %s %p → %s", async (status, code, message, reason, retryAfter, headers) => {
    const { host, repo } = setup({ actionHandler: () => dataverseErrorResponse(status, code, message, headers) });
    const result = await repo.submitDecision(decision());
    const expected: Record<string, unknown> = { kind: "refused", reason, status, serverMessage: message };
    if (retryAfter !== undefined) expected.retryAfterSeconds = retryAfter;
    expect(result).toEqual(expected);
    expect(host.fetchCalls).toHaveLength(1); // never resent
  });

  test("a 200 answer also counts as sent", async () => {
    const { repo } = setup({ actionHandler: () => mockResponse(200, {}) });
    expect(await repo.submitDecision(decision())).toEqual({ kind: "sent" });
  });

  test("a network failure is offline", async () => {
    const { repo } = setup({ faults: [{ method: "fetch", error: new TypeError("Failed to fetch") }] });
    expect(await repo.submitDecision(decision())).toEqual({ kind: "refused", reason: "offline", serverMessage: "Failed to fetch" });
  });

  test("no answer within the timeout is a timeout, and the request was aborted", async () => {
    const { host, repo } = setup({ faults: [{ method: "fetch", hang: true }] }, { timeoutMs: 10 });
    expect(await repo.submitDecision(decision())).toEqual({ kind: "refused", reason: "timeout" });
    expect(host.fetchCalls[0].signal?.aborted).toBe(true);
    expect(host.fetchCalls).toHaveLength(1);
  });

  test("the caller's abort stops waiting", async () => {
    const { repo } = setup({ faults: [{ method: "fetch", hang: true }] });
    const controller = new AbortController();
    const pending = repo.submitDecision(decision(), controller.signal);
    controller.abort();
    expect(await pending).toMatchObject({ kind: "refused", reason: "unknown" });
  });

  test("invalid input is refused without a request", async () => {
    const { host, repo } = setup();
    expect(await repo.submitDecision(decision({ stageRunId: "nope" }))).toMatchObject({ kind: "refused", reason: "unknown" });
    expect(await repo.submitDecision(decision({ decision: 10 as 20 }))).toMatchObject({ kind: "refused", reason: "unknown" });
    expect(host.fetchCalls).toHaveLength(0);
  });
});

describe("reads: timeout and throttling", () => {
  const throttled = (retryAfterSeconds?: number) =>
    webApiError({ code: "0x80072322", message: "Number of requests exceeded the limit of 6000 over time window of 300 seconds.", retryAfterSeconds });

  test("a read that never answers times out", async () => {
    const { repo } = setup({ faults: [{ method: "retrieveRecord", hang: true }] }, { timeoutMs: 10 });
    expect(await repo.loadRun(IDS.runs.pendingOwner)).toEqual({ ok: false, error: { kind: "timeout" } });
  });

  test("the caller's abort stops waiting for a read", async () => {
    const { repo } = setup({ faults: [{ method: "retrieveRecord", hang: true }] });
    const controller = new AbortController();
    const pending = repo.loadRun(IDS.runs.pendingOwner, controller.signal);
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, error: { kind: "unknown" } });
  });

  test("throttled reads are retried after Retry-After, then succeed", async () => {
    jest.useFakeTimers();
    const { host, repo } = setup({ faults: [{ method: "retrieveRecord", error: throttled(3), times: 2 }] });
    const pending = repo.loadRun(IDS.runs.pendingOwner);
    await jest.advanceTimersByTimeAsync(3000);
    expect(host.calls).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(3000);
    const result = await pending;
    expect(result.ok).toBe(true);
    expect(host.calls).toHaveLength(3);
  });

  test("at most two retries, then throttled with the wait", async () => {
    jest.useFakeTimers();
    const { host, repo } = setup({ faults: [{ method: "retrieveRecord", error: throttled(2) }] });
    const pending = repo.loadRun(IDS.runs.pendingOwner);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(await pending).toEqual({ ok: false, error: { kind: "throttled", serverMessage: expect.any(String), retryAfterSeconds: 2 } });
    expect(host.calls).toHaveLength(3);
  });

  test("a Retry-After over 10 s is not waited for", async () => {
    const { host, repo } = setup({ faults: [{ method: "retrieveRecord", error: throttled(60) }] });
    expect(await repo.loadRun(IDS.runs.pendingOwner)).toMatchObject({ ok: false, error: { kind: "throttled", retryAfterSeconds: 60 } });
    expect(host.calls).toHaveLength(1);
  });

  test("without Retry-After the read still backs off and retries", async () => {
    jest.useFakeTimers();
    const { host, repo } = setup({ faults: [{ method: "retrieveRecord", error: throttled(), times: 1 }] });
    const pending = repo.loadRun(IDS.runs.pendingOwner);
    await jest.advanceTimersByTimeAsync(5000);
    expect((await pending).ok).toBe(true);
    expect(host.calls).toHaveLength(2);
  });
});

describe("outside a host", () => {
  test("every method answers noHost without touching anything", async () => {
    const host = createMockContext({ harness: true });
    const repo = createDataverseRepository({ webAPI: null, clientUrl: null, fetchFn: host.fetchFn });
    const noHost = { ok: false, error: { kind: "noHost" } };
    expect(await repo.loadRun(IDS.runs.pendingOwner)).toEqual(noHost);
    expect(await repo.isAdministrator(asUser(USERS.admin))).toEqual(noHost);
    expect(await repo.loadHistory({ scope: "stage", artifactName: ARTIFACT, pipelineId: null, stageId: IDS.stages.owner, pageSize: 5 })).toEqual(noHost);
    expect(await repo.rereadRun(IDS.runs.pendingOwner)).toEqual(noHost);
    expect(await repo.createRelayDecision(RELAY_TABLE, decision())).toEqual(noHost);
    expect(await repo.getRelayDecision(RELAY_TABLE, IDS.runs.pendingOwner)).toEqual(noHost);
    expect(await repo.listRelayDecisions(RELAY_TABLE, IDS.runs.pendingOwner)).toEqual(noHost);
    expect((await repo.submitDecision(decision())).kind).toBe("refused");
    expect(host.calls).toHaveLength(0);
    expect(host.fetchCalls).toHaveLength(0);
  });

  test("the pcf-start harness's webAPI rejection reads as noHost", async () => {
    const host = createMockContext({ harness: true });
    const repo = createDataverseRepository({ webAPI: host.context.webAPI, clientUrl: null });
    expect(await repo.loadRun(IDS.runs.pendingOwner)).toMatchObject({ ok: false, error: { kind: "noHost" } });
  });
});

describe("decision relay", () => {
  const relaySelect =
    "?$select=apnl_name,apnl_stagerunid,apnl_decision,apnl_comments,apnl_approvalproperties,apnl_outcome,apnl_outcomemessage,apnl_outcomeon,_createdby_value,createdon";

  test("creates a pending row, reads it back and lists it", async () => {
    const { host, repo } = setup({ user: USERS.otherApprover });
    const created = await repo.createRelayDecision(RELAY_TABLE, {
      ...decision({ stageRunId: IDS.runs.pendingSpn.toUpperCase(), decision: 30, comments: "Not this week." }),
      runName: "ContosoExpenses - Production - 1.4.0.2",
    } as DecisionRequest);
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    expect(host.calls[0]).toEqual({
      method: "createRecord",
      entity: RELAY_TABLE,
      data: {
        apnl_name: "Rejected ContosoExpenses - Production - 1.4.0.2",
        apnl_stagerunid: IDS.runs.pendingSpn,
        apnl_decision: 30,
        apnl_comments: "Not this week.",
        apnl_approvalproperties: '{"approverId":"x"}',
      },
    });

    const got = await repo.getRelayDecision(RELAY_TABLE, created.value);
    expect(host.calls[1]).toEqual({ method: "retrieveRecord", entity: RELAY_TABLE, id: created.value, options: relaySelect });
    expect(got).toEqual({
      ok: true,
      value: {
        id: created.value,
        stageRunId: IDS.runs.pendingSpn,
        decision: 30,
        comments: "Not this week.",
        approvalProperties: '{"approverId":"x"}',
        outcome: "pending",
        outcomeMessage: null,
        outcomeOn: null,
        decidedBy: { id: USERS.otherApprover.id, name: "Lee Gu" },
        decidedOn: expect.any(String),
      },
    });

    host.row(RELAY_TABLE, created.value)!.apnl_outcome = 30;
    const listed = await repo.listRelayDecisions(RELAY_TABLE, IDS.runs.pendingSpn);
    expect(host.calls[2]).toEqual({
      method: "retrieveMultipleRecords",
      entity: RELAY_TABLE,
      options: `${relaySelect}&$filter=apnl_stagerunid eq '${IDS.runs.pendingSpn}'&$orderby=createdon desc`,
      maxPageSize: undefined,
    });
    expect(listed.ok && listed.value.map((r) => r.outcome)).toEqual(["refused"]);
  });

  test("without a run name the row is named after the run id", async () => {
    const { host, repo } = setup();
    await repo.createRelayDecision(RELAY_TABLE, decision({ stageRunId: IDS.runs.pendingSpn }));
    expect(host.calls[0].data?.apnl_name).toBe(`Approved ${IDS.runs.pendingSpn}`);
  });

  test("a relay table missing from the host reads as not found; a bad name sends nothing", async () => {
    const { host, repo } = setup({ omitTables: [RELAY_TABLE] });
    expect(await repo.listRelayDecisions(RELAY_TABLE, IDS.runs.pendingSpn)).toMatchObject({ ok: false, error: { kind: "notFound" } });
    expect(await repo.createRelayDecision("Approval Decisions", decision())).toMatchObject({ ok: false, error: { kind: "badRequest" } });
    expect(host.calls).toHaveLength(1);
  });

  test("creating a row is not retried when throttled", async () => {
    const { host, repo } = setup({
      faults: [{ method: "createRecord", error: webApiError({ code: "0x80072322", message: "Number of requests exceeded", retryAfterSeconds: 1 }) }],
    });
    expect(await repo.createRelayDecision(RELAY_TABLE, decision())).toMatchObject({ ok: false, error: { kind: "throttled" } });
    expect(host.calls).toHaveLength(1);
  });
});
