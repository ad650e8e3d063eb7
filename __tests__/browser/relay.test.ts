/**
 * The decision relay in the production bundle: a service-principal stage with the relay table set, decided in the
 * page, applied (or refused, or failed) by the emulated "Apply approval decisions" flow as the service principal.
 * Checked against what the emulated host received (its request log) and what the run and the rows became.
 */
import { Locator, Page } from "playwright-core";
import { axeViolations, openPanel, screenshot } from "./helpers/browser";
import { LogEntry, RUNS, USERS, eventually } from "./helpers/playground";
import { playgroundSuite } from "./helpers/suite";

jest.setTimeout(90_000);

const suite = playgroundSuite();

const RUN_NAME = "ContosoFieldService 3.2.0.7 - UAT";
const actionCalls = async (): Promise<LogEntry[]> =>
  (await suite.pg.log("action")).filter((e) => e.method === "POST" && e.path.startsWith("/api/data/v9.2/UpdateApprovalStatus"));
const relayPosts = async (): Promise<LogEntry[]> =>
  (await suite.pg.log("api")).filter((e) => e.method === "POST" && e.path.startsWith("/api/data/v9.2/apnl_approvaldecisions"));
const runState = async (): Promise<{ approvalstatus: number; stagerunstatus: number; approvalcomments: string | null }> =>
  (await suite.pg.api(`deploymentstageruns(${RUNS.spnPending})?$select=approvalstatus,stagerunstatus,approvalcomments`)).body;

async function decide(page: Page, panel: Locator, button: "Approve" | "Reject", comment: string): Promise<void> {
  await panel.getByLabel("Comments for the requester").fill(comment);
  await panel.getByRole("button", { name: button }).click();
  const title = button === "Approve" ? "Approve this deployment?" : "Reject this deployment?";
  const dialog = page.getByRole("dialog", { name: title }).or(page.getByRole("alertdialog", { name: title }));
  await dialog.waitFor();
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await dialog.waitFor({ state: "detached" });
}

const progress = (panel: Locator): Locator => panel.getByRole("list", { name: "Progress of your decision" });
const decisions = (panel: Locator): Locator => panel.getByRole("list", { name: "Decisions recorded for the flow" });

test("approve through the relay: recorded, applied by the service principal's single call, Approved, and the run moves on", async () => {
  const { page, panel, context, pageErrors } = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "spn-pending-relay" } });
  await suite.pg.clearLog();
  await decide(page, panel, "Approve", "UAT sign-off done (QA-118).");

  await progress(panel).getByText("Decision recorded.").waitFor();
  await panel.getByRole("status").filter({ hasText: "Your approval was applied. The deployment continues." }).waitFor({ timeout: 30_000 });
  // Decided: the form gives way to the outcome, whose list of decisions says the flow applied it.
  await panel.getByRole("region", { name: "Request summary" }).getByText("Approved", { exact: true }).first().waitFor();

  // The page recorded one row, as Avery, named after the run; it never called the action itself.
  const posts = await relayPosts();
  expect(posts).toHaveLength(1);
  expect(posts[0].user).toBe(USERS.avery);
  expect(posts[0].body).toMatchObject({
    apnl_name: `Approved ${RUN_NAME}`,
    apnl_stagerunid: RUNS.spnPending,
    apnl_decision: 20,
    apnl_comments: "UAT sign-off done (QA-118).",
  });
  // No outcome: only the flow writes it (the column is secured).
  expect(posts[0].body).not.toHaveProperty("apnl_outcome");
  const calls = await actionCalls();
  expect(calls.map((c) => [c.user, c.status])).toEqual([[USERS.spn, 204]]);
  expect(calls[0].body).toMatchObject({ StageRunId: RUNS.spnPending, ApprovalStatus: 20, ApprovalComments: "UAT sign-off done (QA-118)." });

  // The decided run shows the outcome with the list of decisions: who, approve, applied.
  const outcome = panel.getByRole("region", { name: "Decision", exact: true });
  const list = decisions(outcome);
  await list.getByText("Avery Owner approved").waitFor();
  await list.getByText("Applied", { exact: true }).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, "relay-applied");

  await eventually(async () => ((await runState()).stagerunstatus === 200000002 ? true : undefined), 20_000, "the run to succeed");
  expect(pageErrors).toEqual([]);
  await context.close();
});

test("reject through the relay: applied, and the run does not proceed", async () => {
  const { page, panel, context } = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "spn-pending-relay", user: USERS.jordan } });
  await suite.pg.clearLog();
  await decide(page, panel, "Reject", "The inspection API still points at production.");
  await panel.getByRole("status").filter({ hasText: "Your rejection was applied. The deployment will not proceed." }).waitFor({ timeout: 30_000 });
  expect(await runState()).toMatchObject({ approvalstatus: 30, stagerunstatus: 200000003, approvalcomments: "The inspection API still points at production." });
  expect((await actionCalls()).map((c) => [c.user, c.body])).toEqual([[USERS.spn, expect.objectContaining({ ApprovalStatus: 30 })]]);
  await decisions(panel).getByText("Jordan Approver rejected").waitFor();
  await context.close();
});

test("two approvers decide while the flow is delayed: the first decision is applied, the late one is refused with the reason", async () => {
  const avery = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "spn-pending-relay" } });
  const jordan = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "spn-pending-relay", user: USERS.jordan } });
  // As a person would: the toolbar delays the flow's runs (a slow trigger).
  await avery.page.getByLabel("Relay flow", { exact: true }).selectOption({ label: "Delayed (runs wait until set back to On)" });
  await suite.pg.clearLog();

  await decide(avery.page, avery.panel, "Approve", "Approved for Thursday.");
  await progress(avery.panel).getByText("Waiting for the flow to apply it…").waitFor();
  await decide(jordan.page, jordan.panel, "Approve", "Me too.");
  await progress(jordan.panel).getByText("Waiting for the flow to apply it…").waitFor();
  expect(await relayPosts()).toHaveLength(2);

  await avery.page.getByLabel("Relay flow", { exact: true }).selectOption({ label: "On (applies after ½ s)" });
  await avery.panel.getByRole("status").filter({ hasText: "Your approval was applied. The deployment continues." }).waitFor({ timeout: 40_000 });
  await jordan.panel.getByText("The flow reported: The stage run is no longer pending approval.").first().waitFor({ timeout: 40_000 });
  await jordan.panel.getByText("The flow refused your decision: one of its checks failed.").first().waitFor();
  await decisions(jordan.panel).getByText("Refused by the flow", { exact: true }).waitFor();
  expect((await actionCalls()).map((c) => c.user)).toEqual([USERS.spn]);
  expect((await runState()).approvalcomments).toBe("Approved for Thursday.");
  await avery.context.close();
  await jordan.context.close();
});

test("the requester on a relay stage: the stage's policy forbids self-approval over the form's property, so nothing is recorded", async () => {
  const { panel, context } = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "spn-relay-maker" } });
  await suite.pg.clearLog();
  await panel.getByText("You requested this deployment, so someone else must approve or reject it.").first().waitFor();
  expect(await panel.getByRole("button", { name: "Approve" }).count()).toBe(0);
  expect(await relayPosts()).toEqual([]);
  expect((await runState()).approvalstatus).toBe(10);
  await context.close();
});

test("a failing flow writes the failure back and the panel shows it; no axe violations while it is shown", async () => {
  const { page, panel, context } = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "spn-pending-relay" } });
  await page.getByLabel("Relay flow", { exact: true }).selectOption({ label: "Connection broken (the flow fails)" });
  await suite.pg.clearLog();
  await decide(page, panel, "Approve", "Go.");
  await panel.getByText("The flow failed while applying your decision.").first().waitFor({ timeout: 30_000 });
  await panel
    .getByText(/The flow reported: Get_the_stage_run: AADSTS7000222/)
    .first()
    .waitFor();
  await decisions(panel).getByText("Flow failed", { exact: true }).waitFor();
  expect((await runState()).approvalstatus).toBe(10);
  expect(await actionCalls()).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, "relay-failed");
  await context.close();
});
