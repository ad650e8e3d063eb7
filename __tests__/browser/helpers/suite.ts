import * as fs from "fs";
import type { Browser } from "playwright-core";
import { launchBrowser } from "./browser";
import { type Playground, snapshotControl, startPlayground } from "./playground";

export interface PlaygroundSuite {
  /** The playground on a free port, serving a private copy of the built control (set in beforeAll). */
  readonly pg: Playground;
  readonly browser: Browser;
}

/**
 * One playground and one Chromium for a test file: started before its tests (the control copied first, so a rebuild
 * emptying out/ mid-run cannot break them), the emulator's data and faults reset before each test, all stopped after.
 */
export function playgroundSuite(): PlaygroundSuite {
  let pg: Playground | undefined;
  let browser: Browser | undefined;
  let controlDir: string | undefined;
  beforeAll(async () => {
    controlDir = snapshotControl();
    [pg, browser] = await Promise.all([startPlayground(["--control-dir", controlDir]), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await pg?.close();
    if (controlDir) fs.rmSync(controlDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await pg?.reset();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The ${what} is not started: use it inside a test.`);
    return value;
  };
  return {
    get pg() {
      return started(pg, "playground");
    },
    get browser() {
      return started(browser, "browser");
    },
  };
}
