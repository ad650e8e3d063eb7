/**
 * What this deployment changes, in the production bundle against the playground's seeded artifacts: nothing is
 * downloaded until the approver asks; the risky Contoso Expenses version shows its risks first; a slow download can
 * be cancelled and the rest of the panel keeps working; hostile files (a zip bomb, a cut zip, a DOCTYPE, markup in names) get
 * their message or are shown as text, and the panel keeps working. Screenshots land in out/screenshots/.
 */
import { openPanel, screenshot } from "./helpers/browser";
import { RUNS } from "./helpers/playground";
import { playgroundSuite } from "./helpers/suite";

jest.setTimeout(60_000);

const suite = playgroundSuite();

const artifactDownloads = async () => (await suite.pg.log("api")).filter((e) => e.path.includes("/deploymentartifacts(") && e.path.includes("/$value"));

test("the risky version against the one last deployed: nothing downloads before the click, then the risks come first", async () => {
  const { page, panel, context, pageErrors } = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "double-encoded" } });
  const section = panel.getByRole("region", { name: "What changes in Contoso Production" });
  await section.getByRole("button", { name: "Show what changes" }).waitFor();
  expect(await artifactDownloads()).toHaveLength(0);

  await section.getByRole("button", { name: "Show what changes" }).click();
  await section.locator('[data-changes-status="done"]').waitFor();
  const baseline = section.getByText("Compared with 1.4.1.0, deployed to Contoso Production on", { exact: false });
  expect(await baseline.textContent()).toMatch(/, requested by Riley Maker\.$/);
  const risks = await section.locator("[data-risk]").evaluateAll((items) => items.map((i) => i.getAttribute("data-risk")));
  expect(risks).toEqual(expect.arrayContaining(["columnsRemoved", "rolePrivilegesRaised", "pluginStepAdded", "connectorNew"]));
  // High before medium.
  const severities = await section.locator("[data-risk]").evaluateAll((items) => items.map((i) => i.getAttribute("data-severity")));
  expect(severities.indexOf("medium") === -1 || severities.lastIndexOf("high") < severities.indexOf("medium")).toBe(true);
  // The removed column is named on its line (the lists by kind stay folded until opened).
  expect((await section.locator('[data-risk="columnsRemoved"]').textContent())?.toLowerCase()).toContain("legacy");
  // The deployment settings are compared with the last deployment's too (read with it, no extra request).
  expect(await section.locator("[data-settings-changes]").getAttribute("data-settings-changes")).not.toBe("unknown");
  // Two files, each read once; the decision is still there to use.
  expect(await artifactDownloads()).toHaveLength(2);
  await panel.getByRole("button", { name: "Approve" }).waitFor();
  await screenshot(page, "changes-risky", section);
  expect(pageErrors).toEqual([]);
  await context.close();
});

test("a newer request already deployed: the comparison is with it, and a warning says approving puts the older version back", async () => {
  // The 1.4.2.2 request, made after the owner-pending 1.4.2.0, finishes deploying to Production first.
  const deployed = await suite.pg.api(`deploymentstageruns(${RUNS.doubleEncoded})`, {
    method: "PATCH",
    body: { stagerunstatus: 200000002, endtime: new Date().toISOString() },
  });
  expect(deployed.status).toBe(204);
  const { page, panel, context, pageErrors } = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "owner-pending" } });
  const section = panel.getByRole("region", { name: "What changes in Contoso Production" });
  await section.getByRole("button", { name: "Show what changes" }).click();
  await section.locator('[data-changes-status="done"]').waitFor();
  await section.getByText("Compared with 1.4.2.2, deployed to Contoso Production on", { exact: false }).waitFor();
  const warning = section.locator('[data-baseline="newer"]');
  expect(await warning.textContent()).toContain("Contoso Production already has 1.4.2.2, a later version than this request's 1.4.2.0.");
  // The checks say the same of the stage.
  await panel.getByRole("region", { name: "Before you decide" }).getByText("This would redeploy 1.4.2.0 over 1.4.2.2", { exact: false }).waitFor();
  await screenshot(page, "changes-newer-baseline", section);
  expect(pageErrors).toEqual([]);
  await context.close();
});

test("a slow download can be cancelled; the section offers to start again and the panel keeps working", async () => {
  await suite.pg.setFaults([{ type: "latency", latencyMs: 4000, match: { entitySet: "deploymentartifacts" } }]);
  const { panel, context, pageErrors } = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "owner-pending" } });
  const section = panel.getByRole("region", { name: "What changes in Contoso Production" });
  await section.getByRole("button", { name: "Show what changes" }).click();
  await section.locator('[data-changes-status="downloading"]').waitFor();
  await section.getByRole("button", { name: "Cancel" }).click();
  await section.locator('[data-changes-status="cancelled"]').waitFor();
  await section.getByRole("button", { name: "Show what changes" }).waitFor();
  await panel.getByRole("button", { name: "Approve" }).waitFor();
  expect(pageErrors).toEqual([]);
  await context.close();
});

/** The owner-pending run's artifact (ContosoExpenses 1.4.2.0), replaced by one of the emulator's hostile solution zips. */
const OWNER_PENDING_ARTIFACT = "f2000000-0000-4000-8000-000000000012";
const useHostileArtifact = async (variant: "bomb" | "corrupt" | "doctype" | "script") => {
  const res = await fetch(`${suite.pg.url}/__playground/artifacts?artifactId=${OWNER_PENDING_ARTIFACT}&variant=${variant}`, { method: "POST" });
  expect(res.status).toBe(200);
};

test.each([
  ["bomb", "The solution file is too large to compare in the panel."],
  ["corrupt", "The solution file is damaged or not a solution zip."],
  ["doctype", "The solution file declares entities of its own (a DOCTYPE). The panel does not read such files, so nothing was compared."],
] as const)("a %s solution file: the section says so, and the decision and the details keep working", async (variant, message) => {
  await useHostileArtifact(variant);
  const { page, panel, context, pageErrors } = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "owner-pending" } });
  const section = panel.getByRole("region", { name: "What changes in Contoso Production" });
  await section.getByRole("button", { name: "Show what changes" }).click();
  await section.locator('[data-changes-status="failed"]').waitFor({ timeout: 30_000 });
  await section.getByText(message, { exact: true }).waitFor();
  await section.getByText("This is about this deployment's solution file.").waitFor();
  // Retrying cannot mend the file, so no Retry is offered.
  expect(await section.getByRole("button", { name: "Retry" }).count()).toBe(0);
  expect(await section.locator("[data-risk]").count()).toBe(0);
  // The rest of the panel: the details are still shown, and Approve still opens its confirmation.
  expect(await panel.getByRole("region", { name: "Request summary" }).isVisible()).toBe(true);
  const approve = panel.getByRole("button", { name: "Approve" });
  expect(await approve.isEnabled()).toBe(true);
  await approve.click();
  await page.getByRole("dialog").or(page.getByRole("alertdialog")).getByRole("button", { name: "Confirm" }).waitFor();
  await screenshot(page, `changes-${variant}`, section);
  expect(pageErrors).toEqual([]);
  await context.close();
});

test("markup in a solution's names is shown as text: no element made from it, no dialog", async () => {
  await useHostileArtifact("script");
  const { page, panel, context, pageErrors } = await openPanel(suite.browser, suite.pg.url, { params: { scenario: "owner-pending" } });
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const section = panel.getByRole("region", { name: "What changes in Contoso Production" });
  await section.getByRole("button", { name: "Show what changes" }).click();
  await section.locator('[data-changes-status="done"]').waitFor({ timeout: 30_000 });
  // The new role's risk line names it, literally.
  const roleNew = section.locator('[data-risk="roleNew"]');
  expect(await roleNew.textContent()).toContain("<img src=x onerror=alert(1)>");
  await section.getByText("<img src=x onerror=alert(1)>", { exact: false }).first().waitFor();
  expect(await page.locator("img[src='x'], [onerror]").count()).toBe(0);
  expect(dialogs).toEqual([]);
  await panel.getByRole("button", { name: "Approve" }).waitFor();
  expect(pageErrors).toEqual([]);
  await context.close();
});
