// The playground's toolbar: scenario, user, host, language, theme, width, form properties, relay flow and faults, kept
// in the page's address; and the request log under it.
import { allocatedWidth } from "./context.js";
import { mountControl, render } from "./lifecycle.js";
import { $, entitySetOf, LANGUAGES, notice, RELAY_TABLE, state } from "./state.js";

export function saveUrl() {
  const p = new URLSearchParams({
    scenario: state.scenario,
    record: state.recordId,
    user: state.userId,
    host: state.host,
    lang: String(state.lang),
    theme: state.theme,
    width: String(state.width),
  });
  if (state.relay) p.set("relay", "1");
  if (state.selfApproval) p.set("selfApproval", "1");
  if (state.relayFlow !== "on") p.set("relayFlow", state.relayFlow);
  if (state.faults !== "none") p.set("faults", state.faults);
  if (state.faultsOnce) p.set("faultsOnce", "1");
  if (state.app) {
    // The app keeps its own place (a view or a record page) beside the session's settings.
    const here = new URLSearchParams(location.search);
    for (const key of ["scenario", "record", "relay"]) p.delete(key);
    p.set("app", "approvals");
    for (const key of ["view", "pagetype", "etn", "id"]) if (here.has(key)) p.set(key, /** @type {string} */ (here.get(key)));
  }
  history.replaceState(null, "", `?${p}`);
}

export function syncToolbar() {
  const scenario = /** @type {HTMLSelectElement} */ ($("pg-scenario"));
  if (state.scenario === "custom" && !scenario.querySelector('option[value="custom"]')) {
    scenario.add(new Option("(record opened from the panel)", "custom"));
  }
  scenario.value = state.scenario;
  /** @type {HTMLSelectElement} */ ($("pg-user")).value = state.userId;
  /** @type {HTMLSelectElement} */ ($("pg-host")).value = state.host;
  /** @type {HTMLSelectElement} */ ($("pg-lang")).value = String(state.lang);
  /** @type {HTMLSelectElement} */ ($("pg-theme")).value = state.theme;
  /** @type {HTMLSelectElement} */ ($("pg-width")).value = String(state.width);
  /** @type {HTMLSelectElement} */ ($("pg-faults")).value = state.faults;
  /** @type {HTMLInputElement} */ ($("pg-faults-once")).checked = state.faultsOnce;
  /** @type {HTMLInputElement} */ ($("pg-relay")).checked = state.relay;
  /** @type {HTMLInputElement} */ ($("pg-self-approval")).checked = state.selfApproval;
  /** @type {HTMLSelectElement} */ ($("pg-relay-flow")).value = state.relayFlow;
  $("pg-form").dataset.width = String(state.width);
  document.body.classList.toggle("pg-dark", state.theme === "dark");
  $("pg-form").dir = LANGUAGES[state.lang]?.[1] ? "rtl" : "ltr";
}

/** The relay flow's mode → /__playground/relay (the flow runs in the emulated host, not in this page). */
export async function applyRelayFlow() {
  await fetch("/__playground/relay", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ mode: state.relayFlow }) });
}

/** Fault presets of the toolbar → /__playground/faults. "Submit" = the decision: the action and relay rows. */
export async function applyFaults() {
  const [type, scope] = state.faults.split("-");
  /** @type {any[]} */ let faults = [];
  if (state.faults !== "none") {
    const base = { type, once: state.faultsOnce, latencyMs: 3000, retryAfterSeconds: 5 };
    faults =
      scope === "all"
        ? [{ ...base, match: { kind: "all" } }]
        : [
            { ...base, match: { kind: "action", action: "UpdateApprovalStatus" } },
            { ...base, match: { method: "POST", entitySet: entitySetOf(RELAY_TABLE) } },
          ];
  }
  await fetch("/__playground/faults", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ faults }) });
}

export function buildToolbar() {
  const scenario = /** @type {HTMLSelectElement} */ ($("pg-scenario"));
  for (const s of state.config.scenarios) scenario.add(new Option(s.label, s.key));
  const user = /** @type {HTMLSelectElement} */ ($("pg-user"));
  for (const u of state.config.users) user.add(new Option(`${u.name} (${u.roleNames.join(", ")})`, u.id));
  const lang = /** @type {HTMLSelectElement} */ ($("pg-lang"));
  for (const l of state.manifest.languages) lang.add(new Option(`${LANGUAGES[l]?.[0] ?? "?"} (${l})`, String(l)));

  const on = (/** @type {string} */ id, /** @type {(el: any) => void | Promise<void>} */ fn) => $(id).addEventListener("change", (e) => fn(e.target));
  on("pg-scenario", (el) => {
    const s = state.config.scenarios.find((x) => x.key === el.value);
    if (!s) return;
    Object.assign(state, {
      scenario: s.key,
      recordId: s.recordId,
      host: s.host,
      userId: s.user,
      relay: Boolean(s.relay),
      selfApproval: Boolean(s.allowSelfApproval),
    });
    syncToolbar();
    saveUrl();
    return mountControl();
  });
  // A different user or host is a different session: the form opens again (in the app, the whole app does).
  const reopen = () => (state.app ? location.reload() : mountControl());
  on("pg-user", (el) => ((state.userId = el.value), saveUrl(), reopen()));
  on("pg-host", (el) => ((state.host = el.value), saveUrl(), reopen()));
  on("pg-lang", (el) => ((state.lang = Number(el.value)), syncToolbar(), saveUrl(), reopen()));
  // Theme, width and form properties change while the form stays open: updateView with the new context.
  on("pg-theme", (el) => ((state.theme = el.value), syncToolbar(), saveUrl(), render(["fluentDesignLanguage"])));
  on("pg-width", (el) => {
    state.width = Number(el.value);
    syncToolbar();
    saveUrl();
    state.lastWidth = allocatedWidth();
    render(["layout"]);
  });
  on("pg-relay", (el) => ((state.relay = el.checked), saveUrl(), render(["decisionRelayTable"])));
  on("pg-self-approval", (el) => ((state.selfApproval = el.checked), saveUrl(), render(["allowSelfApproval"])));
  on(
    "pg-relay-flow",
    async (el) => ((state.relayFlow = el.value), saveUrl(), await applyRelayFlow(), notice(`Relay flow: ${el.options[el.selectedIndex].text}`)),
  );
  on("pg-faults", async (el) => ((state.faults = el.value), saveUrl(), await applyFaults(), notice(`Faults: ${el.options[el.selectedIndex].text}`)));
  on("pg-faults-once", async (el) => ((state.faultsOnce = el.checked), saveUrl(), await applyFaults()));
  $("pg-reload").addEventListener("click", () => mountControl());
  $("pg-reset").addEventListener("click", async () => {
    await fetch("/__playground/reset", { method: "POST" });
    if (state.app) return location.reload();
    state.faults = "none";
    state.relayFlow = "on";
    syncToolbar();
    saveUrl();
    notice("Data reset to the seed.");
    await mountControl();
  });
}

export async function refreshRequests() {
  const details = /** @type {HTMLDetailsElement} */ ($("pg-requests"));
  if (!details.open) return;
  const res = await fetch("/__playground/log?kind=api");
  const actions = await fetch("/__playground/log?kind=action");
  const entries = [...(await res.json()).entries, ...(await actions.json()).entries].sort((a, b) => b.seq - a.seq).slice(0, 40);
  $("pg-requests-body").replaceChildren(
    ...entries.map((e) => {
      const tr = document.createElement("tr");
      for (const v of [e.seq, e.method, decodeURIComponent(e.path), e.status || "dropped", e.body ? JSON.stringify(e.body) : ""]) {
        const td = document.createElement("td");
        td.textContent = String(v);
        tr.appendChild(td);
      }
      return tr;
    }),
  );
}
