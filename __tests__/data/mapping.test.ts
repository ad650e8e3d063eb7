import { describe, expect, test } from "@jest/globals";
import { columnsOf, mapRelayDecision, mapRun, mapStage } from "../../ApprovalPanel/data/mapping";
import { relaySchema } from "../../ApprovalPanel/data/relaySchema";
import { buildRelayRow, buildRun, buildStage, FAULT_XML, IDS, STAGES } from "../support/fixtures";

describe("mapRun", () => {
  test("lookups carry their formatted names; choices their labels", () => {
    const run = mapRun(buildRun({ id: IDS.runs.failedFault, stageId: IDS.stages.nonDelegated, stageRunStatus: 200000003, errorMessage: FAULT_XML }));
    expect(run.sourceEnvironment).toEqual({ id: IDS.environments.dev, name: "Contoso Dev" });
    expect(run.targetEnvironment).toEqual({ id: IDS.environments.test, name: "Contoso Test" });
    expect(run.stageRunStatus).toEqual({ value: 200000003, label: "Failed" });
    expect(run.errorMessage).toBe(FAULT_XML);
    expect(run.requestedOn).toBe("2025-03-14T09:12:33Z");
  });

  test("an absent optional column is undefined; a null one is null", () => {
    const row = buildRun({ approvalStatus: null });
    delete row.approvalcomments;
    delete row.aigenerateddeploymentnotes;
    const run = mapRun(row);
    expect(run.approvalStatus).toBeNull();
    expect(run.approvalComments).toBeUndefined();
    expect("aiGeneratedDeploymentNotes" in run).toBe(false);
    expect(run.approvalProperties).toBeNull();
  });

  test("a choice without its annotation keeps the value, label null; a lookup without a name keeps the id", () => {
    const run = mapRun({ deploymentstagerunid: IDS.runs.approved.toUpperCase(), approvalstatus: 20, _createdby_value: IDS.users.requester });
    expect(run.id).toBe(IDS.runs.approved);
    expect(run.approvalStatus).toEqual({ value: 20, label: null });
    expect(run.requestedBy).toEqual({ id: IDS.users.requester, name: null });
    expect(run.name).toBeNull();
  });

  test("columnsOf drops annotations and expansions", () => {
    const cols = columnsOf({ a: 1, "a@OData.Community.Display.V1.FormattedValue": "1", "@odata.etag": "x", deploymentstageid: {} }, ["deploymentstageid"]);
    expect([...cols]).toEqual(["a"]);
  });
});

describe("mapStage", () => {
  test("delegation fields", () => {
    expect(mapStage(buildStage(STAGES.spn))).toMatchObject({
      isDelegated: true,
      delegationType: { value: 2, label: "Service Principal" },
      servicePrincipalClientId: STAGES.spn.spnClientId,
      owner: { id: IDS.users.admin, name: "Adele Vance" },
    });
    const older = buildStage(STAGES.owner);
    delete older.isdelegateddeployment;
    delete older.delegateddeploymenttype;
    const stage = mapStage(older);
    expect(stage.isDelegated).toBeUndefined();
    expect(stage.delegationType).toBeUndefined();
    expect(mapStage(buildStage(STAGES.nonDelegated)).isDelegated).toBe(false);
  });
});

describe("relay", () => {
  test("schema from the prefix", () => {
    expect(relaySchema("contoso_approvaldecision")?.columns.stageRunId).toBe("contoso_stagerunid");
    expect(relaySchema("contoso_approvaldecision")?.primaryKey).toBe("contoso_approvaldecisionid");
    expect(relaySchema("nounderscore")).toBeNull();
  });

  test.each([
    [10, "pending"],
    [20, "applied"],
    [30, "refused"],
    [40, "failed"],
    [99, "unknown"],
  ] as const)("outcome %p → %s", (outcome, expected) => {
    const row = buildRelayRow({ outcome: outcome as 10 });
    expect(mapRelayDecision(row, relaySchema("apnl_approvaldecision")!).outcome).toBe(expected);
  });
});
