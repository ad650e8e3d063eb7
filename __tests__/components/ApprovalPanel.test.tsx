import "@testing-library/jest-dom/jest-globals";
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import { act, configure, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ACTION_MESSAGES, dataverseErrorResponse, type MockHost } from "../support/mockContext";
import { APPROVAL_PROPERTIES_JSON, buildRun, IDS, USERS } from "../support/fixtures";
import { actionCalls, confirmDialog, dialogButton, loadedPanel, renderPanel } from "../support/panel";
import { createControl, s } from "../support";
import { expectNoConsoleErrors } from "../support/panel";

// Rendering the whole panel with Fluent in jsdom takes seconds per test on a busy machine.
jest.setTimeout(30000);
configure({ asyncUtilTimeout: 5000 });

const runReads = (host: MockHost) => host.calls.filter((call) => call.method === "retrieveRecord" && call.entity === "deploymentstagerun");

async function decide(button: "Decision_Approve" | "Decision_Reject", comment?: string): Promise<ReturnType<typeof userEvent.setup>> {
  const user = userEvent.setup();
  await loadedPanel();
  if (comment !== undefined) await user.type(screen.getByRole("textbox", { name: s("Decision_CommentLabel") }), comment);
  await user.click(screen.getByRole("button", { name: s(button) }));
  return user;
}

// React reports state updates on unmounted components and updates outside act() here.
expectNoConsoleErrors("restore");

describe("approving and rejecting", () => {
  it("the stage owner approves: one POST with the exact body, then the panel shows Approved", async () => {
    const { host } = renderPanel();
    const user = await decide("Decision_Approve", "Ship it");

    const dialog = await confirmDialog(s("Confirm_ApproveTitle"));
    expect(within(dialog).getByText("Ship it")).toBeInTheDocument();
    expect(actionCalls(host)).toHaveLength(0);
    await user.click(dialogButton(dialog, s("Confirm_Confirm")));

    expect(await screen.findByText(s("Decision_Status_SentApprove"))).toBeInTheDocument();
    const calls = actionCalls(host);
    expect(calls).toHaveLength(1);
    expect(calls[0].method).toBe("POST");
    const body = JSON.parse(calls[0].body ?? "") as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["StageRunId", "ApprovalStatus", "ApprovalComments", "ApprovalProperties"]);
    expect(body.StageRunId).toBe(IDS.runs.pendingOwner);
    expect(body.ApprovalStatus).toBe(20);
    expect(body.ApprovalComments).toBe("Ship it");
    expect(JSON.parse(body.ApprovalProperties as string)).toMatchObject({
      approverId: USERS.stageOwner.id,
      approverName: USERS.stageOwner.name,
      decision: "Approved",
      decisionValue: 20,
      adminNote: "",
    });

    // The panel reloaded the run: the outcome replaces the form.
    const outcome = await screen.findByRole("region", { name: s("Section_Outcome") });
    expect(within(outcome).getByText(s("Status_Approved"))).toBeInTheDocument();
    expect(within(outcome).getByText("Ship it")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: s("Decision_Approve") })).not.toBeInTheDocument();
  });

  it("Reject without a comment is blocked before anything is sent", async () => {
    const { host } = renderPanel();
    await decide("Decision_Reject");
    expect(await screen.findByText(s("Decision_CommentRequired_Reject"))).toBeInTheDocument();
    expect(screen.queryByRole("alertdialog", { hidden: true })).not.toBeInTheDocument();
    expect(actionCalls(host)).toHaveLength(0);
    expect(screen.getByRole("textbox", { name: s("Decision_CommentLabel") })).toHaveFocus();
  });

  it("Reject with a comment sends ApprovalStatus 30 and the comment", async () => {
    const { host } = renderPanel();
    const user = await decide("Decision_Reject", "Missing the test evidence");
    const dialog = await confirmDialog(s("Confirm_RejectTitle"));
    await user.click(dialogButton(dialog, s("Confirm_Confirm")));
    expect(await screen.findByText(s("Decision_Status_SentReject"))).toBeInTheDocument();
    const body = JSON.parse(actionCalls(host)[0].body ?? "") as Record<string, unknown>;
    expect(body).toMatchObject({ ApprovalStatus: 30, ApprovalComments: "Missing the test evidence" });
  });

  it("Cancel closes the confirmation without sending", async () => {
    const { host } = renderPanel();
    const user = await decide("Decision_Approve");
    const dialog = await confirmDialog();
    await user.click(dialogButton(dialog, s("Confirm_Cancel")));
    await waitFor(() => expect(screen.queryByRole("alertdialog", { hidden: true })).not.toBeInTheDocument());
    expect(actionCalls(host)).toHaveLength(0);
  });

  it("someone who is not the stage owner sees disabled buttons with the reason, and nothing is sent", async () => {
    const { host } = renderPanel({ user: USERS.otherApprover });
    await loadedPanel();
    const approve = screen.getByRole("button", { name: s("Decision_Approve") });
    expect(approve).toHaveAttribute("aria-disabled", "true");
    expect(screen.getByRole("button", { name: s("Decision_Reject") })).toHaveAttribute("aria-disabled", "true");
    const reason = screen.getByText(s("Decision_Block_notStageOwner"));
    expect(approve).toHaveAttribute("aria-describedby", reason.id);
    await userEvent.setup().click(approve);
    expect(screen.queryByRole("alertdialog", { hidden: true })).not.toBeInTheDocument();
    expect(actionCalls(host)).toHaveLength(0);
  });

  it("a run decided elsewhere between load and submit: nothing is sent and the new state is shown", async () => {
    const { host } = renderPanel();
    await loadedPanel();
    // Someone rejected it in another window after the panel loaded.
    const stored = host.row("deploymentstagerun", IDS.runs.pendingOwner)!;
    Object.assign(stored, buildRun({ id: IDS.runs.pendingOwner, approvalStatus: 30, approvalComments: "Not this week.", stageRunStatus: 200000003 }));

    const user = await decide("Decision_Approve");
    await user.click(dialogButton(await confirmDialog(), s("Confirm_Confirm")));

    expect(await screen.findByText(s("Decision_DecidedElsewhere"))).toBeInTheDocument();
    const outcome = await screen.findByRole("region", { name: s("Section_Outcome") });
    expect(within(outcome).getByText(s("Status_Rejected"))).toBeInTheDocument();
    expect(within(outcome).getByText("Not this week.")).toBeInTheDocument();
    expect(actionCalls(host)).toHaveLength(0);
  });

  it("a server refusal shows why, keeps the comment and lets the user try again", async () => {
    const { host } = renderPanel();
    host.setActionHandler(() => dataverseErrorResponse(403, "0x80040220", ACTION_MESSAGES.notOwner));
    const user = await decide("Decision_Approve", "Looks fine");
    await user.click(dialogButton(await confirmDialog(), s("Confirm_Confirm")));

    const title = await screen.findByText(s("Refusal_Title"));
    expect(screen.getByText(s("Refusal_notOwner"))).toBeInTheDocument();
    expect(screen.getByText(ACTION_MESSAGES.notOwner, { exact: false })).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: s("Decision_CommentLabel") })).toHaveValue("Looks fine");
    // Focus moved to the message that says why.
    await waitFor(() => expect(title.closest("[tabindex='-1']")).toHaveFocus());
    expect(actionCalls(host)).toHaveLength(1);

    // The retry re-reads the run first, then sends again.
    host.setActionHandler(null);
    const readsBefore = runReads(host).length;
    await user.click(screen.getByRole("button", { name: s("Decision_Approve") }));
    await user.click(dialogButton(await confirmDialog(), s("Confirm_Confirm")));
    expect(await screen.findByText(s("Decision_Status_SentApprove"))).toBeInTheDocument();
    expect(actionCalls(host)).toHaveLength(2);
    expect(runReads(host).length).toBeGreaterThan(readsBefore);
  });

  it("a double click on Confirm sends one request", async () => {
    const { host } = renderPanel();
    const user = await decide("Decision_Approve", "Once");
    const confirm = dialogButton(await confirmDialog(), s("Confirm_Confirm"));
    await user.dblClick(confirm);
    expect(await screen.findByText(s("Decision_Status_SentApprove"))).toBeInTheDocument();
    expect(actionCalls(host)).toHaveLength(1);
  });

  it("the status message announces progress and gets focus after Confirm", async () => {
    renderPanel();
    const user = await decide("Decision_Approve");
    await user.click(dialogButton(await confirmDialog(), s("Confirm_Confirm")));
    const status = screen.getByRole("status");
    expect(status).toHaveAttribute("aria-live", "polite");
    await waitFor(() => expect(status).toHaveTextContent(s("Decision_Status_SentApprove")));
    await waitFor(() => expect(status).toHaveFocus());
  });

  it("after a confirmed decision the host form outside the panel is no longer hidden from screen readers", async () => {
    // jsdom has no layout, so tabster finds nothing focusable and never activates the modal (see confirmDialog above).
    // A minimal stand-in: every element has an offset parent and the page has a size.
    const offsetParent = jest.spyOn(HTMLElement.prototype, "offsetParent", "get").mockImplementation(function (this: HTMLElement) {
      return this.parentElement;
    });
    const bodyRect = jest.spyOn(document.body, "getBoundingClientRect").mockReturnValue(new DOMRect(0, 0, 1200, 800));
    // The host form's own header, outside the panel: the modal dialog hides it (aria-hidden) while open.
    const formHeader = document.body.appendChild(document.createElement("header"));
    try {
      renderPanel();
      const user = await decide("Decision_Approve", "Ship it");
      const dialog = await confirmDialog(s("Confirm_ApproveTitle"));
      await waitFor(() => expect(formHeader).toHaveAttribute("aria-hidden", "true"));
      await user.click(dialogButton(dialog, s("Confirm_Confirm")));
      // The answer comes at once: the outcome replaces the form while the dialog is still closing.
      await screen.findByRole("region", { name: s("Section_Outcome") });
      await waitFor(() => expect(screen.queryByRole("alertdialog", { hidden: true })).not.toBeInTheDocument());
      await waitFor(() => expect(formHeader).not.toHaveAttribute("aria-hidden"));
    } finally {
      formHeader.remove();
      offsetParent.mockRestore();
      bodyRect.mockRestore();
    }
  });
});

describe("what makers and admins see", () => {
  it("the maker sees the outcome with the approver's comments, without the approval properties", async () => {
    renderPanel({ user: USERS.requester, recordId: IDS.runs.approved });
    const outcome = await screen.findByRole("region", { name: s("Section_Outcome") });
    expect(within(outcome).getByText(s("Status_Approved"))).toBeInTheDocument();
    expect(within(outcome).getByText(s("Outcome_Comments"))).toBeInTheDocument();
    expect(within(outcome).queryByText(s("Outcome_AdminProperties"))).not.toBeInTheDocument();
    expect(screen.queryByText("Checked with the finance team.")).not.toBeInTheDocument();
  });

  it("an administrator also sees the approval properties", async () => {
    renderPanel({
      user: USERS.admin,
      tables: {
        deploymentstagerun: [buildRun({ id: IDS.runs.approved, approvalStatus: 20, approvalComments: "Fine.", approvalProperties: APPROVAL_PROPERTIES_JSON })],
      },
      recordId: IDS.runs.approved,
    });
    const outcome = await screen.findByRole("region", { name: s("Section_Outcome") });
    expect(await within(outcome).findByText(s("Outcome_AdminProperties"))).toBeInTheDocument();
    expect(within(outcome).getByText("Checked with the finance team.")).toBeInTheDocument();
  });
});

describe("degraded hosts", () => {
  it("a host without the comments column: the maker is told the host does not expose the approver's comments, and never sees the properties", async () => {
    renderPanel({
      user: USERS.requester,
      recordId: IDS.runs.approved,
      missingColumns: { deploymentstagerun: ["approvalcomments"] },
    });
    const outcome = await screen.findByRole("region", { name: s("Section_Outcome") });
    expect(within(outcome).getByText(s("Outcome_CommentsNotExposed"))).toBeInTheDocument();
    expect(within(outcome).queryByText(s("Outcome_AdminProperties"))).not.toBeInTheDocument();
  });

  it("malformed settings JSON degrades only the settings section", async () => {
    renderPanel({ recordId: IDS.runs.malformed });
    const settings = await screen.findByRole("region", { name: s("Section_Settings") });
    expect(within(settings).getByText(s("Settings_Unreadable").split("{0}")[0].trim(), { exact: false })).toBeInTheDocument();
    expect(screen.getByRole("region", { name: s("Section_Details") })).toBeInTheDocument();
    expect(screen.getByRole("region", { name: s("Section_Notes") })).toBeInTheDocument();
  });

  it("a host without the unconfirmed comment/property columns still loads and can still decide", async () => {
    const { host } = renderPanel({
      missingColumns: { deploymentstagerun: ["approvalcomments", "approvalproperties", "aigenerateddeploymentnotes"] },
    });
    await loadedPanel();
    expect(screen.getByRole("region", { name: s("Section_Settings") })).toBeInTheDocument();
    const user = await decide("Decision_Approve", "Fine");
    await user.click(dialogButton(await confirmDialog(), s("Confirm_Confirm")));
    expect(await screen.findByText(s("Decision_Status_SentApprove"))).toBeInTheDocument();
    expect(actionCalls(host)).toHaveLength(1);
    // No request named a column this host lacks.
    expect(host.calls.every((call) => !/approvalcomments|approvalproperties|aigenerated/.test(call.options ?? ""))).toBe(true);
  });

  it("an older host without any approval column: the panel loads, and a refused decision keeps the comment", async () => {
    const { host } = renderPanel({
      missingColumns: { deploymentstagerun: ["approvalstatus", "approvalcomments", "approvalproperties", "aigenerateddeploymentnotes"] },
    });
    await loadedPanel();
    expect(screen.getByRole("region", { name: s("Section_Notes") })).toBeInTheDocument();
    expect(screen.getByRole("region", { name: s("Section_History") })).toBeInTheDocument();
    const user = await decide("Decision_Approve", "Try");
    await user.click(dialogButton(await confirmDialog(), s("Confirm_Confirm")));
    expect(await screen.findByText(s("Refusal_Title"))).toBeInTheDocument();
    expect(screen.getByText("UpdateApprovalStatus", { exact: false })).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: s("Decision_CommentLabel") })).toHaveValue("Try");
    expect(host.calls.every((call) => !(call.options ?? "").includes("approvalstatus"))).toBe(true);
  });

  it("a failed run load shows a panel message with Retry", async () => {
    const { host } = renderPanel({
      faults: [{ method: "retrieveRecord", entity: "deploymentstagerun", error: { message: "Network error", errorCode: 0, code: 0 }, times: 1 }],
    });
    const retry = await screen.findByRole("button", { name: s("Panel_Retry") });
    expect(screen.getByText(s("Panel_LoadFailed"))).toBeInTheDocument();
    await userEvent.setup().click(retry);
    await loadedPanel();
    expect(runReads(host).length).toBeGreaterThanOrEqual(2);
  });

  it("on another table's form (the app's Approval Request) the panel shows the run whose id the bound column holds", async () => {
    const { host } = renderPanel({
      entityTypeName: "apnl_approvalrequest",
      recordId: "a1b2c3d4-0000-4000-8000-000000000001",
      parameters: { boundField: IDS.runs.pendingOwner },
    });
    await loadedPanel();
    expect(runReads(host).every((c) => c.id === IDS.runs.pendingOwner)).toBe(true);
    expect(runReads(host).length).toBeGreaterThan(0);
  });

  it.each([
    ["empty", "", "Panel_NoRunId"],
    ["not an id", "ContosoExpenses 1.4.2.0", "Panel_BadRunId"],
  ])("on another table's form whose run id column is %s the panel says so and sends nothing", async (_name, boundField, key) => {
    const { host } = renderPanel({ entityTypeName: "apnl_approvalrequest", parameters: { boundField } });
    expect(await screen.findByText(s(key))).toBeInTheDocument();
    expect(host.calls).toHaveLength(0);
    expect(host.fetchCalls).toHaveLength(0);
  });

  it("an unsaved record asks to save first", async () => {
    const { host } = renderPanel({ recordId: null });
    expect(await screen.findByText(s("Panel_SaveFirst"))).toBeInTheDocument();
    expect(host.calls).toHaveLength(0);
  });
});

describe("the control's lifecycle", () => {
  afterEach(() => {
    delete (globalThis as { fetch?: typeof fetch }).fetch;
  });

  it("in the pcf-start harness (no webAPI) shows the message and throws nothing", async () => {
    const { host, control } = createControl({ harness: true });
    expect(() => render(control.updateView(host.context))).not.toThrow();
    expect(await screen.findByText(s("Panel_NoHost"))).toBeInTheDocument();
    expect(host.calls).toHaveLength(0);
    expect(() => control.destroy()).not.toThrow();
  });

  it("init asks for container resize tracking; repeated updateView calls do not load again", async () => {
    const { host, control } = createControl();
    expect(host.trackContainerResizeCalls).toEqual([true]);
    const view = render(control.updateView(host.context));
    await loadedPanel();
    const calls = host.calls.length;
    for (let i = 0; i < 3; i++) view.rerender(control.updateView(host.context));
    await act(async () => {
      await Promise.resolve();
    });
    expect(host.calls.length).toBe(calls);
    expect(runReads(host)).toHaveLength(1);
    control.destroy();
  });

  it("destroy while the decision is in flight: the request is aborted and nothing updates afterwards", async () => {
    const { host, control } = createControl({ faults: [{ method: "fetch", hang: true }] });
    const view = render(control.updateView(host.context));
    const user = await decide("Decision_Approve", "Bye");
    await user.click(dialogButton(await confirmDialog(), s("Confirm_Confirm")));
    await waitFor(() => expect(actionCalls(host)).toHaveLength(1));
    const sent = actionCalls(host)[0];
    const status = screen.getByRole("status");
    expect(status).toHaveTextContent(s("Decision_Status_SubmittingApprove"));

    control.destroy();
    expect(sent.signal?.aborted).toBe(true);
    // Let the aborted fetch settle: the flow must not show a refusal or touch state any more (afterEach checks console.error).
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    expect(status).toHaveTextContent(s("Decision_Status_SubmittingApprove"));
    expect(screen.queryByText(s("Refusal_Title"))).not.toBeInTheDocument();
    view.unmount();
  });
});
