/**
 * What each kind of user sees in the real production bundle, in the playground's scenarios: blocked decisions
 * explain themselves and send nothing, the maker sees comments but not admin details, history pages, an older
 * host still works, and axe-core finds no violations. Screenshots land in out/screenshots/.
 */
import { axeViolations, openPanel, screenshot } from "./helpers/browser";
import { playgroundSuite } from "./helpers/suite";

jest.setTimeout(60_000);

const suite = playgroundSuite();
beforeEach(async () => {
  await suite.pg.clearLog();
});

const actionRequests = async () => (await suite.pg.log("action")).filter((e) => e.path.includes("UpdateApprovalStatus"));

test("someone else opens the owner's run: buttons disabled with the reason, and no POST is ever sent", async () => {
  const { page, panel, context } = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "owner-pending-other" } });
  const approve = panel.getByRole("button", { name: "Approve" });
  const reject = panel.getByRole("button", { name: "Reject" });
  await expect(approve.getAttribute("aria-disabled")).resolves.toBe("true");
  await expect(reject.getAttribute("aria-disabled")).resolves.toBe("true");
  await panel.getByText("Only the stage owner can approve or reject this run.").waitFor();
  await panel
    .getByRole("region", { name: "Approval gate" })
    .getByText("Only the stage owner, Jordan Approver, can approve or reject this deployment.")
    .waitFor();
  // Clicking anyway does nothing.
  await approve.click({ force: true });
  await reject.click({ force: true });
  expect(await page.getByRole("alertdialog").count()).toBe(0);
  expect(await page.getByRole("dialog").count()).toBe(0);
  expect(await actionRequests()).toEqual([]);
  await screenshot(page, "owner-pending-someone-else");
  await context.close();
});

test("a service principal stage without a relay table explains itself", async () => {
  const { page, panel, context } = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "spn-pending" } });
  await panel.getByText("Only the stage's service principal can approve or reject, and no decision relay is set up.").waitFor();
  const gate = panel.getByRole("region", { name: "Approval gate" });
  await gate.getByText(/This stage deploys as a service principal, so decisions go through the stage's approval flow/).waitFor();
  await expect(panel.getByRole("button", { name: "Approve" }).getAttribute("aria-disabled")).resolves.toBe("true");
  expect(await actionRequests()).toEqual([]);
  await screenshot(page, "spn-pending-no-relay");
  await context.close();
});

test("the maker sees the approver's comments but not the approval properties; an admin sees both", async () => {
  const comment = "Approved: tested in Test by the finance team (ticket FIN-2231). Deploying tonight.";
  const adminNote = "Change CHG0041187 approved by CAB on Monday.";

  const maker = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "maker-approved" } });
  const outcome = maker.panel.getByRole("region", { name: "Decision" });
  await outcome.getByText(comment).waitFor();
  await outcome.getByText("Approved", { exact: true }).first().waitFor();
  const makerText = await maker.panel.innerText();
  expect(makerText).not.toContain(adminNote);
  expect(makerText).not.toContain("Approval properties");
  expect(makerText).not.toContain("approverId");
  await screenshot(maker.page, "maker-approved");
  await maker.context.close();

  const admin = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "approved" } });
  await admin.panel.getByRole("region", { name: "Decision" }).getByText(comment).waitFor();
  await admin.panel.getByRole("region", { name: "Decision" }).getByText(adminNote).waitFor();
  await admin.context.close();
});

test('"Load more" pages through the 500-run history', async () => {
  const { page, panel, context } = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "history" } });
  const history = panel.getByRole("region", { name: "Run history" });
  const dataRows = () => history.locator("tbody tr");
  expect(await dataRows().count()).toBe(20);
  await screenshot(page, "history-first-page");

  const loadMore = history.getByRole("button", { name: "Load more" });
  let expected = 20;
  while (await loadMore.count()) {
    await loadMore.click();
    expected = Math.min(expected + 20, 500);
    await history
      .locator("tbody tr")
      .nth(expected - 1)
      .waitFor();
  }
  expect(await dataRows().count()).toBe(500);
  // History pages only: the one $top=1 query for the stage's last deployment is not a page.
  const pagesRead = (await suite.pg.log("api")).filter(
    (e) => e.method === "GET" && e.path.startsWith("/api/data/v9.2/deploymentstageruns?") && !e.path.includes("$top=1"),
  );
  expect(pagesRead).toHaveLength(25);
  expect(pagesRead.filter((e) => e.path.includes("skiptoken"))).toHaveLength(24);
  expect(pagesRead.every((e) => /odata\.maxpagesize=20/.test(e.headers.prefer ?? ""))).toBe(true);
  await context.close();
});

test("an older host without the approval columns still shows the request, and never asks for the missing columns", async () => {
  const { page, panel, context } = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "legacy" } });
  const request = panel.getByRole("region", { name: "Details" });
  await request.getByText("ContosoTravel", { exact: true }).waitFor();
  await request.getByText("2.0.0.4", { exact: true }).first().waitFor();
  await panel.getByRole("region", { name: "Deployment notes" }).getByText("Travel booking app: first managed release to Production.").waitFor();
  await panel.getByText(/This host does not show the approval status/).waitFor();
  // The server decides whether the run still waits: the owner may still try.
  await expect(panel.getByRole("button", { name: "Approve" }).getAttribute("aria-disabled")).resolves.not.toBe("true");
  // One refusal only: this host names the stage navigation property differently, so the first $expand is refused and
  // the panel reads the stage in a second request; the history then filters by the stage (no pipeline scope).
  const failures = (await suite.pg.log("api")).filter((e) => e.status >= 400);
  expect(failures.map((e) => [e.status, decodeURIComponent(e.path).includes("$expand=deploymentstageid")])).toEqual([[400, true]]);
  const history = panel.getByRole("region", { name: "Run history" });
  await history.getByRole("row").nth(1).waitFor();
  await screenshot(page, "legacy-host");
  await context.close();
});

const SCENARIOS = [
  "owner-pending",
  "owner-pending-other",
  "spn-pending",
  "spn-pending-relay",
  "approved",
  "maker-approved",
  "rejected",
  "failed-soap",
  "not-delegated",
  "history",
  "malformed",
  "double-encoded",
  "maker-own",
  "legacy",
  "checks-clear",
  "checks-superseded",
  "checks-untested",
  "null-delegation-type",
];

test.each(SCENARIOS)("axe-core finds no violations in scenario %s", async (scenario) => {
  const { page, context, pageErrors } = await openPanel(suite.browser, suite.pg.url, { params: { scenario } });
  const violations = await axeViolations(page);
  await screenshot(page, `scenario-${scenario}`);
  expect(violations).toEqual([]);
  expect(pageErrors).toEqual([]);
  await context.close();
});

test.each([
  ["dark theme", { scenario: "owner-pending", theme: "dark" }],
  ["phone width", { scenario: "owner-pending", width: "375" }],
  ["tablet width, dark", { scenario: "failed-soap", width: "768", theme: "dark" }],
])("axe-core finds no violations in the %s", async (name, params) => {
  const { page, context } = await openPanel(suite.browser, suite.pg.url, { params, viewportWidth: 1300 });
  const violations = await axeViolations(page);
  await screenshot(page, `variant-${name.replace(/[^a-z0-9]+/gi, "-")}`);
  expect(violations).toEqual([]);
  await context.close();
});
