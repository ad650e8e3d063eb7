// The PCF context this form hands the control: the shared implementation (fakehost/xrmContext.js) with the
// playground's user, strings, formatting, form properties and navigation.
import { formRecordId, openRecord, openRequest, render } from "./lifecycle.js";
import { bare, client, LANGUAGES, notice, REQUEST_TABLE, RELAY_TABLE, RUN_TABLE, state, xrmContext } from "./state.js";

function currentUser() {
  return state.config.users.find((u) => u.id === state.userId) ?? state.config.users[0];
}
function locale() {
  return LANGUAGES[state.lang]?.[0] ?? "en-US";
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
export const formatting = {
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
  formatLanguage: (/** @type {number} */ lcid) => LANGUAGES[lcid]?.[0] ?? String(lcid),
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
      out[p.name] = xrmContext.propertyOf(p.type, value || null, {
        attributes: onRequest
          ? { LogicalName: "apnl_stagerunid", DisplayName: "Stage Run Id", MaxLength: 36 }
          : { LogicalName: "name", DisplayName: "Name", MaxLength: 400 },
        security: { editable: true, readable: true, secure: false },
      });
      continue;
    }
    let raw = p.defaultValue ?? null;
    if (p.name === "decisionRelayTable") raw = state.relay ? RELAY_TABLE : null;
    if (p.name === "allowSelfApproval") raw = state.selfApproval ? "yes" : "no";
    if (p.type && p.type.startsWith("Whole") && raw !== null) raw = Number(raw);
    out[p.name] = xrmContext.propertyOf(p.type, raw);
  }
  return out;
}

/** Measures the container (a forced layout): only at mount and on a width change from the toolbar. */
export function allocatedWidth() {
  return state.container ? Math.round(state.container.getBoundingClientRect().width) : state.width;
}

/** @param {string[]} updatedProperties */
export function createContext(updatedProperties) {
  const user = currentUser();
  const w = /** @type {any} */ (window);
  const strings = state.strings.get(state.lang) ?? state.strings.get(1033) ?? new Map();
  const notAvailable = () => Promise.reject(new Error("not available"));
  return xrmContext.createPcfContext({
    parameters: parameters(),
    updatedProperties,
    webAPI: client.webAPI,
    user: { id: String(user.id), name: user.name, securityRoles: user.roleIds },
    languageId: state.lang,
    isRTL: Boolean(LANGUAGES[state.lang]?.[1]),
    getString: (key) => strings.get(key) ?? state.strings.get(1033)?.get(key) ?? key,
    formatting,
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
    getEntityMetadata: client.getEntityMetadata,
    lookupObjects: () => Promise.reject(new Error("lookupObjects is not available in the playground")),
    mode: {
      // The width last measured, as a real host passes a number it tracks; measuring here on every updateView forced a
      // layout in the middle of the panel's own rendering.
      allocatedWidth: state.lastWidth,
      label: "Approval Panel",
      contextInfo: { entityId: formRecordId(), entityTypeName: state.form.table, entityRecordName: state.recordName },
      trackContainerResize: (value) => {
        state.trackResize = value;
      },
    },
    page: {
      entityId: formRecordId(),
      entityTypeName: state.form.table,
      isPageReadOnly: false,
      appId: "0c000000-0000-4000-8000-000000000001",
      getClientUrl: () => location.origin,
    },
    formFactor: () => (state.width <= 480 ? 3 : state.width <= 1024 ? 2 : 1),
    requestRender: () => queueMicrotask(() => render(["requestRender"])),
    unavailable: () => notAvailable,
    fluentDesignLanguage: /** @type {ComponentFramework.FluentDesignState} */ ({
      tokenTheme: state.theme === "dark" ? w.FluentUIReactv940.webDarkTheme : w.FluentUIReactv940.webLightTheme,
      isDarkTheme: state.theme === "dark",
    }),
  });
}
