/**
 * What an admin's host check found is used for the rest of the page session: the stage navigation's real name (or
 * none), the column the host keeps the approver's comments in, and choice labels when a row carries none.
 */
import { describe, expect, test } from "@jest/globals";
import { createDataverseRepository, createSessionCache } from "../../ApprovalPanel/data/DataverseRepository";
import { mapRun } from "../../ApprovalPanel/data/mapping";
import type { HostFacts } from "../../ApprovalPanel/domain/hostCheck";
import { createMockContext, type MockContextOptions } from "../support/mockContext";
import { ARTIFACT, IDS } from "../support/fixtures";

const CLIENT_URL = "https://contoso.crm.dynamics.com";

const FACTS: HostFacts = {
  stageNavigation: "deploymentstageid",
  commentsColumn: "approvalcomments",
  propertiesColumn: "approvalproperties",
  optionLabels: {},
  administratorTemplateIds: ["627090ff-40a3-4053-8790-584edc5be201"],
};

function setup(options: MockContextOptions = {}, facts: Partial<HostFacts> = {}) {
  const host = createMockContext(options);
  const session = createSessionCache();
  const repo = createDataverseRepository({ webAPI: host.context.webAPI, clientUrl: CLIENT_URL, fetchFn: host.fetchFn, session });
  repo.adoptHostFacts({ ...FACTS, ...facts });
  return { host, repo, session };
}

describe("the stage navigation property", () => {
  test("a host with none: the run is read whole and its stage in a second request, without a refused $expand first", async () => {
    const { host, repo } = setup({}, { stageNavigation: null });
    const result = await repo.loadRun(IDS.runs.pendingOwner);
    expect(result.ok && result.value.stage.ok && result.value.stage.value?.id).toBe(IDS.stages.owner);
    expect(host.calls.map((c) => [c.method, c.entity, c.options ?? ""])).toEqual([
      ["retrieveRecord", "deploymentstagerun", ""],
      ["retrieveRecord", "deploymentstage", ""],
    ]);
  });

  test("the host's own name is the one expanded", async () => {
    const { host, repo } = setup({}, { stageNavigation: "DeploymentStageId" });
    await repo.loadRun(IDS.runs.pendingOwner);
    expect(host.calls[0]).toMatchObject({ method: "retrieveRecord", entity: "deploymentstagerun", options: "?$expand=DeploymentStageId" });
  });

  test("the facts belong to the page session: a new repository over the same session uses them too", async () => {
    const { host, session } = setup({}, { stageNavigation: null });
    const next = createDataverseRepository({ webAPI: host.context.webAPI, clientUrl: CLIENT_URL, fetchFn: host.fetchFn, session });
    await next.loadRun(IDS.runs.pendingOwner);
    expect(host.calls[0].options ?? "").toBe("");
  });
});

describe("where the approver's comments are stored", () => {
  test("a host that keeps them in another approval column: the run, the history and the re-read use that column", async () => {
    const { host, repo } = setup({}, { commentsColumn: "approvalcomment" });
    for (const row of host.tables.deploymentstagerun) {
      row.approvalcomment = row.approvalcomments ?? null;
      delete row.approvalcomments;
    }
    const run = host.tables.deploymentstagerun.find((r) => r.deploymentstagerunid === IDS.runs.pendingOwner);
    if (run) run.approvalcomment = "Checked with finance.";
    const loaded = await repo.loadRun(IDS.runs.pendingOwner);
    expect(loaded.ok && loaded.value.run.approvalComments).toBe("Checked with finance.");

    await repo.loadHistory({ scope: "stage", artifactName: ARTIFACT, pipelineId: null, stageId: IDS.stages.owner, pageSize: 5 });
    const history = host.calls.find((c) => c.method === "retrieveMultipleRecords" && c.entity === "deploymentstagerun");
    expect(history?.options).toContain(",approvalcomment,");
    expect(history?.options).not.toContain("approvalcomments");

    const reread = await repo.rereadRun(IDS.runs.pendingOwner);
    expect(reread.ok && reread.value.approvalComments).toBe("Checked with finance.");
  });

  test("a host without any comments column: the run has none, whatever a row holds", async () => {
    const { repo } = setup({}, { commentsColumn: null });
    const loaded = await repo.loadRun(IDS.runs.pendingOwner);
    expect(loaded.ok && "approvalComments" in loaded.value.run).toBe(false);
  });
});

describe("choice labels", () => {
  const hints = {
    commentsColumn: "approvalcomments",
    propertiesColumn: "approvalproperties",
    optionLabels: { "deploymentstagerun.stagerunstatus": { 200000005: "Scheduled" } },
  };

  test("a value the row carries no label for gets the label the host check read", () => {
    expect(mapRun({ deploymentstagerunid: IDS.runs.pendingOwner, stagerunstatus: 200000005 }, undefined, hints).stageRunStatus).toEqual({
      value: 200000005,
      label: "Scheduled",
    });
  });

  test("the row's own formatted value wins, and a value the check has no label for stays unlabelled", () => {
    const row = { stagerunstatus: 200000005, "stagerunstatus@OData.Community.Display.V1.FormattedValue": "Pending Approval", operation: 200000202 };
    const run = mapRun(row, IDS.runs.pendingOwner, hints);
    expect(run.stageRunStatus).toEqual({ value: 200000005, label: "Pending Approval" });
    expect(run.operation).toEqual({ value: 200000202, label: null });
  });
});

describe("a host that refuses the default navigation name, before any host check", () => {
  test("the refusal is remembered for the page session: the next record skips it, and the pipeline-wide history becomes the stage's", async () => {
    const host = createMockContext({ missingNavigationProperties: { deploymentstagerun: ["deploymentstageid"] } });
    const session = createSessionCache();
    const repo = createDataverseRepository({ webAPI: host.context.webAPI, clientUrl: CLIENT_URL, fetchFn: host.fetchFn, session });
    expect((await repo.loadRun(IDS.runs.pendingOwner)).ok).toBe(true);
    expect(host.calls.map((c) => c.options ?? "")).toEqual(["?$expand=deploymentstageid", "", ""]);

    const page = await repo.loadHistory({ scope: "pipeline", artifactName: ARTIFACT, pipelineId: IDS.pipeline, stageId: IDS.stages.owner, pageSize: 5 });
    expect(page.ok && page.value.scope).toBe("stage");
    expect(host.calls[3].options).toContain(`$filter=_deploymentstageid_value eq ${IDS.stages.owner}`);

    const next = createDataverseRepository({ webAPI: host.context.webAPI, clientUrl: CLIENT_URL, fetchFn: host.fetchFn, session });
    host.calls.length = 0;
    expect((await next.loadRun(IDS.runs.pendingOwner)).ok).toBe(true);
    expect(host.calls.map((c) => [c.entity, c.options ?? ""])).toEqual([
      ["deploymentstagerun", ""],
      ["deploymentstage", ""],
    ]);
  });
});
