import { describe, expect, it } from "@jest/globals";
import { delegationModeOf, evaluateDecision, type StagePolicyPresence } from "../../ApprovalPanel/domain/decisionRules";
import type { Result, Stage, StageRun } from "../../ApprovalPanel/domain/types";
import { APPROVER_ID, MAKER_ID, makeConfig, makeRun, makeStage, makeUser } from "./fixtures";

const ok = (stage: Stage | null): Result<Stage | null> => ({ ok: true, value: stage });
const unreadable: Result<Stage | null> = { ok: false, error: { kind: "forbidden", status: 403 } };

function evaluate(
  options: {
    run?: StageRun;
    stage?: Result<Stage | null>;
    userId?: string;
    config?: Parameters<typeof makeConfig>[0];
    policyPresence?: StagePolicyPresence;
  } = {},
) {
  return evaluateDecision({
    run: options.run ?? makeRun(),
    stage: options.stage ?? ok(makeStage()),
    user: makeUser(options.userId !== undefined ? { id: options.userId } : {}),
    config: makeConfig(options.config),
    policyPresence: options.policyPresence,
  });
}

const spnStage = (overrides: Partial<Stage> = {}) =>
  makeStage({ delegationType: { value: 2, label: "Service Principal" }, servicePrincipalClientId: "0f0f0f0f-0000-4000-8000-0f0f0f0f0f0f", ...overrides });

describe("delegationModeOf", () => {
  it("reads 1 as stage owner and 2 as service principal", () => {
    expect(delegationModeOf(makeStage({ delegationType: { value: 1, label: null } }))).toBe("stageOwner");
    expect(delegationModeOf(makeStage({ delegationType: { value: 2, label: null } }))).toBe("servicePrincipal");
  });

  it("reads an unknown value, an empty column and a missing column as unknown", () => {
    expect(delegationModeOf(makeStage({ delegationType: { value: 3, label: "New mode" } }))).toBe("unknown");
    expect(delegationModeOf(makeStage({ delegationType: null }))).toBe("unknown");
    expect(delegationModeOf(makeStage({ delegationType: undefined }))).toBe("unknown");
  });
});

describe("evaluateDecision", () => {
  it("lets the stage owner decide a pending run through the action", () => {
    expect(evaluate()).toEqual({
      canDecide: true,
      route: "action",
      blockReason: null,
      advisories: [],
      mode: "stageOwner",
      decider: { kind: "stageOwner", owner: { id: APPROVER_ID, name: "Alex Approver" } },
    });
  });

  it("compares ids in any spelling (braces, upper case)", () => {
    const result = evaluate({ userId: `{${APPROVER_ID.toUpperCase()}}` });
    expect(result.canDecide).toBe(true);
  });

  describe("rule 1: the stage", () => {
    it("does not block when the stage cannot be read: the server decides", () => {
      const result = evaluate({ stage: unreadable });
      expect(result).toMatchObject({ canDecide: true, route: "action", blockReason: null, mode: "unknown", decider: { kind: "unknown" } });
      expect(result.advisories).toEqual(["delegationUnknown"]);
    });

    it("still applies the run's own rules when the stage cannot be read", () => {
      expect(evaluate({ stage: unreadable, run: makeRun({ approvalStatus: { value: 20, label: null } }) }).blockReason).toBe("notPending");
      expect(evaluate({ stage: unreadable, userId: MAKER_ID }).blockReason).toBe("ownRequest");
    });

    it("blocks a run without a stage", () => {
      expect(evaluate({ stage: ok(null) })).toMatchObject({ canDecide: false, route: null, blockReason: "noStage" });
    });
  });

  describe("rule 2: delegation", () => {
    it("blocks when the stage is not delegated: there is no approval gate", () => {
      expect(evaluate({ stage: ok(makeStage({ isDelegated: false })) })).toMatchObject({
        canDecide: false,
        route: null,
        blockReason: "notDelegated",
        decider: { kind: "none" },
      });
    });

    it("checks delegation before the approval state", () => {
      const run = makeRun({ approvalStatus: { value: 20, label: null } });
      expect(evaluate({ run, stage: ok(makeStage({ isDelegated: false })) }).blockReason).toBe("notDelegated");
    });

    it.each([undefined, null])("advises and continues when isDelegated is %p", (isDelegated) => {
      const result = evaluate({ stage: ok(makeStage({ isDelegated })) });
      expect(result).toMatchObject({ canDecide: true, route: "action", mode: "stageOwner" });
      expect(result.advisories).toEqual(["delegationUnknown"]);
    });
  });

  describe("rule 3: approval state", () => {
    it.each([
      [20, "approved"],
      [30, "rejected"],
      [99, "an unknown value"],
    ])("blocks when the approval status is %i (%s)", (value) => {
      const result = evaluate({ run: makeRun({ approvalStatus: { value, label: null } }) });
      expect(result).toMatchObject({ canDecide: false, blockReason: "notPending" });
    });

    it("checks the approval state before the requester", () => {
      const run = makeRun({ approvalStatus: { value: 30, label: null } });
      expect(evaluate({ run, userId: MAKER_ID }).blockReason).toBe("notPending");
    });

    it.each([
      ["missing from the host (undefined)", undefined],
      ["empty (null)", null],
    ])("advises and continues when the column is %s", (_label, approvalStatus) => {
      const result = evaluate({ run: makeRun({ approvalStatus }) });
      expect(result).toMatchObject({ canDecide: true, route: "action" });
      expect(result.advisories).toEqual(["approvalStatusUnknown"]);
    });
  });

  describe("rule 4: own request", () => {
    it("gives the requester a read-only view", () => {
      const stage = makeStage({ owner: { id: MAKER_ID, name: "Mona Maker" } });
      expect(evaluate({ userId: MAKER_ID, stage: ok(stage) })).toMatchObject({ canDecide: false, route: null, blockReason: "ownRequest" });
    });

    it("allows self-approval when the form allows it", () => {
      const stage = makeStage({ owner: { id: MAKER_ID, name: "Mona Maker" } });
      expect(evaluate({ userId: MAKER_ID, stage: ok(stage), config: { allowSelfApproval: true } })).toMatchObject({
        canDecide: true,
        route: "action",
      });
    });

    it("does not treat a run with an unknown requester as the user's own", () => {
      expect(evaluate({ run: makeRun({ requestedBy: null }) }).canDecide).toBe(true);
    });

    it("checks the requester before the stage owner", () => {
      expect(evaluate({ userId: MAKER_ID }).blockReason).toBe("ownRequest");
    });
  });

  describe("rule 5: stage owner mode", () => {
    it("blocks a user who is not the stage owner", () => {
      const result = evaluate({ userId: "99999999-9999-4999-8999-999999999999" });
      expect(result).toMatchObject({ canDecide: false, route: null, blockReason: "notStageOwner", mode: "stageOwner" });
    });

    it("lets the user try through the action when the owner is unknown", () => {
      const result = evaluate({ stage: ok(makeStage({ owner: null })) });
      expect(result).toMatchObject({ canDecide: true, route: "action", decider: { kind: "stageOwner", owner: null } });
      expect(result.advisories).toEqual(["delegationUnknown"]);
    });
  });

  describe("rule 6: service principal mode", () => {
    it("routes the decision through the relay table when one is configured", () => {
      const result = evaluate({ stage: ok(spnStage()), config: { decisionRelayTable: "apnl_approvaldecision" } });
      expect(result).toEqual({
        canDecide: true,
        route: "relay",
        blockReason: null,
        advisories: [],
        mode: "servicePrincipal",
        decider: { kind: "servicePrincipal", clientId: "0f0f0f0f-0000-4000-8000-0f0f0f0f0f0f" },
      });
    });

    it.each([null, "", "   "])("blocks when no relay table is configured (%p)", (decisionRelayTable) => {
      const result = evaluate({ stage: ok(spnStage()), config: { decisionRelayTable } });
      expect(result).toMatchObject({ canDecide: false, route: null, blockReason: "servicePrincipalNoRelay" });
    });

    // The relay flow decides only a stage with exactly one active policy (default deny): the panel says so first.
    it.each([
      ["none", { canDecide: false, route: null, blockReason: "relayNoPolicy" }],
      ["several", { canDecide: false, route: null, blockReason: "relaySeveralPolicies" }],
      ["one", { canDecide: true, route: "relay", blockReason: null }],
      ["unknown", { canDecide: true, route: "relay", blockReason: null }],
    ] as const)("with the stage's policies %s: %p", (policyPresence, expected) => {
      const result = evaluate({ stage: ok(spnStage()), config: { decisionRelayTable: "apnl_approvaldecision" }, policyPresence });
      expect(result).toMatchObject(expected);
    });

    it("a stage-owner stage needs no policy: the action route is not gated by it", () => {
      const owner = makeStage({ delegationType: { value: 1, label: "Stage Owner" }, owner: { id: APPROVER_ID, name: "Avery" } });
      expect(evaluate({ stage: ok(owner), userId: APPROVER_ID, policyPresence: "none" })).toMatchObject({ canDecide: true, route: "action" });
    });

    it("does not require the user to be the stage owner", () => {
      const result = evaluate({
        stage: ok(spnStage({ owner: { id: "99999999-9999-4999-8999-999999999999", name: "Someone" } })),
        config: { decisionRelayTable: "apnl_approvaldecision" },
      });
      expect(result.canDecide).toBe(true);
    });

    it("reports a missing client id as null", () => {
      const result = evaluate({ stage: ok(spnStage({ servicePrincipalClientId: undefined })), config: { decisionRelayTable: "apnl_x" } });
      expect(result.decider).toEqual({ kind: "servicePrincipal", clientId: null });
    });
  });

  describe("rule 7: unknown mode", () => {
    it("lets the user try through the action with an advisory", () => {
      const result = evaluate({ stage: ok(makeStage({ delegationType: undefined })) });
      expect(result).toMatchObject({ canDecide: true, route: "action", blockReason: null, mode: "unknown", decider: { kind: "unknown" } });
      expect(result.advisories).toEqual(["delegationUnknown"]);
    });

    it("lists each advisory once when several rules cannot tell", () => {
      const result = evaluate({
        stage: ok(makeStage({ isDelegated: null, delegationType: null })),
        run: makeRun({ approvalStatus: undefined }),
      });
      expect(result.canDecide).toBe(true);
      expect([...result.advisories].sort()).toEqual(["approvalStatusUnknown", "delegationUnknown"]);
    });
  });
});
