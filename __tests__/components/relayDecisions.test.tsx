/**
 * The decisions recorded for the relay flow, as each kind of user sees them: the list in the decision area (who,
 * when, approve or reject, the flow's outcome and message; approval properties only for admins), the note on the
 * current run in the history, and what a refusal or a failure of the flow looks like right after deciding.
 * The flow itself is played by the test: it writes the outcome on the row, as the shipped flow does.
 */
import "@testing-library/jest-dom/jest-globals";
import { describe, expect, it, jest } from "@jest/globals";
import { configure, screen, within } from "@testing-library/react";
import { buildRelayRow, IDS, RELAY_TABLE, USERS, type Row, type UserFixture } from "../support/fixtures";
import type { MockHost } from "../support/mockContext";
import { advance, expectNoConsoleErrors } from "../support/panel";
import { s } from "../support";
import { approveWithComment, renderRelayPanel } from "../support/relayPanel";

jest.setTimeout(30000);
configure({ asyncUtilTimeout: 5000 });

const fill = (key: string, ...args: string[]): string => args.reduce((text, arg, i) => text.replace(`{${i}}`, arg), s(key));

const REQUESTER_REFUSAL = "The requester of a deployment cannot approve or reject it.";
const BROKEN_CONNECTION = "Get_the_stage_run: AADSTS7000222: The provided client secret keys for app '5b7a3c2e' are expired.";

/** Two earlier decisions on the pending service-principal run: the requester's own (refused) and Lee Gu's (pending). */
function earlierRows(): Row[] {
  return [
    buildRelayRow({
      id: "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a82",
      decidedById: IDS.users.otherApprover,
      decidedOn: "2025-03-14T12:30:00Z",
      comments: "UAT sign-off done.",
    }),
    buildRelayRow({
      id: "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a81",
      decidedById: IDS.users.requester,
      decidedOn: "2025-03-14T12:00:00Z",
      comments: "Approving my own.",
      outcome: 30,
      outcomeMessage: REQUESTER_REFUSAL,
      outcomeOn: "2025-03-14T12:00:05Z",
    }),
  ];
}

function renderPendingSpn(user: UserFixture, options: { rows?: Row[]; allowSelfApproval?: "yes" | "no" } = {}): MockHost {
  return renderRelayPanel(user, {
    parameters: { decisionRelayTable: RELAY_TABLE, allowSelfApproval: options.allowSelfApproval ?? "no" },
    tables: { [RELAY_TABLE]: options.rows ?? [] },
  }).host;
}

const decisionsList = (): Promise<HTMLElement> => screen.findByRole("list", { name: s("Relay_DecisionsHeading") });
const items = (list: HTMLElement): HTMLElement[] => within(list).getAllByRole("listitem");
/** The row this session created (the panel creates exactly one per decision). */
const createdRow = (host: MockHost): Row => {
  expect(host.calls.filter((call) => call.method === "createRecord" && call.entity === RELAY_TABLE)).toHaveLength(1);
  const rows = host.tables[RELAY_TABLE].filter((r: Row) => r.apnl_stagerunid === IDS.runs.pendingSpn && r.apnl_outcome == null);
  return rows[rows.length - 1];
};
/** The start of the "someone recorded a decision" notice, up to the date it names. */
const pendingNotice = (who: string): string => fill("Relay_PendingRow", who, s("Relay_DecisionApproved")).split("{2}")[0];

expectNoConsoleErrors("fake");

describe("decisions recorded for the relay flow", () => {
  it("the requester sees every decision with who, approve/reject, outcome and the flow's message, but no approval properties", async () => {
    renderPendingSpn(USERS.requester, { rows: earlierRows() });
    const outcome = await screen.findByRole("region", { name: s("Section_Outcome") });
    const list = await decisionsList();
    expect(outcome).toContainElement(list);
    const [newest, older] = items(list);
    expect(within(newest).getByText(fill("Relay_ItemApproved", "Lee Gu"))).toBeInTheDocument();
    expect(within(newest).getByText(s("Relay_Outcome_pending"))).toBeInTheDocument();
    expect(within(newest).getByText(fill("Relay_ItemComments", "UAT sign-off done."))).toBeInTheDocument();
    expect(within(older).getByText(fill("Relay_ItemApproved", "Alex Wilber"))).toBeInTheDocument();
    expect(within(older).getByText(s("Relay_Outcome_refused"))).toBeInTheDocument();
    expect(within(older).getByText(fill("Relay_FlowSaid", REQUESTER_REFUSAL))).toBeInTheDocument();
    expect(within(list).queryByText(s("Outcome_AdminProperties"))).not.toBeInTheDocument();
    expect(within(list).queryByText(/adminNote/)).not.toBeInTheDocument();

    // The run history marks the current run with the same decisions, without reading anything per row.
    const history = screen.getByRole("region", { name: s("Section_History") });
    const note = await within(history).findByRole("list", { name: s("Relay_HistoryLabel") });
    expect(within(note).getByText(fill("Relay_HistoryItem", fill("Relay_ItemApproved", "Lee Gu"), s("Relay_Outcome_pending")))).toBeInTheDocument();
    expect(within(note).getByText(fill("Relay_HistoryItem", fill("Relay_ItemApproved", "Alex Wilber"), s("Relay_Outcome_refused")))).toBeInTheDocument();
  });

  it("an administrator also sees each decision's approval properties", async () => {
    const host = renderPendingSpn(USERS.admin, { rows: earlierRows() });
    const decision = await screen.findByRole("region", { name: s("Decision_Heading") });
    const list = await decisionsList();
    expect(decision).toContainElement(list);
    const [newest] = items(list);
    expect(within(newest).getByText(s("Outcome_AdminProperties"))).toBeInTheDocument();
    expect(within(newest).getByText(/adminNote: Checked with the finance team\./)).toBeInTheDocument();
    // Another session's pending decision is pointed out above the form, so nobody decides twice unknowingly.
    expect(screen.getByText(pendingNotice("Lee Gu"), { exact: false })).toBeInTheDocument();
    // The list came with the first wave: one read of the relay table.
    expect(host.calls.filter((c) => c.method === "retrieveMultipleRecords" && c.entity === RELAY_TABLE)).toHaveLength(1);
  });

  it("the requester's own decision (self-approval allowed on the form) is refused by the flow: the reason shows, in the refusal and in the list", async () => {
    const host = renderPendingSpn(USERS.requester, { allowSelfApproval: "yes" });
    await approveWithComment("Please deploy");
    await screen.findByText(s("Relay_Recorded"));
    const row = createdRow(host);
    // The contract's row name: "<Approved|Rejected> <run name>".
    const runName = String(host.row("deploymentstagerun", IDS.runs.pendingSpn)?.name);
    expect(row.apnl_name).toBe(`Approved ${runName}`);
    // The list shows the new row as waiting while the flow runs.
    expect(within(await decisionsList()).getByText(s("Relay_Outcome_pending"))).toBeInTheDocument();

    Object.assign(row, { apnl_outcome: 30, apnl_outcomemessage: REQUESTER_REFUSAL, apnl_outcomeon: "2025-03-14T12:10:00Z" });
    await advance(2000);
    // (Also in the progress steps; the message the focus lands on says why.)
    expect((await screen.findAllByText(s("Relay_Refused"))).length).toBeGreaterThan(0);
    expect(document.activeElement).toHaveTextContent(fill("Relay_FlowSaid", REQUESTER_REFUSAL));
    const list = await decisionsList();
    await within(list).findByText(s("Relay_Outcome_refused"));
    expect(within(list).getByText(fill("Relay_FlowSaid", REQUESTER_REFUSAL))).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: s("Decision_CommentLabel") })).toHaveValue("Please deploy");
  });

  it("a failure of the flow is shown with the failing step and its error, and the run stays pending", async () => {
    const host = renderPendingSpn(USERS.stageOwner);
    await approveWithComment("Go");
    await screen.findByText(s("Relay_Recorded"));
    Object.assign(createdRow(host), { apnl_outcome: 40, apnl_outcomemessage: BROKEN_CONNECTION, apnl_outcomeon: "2025-03-14T12:10:00Z" });
    await advance(2000);
    expect((await screen.findAllByText(s("Relay_Failed"))).length).toBeGreaterThan(0);
    expect(document.activeElement).toHaveTextContent(BROKEN_CONNECTION);
    const list = await decisionsList();
    await within(list).findByText(s("Relay_Outcome_failed"));
    expect(within(list).getByText(fill("Relay_FlowSaid", BROKEN_CONNECTION))).toBeInTheDocument();
    // Nothing else was sent: the panel never calls the action itself in a service-principal stage.
    expect(host.fetchCalls.filter((call) => call.url.endsWith("/UpdateApprovalStatus"))).toHaveLength(0);
    // Still waiting: the summary's status (the host's "Pending Approval" label stands for the approval badge).
    const summary = screen.getByRole("region", { name: s("Summary_Label") });
    expect(summary).toHaveTextContent(/pending approval/i);
  });

  it("still pending past the time limit: the warning says what an admin should check, and the row is listed once as waiting", async () => {
    const host = renderPendingSpn(USERS.stageOwner);
    await approveWithComment("Waiting");
    await screen.findByText(s("Relay_Recorded"));
    for (let i = 0; i < 20 && screen.queryByRole("button", { name: s("Relay_CheckAgain") }) === null; i++) await advance(15000);
    expect(screen.getByText(s("Relay_AdminCheck"), { exact: false })).toHaveTextContent(fill("Relay_TimedOut_other", "3"));
    const list = await decisionsList();
    expect(items(list)).toHaveLength(1);
    expect(within(list).getByText(s("Relay_Outcome_pending"))).toBeInTheDocument();
    // The notice about other sessions' pending decisions does not repeat this session's own row.
    expect(screen.queryByText(pendingNotice("Megan Bowen"), { exact: false })).not.toBeInTheDocument();
    expect(host.tables[RELAY_TABLE]).toHaveLength(1);
  });
});
