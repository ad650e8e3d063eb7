/**
 * A stage's approval policy as approvers and admins meet it in the panel: the rules in the gate, the checklist that
 * holds Approve back, comments per the policy instead of the form, expiry, counted approvals on relay stages, what a
 * policy that cannot be read or holds bad values does, and the admin's way to the policy form.
 */
import "@testing-library/jest-dom/jest-globals";
import { webcrypto } from "node:crypto";
import { TextEncoder as NodeTextEncoder } from "node:util";
import { beforeAll, describe, expect, it, jest } from "@jest/globals";
import { configure, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { buildRelayRow, dateValue, IDS, RELAY_TABLE, USERS, type Row, type UserFixture } from "../support/fixtures";
import { createMockContext, webApiError, type MockHost } from "../support/mockContext";
import { actionCalls, expectNoConsoleErrors, rootFor } from "../support/panel";
import { s } from "../support";

jest.setTimeout(30000);
configure({ asyncUtilTimeout: 5000 });
expectNoConsoleErrors();

const POLICY_TABLE = "apnl_approvalpolicy";
const POLICY_ID = "7a7a7a7a-1111-4222-8333-444455556666";
const fill = (key: string, ...args: string[]): string => args.reduce((text, arg, i) => text.replace(`{${i}}`, arg), s(key));

beforeAll(() => {
  // jsdom has neither TextEncoder nor crypto.subtle; the panel's fingerprint uses both (Web Crypto in the browser).
  // Node's are given here, with the bytes copied into Node's own Uint8Array (jsdom's realm is another).
  const g = globalThis as unknown as { TextEncoder?: unknown; crypto: { subtle?: unknown } };
  if (g.TextEncoder === undefined) g.TextEncoder = NodeTextEncoder;
  Object.defineProperty(g.crypto, "subtle", {
    configurable: true,
    value: { digest: (algorithm: string, data: Uint8Array) => webcrypto.subtle.digest(algorithm, Buffer.from(data)) },
  });
});

function policyRow(over: Record<string, unknown> = {}): Row {
  return {
    apnl_approvalpolicyid: POLICY_ID,
    apnl_name: "Contoso ALM / UAT",
    apnl_stageid: IDS.stages.owner,
    apnl_requiredapprovals: 1,
    apnl_commentonapprove: true,
    apnl_commentonreject: true,
    apnl_allowselfapproval: false,
    _apnl_approverteam_value: null,
    apnl_checklist: "Backup of the target taken\nChange ticket CHG-1234 approved",
    apnl_expiryhours: null,
    statecode: 0,
    ...dateValue("modifiedon", "2025-03-01T08:00:00Z"),
    ...over,
  };
}

function renderWithPolicy(
  user: UserFixture,
  options: { policies?: Row[]; recordId?: string; relayRows?: Row[]; requestedOn?: string; omitPolicyTable?: boolean } = {},
): MockHost {
  const recordId = options.recordId ?? IDS.runs.pendingOwner;
  const relay = recordId === IDS.runs.pendingSpn;
  const host = createMockContext({
    user,
    recordId,
    parameters: relay ? { decisionRelayTable: RELAY_TABLE } : {},
    tables: {
      ...(options.omitPolicyTable ? {} : { [POLICY_TABLE]: options.policies ?? [policyRow()] }),
      ...(relay ? { [RELAY_TABLE]: options.relayRows ?? [] } : {}),
    },
    omitTables: options.omitPolicyTable ? [POLICY_TABLE] : [],
  });
  if (options.requestedOn !== undefined) {
    const run = host.tables.deploymentstagerun.find((r: Row) => r.deploymentstagerunid === recordId) as Row;
    Object.assign(run, dateValue("createdon", options.requestedOn));
  }
  render(rootFor(host));
  return host;
}

const gate = (): Promise<HTMLElement> => screen.findByRole("region", { name: s("Section_Gate") });
const approveButton = (): HTMLElement => screen.getByRole("button", { name: s("Decision_Approve") });
const rejectButton = (): HTMLElement => screen.getByRole("button", { name: s("Decision_Reject") });
const hoursAgo = (h: number): string => new Date(Date.now() - h * 3_600_000).toISOString();

async function confirm(user: ReturnType<typeof userEvent.setup>): Promise<void> {
  const dialog = await screen.findByRole("alertdialog", { hidden: true });
  await user.click(within(dialog).getByRole("button", { name: s("Confirm_Confirm"), hidden: true }));
}

describe("a stage-owner stage with a policy", () => {
  it("the gate states the rules in one line, from the policy row", async () => {
    renderWithPolicy(USERS.stageOwner, { policies: [policyRow({ apnl_expiryhours: 72 })], requestedOn: hoursAgo(1) });
    const region = await gate();
    const summary = [
      fill("Policy_NeedsApprovals_one", "1", "UAT"),
      s("Policy_CommentBoth"),
      fill("Policy_Checklist_other", "2"),
      fill("Policy_Expiry_other", "72"),
    ].join(" · ");
    expect(await within(region).findByText(summary)).toBeInTheDocument();
    // Before it expires, the checks say when it will.
    const checks = screen.getByRole("region", { name: s("Section_Checks") });
    const expiresOn = within(checks).getByText((text) => text.startsWith(s("Check_expiresOn").split("{0}")[0]));
    expect(expiresOn.closest("li")).toHaveAttribute("data-severity", "info");
    // Not an admin: no way to the policy form.
    expect(within(region).queryByRole("button", { name: s("Policy_Open") })).not.toBeInTheDocument();
  });

  it("Approve waits for every checklist item; the policy's comment rule replaces the form's; the decision records the ticks and a fingerprint", async () => {
    const user = userEvent.setup();
    const host = renderWithPolicy(USERS.stageOwner, { requestedOn: hoursAgo(1) });
    await gate();
    const checklist = await screen.findByRole("group", { name: s("Policy_ChecklistLegend") });
    expect(approveButton()).toHaveAttribute("aria-disabled", "true");
    expect(approveButton()).toHaveAccessibleDescription(s("Decision_ApproveBlocked_checklist"));
    // Reject does not need the checklist.
    expect(rejectButton()).not.toHaveAttribute("aria-disabled", "true");

    await user.click(within(checklist).getByRole("checkbox", { name: "Backup of the target taken" }));
    await user.click(approveButton());
    expect(screen.queryByRole("alertdialog", { hidden: true })).not.toBeInTheDocument();
    await user.click(within(checklist).getByRole("checkbox", { name: "Change ticket CHG-1234 approved" }));
    expect(approveButton()).not.toHaveAttribute("aria-disabled", "true");

    // The form says no comment is needed to approve; the stage's policy says one is.
    await user.click(approveButton());
    expect(await screen.findByText(s("Decision_CommentRequired_Approve"))).toBeInTheDocument();
    expect(actionCalls(host)).toHaveLength(0);

    await user.type(screen.getByRole("textbox", { name: s("Decision_CommentLabel") }), "Backup verified.");
    await user.click(approveButton());
    await confirm(user);
    await screen.findByText(s("Decision_Status_SentApprove"));
    const calls = actionCalls(host);
    expect(calls).toHaveLength(1);
    const sent = JSON.parse(String(calls[0].body)) as { ApprovalProperties: string };
    const properties = JSON.parse(sent.ApprovalProperties) as Record<string, unknown>;
    expect(properties).toMatchObject({
      policyId: POLICY_ID,
      checklist: ["Backup of the target taken", "Change ticket CHG-1234 approved"],
      reviewedParts: ["run", "version", "settings", "validation"],
    });
    expect(properties.reviewFingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("an expired request cannot be approved, and says until when it could have been; Reject still works", async () => {
    const user = userEvent.setup();
    const requestedOn = hoursAgo(80);
    const host = renderWithPolicy(USERS.stageOwner, { policies: [policyRow({ apnl_checklist: null, apnl_expiryhours: 72 })], requestedOn });
    await gate();
    const reason = await screen.findByText((text) => text.endsWith(s("Decision_ApproveBlocked_expired").split("{0}")[1]));
    expect(approveButton()).toHaveAttribute("aria-disabled", "true");
    expect(approveButton()).toHaveAccessibleDescription(reason.textContent ?? "");
    // "Before you decide" says it first, as a blocker, instead of "No warnings".
    const checks = screen.getByRole("region", { name: s("Section_Checks") });
    const expired = within(checks).getByText((text) => text.endsWith(s("Check_expired").split("{0}")[1]));
    expect(expired.closest("li")).toHaveAttribute("data-severity", "blocker");
    expect(within(checks).getAllByRole("listitem")[0]).toContainElement(expired);
    expect(within(checks).queryByText(s("Checks_NoWarnings"))).not.toBeInTheDocument();

    await user.type(screen.getByRole("textbox", { name: s("Decision_CommentLabel") }), "Too old: please request again.");
    await user.click(rejectButton());
    await confirm(user);
    await screen.findByText(s("Decision_Status_SentReject"));
    expect(actionCalls(host)).toHaveLength(1);
  });
});

describe("policies that cannot be used as written", () => {
  it("bad values: the panel names each, with what it uses instead, and keeps working", async () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `Item ${i + 1}`).join("\n");
    renderWithPolicy(USERS.stageOwner, { policies: [policyRow({ apnl_requiredapprovals: 9, apnl_checklist: fifty, apnl_expiryhours: -5 })] });
    const region = await gate();
    const problems = await within(region).findByText((text) => text.includes(fill("Policy_Problem_requiredApprovals", "9", "5")));
    expect(problems.textContent).toContain(fill("Policy_Problem_checklistItems", "50"));
    expect(problems.textContent).toContain(fill("Policy_Problem_expiry", "-5"));
    // Five approvals on a stage-owner stage: only the relay can count several.
    expect(problems.textContent).toContain(fill("Policy_Problem_quorumNeedsRelay_other", "5"));
    expect(screen.getAllByRole("checkbox")).toHaveLength(50);
  });

  it("no read access: a warning that names the role to ask for, and the form's rules apply", async () => {
    const user = userEvent.setup();
    const host = createMockContext({
      user: USERS.stageOwner,
      recordId: IDS.runs.pendingOwner,
      tables: { [POLICY_TABLE]: [policyRow()] },
      faults: [
        {
          method: "retrieveMultipleRecords",
          entity: POLICY_TABLE,
          error: webApiError({ code: "0x80040220", message: "Principal user is missing prvReadapnl_ApprovalPolicy privilege." }),
        },
      ],
    });
    render(rootFor(host));
    const region = await gate();
    expect(await within(region).findByText(s("Policy_Forbidden"))).toBeInTheDocument();
    // No checklist and the form's comment rule (none to approve).
    expect(screen.queryByRole("group", { name: s("Policy_ChecklistLegend") })).not.toBeInTheDocument();
    await user.click(approveButton());
    expect(await screen.findByRole("alertdialog", { hidden: true })).toBeInTheDocument();
  });

  it("a host without the policy table: an information line, and the form's rules apply", async () => {
    renderWithPolicy(USERS.stageOwner, { omitPolicyTable: true });
    const region = await gate();
    expect(await within(region).findByText(fill("Policy_TableMissing", POLICY_TABLE))).toBeInTheDocument();
    expect(approveButton()).not.toHaveAttribute("aria-disabled", "true");
  });

  it("no policy for the stage: the gate says the form's rules apply", async () => {
    renderWithPolicy(USERS.stageOwner, { policies: [policyRow({ apnl_stageid: IDS.stages.spn })] });
    expect(await within(await gate()).findByText(s("Policy_None"))).toBeInTheDocument();
  });
});

describe("a service-principal stage without one active policy: the relay decides nothing (default deny)", () => {
  it.each([
    // Another stage's row only: this stage has none.
    ["no policy row for the stage", [policyRow({ apnl_stageid: IDS.stages.owner })], "Gate_Block_relayNoPolicy", "Decision_Block_relayNoPolicy"],
    [
      "two active rows",
      [policyRow({ apnl_stageid: IDS.stages.spn }), policyRow({ apnl_stageid: IDS.stages.spn, apnl_approvalpolicyid: "f5000000-0000-4000-8000-0000000000ee" })],
      "Gate_Block_relaySeveralPolicies",
      "Decision_Block_relaySeveralPolicies",
    ],
  ])("%s: the gate says why, Approve and Reject stay disabled, nothing is recorded", async (_name, policies, gateKey, decisionKey) => {
    const host = renderWithPolicy(USERS.stageOwner, { recordId: IDS.runs.pendingSpn, policies });
    expect(await within(await gate()).findByText(s(gateKey))).toBeInTheDocument();
    expect(approveButton()).toHaveAttribute("aria-disabled", "true");
    expect(screen.getByRole("button", { name: s("Decision_Reject") })).toHaveAttribute("aria-disabled", "true");
    expect(screen.getAllByText(s(decisionKey)).length).toBeGreaterThan(0);
    expect(host.calls.filter((c) => c.method === "createRecord")).toEqual([]);
  });
});

describe("a service-principal stage whose policy needs two approvals (relay)", () => {
  const spnPolicy = (): Row => policyRow({ apnl_stageid: IDS.stages.spn, apnl_requiredapprovals: 2, apnl_checklist: null, apnl_commentonapprove: false });
  const counted = (by: string, on: string): Row =>
    buildRelayRow({
      id: `5e6f7a8b-9c0d-4e1f-8a2b-${on.replace(/\D/g, "").slice(0, 12)}`,
      decidedById: by,
      decidedOn: on,
      outcome: 50,
      outcomeMessage: "Approval 1 of 2 counted.",
    });

  it("shows the approvals counted so far and who gave them; the one who approved cannot approve again", async () => {
    renderWithPolicy(USERS.otherApprover, {
      recordId: IDS.runs.pendingSpn,
      policies: [spnPolicy()],
      relayRows: [counted(IDS.users.otherApprover, "2025-03-14T12:30:00Z")],
    });
    expect(await screen.findByText(fill("Policy_Quorum", "1", "2"))).toBeInTheDocument();
    const quorum = screen.getByText(fill("Policy_Quorum", "1", "2")).closest("[data-quorum]") as HTMLElement;
    expect(within(quorum).getByText((text) => text.startsWith(fill("Policy_QuorumApprovedBy", "Lee Gu", "").trim()))).toBeInTheDocument();
    expect(screen.getByText(s("Policy_RejectAny"))).toBeInTheDocument();
    expect(approveButton()).toHaveAttribute("aria-disabled", "true");
    expect(approveButton()).toHaveAccessibleDescription(s("Decision_ApproveBlocked_alreadyCounted"));
  });

  it("another approver's approval that the flow counts (outcome 50) ends with 'counted', not 'sent', and the count moves on", async () => {
    const user = userEvent.setup();
    const host = renderWithPolicy(USERS.stageOwner, { recordId: IDS.runs.pendingSpn, policies: [spnPolicy()] });
    expect(await screen.findByText(fill("Policy_Quorum", "0", "2"))).toBeInTheDocument();
    await user.click(approveButton());
    await confirm(user);
    // The flow counts it: played here by writing the outcome on the row the panel created (it reads it after 2 s).
    const row = await waitFor(() => {
      const created = host.tables[RELAY_TABLE].find((r: Row) => r.apnl_outcome == null);
      if (!created) throw new Error("no row yet");
      return created as Row;
    });
    Object.assign(row, { apnl_outcome: 50, apnl_outcomemessage: "Approval 1 of 2 counted." });
    expect(await screen.findAllByText(s("Relay_Counted"), undefined, { timeout: 6000 })).not.toHaveLength(0);
    expect(screen.queryByText(s("Decision_Status_SentApprove"))).not.toBeInTheDocument();
    expect(await screen.findByText(fill("Policy_Quorum", "1", "2"))).toBeInTheDocument();
    expect(approveButton()).toHaveAccessibleDescription(s("Decision_ApproveBlocked_alreadyCounted"));
  });
});

describe("administrators", () => {
  it("open the stage's policy from the gate", async () => {
    const user = userEvent.setup();
    const host = renderWithPolicy(USERS.admin);
    const region = await gate();
    await user.click(await within(region).findByRole("button", { name: s("Policy_Open") }));
    expect(host.openFormCalls).toEqual([expect.objectContaining({ entityName: POLICY_TABLE, entityId: POLICY_ID })]);
  });

  it("set a policy for a stage without one: a new policy form with the stage filled in", async () => {
    const user = userEvent.setup();
    const host = renderWithPolicy(USERS.admin, { policies: [] });
    const region = await gate();
    await user.click(await within(region).findByRole("button", { name: s("Policy_Set") }));
    expect(host.openFormCalls).toEqual([
      {
        entityName: POLICY_TABLE,
        parameters: { apnl_stageid: IDS.stages.owner, apnl_stagename: "UAT", apnl_pipelinename: "Contoso ALM", apnl_name: "Contoso ALM / UAT" },
      },
    ]);
  });
});
