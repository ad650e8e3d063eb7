// The control's lifecycle as a form runs it (init, updateView, destroy), and the form's own read of its record.
import { allocatedWidth, createContext, formatting } from "./context.js";
import { syncToolbar, saveUrl } from "./toolbar.js";
import { $, client, entitySetOf, notice, REQUEST_TABLE, RUN_TABLE, state } from "./state.js";

export function unmountControl() {
  const w = /** @type {any} */ (window);
  if (state.instance && state.container) {
    w.ReactDOM.unmountComponentAtNode(state.container);
    try {
      state.instance.destroy();
    } catch (e) {
      console.error("destroy() threw", e);
    }
  }
  state.resizeObserver?.disconnect();
  state.instance = null;
  state.trackResize = false;
  if (state.container) state.container.remove();
  state.container = null;
}

/** Like a form opening: destroy the old instance, init a new one, first updateView. */
export async function mountControl() {
  unmountControl();
  // In the app with no row open there is no form (a list is shown).
  if (state.form.table === REQUEST_TABLE && state.form.requestId === "") return;
  setCookies();
  await loadRecordName();
  const host = $("pg-control");
  const container = document.createElement("div");
  container.id = "pg-panel";
  container.className = "pg-panel";
  host.appendChild(container);
  state.container = container;
  state.instance = new state.ctor();
  state.lastWidth = allocatedWidth();
  // A real form has formatted its own dates before the control starts: the first formatter of a locale (its data
  // loaded on first use) is the host's cost, not the panel's.
  formatting.formatTime(new Date(0));
  const context = createContext([]);
  state.instance.init(context, notifyOutputChanged, {}, container);
  renderWith(context);
  state.resizeObserver = new ResizeObserver((entries) => {
    const entry = entries[entries.length - 1];
    // The border box, as getBoundingClientRect measures it at mount (contentRect would leave out padding and re-render once).
    const w = entry?.borderBoxSize?.[0] ? Math.round(entry.borderBoxSize[0].inlineSize) : allocatedWidth();
    if (state.trackResize && w !== state.lastWidth) {
      state.lastWidth = w;
      render(["layout"]);
    }
  });
  state.resizeObserver.observe(container);
  document.body.dataset.playgroundReady = "true";
}

/** @param {string[]} updatedProperties */
export function render(updatedProperties) {
  if (!state.instance) return;
  renderWith(createContext(updatedProperties));
}

/** @param {any} context */
function renderWith(context) {
  const w = /** @type {any} */ (window);
  const element = state.instance.updateView(context);
  w.ReactDOM.render(element, state.container);
}

function notifyOutputChanged() {
  const outputs = state.instance?.getOutputs?.() ?? {};
  notice(`notifyOutputChanged: ${JSON.stringify(outputs)}`);
}

/** The record the form shows: the run on a run form, the request row on the app's request form. */
export const formRecordId = () => (state.form.table === REQUEST_TABLE ? state.form.requestId : state.recordId);

/** The form's own read of the record (for the header and the bound column); marked so logs can tell it apart. */
async function loadRecordName() {
  const onRequest = state.form.table === REQUEST_TABLE;
  $("pg-form-entity").textContent = onRequest ? "Approval Request" : "Deployment Stage Run";
  const asForm = { "X-Playground-Caller": "host-form" };
  try {
    if (onRequest) {
      const path = `${entitySetOf(REQUEST_TABLE)}(${state.form.requestId})?$select=apnl_name,apnl_stagerunid`;
      const { json: body } = await client.request("GET", path, asForm);
      state.recordName = body?.apnl_name ?? "";
      state.form.runId = body?.apnl_stagerunid ?? "";
    } else {
      const { json: body } = await client.request("GET", `deploymentstageruns(${state.recordId})?$select=name`, asForm);
      state.recordName = body?.name ?? "";
    }
  } catch (e) {
    state.recordName = "";
    notice(`The form could not read the record: ${/** @type {any} */ (e).message}`);
  }
  $("pg-record-name").textContent = state.recordName || formRecordId();
}

export function setCookies() {
  document.cookie = `pp_user=${encodeURIComponent(state.userId)}; path=/; SameSite=Lax`;
  document.cookie = `pp_host=${state.host}; path=/; SameSite=Lax`;
}

/** The app's request form for a row (the panel bound to its run id column). @param {string} id */
export async function openRequest(id) {
  state.form = { table: REQUEST_TABLE, requestId: id, runId: "" };
  await mountControl();
}

/** Back to a list in the app: no form, no control. */
export function closeForm() {
  unmountControl();
  state.form = { table: REQUEST_TABLE, requestId: "", runId: "" };
}

/** @param {string} id */
export function openRecord(id) {
  state.form = { table: RUN_TABLE, requestId: "", runId: "" };
  state.recordId = id;
  const match = state.config.scenarios.find((s) => s.recordId === id && s.host === state.host);
  state.scenario = match ? match.key : "custom";
  syncToolbar();
  saveUrl();
  mountControl();
}
