/**
 * Deciding in the real production bundle, through the page as an approver would, checked against what the
 * emulated host received (its request log) and what the run became.
 */
import { Page } from "playwright-core";
import { axeViolations, openPanel, screenshot } from "./helpers/browser";
import { LogEntry, RUNS, USERS, eventually } from "./helpers/playground";
import { playgroundSuite } from "./helpers/suite";

jest.setTimeout(60_000);

const suite = playgroundSuite();

const submits = async (): Promise<LogEntry[]> =>
  (await suite.pg.log("action")).filter((e) => e.method === "POST" && e.path.startsWith("/api/data/v9.2/UpdateApprovalStatus"));

async function confirmDialog(page: Page, title: string): Promise<void> {
  const dialog = page.getByRole("dialog", { name: title }).or(page.getByRole("alertdialog", { name: title }));
  await dialog.waitFor();
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await dialog.waitFor({ state: "detached" });
}

async function runState(runId: string): Promise<{ approvalstatus: number; stagerunstatus: number; approvalcomments: string | null }> {
  return (await suite.pg.api(`deploymentstageruns(${runId})?$select=approvalstatus,stagerunstatus,approvalcomments`)).body;
}

test("the stage owner approves: one POST with the expected body, the panel shows Approved and the run moves on", async () => {
  const { page, panel, context, pageErrors } = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "owner-pending" } });
  await suite.pg.clearLog();

  await panel.getByLabel("Comments for the requester").fill("Tested in Test by finance (FIN-2240).");
  await panel.getByLabel("Note for admins (optional)").fill("CAB change CHG0041201");
  await panel.getByRole("button", { name: "Approve" }).click();
  await confirmDialog(page, "Approve this deployment?");
  await panel.getByRole("status").filter({ hasText: "Your approval was applied. The deployment continues." }).waitFor();

  const sent = await submits();
  expect(sent).toHaveLength(1);
  expect(sent[0].status).toBe(204);
  expect(sent[0].user).toBe(USERS.avery);
  expect(sent[0].headers).toMatchObject({
    accept: "application/json",
    "content-type": "application/json; charset=utf-8",
    "odata-version": "4.0",
    "odata-maxversion": "4.0",
  });
  const body = sent[0].body as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(["ApprovalComments", "ApprovalProperties", "ApprovalStatus", "StageRunId"]);
  expect(body).toMatchObject({ StageRunId: RUNS.ownerPendingMine, ApprovalStatus: 20, ApprovalComments: "Tested in Test by finance (FIN-2240)." });
  expect(JSON.parse(String(body.ApprovalProperties))).toMatchObject({
    approverId: USERS.avery,
    approverName: "Avery Owner",
    decision: "Approved",
    decisionValue: 20,
    adminNote: "CAB change CHG0041201",
  });

  const request = panel.getByRole("region", { name: "Request summary" });
  await request.getByText("Approved", { exact: true }).first().waitFor();
  // The run moves on: deploying now, succeeded a moment later (the form shows it after a refresh).
  await eventually(async () => ((await runState(RUNS.ownerPendingMine)).stagerunstatus === 200000002 ? true : undefined), 20_000, "the run to succeed");
  // The playground's "Reload control" (by id: see the aria-hidden test below for why not by role).
  await page.locator("#pg-reload").click();
  await panel.getByText("Deployment details loaded.").waitFor();
  await request.getByText("Succeeded", { exact: true }).first().waitFor();
  // Decided: the decision form gives way to the outcome, with the approver's comment for the requester.
  const outcome = panel.getByRole("region", { name: "Decision" });
  await outcome.getByText("Tested in Test by finance (FIN-2240).").waitFor();
  await outcome.getByText("Approved", { exact: true }).first().waitFor();
  expect(await panel.getByRole("button", { name: "Approve" }).count()).toBe(0);
  expect(await submits()).toHaveLength(1);
  await screenshot(page, "owner-approved");
  expect(pageErrors).toEqual([]);
  await context.close();
});

test("reject without a comment is refused; with one it goes through and the run shows failed", async () => {
  const { page, panel, context } = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "owner-pending" } });
  await suite.pg.clearLog();

  await panel.getByRole("button", { name: "Reject" }).click();
  await panel.getByText("Add a comment to reject: tell the requester what to change.").waitFor();
  expect(await page.getByRole("dialog").count()).toBe(0);
  expect(await page.getByRole("alertdialog").count()).toBe(0);
  expect(await submits()).toHaveLength(0);
  await screenshot(page, "reject-comment-required");

  await panel.getByLabel("Comments for the requester").fill("The API base URL still points at the preview endpoint.");
  await panel.getByRole("button", { name: "Reject" }).click();
  await confirmDialog(page, "Reject this deployment?");
  await panel.getByRole("status").filter({ hasText: "Your rejection was applied. The deployment will not proceed." }).waitFor();

  const sent = await submits();
  expect(sent).toHaveLength(1);
  expect(sent[0].body).toMatchObject({
    StageRunId: RUNS.ownerPendingMine,
    ApprovalStatus: 30,
    ApprovalComments: "The API base URL still points at the preview endpoint.",
  });
  expect(await runState(RUNS.ownerPendingMine)).toMatchObject({ approvalstatus: 30, stagerunstatus: 200000003 });
  const request = panel.getByRole("region", { name: "Request summary" });
  await request.getByText("Failed", { exact: true }).first().waitFor();
  await request.getByText("Rejected", { exact: true }).first().waitFor();
  await context.close();
});

describe.each([
  ["500 on submit", "500", 500],
  ["Dropped connection on submit", "drop", 0],
])("a %s keeps the typed comment and allows a retry that sends once", (optionLabel, _type, failedStatus) => {
  test("fault, then retry", async () => {
    const { page, panel, context } = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "owner-pending" } });
    // As a person would: the playground's toolbar sets the fault, once.
    await page.getByLabel("Fault only once", { exact: true }).check();
    await page.getByLabel("Faults", { exact: true }).selectOption({ label: optionLabel });
    await suite.pg.clearLog();

    const comment = "Approved for the Thursday release window.";
    await panel.getByLabel("Comments for the requester").fill(comment);
    await panel.getByRole("button", { name: "Approve" }).click();
    await confirmDialog(page, "Approve this deployment?");
    await panel.getByText("Your decision was not applied", { exact: true }).waitFor();
    await expect(panel.getByLabel("Comments for the requester").inputValue()).resolves.toBe(comment);
    expect((await submits()).map((e) => e.status)).toEqual([failedStatus]);
    expect((await runState(RUNS.ownerPendingMine)).approvalstatus).toBe(10);
    await screenshot(page, `submit-failed-${_type}`);

    await panel.getByRole("button", { name: "Approve" }).click();
    await confirmDialog(page, "Approve this deployment?");
    await panel.getByRole("status").filter({ hasText: "Your approval was applied. The deployment continues." }).waitFor();
    const sent = await submits();
    expect(sent.map((e) => e.status)).toEqual([failedStatus, 204]);
    expect(sent[1].body).toMatchObject({ StageRunId: RUNS.ownerPendingMine, ApprovalStatus: 20, ApprovalComments: comment });
    expect(await runState(RUNS.ownerPendingMine)).toMatchObject({ approvalstatus: 20, approvalcomments: comment });
    await context.close();
  });
});

test("the decision form has no axe violations while a refusal is shown", async () => {
  const { page, panel, context } = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "owner-pending" } });
  await page.getByLabel("Faults", { exact: true }).selectOption({ label: "500 on submit" });
  await panel.getByRole("button", { name: "Approve" }).click();
  await confirmDialog(page, "Approve this deployment?");
  await panel.getByText("Your decision was not applied", { exact: true }).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await context.close();
});

test("after a confirmed decision the rest of the form is visible to assistive technology again", async () => {
  const { page, panel, context } = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "owner-pending" } });
  const hostToolbar = page.getByRole("form", { name: "Playground settings" });
  await hostToolbar.waitFor();
  await panel.getByRole("button", { name: "Approve" }).click();
  await confirmDialog(page, "Approve this deployment?");
  await panel.getByRole("status").filter({ hasText: "Your approval was applied. The deployment continues." }).waitFor();
  // The modal dialog hides everything outside it (aria-hidden) while open; closing it must undo that, or a
  // screen reader user loses the form's own header and commands.
  // Fluent's focus library (tabster) restores the page on a 250 ms timer after the modal ends, so wait for it
  // (bounded); empty nodes (Fluent's portal mount points) carry nothing a screen reader could lose.
  await hostToolbar.waitFor({ timeout: 5_000 });
  const hiddenContent = () =>
    Array.from(document.querySelectorAll("[aria-hidden='true']"))
      .filter((e) => e.tagName !== "I" && !e.closest("#pg-panel") && (e.textContent ?? "").trim() !== "")
      .map((e) => e.tagName + (e.id ? `#${e.id}` : ""));
  await page.waitForFunction(`(${hiddenContent.toString()})().length === 0`, undefined, { timeout: 3_000 }).catch(() => undefined);
  const hidden = await page.evaluate(hiddenContent);
  expect(hidden).toEqual([]);
  await context.close();
});

test("a delegated stage whose deployment type is empty: the panel says it cannot tell the mode, lets the owner try, and the server's answer decides", async () => {
  const { page, panel, context, pageErrors } = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "null-delegation-type" } });
  await suite.pg.clearLog();
  const gate = panel.getByRole("region", { name: "Approval gate" });
  await gate.getByText("The panel could not read how this stage is delegated.", { exact: false }).waitFor();
  await panel.getByLabel("Comments for the requester").fill("Fine for pre-production.");
  await panel.getByRole("button", { name: "Approve" }).click();
  const dialog = page.getByRole("alertdialog");
  await dialog.getByRole("button", { name: "Confirm" }).click();
  // While it fades out the dialog still says what was confirmed (it used to flash "Reject this deployment?").
  await panel.getByRole("status").filter({ hasText: "Your approval was applied." }).waitFor();
  expect(await page.getByText("Reject this deployment?").count()).toBe(0);
  await dialog.waitFor({ state: "detached" });
  // The emulator's own rule for a null type (no source says what a real host does): the stage owner may decide.
  const sent = await submits();
  expect(sent).toHaveLength(1);
  expect(sent[0].status).toBe(204);
  await screenshot(page, "null-delegation-type-approved");
  expect(pageErrors).toEqual([]);
  await context.close();
});
