/**
 * What this deployment changes, in the production bundle against the playground's seeded artifacts: nothing is
 * downloaded until the approver asks; the risky Contoso Expenses version shows its risks first; a slow download can
 * be cancelled and the rest of the panel keeps working. Screenshots land in out/screenshots/.
 */
import { openPanel, screenshot } from "./helpers/browser";
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
  await section.getByText("Compared with 1.4.1.0", { exact: false }).waitFor();
  const risks = await section.locator("[data-risk]").evaluateAll((items) => items.map((i) => i.getAttribute("data-risk")));
  expect(risks).toEqual(expect.arrayContaining(["columnsRemoved", "rolePrivilegesRaised", "pluginStepAddedOrChanged", "connectorNew"]));
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
