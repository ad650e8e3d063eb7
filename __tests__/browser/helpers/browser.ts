/**
 * Chromium (Debian's, never a downloaded one) driving the playground page, plus axe-core and screenshots.
 */
import * as fs from "fs";
import * as path from "path";
import { Browser, BrowserContext, Locator, Page, chromium } from "playwright-core";
import { chromiumLaunchOptions } from "../../../scripts/lib/chromium.cjs";
import { ROOT } from "./playground";

export const SCREENSHOTS = path.join(ROOT, "out", "screenshots");

/** chromium.launch() already gives each browser a fresh temporary profile (user-data-dir). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}

export interface OpenOptions {
  /** Query of the playground page: scenario, user, host, theme, width, relay, faults … */
  params?: Record<string, string>;
  viewportWidth?: number;
  viewportHeight?: number;
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** The control's container on the form. */
  panel: Locator;
  /** Errors thrown in the page (uncaught exceptions). */
  pageErrors: Error[];
}

/** Opens the playground like a person opening the run form, and waits until the panel has loaded. */
export async function openPanel(browser: Browser, baseUrl: string, options: OpenOptions = {}): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: options.viewportWidth ?? 1300, height: options.viewportHeight ?? 1000 } });
  const page = await context.newPage();
  const pageErrors: Error[] = [];
  page.on("pageerror", (e) => pageErrors.push(e));
  await page.goto(`${baseUrl}/?${new URLSearchParams(options.params ?? {})}`);
  await page.waitForFunction(() => document.body.dataset.playgroundReady !== undefined, null, { timeout: 30_000 });
  const ready = await page.evaluate(() => document.body.dataset.playgroundReady);
  if (ready !== "true") throw new Error(`The playground page did not start: ${await page.locator("#pg-notice").textContent()}`);
  const panel = page.locator("#pg-panel");
  await waitForPanel(panel);
  return { context, page, panel, pageErrors };
}

/** The panel has read the run (its live region says so) and the run history has finished loading. */
export async function waitForPanel(panel: Locator): Promise<void> {
  await panel.getByText("Deployment details loaded.").waitFor({ timeout: 30_000 });
  const history = panel.getByRole("region", { name: "Run history" });
  await history.waitFor({ timeout: 30_000 });
  await history.getByText("Loading runs…").waitFor({ state: "detached", timeout: 30_000 });
}

/** axe-core's violations inside the panel container. */
export async function axeViolations(page: Page): Promise<Array<{ id: string; impact: string | null; help: string; nodes: string[] }>> {
  await page.addScriptTag({ path: path.join(ROOT, "node_modules", "axe-core", "axe.min.js") });
  // No async/await inside evaluate: ts-jest compiles it to a helper (__awaiter) the page does not have.
  return page.evaluate(() => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- axe is injected into the page as a global
    const axe = (window as any).axe;
    return axe
      .run(document.getElementById("pg-panel"), { resultTypes: ["violations"] })
      .then((result: { violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }> }) =>
        result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) })),
      );
  });
}

/** Saves out/screenshots/<name>.png of the form (toolbar excluded). */
/** The host form (or only `part` of it, e.g. one section) as out/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string, part?: Locator): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await (part ?? page.locator("#pg-form")).screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}
