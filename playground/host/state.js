// The host page's state and constants, and its one Web API client (fakehost/xrm.js, which index.html loads as a
// script before the page's modules: the same client the jest tests' PCF context uses).

export const API = "/api/data/v9.2";
export const RELAY_TABLE = "apnl_approvaldecision";
export const RUN_TABLE = "deploymentstagerun";
/** The Deployment Approvals app's table: its form binds the panel to the run id column. */
export const REQUEST_TABLE = "apnl_approvalrequest";
export const CONTROL_NAME = "PipelinesApprovals.ApprovalPanel";

/** LCID → BCP 47 tag and direction, for the languages a resx may exist for. */
export const LANGUAGES = /** @type {Record<number, [string, boolean]>} */ ({
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
});

export const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

export const state = {
  /** @type {{ scenarios: any[], users: any[], entitySets?: Record<string, string> }} */ config: { scenarios: [], users: [] },
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

/** Entity set names from the emulator's schema (/__playground/config), as Xrm.WebApi finds them in metadata. */
export const entitySetOf = (/** @type {string} */ logicalName) => state.config?.entitySets?.[logicalName] ?? `${logicalName}s`;

/** @param {string} id */
export const bare = (id) => String(id).replace(/[{}]/g, "").toLowerCase();

const xrm = /** @type {typeof import("../../fakehost/xrm.js")} */ (/** @type {any} */ (window).FakeHostXrm);
/** @type {typeof import("../../fakehost/xrmContext.js")} */
export const xrmContext = /** @type {any} */ (window).FakeHostXrmContext;

/**
 * The Web API as this page's control reaches it: same origin, with the session's sign-in cookie. Errors carry the
 * playground's extras (status, retryAfterSeconds), and a request with no answer rejects with status 0.
 */
export const client = xrm.createWebApiClient({
  fetch: (input, init) => fetch(input, init),
  clientUrl: "",
  entitySetOf,
  errorsIncludeStatus: true,
  networkErrorsAsWebApiErrors: true,
  credentials: "same-origin",
});

/** @param {string} text */
export function notice(text) {
  $("pg-notice").textContent = text;
}
