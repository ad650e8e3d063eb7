"use strict";
// How the tests and the benchmark launch Chromium: the system's (never a downloaded one), headless, with nothing
// running in the background that would reach the network or skew timings.

/** The Chromium binary: CHROMIUM_PATH, else the system's. */
const chromiumPath = () => process.env.CHROMIUM_PATH || "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The options of playwright-core's chromium.launch(). */
const chromiumLaunchOptions = () => ({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS] });

module.exports = { CHROMIUM_ARGS, chromiumPath, chromiumLaunchOptions };
