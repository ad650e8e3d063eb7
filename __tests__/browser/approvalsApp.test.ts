/**
 * The Deployment Approvals app, end to end in the playground with the production bundle: a request arrives (the
 * intake flow of the emulated host runs on OnApprovalStarted), the notification lands in the outbox, its link opens the
 * request row, the panel on the request form shows the run, the approver decides, and the row leaves Waiting for me.
 */
import type { Page } from "playwright-core";
import { axeViolations, screenshot, waitForPanel } from "./helpers/browser";
import { USERS } from "./helpers/playground";
import { playgroundSuite } from "./helpers/suite";

jest.setTimeout(90_000);

const suite = playgroundSuite();

/** Pending ContosoPurchasing run in Contoso Expenses' Production stage (owner Avery), not yet taken in. */
const ARRIVING_RUN = "f0000000-0000-4000-8000-00000000001e";
const ARRIVING_NAME = "ContosoPurchasing 1.0.0.0 → Production";

async function openApp(user: string, query = "") {
  const context = await suite.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const pageErrors: Error[] = [];
  page.on("pageerror", (e) => pageErrors.push(e));
  await page.goto(`${suite.pg.url}/?app=approvals&user=${user}${query}`);
  await page.waitForFunction(() => document.body.dataset.playgroundReady !== undefined, null, { timeout: 30_000 });
  return { context, page, pageErrors };
}

const grid = (page: Page) => page.locator("#pg-app-list table");
const rowNamed = (page: Page, name: string) =>
  grid(page)
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name, exact: true }) });
const showView = async (page: Page, name: string) => {
  await page.getByRole("navigation", { name: "Site map" }).getByRole("link", { name, exact: true }).click();
  await page.locator("#pg-app-caption", { hasText: name }).waitFor();
};

test("a request arrives, its notification opens it, the approver decides in the app, and it leaves Waiting for me", async () => {
  const { context, page, pageErrors } = await openApp(USERS.avery);
  await page.locator("#pg-app-caption", { hasText: "Waiting for me" }).waitFor();
  // Avery's inbox before: the seed's own request, not the one about to arrive.
  await rowNamed(page, "ContosoExpenses 1.4.2.0 → Production").waitFor();
  expect(await rowNamed(page, ARRIVING_NAME).count()).toBe(0);
  await screenshot(page, "app-inbox", page.locator("#pg-app"));

  await page.getByLabel("Pending run").selectOption(ARRIVING_RUN);
  await page.getByRole("button", { name: "A new request arrives" }).click();
  const outbox = page.getByRole("region", { name: "Outbox" });
  const notification = outbox.getByRole("listitem").filter({ hasText: `Approval needed: ${ARRIVING_NAME}` });
  await notification.waitFor();
  await notification.getByText("E-mail to Avery Owner").waitFor();
  await notification.getByText("Riley Maker asks to deploy ContosoPurchasing 1.0.0.0 from Contoso Dev to Contoso Production", { exact: false }).waitFor();
  // The inbox now lists it, oldest first, with who decides.
  await expect(rowNamed(page, ARRIVING_NAME).getByRole("cell").last().textContent()).resolves.toBe("Avery Owner");

  await notification.getByRole("link", { name: "Open the request" }).click();
  await page.waitForURL(/pagetype=entityrecord&etn=apnl_approvalrequest&id=[0-9a-f-]{36}/);
  const panel = page.locator("#pg-panel");
  await waitForPanel(panel);
  await page.locator("#pg-record-name", { hasText: ARRIVING_NAME }).waitFor();
  await panel.getByRole("region", { name: "Request summary" }).getByText("ContosoPurchasing 1.0.0.0", { exact: false }).first().waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, "app-request-form", page.locator("#pg-app"));

  await panel.getByLabel("Comments for the requester").fill("Purchasing limits checked with finance.");
  await panel.getByRole("button", { name: "Approve" }).click();
  const dialog = page.getByRole("dialog", { name: "Approve this deployment?" }).or(page.getByRole("alertdialog", { name: "Approve this deployment?" }));
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await panel.getByRole("status").filter({ hasText: "Your approval was applied. The deployment continues." }).waitFor({ timeout: 30_000 });

  // The outcome flow (OnApprovalCompleted) marked the row decided: it left Waiting for me and shows under Decided.
  await showView(page, "Waiting for me");
  await rowNamed(page, "ContosoExpenses 1.4.2.0 → Production").waitFor();
  expect(await rowNamed(page, ARRIVING_NAME).count()).toBe(0);
  await showView(page, "Decided");
  const decided = rowNamed(page, ARRIVING_NAME);
  await decided.getByRole("cell", { name: "Approved", exact: true }).waitFor();
  await decided.getByRole("cell", { name: "Avery Owner", exact: true }).waitFor();
  expect(pageErrors).toEqual([]);
  await context.close();
});

test("another approver's Waiting for me never lists a request they do not decide", async () => {
  const intake = await fetch(`${suite.pg.url}/__playground/intake`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ runId: ARRIVING_RUN }),
  });
  expect(intake.status).toBe(200);
  const { context, page } = await openApp(USERS.jordan);
  await page.locator("#pg-app-caption", { hasText: "Waiting for me" }).waitFor();
  // Jordan decides Field Service Production (their own stage) and the Field Service approvers' team's requests.
  await grid(page).getByRole("row").nth(1).waitFor();
  expect(await rowNamed(page, ARRIVING_NAME).count()).toBe(0);
  expect(await rowNamed(page, "ContosoExpenses 1.4.2.0 → Production").count()).toBe(0);
  // All waiting (an admin's list) has it.
  await showView(page, "All waiting");
  await rowNamed(page, ARRIVING_NAME).waitFor();
  await context.close();
});

test("a request row whose run id is broken shows the clear message and sends nothing to a malformed address", async () => {
  const intake = await (
    await fetch(`${suite.pg.url}/__playground/intake`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ runId: ARRIVING_RUN }),
    })
  ).json();
  const patched = await suite.pg.api(`apnl_approvalrequests(${intake.requestId})`, {
    method: "PATCH",
    user: USERS.morgan,
    body: { apnl_stagerunid: "ContosoPurchasing" },
  });
  expect(patched.status).toBe(204);
  await suite.pg.clearLog();
  const { context, page } = await openApp(USERS.avery, `&pagetype=entityrecord&etn=apnl_approvalrequest&id=${intake.requestId}`);
  await page
    .locator("#pg-panel")
    .getByText("This request's run id is not a valid id, so the panel cannot tell which deployment stage run to show.", { exact: false })
    .waitFor();
  // The panel's requests (the playground page's own reads carry x-playground-caller).
  const runReads = (await suite.pg.log("api")).filter((e) => e.path.includes("deploymentstageruns") && e.headers["x-playground-caller"] === undefined);
  expect(runReads).toEqual([]);
  await screenshot(page, "app-broken-run-id", page.locator("#pg-form"));
  await context.close();
});
