/**
 * What changes, deeper, in the production bundle against the playground: what changed inside a role and a plug-in step,
 * whether approving deletes anything (read first), and the report for the audit, downloaded and copied, against what the
 * section shows. The role and step pair is the playground's 1.4.1.0 solution with a step added, then changed (see
 * deepPair below), served for the owner-pending run's two artifacts. Screenshots land in out/screenshots/.
 */
import * as fs from "fs";
import * as path from "path";
import { strToU8, zipSync } from "fflate";
import type { Page } from "playwright-core";
import { openPanel, screenshot } from "./helpers/browser";
import { ROOT } from "./helpers/playground";
import { playgroundSuite } from "./helpers/suite";

jest.setTimeout(90_000);

const suite = playgroundSuite();

/** The owner-pending run (ContosoExpenses 1.4.2.0) and the run last deployed to its stage (1.4.1.0): their artifacts. */
const CURRENT_ARTIFACT = "f2000000-0000-4000-8000-000000000012";
const BASELINE_ARTIFACT = "f2000000-0000-4000-8000-000000000011";
const FOLDER = path.join(ROOT, "playground", "artifacts", "ContosoExpenses", "1.4.1.0");

function filesOf(dir: string, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isDirectory()) Object.assign(out, filesOf(full, `${prefix}${name}/`));
    else out[`${prefix}${name}`] = fs.readFileSync(full, "utf8");
  }
  return out;
}

/** text with `from` replaced by `to`, failing loudly when the playground's solution no longer has `from`. */
function replaced(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`The playground's 1.4.1.0 solution no longer has ${from}`);
  return text.replace(from, to);
}

const step = (mode: number, filtering: string) => `
  <SdkMessageProcessingSteps>
    <SdkMessageProcessingStep Name="Contoso.Expenses.Plugins.CheckLimit: Update of contoso_expense" SdkMessageProcessingStepId="{8d2e4f60-1a3b-4c5d-9e7f-0a1b2c3d4e5f}">
      <SdkMessageId>{20bebb1b-ea3e-db11-86a7-000a3a5473e8}</SdkMessageId>
      <PluginTypeName>Contoso.Expenses.Plugins.CheckLimit, ContosoExpensesPlugins, Version=1.0.0.0, Culture=neutral, PublicKeyToken=9f3c2a1b7e6d5c4a</PluginTypeName>
      <PrimaryEntity>contoso_expense</PrimaryEntity>
      <AsyncAutoDelete>0</AsyncAutoDelete>
      <FilteringAttributes>${filtering}</FilteringAttributes>
      <InvocationSource>0</InvocationSource>
      <Mode>${mode}</Mode>
      <Rank>1</Rank>
      <Stage>40</Stage>
      <SupportedDeployment>0</SupportedDeployment>
    </SdkMessageProcessingStep>
  </SdkMessageProcessingSteps>
</ImportExportXml>`;

/**
 * Baseline: 1.4.1.0 with a synchronous post-operation step on Update of Expense, filtered on the amount. Current: the
 * same step switched to asynchronous and filtered on the cost center too; the role Expense Approver reads expenses
 * organization-wide (was business unit) and expense categories only in its business unit (was organization-wide).
 */
function deepPair(): { baseline: Uint8Array; current: Uint8Array } {
  const files = filesOf(FOLDER);
  const zip = (entries: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(entries).map(([name, text]) => [name, strToU8(text)])));
  const baseline = { ...files, "customizations.xml": replaced(files["customizations.xml"], "</ImportExportXml>", step(0, "contoso_amount")) };
  let customizations = replaced(files["customizations.xml"], "</ImportExportXml>", step(1, "contoso_amount,contoso_costcenter"));
  customizations = replaced(
    customizations,
    '<RolePrivilege name="prvReadcontoso_expense" level="Local" />',
    '<RolePrivilege name="prvReadcontoso_expense" level="Global" />',
  );
  customizations = replaced(
    customizations,
    '<RolePrivilege name="prvReadcontoso_expensecategory" level="Global" />',
    '<RolePrivilege name="prvReadcontoso_expensecategory" level="Local" />',
  );
  const current = {
    ...files,
    "customizations.xml": customizations,
    "solution.xml": replaced(files["solution.xml"], "<Version>1.4.1.0</Version>", "<Version>1.4.2.0</Version>"),
  };
  return { baseline: zip(baseline), current: zip(current) };
}

/** Answers the two artifacts' downloads with these bytes, as the Web API answers a Range read (206, Content-Range). */
async function serveArtifacts(page: Page, bytes: Record<string, Uint8Array>): Promise<void> {
  await page.route(/\/deploymentartifacts\(([0-9a-f-]+)\)\/artifactfile\/\$value/, async (route) => {
    const id = /deploymentartifacts\(([0-9a-f-]+)\)/.exec(route.request().url())?.[1] ?? "";
    const body = bytes[id];
    if (body === undefined) return route.continue();
    const range = /bytes=(\d+)-(\d*)/.exec((await route.request().allHeaders()).range ?? "");
    const start = range ? Number(range[1]) : 0;
    const end = range && range[2] !== "" ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
    await route.fulfill({
      status: range ? 206 : 200,
      headers: {
        "Content-Type": "application/octet-stream",
        "x-ms-file-size": String(body.length),
        "x-ms-file-name": `ContosoExpenses_${id}.zip`,
        ...(range ? { "Content-Range": `bytes ${start}-${end}/${body.length}`, "x-ms-chunk-size": "4194304" } : {}),
      },
      body: Buffer.from(body.subarray(start, end + 1)),
    });
  });
}

async function openDeepPair(viewportWidth?: number) {
  const opened = await openPanel(suite.browser, suite.pg.url, {
    params: { scenario: "owner-pending" },
    ...(viewportWidth ? { viewportWidth, viewportHeight: 800 } : {}),
  });
  const { baseline, current } = deepPair();
  await serveArtifacts(opened.page, { [CURRENT_ARTIFACT]: current, [BASELINE_ARTIFACT]: baseline });
  const section = opened.panel.getByRole("region", { name: "What changes in Contoso Production" });
  await section.getByRole("button", { name: "Show what changes" }).click();
  await section.locator('[data-changes-status="done"]').waitFor({ timeout: 30_000 });
  return { ...opened, section };
}

test("a changed role shows the privilege it raises and the one it lowers, with the depth before and after", async () => {
  const { page, section, context, pageErrors } = await openDeepPair(1280);
  // Nothing was removed: the upgrade only adds or changes, and that is said first.
  expect(await section.locator("[data-impact]").getAttribute("data-impact")).toBe("additive");
  await section.locator('[data-kind="roles"] > summary').click();
  const role = section.locator('[data-kind="roles"] [data-component="4d2f9b63-8e5c-4a2b-8f37-6c9e1d8a5b42"]');
  const text = (await role.textContent()) ?? "";
  expect(text).toContain("prvReadcontoso_expense");
  expect(text).toContain("prvReadcontoso_expensecategory");
  // Raised from business unit to organization; lowered from organization to business unit: both are there, each once.
  const raised = role.locator("li", { hasText: /prvReadcontoso_expense(?!category)/ });
  const lowered = role.locator("li", { hasText: "prvReadcontoso_expensecategory" });
  expect(await raised.first().textContent()).toMatch(/Business unit.*Organization/);
  expect(await lowered.first().textContent()).toMatch(/Organization.*Business unit/);
  // The raise makes the role a risk line, which says what it gains first and what it loses after.
  const risk = (await section.locator('[data-risk="rolePrivilegesRaised"]').textContent()) ?? "";
  expect(risk).toMatch(
    /prvReadcontoso_expense raised from Business unit to Organization.*prvReadcontoso_expensecategory lowered from Organization to Business unit/,
  );
  await screenshot(page, "changes-deep-role", section);
  expect(pageErrors).toEqual([]);
  await context.close();
});

test("a changed step shows its switch to asynchronous and its new filtering attribute; side by side marks the lines", async () => {
  const { page, section, context, pageErrors } = await openDeepPair(1280);
  await section.locator('[data-kind="pluginSteps"] > summary').click();
  const stepItem = section.locator('[data-kind="pluginSteps"] [data-component="8d2e4f60-1a3b-4c5d-9e7f-0a1b2c3d4e5f"]');
  const text = (await stepItem.textContent()) ?? "";
  expect(text).toMatch(/synchronous.*asynchronous/);
  expect(text).toContain("contoso_costcenter");
  // Side by side is computed only when asked, and marks what differs in words as well as colour.
  expect(await stepItem.locator("table").count()).toBe(0);
  await stepItem.getByRole("button", { name: /side by side/ }).click();
  const table = stepItem.locator("table");
  await table.waitFor();
  expect(await table.locator("th").allTextContents()).toEqual(["Before (1.4.1.0)", "After (1.4.2.0)"]);
  expect(await table.locator("tr[data-differs]").count()).toBeGreaterThan(0);
  expect(await table.locator('tr[data-differs] [role="img"]').first().getAttribute("aria-label")).toMatch(/differs/);
  await screenshot(page, "changes-deep-step", section);
  expect(pageErrors).toEqual([]);
  await context.close();
});

test("a managed solution that removes a column: the first thing said is that approving deletes it, with its table", async () => {
  const { page, panel, context, pageErrors } = await openPanel(suite.browser, suite.pg.url, {
    params: { scenario: "double-encoded" },
    viewportWidth: 1280,
    viewportHeight: 800,
  });
  const section = panel.getByRole("region", { name: "What changes in Contoso Production" });
  await section.getByRole("button", { name: "Show what changes" }).click();
  await section.locator('[data-changes-status="done"]').waitFor({ timeout: 30_000 });
  const impact = section.locator("[data-impact]");
  expect(await impact.getAttribute("data-impact")).toBe("deletes");
  const sentence = (await impact.textContent()) ?? "";
  expect(sentence).toMatch(/^Not additive: this is a managed solution, so approving deletes from Contoso Production/);
  expect(sentence).toContain("Columns (1): Legacy Code in contoso_expense");
  // Read first: before the baseline line and the risks.
  const order = await section
    .locator("[data-impact], [data-risk]")
    .evaluateAll((nodes) => nodes.map((n) => (n.hasAttribute("data-impact") ? "impact" : "risk")));
  expect(order[0]).toBe("impact");
  await screenshot(page, "changes-deep-1280", section);
  expect(pageErrors).toEqual([]);
  await context.close();
});

test("the report downloads and copies the comparison as shown: the sentence, the risks, the baseline and the fingerprint", async () => {
  const { page, panel, context, pageErrors } = await openPanel(suite.browser, suite.pg.url, {
    params: { scenario: "double-encoded" },
    viewportWidth: 375,
    viewportHeight: 800,
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: suite.pg.url });
  const section = panel.getByRole("region", { name: "What changes in Contoso Production" });
  await section.getByRole("button", { name: "Show what changes" }).click();
  await section.locator('[data-changes-status="done"]').waitFor({ timeout: 30_000 });
  const shown = {
    impact: ((await section.locator("[data-impact]").textContent()) ?? "").trim(),
    baseline: ((await section.getByText("Compared with 1.4.1.0", { exact: false }).textContent()) ?? "").trim(),
    risks: await section.locator("[data-risk-text]").allTextContents(),
    kinds: await section.locator("[data-kind] > summary").allTextContents(),
  };
  expect(shown.risks.length).toBeGreaterThan(0);

  const [download] = await Promise.all([page.waitForEvent("download"), section.getByRole("button", { name: "Download report" }).click()]);
  expect(download.suggestedFilename()).toBe("What changes ContosoExpenses 1.4.2.2.html");
  const html = fs.readFileSync((await download.path()) as string, "utf8");
  const text = html.replace(/<[^>]+>/g, "\n").replace(/&#(\d+);/g, (_m, c: string) => String.fromCharCode(Number(c)));
  for (const line of [shown.impact, shown.baseline, ...shown.risks, ...shown.kinds]) expect(text).toContain(line);
  expect(text).toMatch(/Review fingerprint: sha256:[0-9a-f]{64}/);
  expect(html).not.toMatch(/<script/i);

  await section.getByRole("button", { name: "Copy as text" }).click();
  await section.getByText("The report was copied as text.").waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  for (const line of [shown.impact, shown.baseline, ...shown.risks, ...shown.kinds]) expect(copied).toContain(line);
  expect(copied.match(/sha256:[0-9a-f]{64}/)?.[0]).toBe(text.match(/sha256:[0-9a-f]{64}/)?.[0]);
  await screenshot(page, "changes-deep-375", section);
  expect(pageErrors).toEqual([]);
  await context.close();
});
