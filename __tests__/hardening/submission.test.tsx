import "@testing-library/jest-dom/jest-globals";
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import { act, configure, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { IDS } from "../support/fixtures";
import { ACTION_MESSAGES, createMockContext, dataverseErrorResponse, mockResponse, type MockHost } from "../support/mockContext";
import { actionCalls, confirmDialog, createControl, dialogButton, loadedPanel, removeGlobalFetch, renderPanel, rootFor, s, settle } from "./support";
import { expectNoConsoleErrors } from "../support/panel";

jest.setTimeout(60000);
configure({ asyncUtilTimeout: 5000 });

// React and Fluent report misuse (state after unmount, updates outside act()) through console.error: any is a failure.
expectNoConsoleErrors();
afterEach(() => {
  removeGlobalFetch();
});

const commentBox = (scope: HTMLElement | typeof screen = screen) => (scope as typeof screen).getByRole("textbox", { name: s("Decision_CommentLabel") });
const sentTo = (host: MockHost) => actionCalls(host).map((c) => (JSON.parse(c.body ?? "{}") as { StageRunId: string }).StageRunId);

async function openConfirmation(comment: string, scope: HTMLElement | typeof screen = screen): Promise<ReturnType<typeof userEvent.setup>> {
  const user = userEvent.setup();
  await loadedPanel(scope);
  await user.type(commentBox(scope), comment);
  await user.click((scope as typeof screen).getByRole("button", { name: s("Decision_Approve") }));
  return user;
}

describe("server refusals of each documented kind keep the comment", () => {
  const cases: Array<{ name: string; status: number; code: string; message: string; reason: string }> = [
    { name: "owner only", status: 403, code: "0x80040265", message: ACTION_MESSAGES.notOwner, reason: "notOwner" },
    { name: "service principal only", status: 403, code: "0x80040265", message: ACTION_MESSAGES.servicePrincipalOnly, reason: "servicePrincipalOnly" },
    // The host says "not pending" but the run still reads as pending (e.g. a status the host sets late): the refusal stays.
    { name: "not pending", status: 400, code: "0x80040265", message: ACTION_MESSAGES.notPending, reason: "notPending" },
    { name: "privilege", status: 403, code: "0x80040220", message: "Principal user is missing prvWritedeploymentstagerun privilege.", reason: "noPrivilege" },
  ];
  it.each(cases)("$name", async ({ status, code, message, reason }) => {
    const { host } = renderPanel({ actionHandler: () => dataverseErrorResponse(status, code, message) });
    const user = await openConfirmation("my reasons");
    await user.click(dialogButton(await confirmDialog(), s("Confirm_Confirm")));
    await screen.findByText(s("Refusal_Title"));
    expect(screen.getByText(s(`Refusal_${reason}`))).toBeInTheDocument();
    expect(screen.getByText(message, { exact: false })).toBeInTheDocument();
    expect(commentBox()).toHaveValue("my reasons");
    expect(actionCalls(host)).toHaveLength(1);
  });
  // Throttled (429), offline (dropped connection) and no answer: __tests__/hardening/faults.test.tsx.
});

describe("the same decision sent more than once", () => {
  it("Enter held down on Confirm (key repeat) sends one request", async () => {
    const { host } = renderPanel();
    const user = await openConfirmation("once");
    const confirm = dialogButton(await confirmDialog(), s("Confirm_Confirm"));
    act(() => confirm.focus());
    await user.keyboard("{Enter>8/}");
    expect(await screen.findByText(s("Decision_Status_SentApprove"))).toBeInTheDocument();
    await settle(50);
    expect(actionCalls(host)).toHaveLength(1);
  });

  it("two tabs over the same host confirm the same run: the host applies one, the other says it was decided elsewhere", async () => {
    const host = createMockContext();
    const tabA = render(rootFor(host)).container;
    const tabB = render(rootFor(host)).container;
    await loadedPanel(within(tabA) as unknown as typeof screen);
    await loadedPanel(within(tabB) as unknown as typeof screen);
    // Both answers wait until both tabs have sent (the second request overtakes the first one's answer).
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    host.setActionHandler(async (call, h) => {
      if (actionCalls(h).length < 2) await gate;
      return h.defaultAction(call, h);
    });
    const userA = await openConfirmation("from A", within(tabA) as unknown as typeof screen);
    await userA.click(dialogButton(await confirmDialog(), s("Confirm_Confirm")));
    await waitFor(() => expect(actionCalls(host)).toHaveLength(1));
    const userB = await openConfirmation("from B", within(tabB) as unknown as typeof screen);
    const dialogs = await screen.findAllByRole("alertdialog", { hidden: true });
    await userB.click(dialogButton(dialogs[dialogs.length - 1], s("Confirm_Confirm")));
    await waitFor(() => expect(actionCalls(host)).toHaveLength(2));
    release();

    // One of them applied it; the run holds exactly one decision and one comment.
    const stored = host.row("deploymentstagerun", IDS.runs.pendingOwner)!;
    expect(stored.approvalstatus).toBe(20);
    const winner = stored.approvalcomments === "from A" ? tabA : tabB;
    const loser = winner === tabA ? tabB : tabA;
    expect(await within(winner).findByText(s("Decision_Status_SentApprove"))).toBeInTheDocument();
    expect(await within(loser).findByText(s("Decision_DecidedElsewhere"))).toBeInTheDocument();
    // Both end up showing the applied decision.
    await within(loser).findByRole("region", { name: s("Section_Outcome") });
    expect(actionCalls(host)).toHaveLength(2);
  });

  it("the connection drops after the host applied the decision: a retry re-reads, sends nothing, and shows the outcome", async () => {
    const { host } = renderPanel({
      actionHandler: async (call, h) => {
        await h.defaultAction(call, h);
        throw new TypeError("Failed to fetch");
      },
    });
    const user = await openConfirmation("lost answer");
    await user.click(dialogButton(await confirmDialog(), s("Confirm_Confirm")));
    expect(await screen.findByText(s("Refusal_offline"))).toBeInTheDocument();
    expect(commentBox()).toHaveValue("lost answer");
    host.setActionHandler(null);
    await user.click(screen.getByRole("button", { name: s("Decision_Approve") }));
    await user.click(dialogButton(await confirmDialog(), s("Confirm_Confirm")));
    await screen.findByRole("region", { name: s("Section_Outcome") });
    expect(actionCalls(host)).toHaveLength(1);
  });
});

describe("the form moves to another record while a decision is in flight", () => {
  it("the answer for the first record does not land on the second", async () => {
    const { host, control } = createControl();
    let answer: (response: Response) => void = () => undefined;
    host.setActionHandler(() => new Promise<Response>((resolve) => (answer = resolve)));
    const view = render(control.updateView(host.context));
    const user = await openConfirmation("for the first run");
    await user.click(dialogButton(await confirmDialog(), s("Confirm_Confirm")));
    await waitFor(() => expect(actionCalls(host)).toHaveLength(1));

    // The user opens the next run in the same form (the host calls updateView with another entityId).
    host.raw.mode.contextInfo!.entityId = IDS.runs.approved;
    host.raw.page!.entityId = IDS.runs.approved;
    view.rerender(control.updateView(host.context));
    const outcome = await screen.findByRole("region", { name: s("Section_Outcome") });
    expect(within(outcome).getByText(s("Status_Approved"))).toBeInTheDocument();

    // The first run's answer arrives late.
    await act(async () => {
      answer(mockResponse(204));
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    expect(screen.queryByText(s("Decision_Status_SentApprove"))).not.toBeInTheDocument();
    expect(screen.queryByText(s("Refusal_Title"))).not.toBeInTheDocument();
    expect(sentTo(host)).toEqual([IDS.runs.pendingOwner]);
    // The second record's run was never re-read or decided by that flow.
    expect(host.row("deploymentstagerun", IDS.runs.approved)!.approvalcomments).toBe("Approved after the UAT sign-off meeting.");
    control.destroy();
    view.unmount();
  });
});
