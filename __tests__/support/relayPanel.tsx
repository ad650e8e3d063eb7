/**
 * What the relay tests of the whole panel share: the panel on the pending service-principal run with the relay table
 * configured, and an approval with a comment through the confirmation.
 */
import { jest } from "@jest/globals";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { IDS, RELAY_TABLE, type UserFixture } from "./fixtures";
import { createMockContext, type MockHost } from "./mockContext";
import type { MockContextOptions } from "./mockContextTypes";
import { confirmDialog, dialogButton, rootFor, s } from "./panel";

export interface RelayPanel {
  host: MockHost;
  dispose: AbortController;
  unmount(): void;
}

/** The panel on the pending service-principal run as `user`, decisions going through the relay table. */
export function renderRelayPanel(user: UserFixture, options: Pick<MockContextOptions, "parameters" | "tables"> = {}): RelayPanel {
  const host = createMockContext({
    user,
    recordId: IDS.runs.pendingSpn,
    ...options,
    parameters: { decisionRelayTable: RELAY_TABLE, ...options.parameters },
  });
  const dispose = new AbortController();
  const view = render(rootFor(host, undefined, dispose));
  return { host, dispose, unmount: view.unmount };
}

/** Once the panel has loaded: types the comment, approves and confirms, under the fake clock. */
export async function approveWithComment(comment: string): Promise<void> {
  const user = userEvent.setup({ advanceTimers: (ms) => jest.advanceTimersByTime(ms) });
  await screen.findByRole("region", { name: s("Section_Details") }, { timeout: 5000 });
  await user.type(screen.getByRole("textbox", { name: s("Decision_CommentLabel") }), comment);
  await user.click(screen.getByRole("button", { name: s("Decision_Approve") }));
  await user.click(dialogButton(await confirmDialog(), s("Confirm_Confirm")));
}
