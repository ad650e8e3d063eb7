/**
 * Decision first, in the production bundle: at 1280 × 800 the stage owner sees the checks and can press Approve
 * without scrolling; on a phone the decision comes right after the checks, before the details; each check's link
 * goes where it says. Screenshots land in out/screenshots/.
 */
import { Locator } from "playwright-core";
import { openPanel, screenshot } from "./helpers/browser";
import { playgroundSuite } from "./helpers/suite";

jest.setTimeout(60_000);

const suite = playgroundSuite();

/** Whether a precedes b in the document (reading and keyboard order). */
async function precedes(a: Locator, b: Locator): Promise<boolean> {
  const handle = await b.elementHandle();
  return a.evaluate((first, second) => Boolean(first.compareDocumentPosition(second as Node) & Node.DOCUMENT_POSITION_FOLLOWING), handle);
}

const checkLines = (panel: Locator) => panel.getByRole("region", { name: "Before you decide" }).locator("[data-check]");

test("1280 × 800, the owner's pending run: the checks and the Approve button are on the first screen, in the order summary → checks → decision → details", async () => {
  const { page, panel, context, pageErrors } = await openPanel(suite.browser, suite.pg.url, {
    params: { scenario: "owner-pending" },
    viewportWidth: 1280,
    viewportHeight: 800,
  });
  const approve = panel.getByRole("button", { name: "Approve" });
  const box = await approve.boundingBox();
  expect(box).not.toBeNull();
  // Inside the first viewport, without any scrolling.
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(800);

  const summary = panel.getByRole("region", { name: "Request summary" });
  const checks = panel.getByRole("region", { name: "Before you decide" });
  const details = panel.getByRole("region", { name: "Details" });
  await summary.getByText("Requested by Riley Maker").waitFor();
  expect(await precedes(summary, checks)).toBe(true);
  expect(await precedes(checks, approve)).toBe(true);
  expect(await precedes(approve, details)).toBe(true);
  // The decision sits beside the checks (its own column), not below them.
  const checksBox = await checks.boundingBox();
  expect(box?.x ?? 0).toBeGreaterThan((checksBox?.x ?? 0) + (checksBox?.width ?? 0) - 1);

  // What the approver would otherwise work out: three newer requests, the source moved on, the settings gaps.
  await checks.getByText("3 newer requests for this solution in this stage are waiting; the newest is 1.4.2.2.", { exact: false }).waitFor();
  await checks.getByText("The source environment already has 1.4.3.0; this request deploys 1.4.2.0.").waitFor();
  await checks.getByText("1 connection reference has no connection: contoso_sharedsharepointonline_a41d0.").waitFor();
  await checks.getByText("Last deployed to Contoso Production: 1.4.1.0 on", { exact: false }).waitFor();
  await checks.getByText("1.4.2.0 succeeded in Test on", { exact: false }).waitFor();
  // Most severe first.
  const severities = await checkLines(panel).evaluateAll((items) => items.map((item) => item.getAttribute("data-severity")));
  const rank = { blocker: 0, warning: 1, info: 2, ok: 3 } as Record<string, number>;
  expect(severities.map((s) => rank[s ?? ""])).toEqual([...severities.map((s) => rank[s ?? ""])].sort((a, b) => a - b));
  // The load message is for screen readers only.
  const loaded = panel.getByText("Deployment details loaded.");
  const region = await loaded.evaluate((el) => {
    const box = (el.closest("[role='status']") ?? el).getBoundingClientRect();
    return { width: box.width, height: box.height };
  });
  expect(region.width).toBeLessThanOrEqual(1);
  expect(region.height).toBeLessThanOrEqual(1);
  await screenshot(page, "decision-first-owner-pending");
  expect(pageErrors).toEqual([]);
  await context.close();
});

test("a phone (375 px): the decision comes right after the checks, before the details", async () => {
  const { page, panel, context } = await openPanel(suite.browser, suite.pg.url, {
    params: { scenario: "owner-pending", width: "375" },
    viewportWidth: 375,
    viewportHeight: 800,
  });
  const approve = panel.getByRole("button", { name: "Approve" });
  const details = panel.getByRole("region", { name: "Details" });
  const checks = panel.getByRole("region", { name: "Before you decide" });
  expect(await precedes(checks, approve)).toBe(true);
  expect(await precedes(approve, details)).toBe(true);
  const [approveBox, detailsBox, checksBox] = await Promise.all([approve.boundingBox(), details.boundingBox(), checks.boundingBox()]);
  expect(approveBox?.y ?? 0).toBeGreaterThan((checksBox?.y ?? 0) + (checksBox?.height ?? 0) - 1);
  expect((approveBox?.y ?? 0) + (approveBox?.height ?? 0)).toBeLessThan(detailsBox?.y ?? 0);
  // Keyboard: Tab from the last check link reaches the comment box before anything in the details.
  await checks.getByRole("button").last().focus();
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
  await screenshot(page, "decision-first-phone");
  await context.close();
});

test("a newer version was already deployed: a warning names it, and its link opens that run", async () => {
  const { page, panel, context } = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "checks-superseded" } });
  const checks = panel.getByRole("region", { name: "Before you decide" });
  const warning = checks.locator("[data-check='superseded']");
  await warning.getByText("A newer request, 3.0.1.0, was already deployed to this stage on", { exact: false }).waitFor();
  expect(await warning.getAttribute("data-severity")).toBe("warning");
  await checks.getByText("This would redeploy 3.0.0.0 over 3.0.1.0, the version deployed to Contoso Production on", { exact: false }).waitFor();
  // The seed keeps no artifact for these runs: What changes says there is nothing to compare (it used to call this
  // a first deployment, beside two warnings naming the deployment the stage holds).
  const changes = panel.getByRole("region", { name: "What changes in Contoso Production" });
  await changes.getByText("This run has no solution file to compare.").waitFor();
  expect(await changes.getByText("First deployment to this stage", { exact: false }).count()).toBe(0);
  expect(await changes.getByRole("button", { name: "Show what changes" }).count()).toBe(0);
  await screenshot(page, "checks-superseded");
  await warning.getByRole("button", { name: "Open 3.0.1.0" }).click();
  // navigation.openForm: the form shows the newer run.
  await panel.getByRole("region", { name: "Request summary" }).getByRole("heading", { name: "ContosoMileage 3.0.1.0" }).waitFor();
  await context.close();
});

test("this version never succeeded in the previous stage: a warning says so", async () => {
  const { panel, context } = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "checks-untested" } });
  const line = panel.getByRole("region", { name: "Before you decide" }).locator("[data-check='previousStage']");
  await line.getByText("1.2.0.0 has not succeeded in Test, the stage before this one.").waitFor();
  expect(await line.getAttribute("data-severity")).toBe("warning");
  await context.close();
});

test("everything fine: 'No warnings', with the facts that make it fine", async () => {
  const { page, panel, context } = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "checks-clear" } });
  const checks = panel.getByRole("region", { name: "Before you decide" });
  await checks.getByText("No warnings: nothing in this request needs extra attention.").waitFor();
  const severities = await checkLines(panel).evaluateAll((items) => items.map((item) => item.getAttribute("data-severity")));
  expect(severities.filter((s) => s === "warning" || s === "blocker")).toEqual([]);
  await checks.getByText("2.1.0.0 succeeded in Test on", { exact: false }).waitFor();
  await checks.getByText("Last deployed to Contoso Production: 2.0.3.0 on", { exact: false }).waitFor();
  await screenshot(page, "checks-clear");
  await context.close();
});

test("'Show settings' takes the view and the keyboard focus to the deployment settings", async () => {
  const { page, panel, context } = await openPanel(suite.browser, suite.pg.url, {
    params: { scenario: "owner-pending" },
    viewportWidth: 1280,
    viewportHeight: 800,
  });
  await panel.locator("[data-check='connections']").getByRole("button", { name: "Show settings" }).click();
  const heading = panel.getByRole("region", { name: "Deployment settings" }).getByRole("heading", { name: "Deployment settings" });
  await expect(heading.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  const box = await heading.boundingBox();
  expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);
  expect(box?.y ?? 900).toBeLessThan(800);
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  await context.close();
});
