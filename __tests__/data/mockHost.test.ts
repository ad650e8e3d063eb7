import { describe, expect, test } from "@jest/globals";
import { createMockContext, webApiError } from "../support/mockContext";
import { IDS, USERS } from "../support/fixtures";

describe("mock pipelines host", () => {
  test("a read without $select lists every column, with $expand the stage", async () => {
    const host = createMockContext();
    const row = await host.context.webAPI.retrieveRecord("deploymentstagerun", IDS.runs.pendingOwner, "?$expand=deploymentstageid");
    expect(row.approvalstatus).toBe(10);
    expect(row["approvalstatus@OData.Community.Display.V1.FormattedValue"]).toBe("Pending");
    expect(row.aigenerateddeploymentnotes).toBeNull();
    expect((row.deploymentstageid as Record<string, unknown>)._ownerid_value).toBe(IDS.users.stageOwner);
    expect(host.calls).toEqual([{ method: "retrieveRecord", entity: "deploymentstagerun", id: IDS.runs.pendingOwner, options: "?$expand=deploymentstageid" }]);
  });

  test("an older host omits missing columns and rejects them in $select and $filter", async () => {
    const host = createMockContext({ missingColumns: { deploymentstagerun: ["approvalstatus"] } });
    const row = await host.context.webAPI.retrieveRecord("deploymentstagerun", IDS.runs.pendingOwner);
    expect("approvalstatus" in row).toBe(false);
    expect("approvalstatus@OData.Community.Display.V1.FormattedValue" in row).toBe(false);
    await expect(host.context.webAPI.retrieveRecord("deploymentstagerun", IDS.runs.pendingOwner, "?$select=approvalstatus")).rejects.toMatchObject({
      message: expect.stringContaining("approvalstatus"),
      errorCode: 0x80060888,
    });
    await expect(host.context.webAPI.retrieveMultipleRecords("deploymentstagerun", "?$filter=approvalstatus eq 10")).rejects.toMatchObject({
      errorCode: 0x80060888,
    });
  });

  test("filters, orders and pages history with a skiptoken nextLink", async () => {
    const host = createMockContext();
    const q = `?$select=name,createdon&$filter=artifactname eq 'ContosoExpenses' and deploymentstageid/_deploymentpipelineid_value eq ${IDS.pipeline}&$orderby=createdon desc`;
    const first = await host.context.webAPI.retrieveMultipleRecords("deploymentstagerun", q, 4);
    expect(first.entities).toHaveLength(4);
    expect(first.nextLink).toContain("$skiptoken=");
    const dates = first.entities.map((e) => e.createdon as string);
    expect([...dates].sort().reverse()).toEqual(dates);
    const rest = await host.context.webAPI.retrieveMultipleRecords("deploymentstagerun", first.nextLink.slice(first.nextLink.indexOf("?")), 4);
    const all = [...first.entities, ...rest.entities].map((e) => e.deploymentstagerunid);
    expect(new Set(all).size).toBe(all.length);
    expect(all).not.toContain(IDS.runs.history4);
  });

  test("string literals with doubled quotes match", async () => {
    const host = createMockContext();
    host.tables.deploymentstagerun[0].artifactname = "O'Brien";
    const res = await host.context.webAPI.retrieveMultipleRecords("deploymentstagerun", "?$select=name&$filter=artifactname eq 'O''Brien'");
    expect(res.entities).toHaveLength(1);
  });

  test("faults reject or hang per call kind", async () => {
    const error = webApiError({ code: "0x80072322", message: "Too many requests", status: 429, retryAfterSeconds: 2 });
    const host = createMockContext({ faults: [{ method: "retrieveMultipleRecords", error, times: 1 }] });
    await expect(host.context.webAPI.retrieveMultipleRecords("role", "?$select=name")).rejects.toBe(error);
    await expect(host.context.webAPI.retrieveMultipleRecords("role", "?$select=name")).resolves.toHaveProperty("entities");
  });

  test("the action follows the host's rules and updates the run", async () => {
    const post = (host: ReturnType<typeof createMockContext>, runId: string, status: number) =>
      host.fetchFn("https://contoso.crm.dynamics.com/api/data/v9.2/UpdateApprovalStatus", {
        method: "POST",
        body: JSON.stringify({ StageRunId: runId, ApprovalStatus: status, ApprovalComments: "no", ApprovalProperties: "{}" }),
      });
    const owner = createMockContext({ user: USERS.stageOwner });
    expect((await post(owner, IDS.runs.pendingOwner, 30)).status).toBe(204);
    expect(owner.row("deploymentstagerun", IDS.runs.pendingOwner)).toMatchObject({ approvalstatus: 30, approvalcomments: "no", stagerunstatus: 200000003 });
    const again = await post(owner, IDS.runs.pendingOwner, 20);
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ error: { code: "0x80040265", message: "Unable to find approval status attribute for stage run record." } });
    const other = createMockContext({ user: USERS.otherApprover });
    expect((await (await post(other, IDS.runs.pendingOwner, 20)).json()).error.message).toContain("owner of the deployment stage");
    expect((await (await post(owner, IDS.runs.pendingSpn, 20)).json()).error.message).toContain("'ServicePrincipal'");
  });

  test("the harness rejects like pcf-start and marks the document", async () => {
    const host = createMockContext({ harness: true });
    await expect(host.context.webAPI.retrieveRecord("deploymentstagerun", IDS.runs.pendingOwner)).rejects.toThrow("not yet supported");
    expect(document.getElementById("control-dimensions")).not.toBeNull();
    expect(host.raw.mode.contextInfo?.entityTypeName).toBeNull();
  });

  test("the harness marker is gone in the next test", () => {
    expect(document.getElementById("control-dimensions")).toBeNull();
  });

  test("getString reads the resx and returns unknown keys as is", () => {
    const host = createMockContext();
    expect(host.context.resources.getString("Manifest_DisplayName")).toBe("Approval Panel");
    expect(host.context.resources.getString("No_Such_Key")).toBe("No_Such_Key");
    expect(host.context.userSettings.userId).toBe(`{${USERS.stageOwner.id.toUpperCase()}}`);
  });
});
