/**
 * The host check end to end below the view: the repository's probe against the fake host core (the playground's seed)
 * in its two variants, turned into the report an admin reads. Also the answers no fake host gives: a failed request,
 * an answer that is not JSON, a CSDL without the action.
 */
import { describe, expect, test } from "@jest/globals";
import { parseActionFromCsdl, probeHost } from "../../ApprovalPanel/data/hostProbe";
import { buildHostReport, type HostCheckReport } from "../../ApprovalPanel/domain/hostCheck";
import { RUNS, USERS } from "../../fakehost/index.cjs";
import { SEED_CLIENT_URL, seedHostSuite, seedRepository } from "../support/seedHost";

const CLIENT_URL = SEED_CLIENT_URL;
const RELAY = "apnl_approvaldecision";
seedHostSuite();

async function check(variant: "current" | "legacy", userId: string = USERS.morgan, relayTable: string | null = RELAY) {
  const { fake, repo, session } = seedRepository(userId, { host: variant });
  const probe = await repo.probeHost({ userId, formTable: "deploymentstagerun", relayTable });
  const report = buildHostReport(probe);
  return { report, repo, session, fake };
}

const outcome = (report: HostCheckReport, id: string) => report.items.find((i) => i.id === id)?.outcome;

describe("the current host variant", () => {
  test("what the panel relies on is confirmed: tables, the approval columns, the navigation, the action and its parameters, the labels", async () => {
    const { report } = await check("current");
    for (const id of [
      "form",
      "table:deploymentstagerun",
      "table:deploymentstage",
      "table:deploymentartifact",
      `table:${RELAY}`,
      "column:deploymentstagerun.approvalstatus",
      "column:deploymentstagerun.approvalcomments",
      "column:deploymentstagerun.approvalproperties",
      "column:deploymentstage.delegateddeploymenttype",
      `column:${RELAY}.apnl_stagerunid`,
      "navigation",
      "options:deploymentstagerun.approvalstatus",
      "options:deploymentstage.delegateddeploymenttype",
      "action",
      "action:StageRunId",
      "action:ApprovalStatus",
      "action:ApprovalComments",
      "action:ApprovalProperties",
      "role:pipelineadministrator",
    ]) {
      expect([id, outcome(report, id)]).toEqual([id, "confirmed"]);
    }
    expect(report.approvalColumns).toEqual(["approvalcomments", "approvalproperties", "approvalstatus"]);
    expect(report.facts.optionLabels["deploymentstagerun.stagerunstatus"][200000005]).toBe("Pending Approval");
    expect(report.facts.stageNavigation).toBe("deploymentstageid");
    // The seed gives Deployment Pipeline Administrator a template id: the check finds it.
    expect(report.facts.administratorTemplateIds).toHaveLength(2);
  });

  test("privileges: System Administrator holds all four; through a team they count at Basic depth, and a missing one says what it costs", async () => {
    const morgan = (await check("current")).report;
    expect(morgan.items.filter((i) => i.group === "privileges").map((i) => i.outcome)).toEqual(["confirmed", "confirmed", "confirmed", "confirmed"]);
    const sam = (await check("current", USERS.sam)).report;
    // Sam holds Deployment Pipeline Administrator through a team only: privileges through teams count, at Basic depth.
    const read = sam.items.find((i) => i.id === "privilege:Read:deploymentstagerun");
    expect(read).toMatchObject({ outcome: "confirmed", found: "Basic" });
    // Deployment Pipeline Administrator may read the relay table but not create rows in it.
    expect(sam.items.find((i) => i.id === `privilege:Create:${RELAY}`)).toMatchObject({ outcome: "missing", effect: "privilegeCreateRelayMissing" });
  });
});

describe("the older host variant (no approval columns, no action, its own navigation name)", () => {
  test("each difference is reported with what the panel does", async () => {
    const { report } = await check("legacy");
    expect(report.items.find((i) => i.id === "column:deploymentstagerun.approvalcomments")).toMatchObject({ outcome: "missing", effect: "commentsMissing" });
    expect(report.items.find((i) => i.id === "column:deploymentstagerun.approvalstatus")).toMatchObject({
      outcome: "missing",
      effect: "approvalStatusMissing",
    });
    expect(report.items.find((i) => i.id === "action")).toMatchObject({ outcome: "missing", effect: "actionMissing" });
    expect(report.items.find((i) => i.id === "navigation")).toMatchObject({ outcome: "different", found: "DeploymentStageId", effect: "navigationDifferent" });
    expect(report.items.find((i) => i.id === "options:deploymentstagerun.approvalstatus")).toMatchObject({ outcome: "missing" });
    expect(report.facts.optionLabels["deploymentstagerun.stagerunstatus"][200000005]).toBe("Scheduled");
    expect(report.approvalColumns).toEqual([]);
    expect(report.facts.commentsColumn).toBeNull();
  });

  test("once adopted, the next record is read through the host's navigation name in one request", async () => {
    const { repo, report, fake } = await check("legacy", USERS.avery);
    repo.adoptHostFacts(report.facts);
    const before = fake.log.entries.length;
    const loaded = await repo.loadRun(RUNS.legacyPending);
    expect(loaded.ok && loaded.value.stage.ok && loaded.value.stage.value?.name).toBeTruthy();
    const reads = fake.log.entries.slice(before).map((e) => decodeURIComponent(String(e.path)));
    expect(reads).toHaveLength(1);
    expect(reads[0]).toContain("$expand=DeploymentStageId");
  });
});

describe("answers no fake host gives", () => {
  test("a failing host: every part says it was not checked, none throws", async () => {
    const failing = (async () => new Response("{}", { status: 500 })) as unknown as typeof fetch;
    const probe = await probeHost({ fetchFn: failing, clientUrl: CLIENT_URL }, { userId: USERS.morgan, formTable: "deploymentstagerun", relayTable: null });
    const report = buildHostReport(probe);
    const checked = report.items.filter((i) => i.outcome === "unchecked");
    expect(checked.length).toBeGreaterThan(10);
    expect(report.items.find((i) => i.id === "form")?.outcome).toBe("confirmed");
  });

  test("a CSDL document: the action's parameters with their types; another document: no action", () => {
    const csdl = `<edmx:Edmx><Schema><Action Name="Other"><Parameter Name="X" Type="Edm.String"/></Action>
      <Action Name="UpdateApprovalStatus"><Parameter Name="StageRunId" Type="Edm.Guid" Nullable="false"/><Parameter Name="ApprovalStatus" Type="Edm.Int32" Nullable="false"/>
      <Parameter Name="ApprovalComments" Type="Edm.String" Unicode="false"/></Action></Schema></edmx:Edmx>`;
    expect(parseActionFromCsdl(csdl)?.parameters).toEqual([
      { name: "StageRunId", type: "Edm.Guid", nullable: false },
      { name: "ApprovalStatus", type: "Edm.Int32", nullable: false },
      { name: "ApprovalComments", type: "Edm.String", nullable: true },
    ]);
    expect(parseActionFromCsdl('<Action Name="Other"></Action>')).toBeNull();
  });
});

describe("who is an admin, on the playground's seed", () => {
  async function isAdmin(userId: string) {
    const { fake, repo } = seedRepository(userId);
    // userSettings.securityRoles: the user's direct roles, as the playground host page passes them.
    const roles = (fake.store as unknown as { userRoles: Record<string, string[]> }).userRoles[userId] ?? [];
    return repo.isAdministrator({ id: userId, securityRoleIds: roles });
  }

  test.each([
    ["Kai, whose System Administrator role carries the German base-language name", USERS.kai, true],
    ["Sam, Deployment Pipeline Administrator only through a team", USERS.sam, true],
    ["Morgan, System Administrator", USERS.morgan, true],
    ["Riley, the maker", USERS.riley, false],
  ])("%s: %s", async (_who, userId, expected) => {
    expect(await isAdmin(userId)).toEqual({ ok: true, value: expected });
  });
});
