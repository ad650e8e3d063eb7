import { describe, expect, test } from "@jest/globals";
import { createDataverseRepository } from "../../ApprovalPanel/data/DataverseRepository";
import { RELAY_NAME_MAX_LENGTH } from "../../ApprovalPanel/data/dataverse/relay";
import type { DecisionRequest } from "../../ApprovalPanel/domain/types";
import { createMockContext } from "../support/mockContext";
import { IDS, RELAY_TABLE } from "../support/fixtures";

const CLIENT_URL = "https://contoso.crm.dynamics.com";

async function rowNameFor(runName: string): Promise<string> {
  const host = createMockContext();
  const repo = createDataverseRepository({ webAPI: host.context.webAPI, clientUrl: CLIENT_URL, fetchFn: host.fetchFn });
  const request: DecisionRequest = { stageRunId: IDS.runs.pendingSpn, decision: 20, comments: "", approvalProperties: "{}", runName };
  const created = await repo.createRelayDecision(RELAY_TABLE, request);
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  return host.calls[0].data?.apnl_name as string;
}

describe("the relay row's name fits its column", () => {
  test("a long run name is cut to the column's length", async () => {
    const name = await rowNameFor("x".repeat(300));
    expect(name).toBe(`Approved ${"x".repeat(RELAY_NAME_MAX_LENGTH - "Approved ".length)}`);
  });

  test("an emoji across the limit is left out whole, never cut in half", async () => {
    // "Approved " is 9 units; 90 letters bring it to 99, so the emoji (2 units) would end at 101.
    const name = await rowNameFor(`${"a".repeat(90)}🚀 release`);
    expect(name).toBe(`Approved ${"a".repeat(90)}`);
    expect(name.length).toBeLessThanOrEqual(RELAY_NAME_MAX_LENGTH);
    expect(/[\uD800-\uDBFF]$/.test(name)).toBe(false);
  });

  test("an emoji that fits is kept", async () => {
    const name = await rowNameFor(`${"a".repeat(89)}🚀`);
    expect(name).toBe(`Approved ${"a".repeat(89)}🚀`);
    expect(name).toHaveLength(RELAY_NAME_MAX_LENGTH);
  });
});
