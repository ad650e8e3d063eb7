import "@testing-library/jest-dom/jest-globals";
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import { configure, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { RELAY_FOLLOW_LIMIT_MS } from "../../ApprovalPanel/hooks/useDecision";
import { IDS, RELAY_TABLE, USERS } from "../support/fixtures";
import { dataverseErrorResponse, webApiError, type Fault, type WebApiCall } from "../support/mockContext";
import {
  actionCalls,
  advance,
  callsTo,
  confirmDialog,
  dialogButton,
  historyPageCalls,
  loadedPanel,
  renderPanel,
  s,
  settle,
  type PanelOptions,
} from "./support";
import { expectNoConsoleErrors } from "../support/panel";

jest.setTimeout(60000);
configure({ asyncUtilTimeout: 5000 });

/** Short enough to test "never answers" with real timers; the control's default is 30 s. */
const TIMEOUT_MS = 150;

// React and Fluent report misuse (state after unmount, updates outside act()) through console.error: any is a failure.
expectNoConsoleErrors();
afterEach(() => {
  jest.useRealTimers();
});

type FaultKind = "401" | "403" | "404" | "500" | "503" | "dropped" | "hang";

/** Rejections shaped like the playground host's webAPI (Xrm.WebApi's fields plus the HTTP status). */
const READ_FAULTS: Record<FaultKind, { fault: Omit<Fault, "method">; text: string }> = {
  "401": {
    fault: { error: webApiError({ code: "0x8004a101", message: "The user is not authenticated.", status: 401 }) },
    text: s("Common_DataError_unauthorized"),
  },
  "403": {
    fault: { error: webApiError({ code: "0x80040220", message: "Principal user is missing prvReaddeploymentstage privilege.", status: 403 }) },
    text: s("Common_DataError_forbidden"),
  },
  "404": { fault: { error: webApiError({ code: "0x80040217", message: "Does Not Exist", status: 404 }) }, text: s("Common_DataError_notFound") },
  "500": { fault: { error: webApiError({ code: "0x80040216", message: "An unexpected error occurred.", status: 500 }) }, text: s("Common_DataError_server") },
  "503": { fault: { error: webApiError({ code: "0x80040216", message: "Service Unavailable", status: 503 }) }, text: s("Common_DataError_server") },
  dropped: { fault: { error: new TypeError("Failed to fetch") }, text: s("Common_DataError_offline") },
  hang: { fault: { hang: true }, text: s("Common_DataError_timeout") },
};
const KINDS = Object.keys(READ_FAULTS) as FaultKind[];

interface ReadTarget {
  name: string;
  options?: PanelOptions;
  method: WebApiCall["method"];
  entity: string;
  /** A second request the same fault hits once (a fallback that would otherwise answer in the first one's place). */
  also?: { method: WebApiCall["method"]; entity: string };
  when?: (call: WebApiCall) => boolean;
  /** Where the message shows, once the fault hit. */
  section: () => Promise<HTMLElement>;
  retryName: string;
  /** The section's own sentence instead of the kind of failure (it does not say why). */
  fixedText?: string;
  /** The section is back to normal. */
  recovered: () => Promise<unknown>;
}

const region = (key: string): HTMLElement => screen.getByRole("region", { name: s(key) });
/** The Fluent MessageBar around a message (its Retry button is inside). */
const messageBar = (inside: HTMLElement): HTMLElement => inside.closest(".fui-MessageBar") as HTMLElement;

const READS: ReadTarget[] = [
  {
    name: "the run",
    method: "retrieveRecord",
    entity: "deploymentstagerun",
    section: async () => messageBar(await screen.findByText(s("Panel_LoadFailed"))),
    retryName: s("Panel_Retry"),
    recovered: () => loadedPanel(),
  },
  {
    // One request reads the user's roles and their teams'; refused (403), the panel asks for the roles by id instead.
    name: "the security roles",
    method: "retrieveRecord",
    entity: "systemuser",
    also: { method: "retrieveMultipleRecords", entity: "role" },
    options: { user: USERS.admin, recordId: IDS.runs.approved },
    section: async () => messageBar(await screen.findByText(s("Load_AdminCheckFailed"))),
    retryName: s("Panel_Retry"),
    fixedText: s("Load_AdminCheckFailed"),
    recovered: () => screen.findByText(s("Outcome_AdminProperties")),
  },
  {
    name: "the run history",
    method: "retrieveMultipleRecords",
    entity: "deploymentstagerun",
    // A history page, not the stage's last deployment (the other run query of wave 2, `$top=1`).
    when: (call) => !(call.options ?? "").includes("&$top=1"),
    section: async () => {
      await loadedPanel();
      await within(region("Section_History")).findByText(s("History_LoadFailed"));
      return region("Section_History");
    },
    retryName: s("Common_Retry"),
    recovered: () => within(region("Section_History")).findAllByRole("row"),
  },
  {
    name: "the stage (no read privilege on stages)",
    method: "retrieveRecord",
    entity: "deploymentstage",
    // Without the expansion the stage is read on its own, which the fault hits.
    options: { missingNavigationProperties: { deploymentstagerun: ["deploymentstageid"] } },
    section: async () => {
      await loadedPanel();
      await within(region("Section_Gate")).findByText(s("Gate_StageUnreadable"));
      return region("Section_Gate");
    },
    retryName: s("Common_Retry"),
    recovered: async () => expect(await within(region("Section_Gate")).findByText(s("Gate_CanDecide"))).toBeInTheDocument(),
  },
  {
    name: "the relay rows (list)",
    method: "retrieveMultipleRecords",
    entity: RELAY_TABLE,
    options: { recordId: IDS.runs.pendingSpn, parameters: { decisionRelayTable: RELAY_TABLE } },
    section: async () => messageBar(await screen.findByText(s("Relay_ListFailed"))),
    retryName: s("Panel_Retry"),
    recovered: async () => {
      await loadedPanel();
      expect(screen.queryByText(s("Relay_ListFailed"))).not.toBeInTheDocument();
    },
  },
];

describe.each(READS)("a fault reading $name: one part degrades with a message and a Retry, nothing retries by itself", (target) => {
  it.each(KINDS)("%s", async (kind) => {
    const { fault, text } = READ_FAULTS[kind];
    const { host } = renderPanel({
      ...target.options,
      timeoutMs: TIMEOUT_MS,
      faults: [
        {
          method: target.method,
          entity: target.entity,
          when: target.when && ((call) => "entity" in call && (target.when as (c: WebApiCall) => boolean)(call)),
          ...fault,
          times: 1,
        },
        ...(target.also ? [{ ...target.also, ...fault, times: 1 }] : []),
      ],
    });
    const section = await target.section();
    expect(within(section).getByText(target.fixedText ?? text)).toBeInTheDocument();
    const count = () => callsTo(host, target.method, target.entity).length;
    const hit = count();
    // Give any hidden retry loop time to show itself.
    await settle(TIMEOUT_MS * 2);
    expect(count()).toBe(hit);
    // The panel around it is still there (except when the run itself failed: there is nothing else to show).
    if (target.entity !== "deploymentstagerun" || target.method !== "retrieveRecord") expect(region("Section_Details")).toBeInTheDocument();

    await userEvent.setup().click(within(section).getByRole("button", { name: target.retryName }));
    await target.recovered();
    expect(count()).toBeGreaterThan(hit);
  });
});

describe("throttling (429 with Retry-After) on reads", () => {
  const throttled = (seconds: number) =>
    webApiError({ code: "0x80072322", message: "Number of requests exceeded the limit.", status: 429, retryAfterSeconds: seconds });

  it("waits as long as the host asks, retries twice, then says the host is busy", async () => {
    jest.useFakeTimers();
    const { host } = renderPanel({ faults: [{ method: "retrieveRecord", entity: "deploymentstagerun", error: throttled(3) }] });
    const reads = () => callsTo(host, "retrieveRecord", "deploymentstagerun").length;
    await advance(0);
    expect(reads()).toBe(1);
    await advance(2999);
    expect(reads()).toBe(1);
    await advance(1);
    expect(reads()).toBe(2);
    await advance(3000);
    expect(reads()).toBe(3);
    expect(await screen.findByText(s("Panel_LoadFailed"))).toBeInTheDocument();
    expect(screen.getByText(s("Common_RetryAfter_other").replace("{0}", "3"), { exact: false })).toBeInTheDocument();
    await advance(600_000);
    expect(reads()).toBe(3);
  });

  it("a Retry-After beyond the panel's limit is not waited for: one call, and the wait is named", async () => {
    const { host } = renderPanel({ faults: [{ method: "retrieveMultipleRecords", entity: "deploymentstagerun", error: throttled(300) }] });
    await loadedPanel();
    const history = region("Section_History");
    await within(history).findByText(s("History_LoadFailed"));
    expect(within(history).getByText(s("Common_RetryAfter_other").replace("{0}", "300"), { exact: false })).toBeInTheDocument();
    expect(historyPageCalls(host)).toHaveLength(1);
  });
});

// ---- the decision's requests -----------------------------------------------------------------------

const ACTION_FAULTS: Record<FaultKind | "429", { fault: Omit<Fault, "method">; reason: string }> = {
  "401": { fault: { response: () => dataverseErrorResponse(401, "0x8004a101", "The user is not authenticated.") }, reason: "noPrivilege" },
  "403": {
    fault: { response: () => dataverseErrorResponse(403, "0x80040220", "Principal user is missing prvWritedeploymentstagerun privilege.") },
    reason: "noPrivilege",
  },
  "404": {
    fault: { response: () => dataverseErrorResponse(404, "0x80060888", "Resource not found for the segment 'UpdateApprovalStatus'.") },
    reason: "unknown",
  },
  "429": {
    fault: { response: () => dataverseErrorResponse(429, "0x80072322", "Number of requests exceeded the limit.", { "Retry-After": "5" }) },
    reason: "throttled",
  },
  "500": { fault: { response: () => dataverseErrorResponse(500, "0x80040216", "An unexpected error occurred.") }, reason: "server" },
  "503": { fault: { response: () => dataverseErrorResponse(503, "0x80040216", "Service Unavailable") }, reason: "server" },
  dropped: { fault: { error: new TypeError("Failed to fetch") }, reason: "offline" },
  hang: { fault: { hang: true }, reason: "timeout" },
};

async function approveWith(comment: string): Promise<void> {
  const user = userEvent.setup();
  await loadedPanel();
  await user.type(screen.getByRole("textbox", { name: s("Decision_CommentLabel") }), comment);
  await user.click(screen.getByRole("button", { name: s("Decision_Approve") }));
  await user.click(dialogButton(await confirmDialog(), s("Confirm_Confirm")));
}

async function expectRefusalKeepingComment(reason: string, comment: string): Promise<void> {
  await screen.findByText(s("Refusal_Title"));
  expect(screen.getByText(s(`Refusal_${reason}`))).toBeInTheDocument();
  expect(screen.getByRole("textbox", { name: s("Decision_CommentLabel") })).toHaveValue(comment);
  // The user can try again: Approve is enabled.
  expect(screen.getByRole("button", { name: s("Decision_Approve") })).not.toHaveAttribute("aria-disabled", "true");
}

describe("a fault on UpdateApprovalStatus: the refusal says why, keeps the comment, and nothing is resent", () => {
  it.each(Object.keys(ACTION_FAULTS) as Array<keyof typeof ACTION_FAULTS>)("%s", async (kind) => {
    const { fault, reason } = ACTION_FAULTS[kind];
    const { host } = renderPanel({ timeoutMs: TIMEOUT_MS, faults: [{ method: "fetch", ...fault }] });
    await approveWith("kept");
    await expectRefusalKeepingComment(reason, "kept");
    await settle(TIMEOUT_MS * 2);
    expect(actionCalls(host)).toHaveLength(1);
    if (kind === "hang") expect(actionCalls(host)[0].signal?.aborted).toBe(true);
  });
});

describe("a fault on the re-read before sending: nothing is sent", () => {
  const rereadFault = (kind: FaultKind): Fault => ({
    method: "retrieveRecord",
    entity: "deploymentstagerun",
    when: (call) => "options" in call && (call.options ?? "").startsWith("?$select="),
    ...READ_FAULTS[kind].fault,
  });
  const expected: Record<FaultKind, string> = {
    "401": "noPrivilege",
    "403": "noPrivilege",
    "404": "unknown",
    "500": "server",
    "503": "server",
    dropped: "offline",
    hang: "timeout",
  };
  it.each(KINDS)("%s", async (kind) => {
    const { host } = renderPanel({ timeoutMs: TIMEOUT_MS, faults: [rereadFault(kind)] });
    await approveWith("kept");
    await expectRefusalKeepingComment(expected[kind], "kept");
    await settle(TIMEOUT_MS * 2);
    expect(actionCalls(host)).toHaveLength(0);
    expect(callsTo(host, "retrieveRecord", "deploymentstagerun").filter((c) => (c.options ?? "").startsWith("?$select="))).toHaveLength(1);
  });
});

describe("the relay route", () => {
  const relayOptions: PanelOptions = { recordId: IDS.runs.pendingSpn, parameters: { decisionRelayTable: RELAY_TABLE }, timeoutMs: TIMEOUT_MS };

  it.each(KINDS)("a %s when recording the relay row: refused, comment kept, no second row", async (kind) => {
    const expected: Record<FaultKind, string> = {
      "401": "noPrivilege",
      "403": "noPrivilege",
      "404": "unknown",
      "500": "server",
      "503": "server",
      dropped: "offline",
      hang: "timeout",
    };
    const { host } = renderPanel({ ...relayOptions, faults: [{ method: "createRecord", entity: RELAY_TABLE, ...READ_FAULTS[kind].fault }] });
    await approveWith("via relay");
    await expectRefusalKeepingComment(expected[kind], "via relay");
    await settle(TIMEOUT_MS * 2);
    expect(callsTo(host, "createRecord", RELAY_TABLE)).toHaveLength(1);
    expect(actionCalls(host)).toHaveLength(0);
  });

  it("reading the relay row keeps failing: polling stops at the time limit with a way to check again", async () => {
    jest.useFakeTimers();
    const { host } = renderPanel({
      recordId: IDS.runs.pendingSpn,
      parameters: { decisionRelayTable: RELAY_TABLE },
      faults: [{ method: "retrieveRecord", entity: RELAY_TABLE, ...READ_FAULTS["503"].fault }],
    });
    const user = userEvent.setup({ advanceTimers: (ms) => jest.advanceTimersByTime(ms) });
    await loadedPanel();
    await user.type(screen.getByRole("textbox", { name: s("Decision_CommentLabel") }), "x");
    await user.click(screen.getByRole("button", { name: s("Decision_Approve") }));
    await user.click(dialogButton(await confirmDialog(), s("Confirm_Confirm")));
    await screen.findByText(s("Relay_Recorded"));
    // Each step lets one poll run (the next one is scheduled after its answer); 20 steps of 15 s pass the limit.
    for (let i = 0; i < 20 && screen.queryByRole("button", { name: s("Relay_CheckAgain") }) === null; i++) await advance(15_000);
    expect(RELAY_FOLLOW_LIMIT_MS).toBeLessThan(20 * 15_000);
    expect(screen.getByRole("button", { name: s("Relay_CheckAgain") })).toBeInTheDocument();
    const reads = callsTo(host, "retrieveRecord", RELAY_TABLE).length;
    expect(reads).toBe(15);
    await advance(600_000);
    expect(callsTo(host, "retrieveRecord", RELAY_TABLE)).toHaveLength(reads);
    expect(callsTo(host, "createRecord", RELAY_TABLE)).toHaveLength(1);
  });
});
