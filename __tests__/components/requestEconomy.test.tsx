import "@testing-library/jest-dom/jest-globals";
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import { cleanup, configure, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ApprovalPanel } from "../../ApprovalPanel/index";
import { type MockContextOptions, type MockHost } from "../support/mockContext";
import { APPROVAL_PROPERTIES_JSON, buildRun, IDS, RELAY_TABLE, USERS } from "../support/fixtures";
import { adminCheckCalls, createControl, historyPageCalls, lastDeploymentCalls, s, settle } from "../support";

// Rendering the whole panel with Fluent in jsdom takes seconds per test on a busy machine.
jest.setTimeout(30000);
configure({ asyncUtilTimeout: 5000 });

const historyReads = historyPageCalls;

/** A form opening a record: a new control instance, init, first updateView. The bundle (and its module state) stays. */
function openForm(options: MockContextOptions): { host: MockHost; control: ApprovalPanel } {
  const { host, control } = createControl(options);
  render(control.updateView(host.context));
  return { host, control };
}

afterEach(() => {
  delete (globalThis as { fetch?: typeof fetch }).fetch;
});

/**
 * What the panel asks the host for, as npm run bench counts it: roles once per page session; after a decision the
 * re-read, the action and one read of the run (submit ≤ 3 requests).
 */
describe("wave 1 starts in init()", () => {
  it("the run and the roles are asked before the first render, and the panel takes those answers instead of asking again", async () => {
    const { host, control } = createControl({ user: USERS.admin });
    // Nothing rendered yet: the requests are already on their way.
    expect(host.calls.map((c) => c.entity)).toEqual(["deploymentstagerun", "systemuser"]);
    render(control.updateView(host.context));
    await screen.findByRole("region", { name: s("Section_Details") });
    expect(host.calls.filter((c) => c.method === "retrieveRecord" && c.entity === "deploymentstagerun")).toHaveLength(1);
    expect(adminCheckCalls(host)).toHaveLength(1);
  });

  it("outside a pipelines host (no webAPI) or on another table's form, init() asks for nothing", () => {
    expect(createControl({ harness: true }).host.calls).toHaveLength(0);
    expect(createControl({ entityTypeName: "account" }).host.calls).toHaveLength(0);
  });
});

describe("a relay stage, an approver who is no administrator", () => {
  it("loads in six requests: the run, the user's roles (with their teams'), the relay rows; the history, the last deployment, the policy", async () => {
    const { host, control } = createControl({ user: USERS.otherApprover, recordId: IDS.runs.pendingSpn, parameters: { decisionRelayTable: RELAY_TABLE } });
    render(control.updateView(host.context));
    await waitFor(() => expect(historyReads(host)).toHaveLength(1));
    await screen.findByRole("region", { name: s("Section_Details") });
    // Give anything that would follow an answer (a second roles request, a retry) the time to start.
    await settle(100);
    expect(host.calls.map((c) => c.entity).sort()).toEqual(
      ["apnl_approvalpolicy", RELAY_TABLE, "deploymentstagerun", "deploymentstagerun", "deploymentstagerun", "systemuser"].sort(),
    );
  });
});

describe("one page session, several records", () => {
  it("asks for the administrator's roles once, and the next record's panel still shows the admin details", async () => {
    const tables = {
      deploymentstagerun: [buildRun({ id: IDS.runs.approved, approvalStatus: 20, approvalComments: "Fine.", approvalProperties: APPROVAL_PROPERTIES_JSON })],
    };

    const first = openForm({ user: USERS.admin, tables, recordId: IDS.runs.approved });
    const outcome = await screen.findByRole("region", { name: s("Section_Outcome") });
    expect(await within(outcome).findByText(s("Outcome_AdminProperties"))).toBeInTheDocument();
    expect(adminCheckCalls(first.host)).toHaveLength(1);
    first.control.destroy();
    cleanup();

    // The form opens the same record again (navigation.openForm from the run history): a new control instance.
    const second = openForm({ user: USERS.admin, tables, recordId: IDS.runs.approved });
    const again = await screen.findByRole("region", { name: s("Section_Outcome") });
    expect(await within(again).findByText(s("Outcome_AdminProperties"))).toBeInTheDocument();
    expect(adminCheckCalls(second.host)).toHaveLength(0);
    second.control.destroy();
  });
});

describe("after the user's own decision", () => {
  it("reads the run again but not the history, and the history's row for this run shows the decision", async () => {
    const { host, control } = openForm({ user: USERS.stageOwner });
    const user = userEvent.setup();
    const history = await screen.findByRole("region", { name: s("Section_History") });
    const currentRow = (): HTMLElement => (within(history).getByText(s("History_CurrentRun")).closest("tr") ?? history) as HTMLElement;
    await within(history).findByText(s("History_CurrentRun"));
    expect(within(currentRow()).getByText(s("Status_PendingApproval"))).toBeInTheDocument();
    expect(historyReads(host)).toHaveLength(1);
    expect(lastDeploymentCalls(host)).toHaveLength(1);
    const callsBefore = host.calls.length;

    await user.click(screen.getByRole("button", { name: s("Decision_Approve") }));
    // jsdom has no layout, so Fluent's modalizer hides the dialog from the accessibility tree (see ApprovalPanel.test.tsx).
    const dialog = await screen.findByRole("alertdialog", { hidden: true });
    await user.click(within(dialog).getByRole("button", { name: s("Confirm_Confirm"), hidden: true }));
    const outcome = await screen.findByRole("region", { name: s("Section_Outcome") });
    expect(within(outcome).getByText(s("Status_Approved"))).toBeInTheDocument();

    const after = host.calls.slice(callsBefore);
    expect(after.map((call) => `${call.method} ${call.entity}`)).toEqual(["retrieveRecord deploymentstagerun", "retrieveRecord deploymentstagerun"]);
    expect(host.fetchCalls.filter((call) => call.url.endsWith("/UpdateApprovalStatus"))).toHaveLength(1);
    expect(historyReads(host)).toHaveLength(1);
    // The stage's last deployment did not change with this decision: not read again either.
    expect(lastDeploymentCalls(host)).toHaveLength(1);
    expect(within(currentRow()).getByText(s("Status_Approved"))).toBeInTheDocument();
    expect(within(currentRow()).queryByText(s("Status_PendingApproval"))).not.toBeInTheDocument();
    control.destroy();
  });
});
