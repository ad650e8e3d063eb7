/**
 * A repository that breaks its "never rejects" promise while a decision is under way: the user sees a refusal,
 * keeps the typed comment and can try again; nothing is sent twice.
 */
import "@testing-library/jest-dom/jest-globals";
import { describe, expect, it, jest } from "@jest/globals";
import { configure, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { PipelinesRepository } from "../../ApprovalPanel/data/PipelinesRepository";
import { createMockContext, type MockHost } from "../support/mockContext";
import { actionCalls, confirmDialog, dialogButton, loadedPanel, rootFor, s } from "../support/panel";
import { expectNoConsoleErrors } from "../support/panel";

jest.setTimeout(30000);
configure({ asyncUtilTimeout: 5000 });

type Breakage = Partial<Pick<PipelinesRepository, "rereadRun" | "submitDecision">>;

/** The whole panel over the mock host, with some repository methods replaced by ones that throw. */
function renderWithBrokenRepository(breakage: Breakage): { host: MockHost; real: PipelinesRepository } {
  const host = createMockContext();
  let real!: PipelinesRepository;
  render(
    rootFor(host, undefined, undefined, (repository) => {
      real = repository;
      return { ...repository, ...breakage };
    }),
  );
  return { host, real };
}

async function approveWithComment(user: ReturnType<typeof userEvent.setup>, comment: string): Promise<void> {
  await user.type(screen.getByRole("textbox", { name: s("Decision_CommentLabel") }), comment);
  await user.click(screen.getByRole("button", { name: s("Decision_Approve") }));
  const dialog = await confirmDialog();
  await user.click(dialogButton(dialog, s("Confirm_Confirm")));
}

async function expectUsableAgainWith(comment: string): Promise<void> {
  const refusal = await screen.findByText(s("Refusal_unknown"));
  expect(refusal).toBeInTheDocument();
  expect(screen.getByRole("textbox", { name: s("Decision_CommentLabel") })).toHaveValue(comment);
  expect(screen.getByRole("button", { name: s("Decision_Approve") })).not.toHaveAttribute("aria-disabled", "true");
  expect(screen.getByRole("button", { name: s("Decision_Reject") })).not.toHaveAttribute("aria-disabled", "true");
}

// React and Fluent report misuse (state after unmount, bad props) through console.error: any is a failure.
expectNoConsoleErrors();

describe("a repository that throws during a decision", () => {
  it("a throwing submit: a refusal, the comment kept, the buttons usable; the retry sends once more", async () => {
    const user = userEvent.setup();
    const submit = jest.fn<PipelinesRepository["submitDecision"]>(async () => {
      throw new Error("bug in the send");
    });
    const { host, real } = renderWithBrokenRepository({ submitDecision: submit });
    await loadedPanel();
    await approveWithComment(user, "Ship it");
    await expectUsableAgainWith("Ship it");
    expect(submit).toHaveBeenCalledTimes(1);

    // The retry goes through: one more send, never a repeat of the first.
    submit.mockImplementation(real.submitDecision);
    await user.click(screen.getByRole("button", { name: s("Decision_Approve") }));
    const dialog = await confirmDialog();
    await user.click(dialogButton(dialog, s("Confirm_Confirm")));
    expect(await screen.findByText(s("Decision_Status_SentApprove"))).toBeInTheDocument();
    expect(submit).toHaveBeenCalledTimes(2);
    expect(actionCalls(host)).toHaveLength(1);
  });

  it("a throwing re-read: nothing is sent, a refusal shows, the comment stays and the buttons are usable", async () => {
    const user = userEvent.setup();
    const reread = jest.fn<PipelinesRepository["rereadRun"]>(() => Promise.reject(new TypeError("cannot read")));
    const { host } = renderWithBrokenRepository({ rereadRun: reread });
    await loadedPanel();
    await approveWithComment(user, "Looks fine");
    await expectUsableAgainWith("Looks fine");
    expect(reread).toHaveBeenCalledTimes(1);
    expect(actionCalls(host)).toHaveLength(0);
    expect(screen.getByText(s("Refusal_Title"))).toBeInTheDocument();
  });
});
