/**
 * The host check, in the production bundle against the playground's emulator: an administrator runs it in the current
 * and in the older host variant and reads what holds and what does not; a maker has no such link. Screenshots land
 * in out/screenshots/.
 */
import { Locator } from "playwright-core";
import { axeViolations, openPanel, screenshot } from "./helpers/browser";
import { playgroundSuite } from "./helpers/suite";

jest.setTimeout(60_000);

const MORGAN = "a0000000-0000-4000-8000-000000000004"; // System Administrator
const RILEY = "a0000000-0000-4000-8000-000000000002"; // the maker

const suite = playgroundSuite();

const item = (view: Locator, id: string) => view.locator(`[data-host-check-item="${id}"]`);

async function runCheck(panel: Locator): Promise<Locator> {
  await panel.getByRole("button", { name: "Check this host" }).click();
  const view = panel.getByRole("region", { name: "Host check" });
  await view.getByRole("button", { name: "Copy report" }).waitFor();
  return view;
}

test("Morgan (System Administrator) on the current host: the approval columns, the stage navigation and the action are confirmed, and the report copies", async () => {
  const { page, panel, context, pageErrors } = await openPanel(suite.browser, suite.pg.url, {
    params: { scenario: "owner-pending", user: MORGAN, relay: "1" },
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: suite.pg.url });
  const view = await runCheck(panel);

  for (const id of ["form", "table:deploymentstagerun", "column:deploymentstagerun.approvalcomments", "navigation", "action", "action:ApprovalComments"]) {
    expect(await item(view, id).getAttribute("data-outcome")).toBe("confirmed");
  }
  expect(await item(view, "role:systemadministrator").getAttribute("data-outcome")).toBe("confirmed");
  // Nothing needs attention; what holds is folded per group, the run status with the labels the host shows.
  await view.getByText("Nothing needs attention", { exact: false }).waitFor();
  expect(await item(view, "options:deploymentstagerun.stagerunstatus").textContent()).toContain("200000005 Pending Approval");
  await screenshot(page, "host-check-current", view);

  await view.getByRole("button", { name: "Copy report" }).click();
  await view.getByText("Report copied.").waitFor();
  const report = await page.evaluate(() => navigator.clipboard.readText());
  expect(report).toContain("[CONFIRMED] deploymentstagerun.approvalcomments");
  expect(report).toContain("[CONFIRMED] UpdateApprovalStatus");
  // Ids only: no names, comments or notes from the records.
  expect(report).not.toContain("Riley");
  expect(report).not.toContain("ContosoExpenses");

  expect(await axeViolations(page)).toEqual([]);
  expect(pageErrors).toEqual([]);
  await context.close();
});

test("Morgan on the older host: the missing approval columns and action, and the host's own navigation name, each with what the panel does", async () => {
  const { page, panel, context, pageErrors } = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "legacy", user: MORGAN } });
  const view = await runCheck(panel);

  const comments = item(view, "column:deploymentstagerun.approvalcomments");
  expect(await comments.getAttribute("data-outcome")).toBe("missing");
  await comments.getByText("Makers see comments from the relay", { exact: false }).waitFor();
  expect(await item(view, "column:deploymentstagerun.approvalstatus").getAttribute("data-outcome")).toBe("missing");
  expect(await item(view, "action").getAttribute("data-outcome")).toBe("missing");
  const navigation = item(view, "navigation");
  expect(await navigation.getAttribute("data-outcome")).toBe("different");
  await navigation.getByText("DeploymentStageId", { exact: false }).first().waitFor();
  expect(await item(view, "options:deploymentstagerun.stagerunstatus").textContent()).toContain("200000005 Scheduled");
  await screenshot(page, "host-check-legacy", view);

  expect(pageErrors).toEqual([]);
  await context.close();
});

test("Riley (maker) sees no host check link", async () => {
  const { panel, context, pageErrors } = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "maker-own", user: RILEY } });
  expect(await panel.getByRole("button", { name: "Check this host" }).count()).toBe(0);
  expect(await panel.getByText("Check this host").count()).toBe(0);
  expect(pageErrors).toEqual([]);
  await context.close();
});
