import "@testing-library/jest-dom/jest-globals";
import { describe, expect, it, jest } from "@jest/globals";
import { act, configure, screen, within } from "@testing-library/react";
import { choice, IDS, RELAY_TABLE, USERS, type Row } from "../support/fixtures";
import type { MockHost } from "../support/mockContext";
import { advance, expectNoConsoleErrors } from "../support/panel";
import { s } from "../support";
import { approveWithComment, renderRelayPanel } from "../support/relayPanel";

jest.setTimeout(30000);
configure({ asyncUtilTimeout: 5000 });

/** A service principal stage with the relay table configured: decisions go through a row the flow applies. */
const renderStageOwnerPanel = () => renderRelayPanel(USERS.stageOwner);

const relayCreates = (host: MockHost) => host.calls.filter((call) => call.method === "createRecord" && call.entity === RELAY_TABLE);
const relayReads = (host: MockHost) => host.calls.filter((call) => call.method === "retrieveRecord" && call.entity === RELAY_TABLE);

expectNoConsoleErrors("fake");

describe("decision relay (service principal stage)", () => {
  it("records a relay row, follows it until the flow applied it, and sends no action itself", async () => {
    const { host } = renderStageOwnerPanel();
    await approveWithComment("Go ahead");

    expect(await screen.findByText(s("Relay_Recorded"))).toBeInTheDocument();
    expect(screen.getByText(s("Relay_Waiting"))).toBeInTheDocument();
    const creates = relayCreates(host);
    expect(creates).toHaveLength(1);
    expect(creates[0].data).toMatchObject({ apnl_stagerunid: IDS.runs.pendingSpn, apnl_decision: 20, apnl_comments: "Go ahead" });
    // No outcome: only the relay flow writes it (the column is secured).
    expect(creates[0].data).not.toHaveProperty("apnl_outcome");
    expect(JSON.parse(String(creates[0].data?.apnl_approvalproperties))).toMatchObject({ approverId: USERS.stageOwner.id, decisionValue: 20 });

    // First poll after 2 s: still pending.
    await advance(2000);
    expect(relayReads(host)).toHaveLength(1);
    expect(screen.getByText(s("Relay_Waiting"))).toBeInTheDocument();

    // The flow applies the decision (as the service principal) before the next poll, 4 s later.
    const row = host.tables[RELAY_TABLE].find((r: Row) => r.apnl_approvaldecisionid === creates[0].id || r.apnl_stagerunid === IDS.runs.pendingSpn)!;
    Object.assign(row, { apnl_outcome: 20, apnl_outcomemessage: "Applied by the flow" });
    Object.assign(host.row("deploymentstagerun", IDS.runs.pendingSpn)!, { ...choice("approvalstatus", 20), approvalcomments: "Go ahead" });
    await advance(3999);
    expect(relayReads(host)).toHaveLength(1);
    await advance(1);
    expect(relayReads(host)).toHaveLength(2);

    expect(await screen.findByText(s("Decision_Status_SentApprove"))).toBeInTheDocument();
    const outcome = await screen.findByRole("region", { name: s("Section_Outcome") });
    expect(within(outcome).getByText(s("Status_Approved"))).toBeInTheDocument();
    expect(host.fetchCalls.filter((call) => call.url.endsWith("/UpdateApprovalStatus"))).toHaveLength(0);
    // Polling stopped once applied.
    await advance(60000);
    expect(relayReads(host)).toHaveLength(2);
  });

  it("a refusal by the flow shows its message and keeps the comment", async () => {
    const { host } = renderStageOwnerPanel();
    await approveWithComment("Please");
    await screen.findByText(s("Relay_Recorded"));
    const row = host.tables[RELAY_TABLE].find((r: Row) => r.apnl_stagerunid === IDS.runs.pendingSpn && r.apnl_outcome == null)!;
    Object.assign(row, { apnl_outcome: 30, apnl_outcomemessage: "The run is not pending." });
    await advance(2000);
    expect((await screen.findAllByText(s("Relay_Refused"))).length).toBeGreaterThan(0);
    // In the refusal the user's focus lands on, and in the list of decisions recorded for the flow.
    expect(document.activeElement).toHaveTextContent("The run is not pending.");
    expect(within(screen.getByRole("list", { name: s("Relay_DecisionsHeading") })).getByText("The run is not pending.", { exact: false })).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: s("Decision_CommentLabel") })).toHaveValue("Please");
  });

  it("still pending at the time limit: says what an admin should check, and stops polling", async () => {
    const { host } = renderStageOwnerPanel();
    await approveWithComment("Waiting");
    await screen.findByText(s("Relay_Recorded"));
    for (let i = 0; i < 20 && screen.queryByText(s("Relay_AdminCheck"), { exact: false }) === null; i++) await advance(15000);
    expect(screen.getByText(s("Relay_AdminCheck"), { exact: false })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: s("Relay_CheckAgain") })).toBeInTheDocument();
    const reads = relayReads(host).length;
    // Polls at 2, 6, 14 s, then every 15 s, and a last one at the 3-minute limit.
    expect(reads).toBe(15);
    await advance(60000);
    expect(relayReads(host)).toHaveLength(reads);
  });

  it("dispose while following the relay row stops the polling and updates nothing", async () => {
    const { host, dispose, unmount } = renderStageOwnerPanel();
    await approveWithComment("Later");
    await screen.findByText(s("Relay_Recorded"));
    const status = screen.getByRole("status").textContent;
    act(() => dispose.abort());
    // (React and Fluent keep timers of their own, so the check is that no poll ever runs and nothing changes.)
    await advance(30000);
    expect(relayReads(host)).toHaveLength(0);
    expect(screen.getByRole("status").textContent).toBe(status);
    unmount();
  });
});
