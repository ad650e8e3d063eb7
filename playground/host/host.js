// The playground's stand-in for a model-driven form hosting the control: loads the platform libraries and the
// production bundle, builds the PCF context the control uses, and runs its lifecycle like a form would.
// Plain browser JS (no build step). Talks only to this server: nothing from the internet.

import { startApp } from "./app.js";

const API = "/api/data/v9.2";
const RELAY_TABLE = "apnl_approvaldecision";
const RUN_TABLE = "deploymentstagerun";
/** The Deployment Approvals app's table: its form binds the panel to the run id column. */
const REQUEST_TABLE = "apnl_approvalrequest";
const CONTROL_NAME = "PipelinesApprovals.ApprovalPanel";

/** Logical name → entity set for the tables this host has (real hosts read it from metadata). */
/** Entity set names from the emulator's schema (/__playground/config), as Xrm.WebApi finds them in metadata. */
const entitySetOf = (/** @type {string} */ logicalName) => state.config?.entitySets?.[logicalName] ?? `${logicalName}s`;

/** LCID → BCP 47 tag and direction, for the languages a resx may exist for. */
const LANGUAGES = {
  1025: ["ar-SA", true],
  1031: ["de-DE", false],
  1033: ["en-US", false],
  1036: ["fr-FR", false],
  1037: ["he-IL", true],
  1040: ["it-IT", false],
  1041: ["ja-JP", false],
  1043: ["nl-NL", false],
  1046: ["pt-BR", false],
  3082: ["es-ES", false],
};

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

const state = {
  /** @type {{ scenarios: any[], users: any[] }} */ config: { scenarios: [], users: [] },
  /** @type {{ properties: any[], languages: number[], displayName: string }} */ manifest: { properties: [], languages: [1033], displayName: "" },
  /** @type {Map<number, Map<string,string>>} */ strings: new Map(),
  /** @type {any} */ ctor: null,
  /** @type {any} */ instance: null,
  /** @type {HTMLElement | null} */ container: null,
  scenario: "owner-pending",
  /** The Deployment Approvals app (/?app=approvals) instead of a single run form. */
  app: false,
  /**
   * The form the panel sits on: a Deployment Stage Run form (recordId is the run), or the app's Approval Request form
   * (requestId is the row; runId, read from its apnl_stagerunid column, is what the bound property hands the panel).
   * @type {{ table: string, requestId: string, runId: string }}
   */
  form: { table: RUN_TABLE, requestId: "", runId: "" },
  recordId: "",
  recordName: "",
  userId: "",
  host: "current",
  lang: 1033,
  theme: "light",
  width: 1200,
  relay: false,
  /** The form property allowSelfApproval ("yes" when true). */
  selfApproval: false,
  /** The emulated relay flow's mode (see fakehost/flow.cjs). */
  relayFlow: "on",
  faults: "none",
  faultsOnce: false,
  trackResize: false,
  /** @type {ResizeObserver | null} */ resizeObserver: null,
  lastWidth: 0,
};

// ------------------------------------------------------------------ loading

/** @param {string} src */
function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = () => resolve(undefined);
    s.onerror = () => reject(new Error(`Could not load ${src}`));
    document.head.appendChild(s);
  });
}

async function loadPlatform() {
  await loadScript("/node_modules/react/umd/react.production.min.js");
  await loadScript("/node_modules/react-dom/umd/react-dom.production.min.js");
  // pcf-scripts compiles `react` to the global Reactv16. It must be the React instance ReactDOM renders with
  // (a second copy, like pcf-start's react_16_14_0.js, breaks hooks), so alias it.
  const w = /** @type {any} */ (window);
  w.Reactv16 = w.React;
  if (!w.Reactv16) await loadScript("/node_modules/pcf-start/lib/react_16_14_0.js");
  // pcf-start's Fluent 9 platform library: a UMD that reads the globals React and ReactDOM and defines FluentUIReactv940.
  await loadScript("/node_modules/pcf-start/lib/fluent_9_4_0.js");
  w.ComponentFramework = {
    registerControl(/** @type {string} */ name, /** @type {any} */ ctor) {
      if (name === CONTROL_NAME) state.ctor = ctor;
    },
  };
  await loadScript("/control/bundle.js");
  // A classic script's load event fires once it has run: the bench reads this mark against the file's last byte
  // (Resource Timing) to tell the bundle's evaluation at form load from its download.
  performance.mark("playground:bundle-evaluated");
  if (!state.ctor && w.PipelinesApprovals?.ApprovalPanel) state.ctor = w.PipelinesApprovals.ApprovalPanel;
  if (!state.ctor) throw new Error(`The bundle did not register ${CONTROL_NAME}.`);
}

async function loadManifest() {
  const res = await fetch("/control/ControlManifest.xml", { cache: "no-store" });
  if (!res.ok) throw new Error("out/controls/ApprovalPanel/ControlManifest.xml is missing: run npm run build.");
  const xml = new DOMParser().parseFromString(await res.text(), "application/xml");
  const control = xml.querySelector("control");
  const properties = [...xml.querySelectorAll("control > property")].map((p) => ({
    name: p.getAttribute("name"),
    type: p.getAttribute("of-type"),
    usage: p.getAttribute("usage"),
    defaultValue: p.getAttribute("default-value"),
  }));
  const languages = [...xml.querySelectorAll("resources > resx")]
    .map((r) => /\.(\d+)\.resx$/.exec(r.getAttribute("path") ?? "")?.[1])
    .filter(Boolean)
    .map(Number);
  const resxPaths = new Map(
    [...xml.querySelectorAll("resources > resx")].map((r) => [Number(/\.(\d+)\.resx$/.exec(r.getAttribute("path") ?? "")?.[1]), r.getAttribute("path")]),
  );
  state.manifest = { properties, languages: languages.length ? languages : [1033], displayName: control?.getAttribute("display-name-key") ?? "" };
  for (const [lcid, path] of resxPaths) {
    const r = await fetch(`/control/${path}`, { cache: "no-store" });
    if (!r.ok) continue;
    const doc = new DOMParser().parseFromString(await r.text(), "application/xml");
    state.strings.set(
      lcid,
      new Map([...doc.querySelectorAll("root > data")].map((d) => [d.getAttribute("name") ?? "", d.querySelector("value")?.textContent ?? ""])),
    );
  }
}

// ------------------------------------------------------------------ Web API

/** "0x80040217" → 2147746327, like Xrm.WebApi's errorCode. @param {string | undefined} code */
const errorNumber = (code) => (code && /^0x[0-9a-f]+$/i.test(code) ? parseInt(code, 16) >>> 0 : 0);

/**
 * One Web API call. Rejects like Xrm.WebApi: { message, errorCode, code } plus the playground's status and retryAfterSeconds.
 * @param {string} method @param {string} path @param {{ body?: unknown, maxPageSize?: number, caller?: string }} [options]
 */
async function webApiRequest(method, path, options = {}) {
  const prefer = ['odata.include-annotations="*"'];
  if (options.maxPageSize) prefer.unshift(`odata.maxpagesize=${options.maxPageSize}`);
  /** @type {Record<string,string>} */
  const headers = { Accept: "application/json", "OData-MaxVersion": "4.0", "OData-Version": "4.0", Prefer: prefer.join(",") };
  if (options.body !== undefined) headers["Content-Type"] = "application/json; charset=utf-8";
  if (options.caller) headers["X-Playground-Caller"] = options.caller;
  /** @type {Response} */ let res;
  try {
    res = await fetch(path, { method, headers, credentials: "same-origin", body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  } catch (e) {
    // No HTTP answer at all (dropped connection, server down): Xrm.WebApi gives no status either.
    throw { message: `Network error: ${/** @type {Error} */ (e).message}`, errorCode: 0, code: 0, status: 0 };
  }
  const text = await res.text();
  /** @type {any} */ let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    const n = errorNumber(body?.error?.code);
    const retryAfter = Number(res.headers.get("Retry-After"));
    throw {
      message: body?.error?.message ?? `${res.status} ${res.statusText}`,
      errorCode: n,
      code: n,
      status: res.status,
      ...(Number.isFinite(retryAfter) && res.headers.has("Retry-After") ? { retryAfterSeconds: retryAfter } : {}),
    };
  }
  return { body, headers: res.headers };
}

/** @param {string | undefined} options */
const query = (options) => (!options ? "" : options.startsWith("?") ? options : `?${options}`);
/** @param {string} id */
const bare = (id) => String(id).replace(/[{}]/g, "").toLowerCase();

const webAPI = {
  async retrieveRecord(/** @type {string} */ entityType, /** @type {string} */ id, /** @type {string} */ options) {
    const { body } = await webApiRequest("GET", `${API}/${entitySetOf(entityType)}(${bare(id)})${query(options)}`);
    return body;
  },
  async retrieveMultipleRecords(/** @type {string} */ entityType, /** @type {string} */ options, /** @type {number} */ maxPageSize) {
    const { body } = await webApiRequest("GET", `${API}/${entitySetOf(entityType)}${query(options)}`, { maxPageSize });
    return { entities: body?.value ?? [], nextLink: body?.["@odata.nextLink"] };
  },
  async createRecord(/** @type {string} */ entityType, /** @type {any} */ data) {
    const { headers } = await webApiRequest("POST", `${API}/${entitySetOf(entityType)}`, { body: data });
    const id = /\(([0-9a-f-]{36})\)\s*$/i.exec(headers.get("OData-EntityId") ?? "")?.[1] ?? "";
    return { entityType, id };
  },
  async updateRecord(/** @type {string} */ entityType, /** @type {string} */ id, /** @type {any} */ data) {
    await webApiRequest("PATCH", `${API}/${entitySetOf(entityType)}(${bare(id)})`, { body: data });
    return { entityType, id: bare(id) };
  },
  async deleteRecord(/** @type {string} */ entityType, /** @type {string} */ id) {
    await webApiRequest("DELETE", `${API}/${entitySetOf(entityType)}(${bare(id)})`);
    return { entityType, id: bare(id) };
  },
};

/** context.utils.getEntityMetadata: the shape model-driven apps give (Attributes.get(name).attributeDescriptor.OptionSet). */
async function getEntityMetadata(/** @type {string} */ entityName, /** @type {string[] | undefined} */ attributes) {
  const { body } = await webApiRequest("GET", `${API}/EntityDefinitions(LogicalName='${entityName}')`);
  const label = (/** @type {any} */ l) => l?.UserLocalizedLabel?.Label ?? "";
  const wanted = attributes && attributes.length ? new Set(attributes) : null;
  /** @type {Record<string, any>} */ const collection = {};
  for (const a of body.Attributes) {
    if (wanted && !wanted.has(a.LogicalName)) continue;
    /** @type {any[] | undefined} */ let options;
    if (a.OptionSet?.Options) options = a.OptionSet.Options.map((/** @type {any} */ o) => ({ Value: o.Value, Label: label(o.Label), Color: null }));
    if (a.OptionSet?.TrueOption) options = [a.OptionSet.FalseOption, a.OptionSet.TrueOption].map((o) => ({ Value: o.Value, Label: label(o.Label) }));
    const descriptor = {
      LogicalName: a.LogicalName,
      DisplayName: label(a.DisplayName),
      AttributeType: a.AttributeType,
      Targets: a.Targets,
      OptionSet: options,
    };
    collection[a.LogicalName] = {
      ...descriptor,
      attributeDescriptor: descriptor,
      OptionSet: options ? Object.fromEntries(options.map((o) => [o.Value, { Value: o.Value, Label: o.Label }])) : undefined,
    };
  }
  return {
    LogicalName: body.LogicalName,
    EntitySetName: body.EntitySetName,
    PrimaryIdAttribute: body.PrimaryIdAttribute,
    PrimaryNameAttribute: body.PrimaryNameAttribute,
    DisplayName: label(body.DisplayName),
    Attributes: {
      _collection: collection,
      get: (/** @type {string} */ name) => collection[name],
      getAll: () => Object.values(collection),
      getByName: (/** @type {string} */ name) => collection[name],
    },
  };
}

// ------------------------------------------------------------------ context

function currentUser() {
  return state.config.users.find((u) => u.id === state.userId) ?? state.config.users[0];
}
function locale() {
  return /** @type {any} */ (LANGUAGES)[state.lang]?.[0] ?? "en-US";
}

/**
 * Intl formatters, made once per locale and options: a real host does not build one per call, and building them is
 * slow enough (about 0.3 ms each) to show up in the benchmark as the panel's own time.
 * @type {Map<string, Intl.DateTimeFormat | Intl.NumberFormat>}
 */
const FORMATTERS = new Map();
/** @param {"date" | "number"} kind @param {Intl.DateTimeFormatOptions & Intl.NumberFormatOptions} options */
function formatter(kind, options) {
  const key = `${kind}|${locale()}|${JSON.stringify(options)}`;
  let f = FORMATTERS.get(key);
  if (!f) {
    f = kind === "date" ? new Intl.DateTimeFormat(locale(), options) : new Intl.NumberFormat(locale(), options);
    FORMATTERS.set(key, f);
  }
  return f;
}
/** @param {Intl.DateTimeFormatOptions} options @param {Date} d */
const formatDate = (options, d) => /** @type {Intl.DateTimeFormat} */ (formatter("date", { ...options, timeZone: "UTC" })).format(new Date(d));

/** Dates in the user's format. The playground user's time zone is UTC so screenshots stay the same. */
const formatting = {
  formatTime: (/** @type {Date} */ d) => formatDate({ dateStyle: "short", timeStyle: "short" }, d),
  formatDateLong: (/** @type {Date} */ d) => formatDate({ dateStyle: "full" }, d),
  formatDateLongAbbreviated: (/** @type {Date} */ d) => formatDate({ dateStyle: "medium" }, d),
  formatDateShort: (/** @type {Date} */ d, /** @type {boolean} */ includeTime) =>
    formatDate(includeTime ? { dateStyle: "short", timeStyle: "short" } : { dateStyle: "short" }, d),
  formatDateYearMonth: (/** @type {Date} */ d) => formatDate({ year: "numeric", month: "long" }, d),
  formatDateAsFilterStringInUTC: (/** @type {Date} */ d) => new Date(d).toISOString().slice(0, 10),
  formatInteger: (/** @type {number} */ n) => formatter("number", { maximumFractionDigits: 0 }).format(n),
  formatDecimal: (/** @type {number} */ n, /** @type {number} */ p = 2) =>
    formatter("number", { minimumFractionDigits: p, maximumFractionDigits: p }).format(n),
  formatLanguage: (/** @type {number} */ lcid) => /** @type {any} */ (LANGUAGES)[lcid]?.[0] ?? String(lcid),
  formatUserDateTimeToUTC: (/** @type {Date} */ d) => new Date(d).getTime(),
  formatUTCDateTimeToUserDate: (/** @type {number} */ n) => new Date(n),
  getWeekOfYear: () => 1,
};

function parameters() {
  /** @type {Record<string, any>} */ const out = {};
  for (const p of state.manifest.properties) {
    if (p.usage === "bound") {
      // On the run form any text column (Name); on the request form the run id column the panel reads.
      const onRequest = state.form.table === REQUEST_TABLE;
      const value = onRequest ? state.form.runId : state.recordName;
      out[p.name] = {
        raw: value || null,
        formatted: value || "",
        type: p.type,
        error: false,
        errorMessage: "",
        attributes: onRequest
          ? { LogicalName: "apnl_stagerunid", DisplayName: "Stage Run Id", MaxLength: 36 }
          : { LogicalName: "name", DisplayName: "Name", MaxLength: 400 },
        security: { editable: true, readable: true, secure: false },
      };
      continue;
    }
    let raw = p.defaultValue ?? null;
    if (p.name === "decisionRelayTable") raw = state.relay ? RELAY_TABLE : null;
    if (p.name === "allowSelfApproval") raw = state.selfApproval ? "yes" : "no";
    if (p.type && p.type.startsWith("Whole") && raw !== null) raw = Number(raw);
    out[p.name] = { raw, formatted: raw === null ? "" : String(raw), type: p.type, error: false, errorMessage: "" };
  }
  return out;
}

/** Measures the container (a forced layout): only at mount and on a width change from the toolbar. */
function allocatedWidth() {
  return state.container ? Math.round(state.container.getBoundingClientRect().width) : state.width;
}

/** @param {string[]} updatedProperties */
function createContext(updatedProperties) {
  const user = currentUser();
  const w = /** @type {any} */ (window);
  const rtl = Boolean(/** @type {any} */ (LANGUAGES)[state.lang]?.[1]);
  const strings = state.strings.get(state.lang) ?? state.strings.get(1033) ?? new Map();
  return {
    parameters: parameters(),
    updatedProperties,
    webAPI,
    utils: {
      getEntityMetadata,
      hasEntityPrivilege: () => true,
      lookupObjects: () => Promise.reject(new Error("lookupObjects is not available in the playground")),
    },
    userSettings: {
      userId: `{${String(user.id).toUpperCase()}}`,
      userName: user.name,
      languageId: state.lang,
      isRTL: rtl,
      securityRoles: [...user.roleIds],
      timeZoneOffsetMinutes: 0,
      getTimeZoneOffsetMinutes: () => 0,
      dateFormattingInfo: {},
      numberFormattingInfo: {},
    },
    formatting,
    resources: {
      getString: (/** @type {string} */ key) => strings.get(key) ?? state.strings.get(1033)?.get(key) ?? key,
      getResource: (/** @type {string} */ _id, /** @type {Function} */ _ok, /** @type {Function} */ fail) => fail(),
    },
    navigation: {
      openForm: (/** @type {any} */ options, /** @type {Record<string, string> | undefined} */ parameters) => {
        if (options?.entityName === RUN_TABLE && options.entityId) {
          openRecord(bare(options.entityId));
        } else if (options?.entityName === REQUEST_TABLE && options.entityId) {
          void openRequest(bare(options.entityId));
        } else {
          // A new record's form opens with the given columns filled in (an admin's "Set a policy for this stage").
          const filled = parameters ? ` with ${JSON.stringify(parameters)}` : "";
          notice(`openForm: ${options?.entityName ?? "?"} ${options?.entityId ?? "(new)"}${filled} (another form; the playground shows only run forms)`);
        }
        return Promise.resolve({ savedEntityReference: [] });
      },
      openUrl: (/** @type {string} */ url) => notice(`openUrl: ${url}`),
      openWebResource: (/** @type {string} */ name) => notice(`openWebResource: ${name}`),
      openAlertDialog: (/** @type {any} */ s) => (notice(`openAlertDialog: ${s?.text ?? ""}`), Promise.resolve()),
      openConfirmDialog: () => Promise.resolve({ confirmed: window.confirm("Confirm?") }),
      openErrorDialog: (/** @type {any} */ o) => (notice(`openErrorDialog: ${o?.message ?? ""}`), Promise.resolve()),
    },
    fluentDesignLanguage: {
      tokenTheme: state.theme === "dark" ? w.FluentUIReactv940.webDarkTheme : w.FluentUIReactv940.webLightTheme,
      isDarkTheme: state.theme === "dark",
    },
    mode: {
      isControlDisabled: false,
      isVisible: true,
      label: "Approval Panel",
      // The width last measured, as a real host passes a number it tracks; measuring here on every updateView forced a
      // layout in the middle of the panel's own rendering.
      allocatedWidth: state.lastWidth,
      allocatedHeight: -1,
      contextInfo: { entityId: formRecordId(), entityTypeName: state.form.table, entityRecordName: state.recordName },
      trackContainerResize: (/** @type {boolean} */ value) => {
        state.trackResize = value;
      },
      setControlState: () => true,
      setFullScreen: () => undefined,
      setNotification: () => true,
      clearNotification: () => true,
    },
    page: {
      entityId: formRecordId(),
      entityTypeName: state.form.table,
      isPageReadOnly: false,
      appId: "0c000000-0000-4000-8000-000000000001",
      getClientUrl: () => location.origin,
    },
    client: {
      getClient: () => "Web",
      getFormFactor: () => (state.width <= 480 ? 3 : state.width <= 1024 ? 2 : 1),
      isOffline: () => false,
      isNetworkAvailable: () => true,
      disableScroll: false,
    },
    device: {
      captureAudio: () => Promise.reject(new Error("not available")),
      captureImage: () => Promise.reject(new Error("not available")),
      captureVideo: () => Promise.reject(new Error("not available")),
      getBarcodeValue: () => Promise.reject(new Error("not available")),
      getCurrentPosition: () => Promise.reject(new Error("not available")),
      pickFile: () => Promise.reject(new Error("not available")),
    },
    factory: { requestRender: () => queueMicrotask(() => render(["requestRender"])), getPopupService: () => ({}) },
    accessibility: { assignedTabIndex: 0, registerShortcut: () => undefined },
  };
}

// ------------------------------------------------------------------ lifecycle

function unmountControl() {
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
async function mountControl() {
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
function render(updatedProperties) {
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
const formRecordId = () => (state.form.table === REQUEST_TABLE ? state.form.requestId : state.recordId);

/** The form's own read of the record (for the header and the bound column); marked so logs can tell it apart. */
async function loadRecordName() {
  const onRequest = state.form.table === REQUEST_TABLE;
  $("pg-form-entity").textContent = onRequest ? "Approval Request" : "Deployment Stage Run";
  try {
    if (onRequest) {
      const path = `${API}/${entitySetOf(REQUEST_TABLE)}(${state.form.requestId})?$select=apnl_name,apnl_stagerunid`;
      const { body } = await webApiRequest("GET", path, { caller: "host-form" });
      state.recordName = body?.apnl_name ?? "";
      state.form.runId = body?.apnl_stagerunid ?? "";
    } else {
      const { body } = await webApiRequest("GET", `${API}/deploymentstageruns(${state.recordId})?$select=name`, { caller: "host-form" });
      state.recordName = body?.name ?? "";
    }
  } catch (e) {
    state.recordName = "";
    notice(`The form could not read the record: ${/** @type {any} */ (e).message}`);
  }
  $("pg-record-name").textContent = state.recordName || formRecordId();
}

function setCookies() {
  document.cookie = `pp_user=${encodeURIComponent(state.userId)}; path=/; SameSite=Lax`;
  document.cookie = `pp_host=${state.host}; path=/; SameSite=Lax`;
}

/** The app's request form for a row (the panel bound to its run id column). @param {string} id */
async function openRequest(id) {
  state.form = { table: REQUEST_TABLE, requestId: id, runId: "" };
  await mountControl();
}

/** Back to a list in the app: no form, no control. */
function closeForm() {
  unmountControl();
  state.form = { table: REQUEST_TABLE, requestId: "", runId: "" };
}

/** @param {string} id */
function openRecord(id) {
  state.form = { table: RUN_TABLE, requestId: "", runId: "" };
  state.recordId = id;
  const match = state.config.scenarios.find((s) => s.recordId === id && s.host === state.host);
  state.scenario = match ? match.key : "custom";
  syncToolbar();
  saveUrl();
  mountControl();
}

// ------------------------------------------------------------------ toolbar

/** @param {string} text */
function notice(text) {
  $("pg-notice").textContent = text;
}

function saveUrl() {
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

function syncToolbar() {
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
  $("pg-form").dir = /** @type {any} */ (LANGUAGES)[state.lang]?.[1] ? "rtl" : "ltr";
}

/** The relay flow's mode → /__playground/relay (the flow runs in the emulated host, not in this page). */
async function applyRelayFlow() {
  await fetch("/__playground/relay", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ mode: state.relayFlow }) });
}

/** Fault presets of the toolbar → /__playground/faults. "Submit" = the decision: the action and relay rows. */
async function applyFaults() {
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

function buildToolbar() {
  const scenario = /** @type {HTMLSelectElement} */ ($("pg-scenario"));
  for (const s of state.config.scenarios) scenario.add(new Option(s.label, s.key));
  const user = /** @type {HTMLSelectElement} */ ($("pg-user"));
  for (const u of state.config.users) user.add(new Option(`${u.name} (${u.roleNames.join(", ")})`, u.id));
  const lang = /** @type {HTMLSelectElement} */ ($("pg-lang"));
  for (const l of state.manifest.languages) lang.add(new Option(`${/** @type {any} */ (LANGUAGES)[l]?.[0] ?? "?"} (${l})`, String(l)));

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

async function refreshRequests() {
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

// ------------------------------------------------------------------ boot

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
