import {
  approveBlocks,
  checklistItems,
  configWithPolicy,
  expiresAt,
  policyPresenceOf,
  policyProblems,
  quorumOf,
  readPolicy,
  tickedItems,
  type ApprovalPolicy,
  type PolicyRow,
} from "../../ApprovalPanel/domain/policy";
import type { RelayDecision } from "../../ApprovalPanel/domain/types";
import { makeConfig } from "./fixtures";

const row = (overrides: Partial<PolicyRow> = {}): PolicyRow => ({
  id: "11111111-1111-4111-8111-111111111111",
  name: "Expenses / Production",
  requiredApprovals: 1,
  commentOnApprove: false,
  commentOnReject: true,
  allowSelfApproval: false,
  approverTeam: null,
  checklist: null,
  expiryHours: null,
  ...overrides,
});

const policyOf = (overrides: Partial<PolicyRow> = {}): ApprovalPolicy => {
  const read = readPolicy([row(overrides)]).policy;
  if (read === null) throw new Error("no policy");
  return read;
};

describe("readPolicy", () => {
  it("no row: no policy and nothing to say (the form's rules apply)", () => {
    expect(readPolicy([])).toEqual({ policy: null, problems: [] });
  });

  it("reads a valid row as it is", () => {
    const { policy, problems } = readPolicy([
      row({ requiredApprovals: 2, commentOnApprove: true, checklist: "Backup taken\r\n\n  Change ticket linked  \n", expiryHours: 72 }),
    ]);
    expect(problems).toEqual([]);
    expect(policy).toMatchObject({
      requiredApprovals: 2,
      commentOnApprove: true,
      commentOnReject: true,
      checklist: ["Backup taken", "Change ticket linked"],
      expiryHours: 72,
    });
  });

  it.each([
    [0, 1],
    [9, 5],
    [-3, 1],
    [2.5, 1],
    ["2", 1],
  ])("required approvals %p is named and counted as %p", (value, used) => {
    const { policy, problems } = readPolicy([row({ requiredApprovals: value })]);
    expect(policy?.requiredApprovals).toBe(used);
    expect(problems).toEqual([{ kind: "requiredApprovals", value: String(value), used }]);
  });

  it("an empty approvals column means one approval, without a problem", () => {
    expect(readPolicy([row({ requiredApprovals: null })])).toMatchObject({ policy: { requiredApprovals: 1 }, problems: [] });
  });

  it("a checklist of 50 lines is kept whole (every line must be ticked, as the flow checks) and named", () => {
    const lines = Array.from({ length: 50 }, (_, i) => `Item ${i + 1}`).join("\n");
    const { policy, problems } = readPolicy([row({ checklist: lines })]);
    expect(policy?.checklist).toHaveLength(50);
    expect(problems).toEqual([{ kind: "checklistItems", count: 50 }]);
  });

  it("names checklist items longer than 200 characters", () => {
    const { problems } = readPolicy([row({ checklist: `${"x".repeat(201)}\nshort` })]);
    expect(problems).toEqual([{ kind: "checklistItemLength", count: 1 }]);
  });

  it.each([-5, 0, 9000, "72", Number.NaN])("an expiry of %p is ignored and named", (value) => {
    const { policy, problems } = readPolicy([row({ expiryHours: value })]);
    expect(policy?.expiryHours).toBeNull();
    expect(problems).toEqual([{ kind: "expiry", value: expect.any(String) }]);
  });

  it("yes/no columns that are not booleans fall back to the safe defaults", () => {
    const { policy } = readPolicy([row({ commentOnApprove: "yes", commentOnReject: null, allowSelfApproval: 1 })]);
    expect(policy).toMatchObject({ commentOnApprove: false, commentOnReject: true, allowSelfApproval: false });
  });

  it("two active rows: the first (newest) applies and the panel says there are several", () => {
    const { policy, problems } = readPolicy([row({ id: "a", requiredApprovals: 2 }), row({ id: "b" })]);
    expect(policy?.id).toBe("a");
    expect(problems).toEqual([{ kind: "several", count: 2 }]);
  });
});

describe("configWithPolicy", () => {
  it("the stage's policy replaces the form's comment and self-approval rules", () => {
    const config = makeConfig({ requireRejectComment: true, requireApproveComment: false, allowSelfApproval: false });
    const merged = configWithPolicy(config, policyOf({ commentOnApprove: true, commentOnReject: false, allowSelfApproval: true }));
    expect(merged).toMatchObject({
      requireApproveComment: true,
      requireRejectComment: false,
      allowSelfApproval: true,
      historyPageSize: config.historyPageSize,
    });
  });

  it("without a policy the form's properties stay", () => {
    const config = makeConfig({ requireApproveComment: true });
    expect(configWithPolicy(config, null)).toBe(config);
  });
});

describe("expiry", () => {
  it("expires the given hours after the request", () => {
    expect(expiresAt(policyOf({ expiryHours: 72 }), "2026-11-20T10:00:00Z")?.toISOString()).toBe("2026-11-23T10:00:00.000Z");
  });

  it("no expiry, or no request time: never expires", () => {
    expect(expiresAt(policyOf(), "2026-11-20T10:00:00Z")).toBeNull();
    expect(expiresAt(policyOf({ expiryHours: 72 }), null)).toBeNull();
    expect(expiresAt(null, "2026-11-20T10:00:00Z")).toBeNull();
  });
});

const relayRow = (by: string, decision: 20 | 30, outcome: RelayDecision["outcome"], on: string): RelayDecision => ({
  id: `${by}-${on}`,
  stageRunId: "run",
  decision,
  comments: null,
  approvalProperties: null,
  outcome,
  outcomeMessage: null,
  outcomeOn: null,
  decidedBy: { id: by, name: by },
  decidedOn: on,
});

const JORDAN = "a0000000-0000-4000-8000-000000000003";
const CASEY = "a0000000-0000-4000-8000-000000000009";

describe("quorumOf", () => {
  // Relay rows arrive newest first.
  const rows = [
    relayRow(JORDAN, 20, "counted", "2026-12-01T10:05:00Z"),
    relayRow(CASEY, 20, "refused", "2026-12-01T10:03:00Z"),
    relayRow(JORDAN, 20, "counted", "2026-12-01T10:02:00Z"),
    relayRow(CASEY, 30, "counted", "2026-12-01T10:01:00Z"),
  ];

  it("counts each approver's counted approvals once, oldest first; refused rows and rejects do not count", () => {
    const quorum = quorumOf(policyOf({ requiredApprovals: 2 }), rows, CASEY);
    expect(quorum.required).toBe(2);
    expect(quorum.counted).toEqual([{ decidedBy: { id: JORDAN, name: JORDAN }, decidedOn: "2026-12-01T10:02:00Z" }]);
    expect(quorum.youCounted).toBe(false);
  });

  it("knows when the signed-in user is already counted", () => {
    expect(quorumOf(policyOf({ requiredApprovals: 2 }), rows, JORDAN.toUpperCase()).youCounted).toBe(true);
  });
});

describe("approveBlocks", () => {
  const now = Date.parse("2026-12-01T12:00:00Z");
  it("expired, checklist not all ticked, already counted: each stops Approve", () => {
    const policy = policyOf({ checklist: "One\nTwo" });
    expect(approveBlocks({ policy, expiry: new Date(now - 1), now, ticked: [true], quorum: null })).toEqual(["expired", "checklist"]);
    expect(approveBlocks({ policy, expiry: new Date(now + 1), now, ticked: [true, true], quorum: { required: 2, counted: [], youCounted: true } })).toEqual([
      "alreadyCounted",
    ]);
    expect(approveBlocks({ policy, expiry: null, now, ticked: [true, true], quorum: null })).toEqual([]);
  });

  it("no policy: nothing stops Approve", () => {
    expect(approveBlocks({ policy: null, expiry: null, now, ticked: [], quorum: null })).toEqual([]);
  });
});

describe("checklist", () => {
  it("lines are trimmed and empty lines dropped, as the relay flow reads them", () => {
    expect(checklistItems(" a \n\n\r\nb\r\n")).toEqual(["a", "b"]);
    expect(checklistItems(42)).toEqual([]);
  });

  it("the ticked items' texts, in the policy's order", () => {
    expect(tickedItems(policyOf({ checklist: "One\nTwo\nThree" }), [true, false, true])).toEqual(["One", "Three"]);
    expect(tickedItems(null, [true])).toEqual([]);
  });
});

describe("policyProblems", () => {
  it("several approvals on a stage that takes one decision: named, beside the row's own problems", () => {
    const read = readPolicy([row({ requiredApprovals: 3, expiryHours: -1 })]);
    expect(policyProblems(read, "stageOwner")).toEqual([
      { kind: "expiry", value: "-1" },
      { kind: "quorumNeedsRelay", required: 3 },
    ]);
    expect(policyProblems(read, "unknown")).toContainEqual({ kind: "quorumNeedsRelay", required: 3 });
  });

  it("service-principal stages (the relay counts approvals), one approval, or no policy: only the row's problems", () => {
    expect(policyProblems(readPolicy([row({ requiredApprovals: 3 })]), "servicePrincipal")).toEqual([]);
    expect(policyProblems(readPolicy([row()]), "stageOwner")).toEqual([]);
    expect(policyProblems(readPolicy([]), "stageOwner")).toEqual([]);
  });
});

describe("policyPresenceOf: how many active policies the stage has, for the relay's default deny", () => {
  it.each([
    ["not read (or unreadable)", null, "unknown"],
    ["no row", readPolicy([]), "none"],
    ["one row", readPolicy([row()]), "one"],
    ["two rows", readPolicy([row(), row({ id: "f5000000-0000-4000-8000-0000000000ff" })]), "several"],
  ] as const)("%s: %s", (_name, stagePolicy, expected) => {
    expect(policyPresenceOf(stagePolicy)).toBe(expected);
  });
});
