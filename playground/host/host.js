// The playground's stand-in for a model-driven form hosting the control: loads the platform libraries and the
// production bundle, builds the PCF context the control uses, and runs its lifecycle like a form would.
// Plain browser JS (no build step). Talks only to this server: nothing from the internet.

// By concern: state.js (state, constants, the Web API client), loading.js, context.js (the PCF context), lifecycle.js,
// toolbar.js; the Deployment Approvals app's lists are app.js.

import { startApp } from "./app.js";
import { loadManifest, loadPlatform } from "./loading.js";
import { closeForm, mountControl, openRecord, openRequest, render, setCookies } from "./lifecycle.js";
import { applyFaults, applyRelayFlow, buildToolbar, refreshRequests, syncToolbar } from "./toolbar.js";
import { $, notice, REQUEST_TABLE, state } from "./state.js";

async function boot() {
  try {
    const cfg = await fetch("/__playground/config");
    state.config = await cfg.json();
    await loadManifest();
    await loadPlatform();
  } catch (e) {
    notice(`The playground could not start: ${/** @type {Error} */ (e).message}`);
    document.body.dataset.playgroundReady = "error";
    throw e;
  }
  const p = new URLSearchParams(location.search);
  const s = state.config.scenarios.find((x) => x.key === (p.get("scenario") ?? "owner-pending")) ?? state.config.scenarios[0];
  state.scenario = p.get("record") && !p.get("scenario") ? "custom" : s.key;
  state.recordId = (p.get("record") ?? s.recordId).toLowerCase();
  state.userId = (p.get("user") ?? s.user).toLowerCase();
  state.host = p.get("host") ?? s.host;
  state.relay = p.has("relay") ? p.get("relay") === "1" : Boolean(s.relay);
  state.selfApproval = p.has("selfApproval") ? p.get("selfApproval") === "1" : Boolean(s.allowSelfApproval);
  state.relayFlow = ["on", "held", "off", "broken"].includes(p.get("relayFlow") ?? "") ? /** @type {string} */ (p.get("relayFlow")) : "on";
  state.lang = Number(p.get("lang") ?? state.manifest.languages[0] ?? 1033);
  state.theme = p.get("theme") === "dark" ? "dark" : "light";
  state.width = [375, 768, 1200].includes(Number(p.get("width"))) ? Number(p.get("width")) : 1200;
  state.faults = p.get("faults") ?? "none";
  state.faultsOnce = p.get("faultsOnce") === "1";
  buildToolbar();
  syncToolbar();
  if (state.faults !== "none") await applyFaults();
  if (state.relayFlow !== "on") await applyRelayFlow();
  state.app = p.get("app") === "approvals";
  if (state.app) {
    // The Deployment Approvals app: its lists, and the request form when a row is opened.
    setCookies();
    state.form = { table: REQUEST_TABLE, requestId: "", runId: "" };
    state.relay = true;
    await startApp({ openRequest, closeForm, notice });
    document.body.dataset.playgroundReady = "true";
  } else {
    await mountControl();
  }
  setInterval(refreshRequests, 1000);
  $("pg-requests").addEventListener("toggle", refreshRequests);
}

/** For tests and the console: the state and the lifecycle. */
/** @type {any} */ (window).__playground = { state, mountControl, render, openRecord, openRequest };

boot();
