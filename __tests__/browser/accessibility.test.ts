/**
 * Every approver: keyboard only, right to left in Arabic, both themes, and a phone, in Chromium against the
 * production bundle. axe-core runs on each variant, with the confirmation dialog open too.
 */
import * as fs from "fs";
import * as path from "path";
import { Locator, Page } from "playwright-core";
import { XMLParser } from "fast-xml-parser";
import { axeViolations, screenshot } from "./helpers/browser";
import { playgroundSuite } from "./helpers/suite";
import { ROOT, RUNS } from "./helpers/playground";

jest.setTimeout(120_000);

const suite = playgroundSuite();

/** The strings a person sees in a language, from the resx the control ships. */
function strings(lcid: number): Record<string, string> {
  const xml = fs.readFileSync(path.join(ROOT, "ApprovalPanel", "strings", `ApprovalPanel.${lcid}.resx`), "utf8");
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", parseTagValue: false, trimValues: false }).parse(xml) as {
    root: { data: Array<{ "@name": string; value: string }> };
  };
  return Object.fromEntries(parsed.root.data.map((d) => [d["@name"], String(d.value)]));
}
const EN = strings(1033);
const AR = strings(1025);

interface Opened {
  page: Page;
  panel: Locator;
  close(): Promise<void>;
  pageErrors: Error[];
}

/** Opens the playground in a language and waits until the run and its history are shown (in that language). */
async function open(params: Record<string, string>, text: Record<string, string>, viewportWidth = 1300): Promise<Opened> {
  const context = await suite.browser.newContext({ viewport: { width: viewportWidth, height: 900 } });
  const page = await context.newPage();
  const pageErrors: Error[] = [];
  page.on("pageerror", (e) => pageErrors.push(e));
  await page.goto(`${suite.pg.url}/?${new URLSearchParams(params)}`);
  await page.waitForFunction(() => document.body.dataset.playgroundReady !== undefined, null, { timeout: 30_000 });
  const panel = page.locator("#pg-panel");
  await panel.getByText(text.Load_Done).waitFor({ timeout: 30_000 });
  const history = panel.getByRole("region", { name: text.Section_History });
  await history.waitFor({ timeout: 30_000 });
  await history.getByText(text.History_Loading).waitFor({ state: "detached", timeout: 30_000 });
  return { page, panel, pageErrors, close: () => context.close() };
}

const isFocused = (locator: Locator): Promise<boolean> => locator.evaluate((el) => el === document.activeElement);

/** Presses Tab until the locator has focus; fails after `limit` presses (a control Tab never reaches). */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

async function submits(): Promise<number> {
  return (await suite.pg.log("action")).filter((e) => e.method === "POST" && e.path.startsWith("/api/data/v9.2/UpdateApprovalStatus")).length;
}

test("approve with the keyboard alone: Tab, type, Enter, Tab, Enter; focus ends on the announced status", async () => {
  const { page, panel, close, pageErrors } = await open({ scenario: "owner-pending" }, EN);
  await suite.pg.clearLog();
  // Start where a keyboard user starts: at the top of the page.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await tabTo(page, panel.getByLabel(EN.Decision_CommentLabel));
  await page.keyboard.type("Checked the release notes.");
  await tabTo(page, panel.getByRole("button", { name: EN.Decision_Approve }));
  await page.keyboard.press("Enter");

  const dialog = page.getByRole("alertdialog", { name: EN.Confirm_ApproveTitle });
  await dialog.waitFor();
  // Focus moved into the dialog and stays there (Tab cycles inside it).
  expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  expect(await axeViolations(page)).toEqual([]);
  await tabTo(page, dialog.getByRole("button", { name: EN.Confirm_Confirm }), 6);
  await page.keyboard.press("Enter");
  await dialog.waitFor({ state: "detached" });

  const status = panel.getByRole("status");
  await status.filter({ hasText: EN.Decision_Status_SentApprove }).waitFor();
  expect(await isFocused(status)).toBe(true);
  expect(await submits()).toBe(1);
  expect(pageErrors).toEqual([]);
  await close();
});

test("someone who may not decide reaches the disabled Reject by keyboard and hears why", async () => {
  // Avery is not the owner of this run's stage: the host refuses, whatever the panel lets through.
  const { page, panel, close } = await open({ scenario: "owner-pending-other" }, EN);
  const reject = panel.getByRole("button", { name: EN.Decision_Reject });
  // Blocked runs keep their buttons focusable with the reason attached, so keyboard users learn why.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await tabTo(page, reject);
  expect(await reject.getAttribute("aria-disabled")).toBe("true");
  const describedBy = (await reject.getAttribute("aria-describedby")) ?? "";
  expect(describedBy).not.toBe("");
  expect((await page.locator(`[id="${describedBy}"]`).textContent())?.trim()).not.toBe("");
  await close();
});

const VARIANTS: Array<[string, Record<string, string>, Record<string, string>]> = [
  ["English, dark", { theme: "dark" }, EN],
  ["Arabic, right to left, light", { lang: "1025" }, AR],
  ["Arabic, right to left, dark", { lang: "1025", theme: "dark" }, AR],
];
const AXE_SCENARIOS = ["owner-pending", "approved", "failed-soap", "malformed", "spn-pending-relay"];

test.each(VARIANTS)("axe-core finds nothing in %s, in every scenario and with the dialog open", async (name, variant, text) => {
  for (const scenario of AXE_SCENARIOS) {
    const { page, panel, close, pageErrors } = await open({ scenario, ...variant }, text);
    expect({ scenario, violations: await axeViolations(page) }).toEqual({ scenario, violations: [] });
    if (scenario === "owner-pending") {
      const form = page.locator("#pg-form");
      expect(await form.evaluate((el) => el.querySelector(".fui-FluentProvider")?.getAttribute("dir"))).toBe(variant.lang === "1025" ? "rtl" : "ltr");
      await screenshot(
        page,
        `every-approver-${name
          .replace(/[^a-z]+/gi, "-")
          .replace(/-+$/, "")
          .toLowerCase()}`,
      );
      await panel.getByRole("button", { name: text.Decision_Approve }).click();
      const dialog = page.getByRole("alertdialog", { name: text.Confirm_ApproveTitle });
      await dialog.waitFor();
      expect(await dialog.evaluate((el) => el.closest("[dir]")?.getAttribute("dir"))).toBe(variant.lang === "1025" ? "rtl" : "ltr");
      expect({ scenario: `${scenario} + dialog`, violations: await axeViolations(page) }).toEqual({ scenario: `${scenario} + dialog`, violations: [] });
      await dialog.getByRole("button", { name: text.Confirm_Cancel }).click();
    }
    expect(pageErrors).toEqual([]);
    await close();
  }
});

test("Arabic lays the history out right to left: the first column is at the right", async () => {
  const { panel, close } = await open({ scenario: "owner-pending", lang: "1025" }, AR);
  const history = panel.getByRole("region", { name: AR.Section_History });
  const headers = history.getByRole("columnheader");
  const first = await headers.nth(0).boundingBox();
  const second = await headers.nth(1).boundingBox();
  expect(first && second && first.x > second.x).toBe(true);
  await close();
});

test("a phone (375 px): one column, cards instead of tables, 44 px touch targets, and an approval by tapping", async () => {
  const { page, panel, close, pageErrors } = await open({ scenario: "owner-pending", width: "375" }, EN, 375);
  await suite.pg.clearLog();
  expect(await panel.locator("table").count()).toBe(0);
  // Nothing wider than the phone: no sideways scrolling of the form.
  expect(await panel.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  const small = await panel.evaluate((root) =>
    Array.from(root.querySelectorAll<HTMLElement>("button, .fui-Switch"))
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ text: el.textContent?.trim() ?? el.className, ...el.getBoundingClientRect().toJSON() }))
      .filter((box) => box.height < 44 || box.width < 44),
  );
  expect(small).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, "every-approver-phone");

  await panel.getByLabel(EN.Decision_CommentLabel).fill("Fine on mobile.");
  await panel.getByRole("button", { name: EN.Decision_Approve }).click();
  const dialog = page.getByRole("alertdialog", { name: EN.Confirm_ApproveTitle });
  await dialog.waitFor();
  const confirm = dialog.getByRole("button", { name: EN.Confirm_Confirm });
  // offsetHeight, not boundingBox: the surface scales in while it opens.
  expect(await confirm.evaluate((el) => (el as HTMLElement).offsetHeight)).toBeGreaterThanOrEqual(44);
  await confirm.click();
  await panel.getByRole("status").filter({ hasText: EN.Decision_Status_SentApprove }).waitFor();
  expect(await submits()).toBe(1);
  const run = (await suite.pg.api(`deploymentstageruns(${RUNS.ownerPendingMine})?$select=approvalstatus`)).body as { approvalstatus: number };
  expect(run.approvalstatus).toBe(20);
  expect(pageErrors).toEqual([]);
  await close();
});
