/**
 * The jest mock host (createMockContext) answers the host check's reads over its fetch too, from the schema it derives
 * from the test's tables: the same core as the contract cases, reached through mockHostApi's default handler.
 */
import { describe, expect, test } from "@jest/globals";
import { createMockContext } from "../support/mockContext";

const BASE = "https://contoso.crm.dynamics.com/api/data/v9.2";
const headers = { Accept: "application/json", "OData-Version": "4.0" };

describe("the mock host's fetch serves the host check's reads", () => {
  test("EntityDefinitions with $select and $expand=Attributes, from the derived schema", async () => {
    const host = createMockContext();
    const res = await host.fetchFn(
      `${BASE}/EntityDefinitions(LogicalName='deploymentstagerun')?$select=LogicalName,EntitySetName&$expand=Attributes($select=LogicalName,AttributeType,DisplayName)`,
      { headers },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { LogicalName: string; EntitySetName: string; Attributes: Array<{ LogicalName: string; AttributeType: string }> };
    expect(body.LogicalName).toBe("deploymentstagerun");
    expect(body.EntitySetName).toBe("deploymentstageruns");
    expect(body.Attributes).toEqual(expect.arrayContaining([expect.objectContaining({ LogicalName: "deploymentstageid", AttributeType: "Lookup" })]));
  });

  test("$metadata is XML; a host without the approval columns has no UpdateApprovalStatus in it", async () => {
    const current = await (await createMockContext().fetchFn(`${BASE}/$metadata`, { headers })).text();
    const older = await (
      await createMockContext({ missingColumns: { deploymentstagerun: ["approvalstatus"] } }).fetchFn(`${BASE}/$metadata`, { headers })
    ).text();
    expect(current).toContain('<Action Name="UpdateApprovalStatus">');
    expect(older).toContain('<EntityType Name="deploymentstagerun"');
    expect(older).not.toContain("UpdateApprovalStatus");
  });

  test("a read to another host's address is not answered (404)", async () => {
    const res = await createMockContext().fetchFn("https://other.crm.dynamics.com/api/data/v9.2/$metadata", { headers });
    expect(res.status).toBe(404);
  });
});
