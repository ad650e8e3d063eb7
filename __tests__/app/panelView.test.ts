import { describe, expect, it } from "@jest/globals";
import { createPanelDeriver, derivePanel, type ChangesShown, type PanelLoad, type PanelViewInput, type ReadyView } from "../../ApprovalPanel/app/panelView";
import type { LoadedRun } from "../../ApprovalPanel/app/ports";
import type { DecisionPhase } from "../../ApprovalPanel/app/decisionFlow";
import { readPolicy, type PolicyRow } from "../../ApprovalPanel/domain/policy";
import type { PanelConfig, RelayDecision, Stage, StageRun } from "../../ApprovalPanel/domain/types";
import { APPROVER_ID, MAKER_ID, makeConfig, makeRun, makeStage, makeUser } from "../domain/fixtures";

const OTHER_ID = "ffffffff-6666-4666-8666-ffffffffffff";
const POLICY_ID = "7a7a7a7a-1111-4222-8333-444455556666";
const HOUR = 3_600_000;
const REQUESTED = Date.parse("2024-05-01T10:00:00Z");

const policyRow = (over: Partial<PolicyRow> = {}): PolicyRow => ({
  id: POLICY_ID,
  name: "Contoso / Test",
  requiredApprovals: 1,
  commentOnApprove: true,
  commentOnReject: false,
  allowSelfApproval: true,
  approverTeam: null,
  checklist: null,
  expiryHours: null,
  ...over,
});
const spnStage = (): Stage => makeStage({ delegationType: { value: 2, label: null } });
const approvedRun = (over: Partial<StageRun> = {}): StageRun =>
  makeRun({ approvalStatus: { value: 20, label: "Approved" }, stageRunStatus: { value: 200000002, label: "Succeeded" }, ...over });
const relayRow = (over: Partial<RelayDecision>): RelayDecision => ({
  id: "10000000-0000-4000-8000-000000000001",
  stageRunId: makeRun().id,
  decision: 20,
  comments: null,
  approvalProperties: null,
  outcome: "applied",
  outcomeMessage: null,
  outcomeOn: null,
  decidedBy: { id: OTHER_ID, name: "Lee Gu" },
  decidedOn: "2024-05-01T12:00:00Z",
  ...over,
});

interface Scenario {
  run?: StageRun;
  stage?: Stage | null;
  load?: Partial<PanelLoad>;
  policy?: PolicyRow[];
  userId?: string;
  config?: Partial<PanelConfig>;
  admin?: boolean;
  width?: number | null;
  phase?: DecisionPhase;
  ticked?: boolean[];
  now?: number;
  expired?: boolean;
  changesShown?: ChangesShown | null;
}

function input(sc: Scenario = {}): PanelViewInput {
  const loaded: LoadedRun = { run: sc.run ?? makeRun(), stage: { ok: true, value: sc.stage === undefined ? makeStage() : sc.stage } };
  const phase = sc.phase ?? { kind: "idle" };
  return {
    load: {
      run: { status: "ready", value: loaded },
      isAdministrator: { status: "ready", value: sc.admin ?? false },
      relayDecisions: { status: "idle" },
      history: {
        status: "ready",
        rows: [],
        next: null,
        scope: "pipeline",
        effectiveScope: "pipeline",
        pipelineScopeAvailable: true,
        loadingMore: false,
        error: null,
        moreError: null,
      },
      lastDeployment: { status: "ready", value: null },
      policy: sc.policy === undefined ? { status: "unavailable" } : { status: "ready", value: readPolicy(sc.policy) },
      ...sc.load,
    },
    host: { user: makeUser({ id: sc.userId ?? APPROVER_ID }), config: makeConfig(sc.config), allocatedWidth: sc.width === undefined ? 600 : sc.width },
    changesShown: sc.changesShown ?? null,
    decision: { phase, ticked: sc.ticked ?? [], busy: ["checking", "submitting", "relayRecording", "relayWaiting"].includes(phase.kind) },
    clock: { now: sc.now ?? REQUESTED + HOUR, loadedAt: REQUESTED + HOUR / 2, expired: sc.expired ?? false },
  };
}

const ready = (sc: Scenario = {}): ReadyView => {
  const view = derivePanel(input(sc)).ready;
  if (view === null) throw new Error("not ready");
  return view;
};

describe("derivePanel: loading and failure", () => {
  it("shows nothing of the run while it loads or when it failed", () => {
    for (const run of [{ status: "loading" }, { status: "idle" }, { status: "error", error: { kind: "offline" } }] as const) {
      const view = derivePanel(input({ load: { run } }));
      expect(view).toMatchObject({ ready: null, loaded: null, eligibility: null, route: null, quorum: null, expiry: null, review: null });
    }
  });

  it("takes the width thresholds: narrow below 480 px, the decision beside the details from 900 px", () => {
    expect(derivePanel(input({ width: 479 }))).toMatchObject({ narrow: true, wide: false });
    expect(derivePanel(input({ width: 480 }))).toMatchObject({ narrow: false, wide: false });
    expect(derivePanel(input({ width: 900 }))).toMatchObject({ narrow: false, wide: true });
    expect(derivePanel(input({ width: null }))).toMatchObject({ narrow: false, wide: false });
  });
});

describe("derivePanel: which sections show", () => {
  it("the stage owner on a pending run: the checks and the form, no outcome", () => {
    expect(ready().show).toEqual({ form: true, outcome: false, checks: true, history: true, adminCheckFailed: false, hostCheck: false });
  });

  it("a decided run: the outcome, without 'Before you decide' and without the form", () => {
    expect(ready({ run: approvedRun() }).show).toMatchObject({ form: false, outcome: true, checks: false });
  });

  it("the requester's own pending request: the read-only outcome, no form", () => {
    const view = ready({ userId: MAKER_ID });
    expect(view.eligibility.blockReason).toBe("ownRequest");
    expect(view.show).toMatchObject({ form: false, outcome: true, checks: true });
  });

  it("a would-be approver who is blocked sees the form (disabled, with the reason)", () => {
    expect(ready({ userId: OTHER_ID }).show).toMatchObject({ form: true, outcome: false });
    expect(ready({ stage: spnStage() }).eligibility.blockReason).toBe("servicePrincipalNoRelay");
    expect(ready({ stage: spnStage() }).show.form).toBe(true);
  });

  it("no stage: neither form nor outcome", () => {
    const view = ready({ stage: null });
    expect(view.eligibility.blockReason).toBe("noStage");
    expect(view.show).toMatchObject({ form: false, outcome: false });
  });

  it("a decision under way keeps the form although the run no longer looks pending", () => {
    expect(ready({ run: approvedRun(), phase: { kind: "submitting", decision: 20 } }).show).toMatchObject({ form: true, outcome: false, checks: true });
  });

  it("history unless it cannot be had; the admin check's failure and the host check by what the roles say", () => {
    const history = { ...input().load.history, status: "unavailable" as const };
    expect(ready({ load: { history } }).show.history).toBe(false);
    expect(ready({ load: { isAdministrator: { status: "error", error: { kind: "offline" } } } }).show).toMatchObject({
      adminCheckFailed: true,
      hostCheck: false,
    });
    expect(ready({ admin: true }).show.hostCheck).toBe(true);
  });
});

describe("derivePanel: the stage policy", () => {
  it("replaces the form's comment and self-approval rules", () => {
    const view = derivePanel(input({ policy: [policyRow()] }));
    expect(view.config).toMatchObject({ requireApproveComment: true, requireRejectComment: false, allowSelfApproval: true });
    const form = input();
    expect(derivePanel(form).config).toBe(form.host.config);
  });

  it("lets the requester decide when the policy allows it, so a requester who is not the owner is told that, not 'own request'", () => {
    const view = ready({ userId: MAKER_ID, policy: [policyRow()] });
    expect(view.eligibility.blockReason).toBe("notStageOwner");
    expect(view.show).toMatchObject({ form: true, outcome: false });
  });

  it("a service-principal stage with a relay but no policy, or several: the form shows why it is blocked", () => {
    const relay = { decisionRelayTable: "apnl_approvaldecision" };
    expect(ready({ stage: spnStage(), config: relay, policy: [] }).eligibility.blockReason).toBe("relayNoPolicy");
    expect(ready({ stage: spnStage(), config: relay, policy: [policyRow(), policyRow()] }).eligibility.blockReason).toBe("relaySeveralPolicies");
    expect(ready({ stage: spnStage(), config: relay, policy: [policyRow()] }).eligibility).toMatchObject({ canDecide: true, route: "relay" });
  });

  it("counts relay approvals on the relay route only, and blocks a second approval by the same person", () => {
    const relay = { decisionRelayTable: "apnl_approvaldecision" };
    const rows = { status: "ready" as const, value: [relayRow({ outcome: "counted", decidedBy: { id: APPROVER_ID, name: "Alex Approver" } })] };
    const view = derivePanel(input({ stage: spnStage(), config: relay, policy: [policyRow({ requiredApprovals: 2 })], load: { relayDecisions: rows } }));
    expect(view.quorum).toMatchObject({ required: 2, youCounted: true });
    expect(view.ready?.approveBlocks).toEqual(["alreadyCounted"]);
    expect(derivePanel(input({ policy: [policyRow({ requiredApprovals: 2 })], load: { relayDecisions: rows } })).quorum).toBeNull();
  });

  it("holds Approve back until every checklist item is ticked", () => {
    const policy = [policyRow({ checklist: "Backup taken\nTicket approved" })];
    expect(ready({ policy, ticked: [true] }).approveBlocks).toEqual(["checklist"]);
    expect(ready({ policy, ticked: [true, true] }).approveBlocks).toEqual([]);
  });

  it("expires the request: Approve is blocked from the expiry on, and the checks then read the clock", () => {
    const policy = [policyRow({ expiryHours: 2 })];
    const before = derivePanel(input({ policy, now: REQUESTED + HOUR }));
    expect(before.expiry?.toISOString()).toBe("2024-05-01T12:00:00.000Z");
    expect(before.ready?.approveBlocks).toEqual([]);
    expect(before.ready?.checkInput).toMatchObject({ now: REQUESTED + HOUR / 2, expiresAt: "2024-05-01T12:00:00.000Z" });
    const after = ready({ policy, now: REQUESTED + 2 * HOUR, expired: true });
    expect(after.approveBlocks).toEqual(["expired"]);
    expect(after.checkInput.now).toBe(REQUESTED + 2 * HOUR);
  });

  it("the gate's policy line: problems for the mode, and the admin's way to the policy", () => {
    expect(ready({ config: { approvalPolicyTable: null } }).policyGate).toBeNull();
    const nonAdmin = ready({ policy: [policyRow({ requiredApprovals: 2 })] }).policyGate;
    expect(nonAdmin).toEqual({ table: "apnl_approvalpolicy", problems: [{ kind: "quorumNeedsRelay", required: 2 }], open: null });
    expect(ready({ admin: true, policy: [policyRow()] }).policyGate?.open).toEqual({ kind: "existing", id: POLICY_ID });
    expect(ready({ admin: true, policy: [] }).policyGate?.open).toEqual({
      kind: "new",
      values: { apnl_stageid: makeStage().id, apnl_stagename: "Test", apnl_pipelinename: "Contoso pipeline", apnl_name: "Contoso pipeline / Test" },
    });
  });
});

describe("derivePanel: what the checks, the review and the outcome read", () => {
  it("the checks read each wave-2 part as it stands", () => {
    const history = { ...input().load.history, next: "page2", effectiveScope: "stage" as const };
    const view = ready({ load: { history, lastDeployment: { status: "idle" } } });
    expect(view.checkInput.history).toEqual({ status: "ready", value: { rows: [], complete: false, coversPipeline: false } });
    expect(view.checkInput.lastDeployment).toEqual({ status: "loading" });
    const failed = ready({ load: { history: { ...history, status: "error" }, lastDeployment: { status: "unavailable" } } });
    expect(failed.checkInput).toMatchObject({ history: { status: "error" }, lastDeployment: { status: "unavailable" }, stage: makeStage() });
  });

  it("the review fingerprint reads the run and what What changes showed", () => {
    const run = makeRun({ deploymentSettingsJson: "{}", validationResults: "[]" });
    expect(derivePanel(input({ run, changesShown: { summary: { added: 1 }, comparison: "solution.xml …" } })).review).toEqual({
      runId: run.id,
      artifactVersion: "1.0.0.3",
      deploymentSettingsJson: "{}",
      validationResults: "[]",
      changes: { added: 1 },
      comparison: "solution.xml …",
    });
    expect(derivePanel(input({ run })).review).toMatchObject({ changes: null, comparison: null });
  });

  it("names who decided: the relay row the flow applied, else the approval properties for administrators only", () => {
    const properties = JSON.stringify({ approverName: "Megan Bowen", adminNote: "Checked." });
    const run = approvedRun({ approvalProperties: properties });
    expect(ready({ run, admin: true }).decidedBy).toBe("Megan Bowen");
    expect(ready({ run, userId: MAKER_ID }).decidedBy).toBeNull();
    const relayDecisions = { status: "ready" as const, value: [relayRow({})] };
    expect(ready({ run, userId: MAKER_ID, load: { relayDecisions } }).decidedBy).toBe("Lee Gu");
  });

  it("the approver's comments come from the relay only when the run has no comments column", () => {
    const relayDecisions = { status: "ready" as const, value: [relayRow({ comments: "  " }), relayRow({ comments: "Fine by me." })] };
    expect(ready({ run: approvedRun({ approvalComments: null }), load: { relayDecisions } }).relayComments).toBeUndefined();
    expect(ready({ run: approvedRun({ approvalComments: undefined }), load: { relayDecisions } }).relayComments).toBe("Fine by me.");
    expect(ready({ run: approvedRun({ approvalComments: undefined }) }).relayComments).toBeNull();
  });

  it("follows the relay row while it waits or timed out", () => {
    const relayId = "20000000-0000-4000-8000-000000000002";
    expect(ready({ phase: { kind: "relayWaiting", decision: 20, relayId } }).followingRelayId).toBe(relayId);
    expect(ready({ phase: { kind: "relayTimedOut", decision: 20, relayId } }).followingRelayId).toBe(relayId);
    expect(ready({ phase: { kind: "idle" } }).followingRelayId).toBeNull();
  });
});

describe("createPanelDeriver", () => {
  it("keeps each derived object while its inputs are the same ones, so memoized sections skip a render", () => {
    const deriver = createPanelDeriver();
    const first = input({ policy: [policyRow()] });
    const a = deriver.view(deriver.basis(first), first);
    const typed = { ...first, decision: { ...first.decision, ticked: [true] }, clock: { ...first.clock, now: first.clock.now + 1 } };
    const b = deriver.view(deriver.basis(typed), typed);
    expect(b.config).toBe(a.config);
    expect(b.eligibility).toBe(a.eligibility);
    expect(b.ready?.checkInput).toBe(a.ready?.checkInput);
    expect(b.ready?.policyGate).toBe(a.ready?.policyGate);
    const reloaded = {
      ...first,
      load: { ...first.load, run: { status: "ready" as const, value: { run: makeRun(), stage: { ok: true as const, value: makeStage() } } } },
    };
    expect(deriver.basis(reloaded).eligibility).not.toBe(a.eligibility);
  });
});
