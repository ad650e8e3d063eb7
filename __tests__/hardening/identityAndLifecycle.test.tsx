import "@testing-library/jest-dom/jest-globals";
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import { act, configure, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { APPROVAL_PROPERTIES_JSON, IDS, USERS } from "../support/fixtures";
import { createMockContext, webApiError, type MockHost } from "../support/mockContext";
import { actionCalls, advance, confirmDialog, createControl, dialogButton, loadedPanel, removeGlobalFetch, renderPanel, rootFor, s } from "./support";
import { expectNoConsoleErrors } from "../support/panel";

jest.setTimeout(60000);
configure({ asyncUtilTimeout: 5000 });

// React and Fluent report misuse (state after unmount, updates outside act()) through console.error: any is a failure.
expectNoConsoleErrors();
afterEach(() => {
  removeGlobalFetch();
  jest.useRealTimers();
});

const idForms = (id: string): Array<[string, string]> => [
  ["braces, upper case", `{${id.toUpperCase()}}`],
  ["braces, lower case", `{${id}}`],
  ["no braces, upper case", id.toUpperCase()],
  ["no braces, lower case", id],
];

function withUserId(host: MockHost, userId: string): void {
  (host.raw.userSettings as { userId: string }).userId = userId;
}

describe("the current user's id in any form", () => {
  it.each(idForms(USERS.stageOwner.id))("the stage owner (%s) can decide, and the decision names them in canonical form", async (_form, userId) => {
    const host = createMockContext();
    withUserId(host, userId);
    render(rootFor(host));
    await loadedPanel();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: s("Decision_Approve") }));
    await user.click(dialogButton(await confirmDialog(), s("Confirm_Confirm")));
    await screen.findByText(s("Decision_Status_SentApprove"));
    const body = JSON.parse(actionCalls(host)[0].body ?? "") as { ApprovalProperties: string };
    expect(JSON.parse(body.ApprovalProperties)).toMatchObject({ approverId: USERS.stageOwner.id });
  });

  it.each(idForms(USERS.requester.id))("the requester (%s) gets the read-only view of their own request", async (_form, userId) => {
    const host = createMockContext({ user: USERS.requester });
    withUserId(host, userId);
    render(rootFor(host));
    await loadedPanel();
    expect(screen.queryByRole("button", { name: s("Decision_Approve") })).not.toBeInTheDocument();
    expect(within(screen.getByRole("region", { name: s("Section_Gate") })).getByText(s("Gate_Block_ownRequest"))).toBeInTheDocument();
  });
});

describe("approval properties are for administrators only, everywhere", () => {
  const adminNote = "Checked with the finance team.";

  it("a user without an admin role sees none in the outcome or in the history", async () => {
    renderPanel({ user: USERS.stageOwner, recordId: IDS.runs.approved });
    await loadedPanel();
    await within(screen.getByRole("region", { name: s("Section_History") })).findAllByRole("row");
    expect(JSON.parse(APPROVAL_PROPERTIES_JSON)).toMatchObject({ adminNote });
    expect(screen.queryByText(adminNote, { exact: false })).not.toBeInTheDocument();
    expect(screen.queryByText(s("History_ApprovalProperties"))).not.toBeInTheDocument();
    expect(screen.queryByText(s("Outcome_AdminProperties"))).not.toBeInTheDocument();
  });

  it("an administrator whose roles cannot be read is treated as a non-administrator", async () => {
    renderPanel({
      user: USERS.admin,
      recordId: IDS.runs.approved,
      faults: [{ method: "retrieveRecord", entity: "systemuser", error: webApiError({ code: "0x80040216", message: "boom", status: 500 }) }],
    });
    await screen.findByText(s("Load_AdminCheckFailed"));
    await within(screen.getByRole("region", { name: s("Section_History") })).findAllByRole("row");
    expect(screen.queryByText(adminNote, { exact: false })).not.toBeInTheDocument();
    expect(screen.queryByText(s("History_ApprovalProperties"))).not.toBeInTheDocument();
  });
});

describe("the control's own lifecycle", () => {
  it("destroy while every read is still waiting: no state update, no error, no request afterwards", async () => {
    const { host, control } = createControl({
      faults: [
        { method: "retrieveRecord", hang: true },
        { method: "retrieveMultipleRecords", hang: true },
      ],
    });
    const view = render(control.updateView(host.context));
    await waitFor(() => expect(host.calls.length).toBeGreaterThanOrEqual(2));
    const calls = host.calls.length;
    control.destroy();
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
    });
    expect(host.calls).toHaveLength(calls);
    view.unmount();
  });

  it("destroy during a throttling back-off: the retry timer never fires a request", async () => {
    jest.useFakeTimers();
    const throttled = webApiError({ code: "0x80072322", message: "Number of requests exceeded the limit.", status: 429, retryAfterSeconds: 5 });
    const { host, control } = createControl({ faults: [{ method: "retrieveRecord", entity: "deploymentstagerun", error: throttled }] });
    const view = render(control.updateView(host.context));
    await advance(0);
    const reads = () => host.calls.filter((c) => c.entity === "deploymentstagerun").length;
    expect(reads()).toBe(1);
    control.destroy();
    await advance(60_000);
    expect(reads()).toBe(1);
    expect(jest.getTimerCount()).toBe(0);
    view.unmount();
  });

  it("50 updateView calls with fresh context objects (resize, property changes) load nothing again", async () => {
    const { host, control } = createControl();
    const view = render(control.updateView(host.context));
    await loadedPanel();
    await within(screen.getByRole("region", { name: s("Section_History") })).findAllByRole("row");
    const calls = host.calls.length;
    for (let i = 0; i < 50; i++) {
      // A host may pass a new context object (and new userSettings/parameters objects) on every call.
      const next = {
        ...host.raw,
        userSettings: { ...host.raw.userSettings, securityRoles: [...host.raw.userSettings.securityRoles] },
        mode: { ...host.raw.mode, allocatedWidth: 400 + i },
      };
      view.rerender(control.updateView(next as unknown as typeof host.context));
    }
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(host.calls).toHaveLength(calls);
    control.destroy();
    view.unmount();
  });
});
