/**
 * Approval policies end to end in the production bundle: the HR pipeline's stages carry policies in the emulator's
 * seed, and the emulated relay flow enforces them as the shipped flow does (docs/approval-policy.md). Checked against
 * what the emulated host received (its request log) and what the run became.
 */
import { Locator, Page } from "playwright-core";
import { axeViolations, openPanel, screenshot } from "./helpers/browser";
import { QUORUM_CHECKLIST, RUNS, USERS } from "../../fakehost/index.cjs";
import { LogEntry, eventually } from "./helpers/playground";
import { playgroundSuite } from "./helpers/suite";

jest.setTimeout(120_000);

const suite = playgroundSuite();

const QUORUM_RUN = RUNS.policyQuorumPending;
const EXPIRED_RUN = RUNS.policyExpiredPending;
const CHECKLIST = QUORUM_CHECKLIST;

const actionCalls = async (): Promise<LogEntry[]> =>
  (await suite.pg.log("action")).filter((e) => e.method === "POST" && e.path.startsWith("/api/data/v9.2/UpdateApprovalStatus") && e.status === 204);
const approvalOf = async (run: string): Promise<number | null> =>
  (await suite.pg.api(`deploymentstageruns(${run})?$select=approvalstatus`)).body.approvalstatus;

async function setFlow(mode: "held" | "on"): Promise<void> {
  const res = await fetch(`${suite.pg.url}/__playground/relay`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ mode }),
  });
  expect(res.status).toBe(200);
}

const approve = (panel: Locator): Locator => panel.getByRole("button", { name: "Approve", exact: true });

async function tickAll(panel: Locator): Promise<void> {
  const group = panel.getByRole("group", { name: "Before you approve, confirm each item" });
  for (const item of CHECKLIST) await group.getByRole("checkbox", { name: item }).check();
}

async function decide(page: Page, panel: Locator, button: "Approve" | "Reject", comment: string): Promise<void> {
  await panel.getByLabel("Comments for the requester").fill(comment);
  await panel.getByRole("button", { name: button, exact: true }).click();
  const title = button === "Approve" ? "Approve this deployment?" : "Reject this deployment?";
  const dialog = page.getByRole("dialog", { name: title }).or(page.getByRole("alertdialog", { name: title }));
  await dialog.waitFor();
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await dialog.waitFor({ state: "detached" });
}

test("two approvers reach the quorum of two: the first is counted, the second applies it, the action is called once", async () => {
  const first = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "policy-quorum" } });
  await suite.pg.clearLog();
  const gate = first.panel.getByRole("region", { name: "Approval gate" });
  await gate.getByText("UAT needs 2 approvals", { exact: false }).waitFor();
  await first.panel.getByText("Approvals: 0 of 2").waitFor();

  // The checklist holds Approve back until every item is ticked.
  expect(await approve(first.panel).getAttribute("aria-disabled")).toBe("true");
  await first.panel.getByText("Tick every checklist item to approve.").waitFor();
  await tickAll(first.panel);
  expect(await approve(first.panel).getAttribute("aria-disabled")).toBeNull();
  expect(await axeViolations(first.page)).toEqual([]);
  await screenshot(first.page, "policy-quorum");

  await decide(first.page, first.panel, "Approve", "HR sign-off recorded (HR-311).");
  await first.panel.getByRole("status").filter({ hasText: "Your approval was counted." }).waitFor({ timeout: 30_000 });
  await first.panel.getByText("Approvals: 1 of 2").waitFor({ timeout: 10_000 });
  // Counted, not applied: the run still waits, nothing was sent to the action.
  expect(await approvalOf(QUORUM_RUN)).toBe(10);
  expect(await actionCalls()).toHaveLength(0);

  // The same approver cannot approve twice: the panel says so (the flow would refuse it too).
  await first.panel.getByText("You have approved already: the policy needs another approver.").waitFor();
  expect(await approve(first.panel).getAttribute("aria-disabled")).toBe("true");
  await screenshot(first.page, "policy-counted");
  await first.context.close();

  const second = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "policy-quorum-second" } });
  await second.panel.getByText("Approvals: 1 of 2").waitFor();
  await second.panel.getByText("Jordan Approver approved", { exact: false }).first().waitFor();
  await tickAll(second.panel);
  await decide(second.page, second.panel, "Approve", "Checked the rollback plan.");
  await second.panel.getByRole("status").filter({ hasText: "Your approval was applied." }).waitFor({ timeout: 30_000 });

  const calls = await actionCalls();
  expect(calls.map((c) => [c.user, (c.body as { ApprovalStatus: number }).ApprovalStatus])).toEqual([[USERS.spn, 20]]);
  // The properties the flow passed on hold the second approver's ticks and the review fingerprint.
  const properties = JSON.parse((calls[0].body as { ApprovalProperties: string }).ApprovalProperties) as Record<string, unknown>;
  expect(properties).toMatchObject({ approverId: USERS.casey, checklist: CHECKLIST });
  expect(properties.reviewFingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
  await eventually(async () => ((await approvalOf(QUORUM_RUN)) === 20 ? true : undefined), 10_000, "the run to be approved");
  expect([...first.pageErrors, ...second.pageErrors]).toEqual([]);
  await second.context.close();
});

test("a duplicate approval that reaches the flow anyway is refused with the policy's reason", async () => {
  // Two approvals by the same person, recorded before the flow saw either (the flow held, as a slow trigger would).
  await suite.pg.clearLog();
  await setFlow("held");
  const { page, panel, context } = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "policy-quorum" } });
  await tickAll(panel);
  await decide(page, panel, "Approve", "First.");
  await panel.getByText("Decision recorded.").first().waitFor();
  const second = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "policy-quorum" } });
  await tickAll(second.panel);
  await decide(second.page, second.panel, "Approve", "Again, by mistake.");
  await second.panel.getByText("Decision recorded.").first().waitFor();
  await setFlow("on");

  await second.panel
    .getByText("This approver has already approved this run: the policy needs approvals from different people.", { exact: false })
    .first()
    .waitFor({ timeout: 30_000 });
  expect(await actionCalls()).toHaveLength(0);
  expect(await approvalOf(QUORUM_RUN)).toBe(10);
  await context.close();
  await second.context.close();
});

test("an expired request can be rejected but not approved", async () => {
  const { page, panel, context, pageErrors } = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "policy-expired" } });
  await suite.pg.clearLog();
  await panel.getByText("Ask the maker to request again", { exact: false }).waitFor();
  // "Before you decide" leads with it as a blocker.
  await panel.locator('[data-check="expiry"][data-severity="blocker"]').first().waitFor();
  expect(await panel.locator("[data-check]").first().getAttribute("data-check")).toBe("expiry");
  await tickAll(panel);
  expect(await approve(panel).getAttribute("aria-disabled")).toBe("true");
  await screenshot(page, "policy-expired");

  await decide(page, panel, "Reject", "Expired: please request again with the current version.");
  await panel.getByRole("status").filter({ hasText: "Your rejection was applied." }).waitFor({ timeout: 30_000 });
  expect((await actionCalls()).map((c) => (c.body as { ApprovalStatus: number }).ApprovalStatus)).toEqual([30]);
  expect(await approvalOf(EXPIRED_RUN)).toBe(30);
  expect(pageErrors).toEqual([]);
  await context.close();
});
