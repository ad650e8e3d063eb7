import type { CurrentUser, PanelConfig, Stage, StageRun } from "../../ApprovalPanel/domain/types";

export const APPROVER_ID = "aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa";
export const MAKER_ID = "bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb";

export function makeRun(overrides: Partial<StageRun> = {}): StageRun {
  return {
    id: "cccccccc-3333-4333-8333-cccccccccccc",
    name: "Contoso Core 1.0.0.3 to Test",
    artifactName: "ContosoCore",
    artifactVersion: "1.0.0.3",
    artifactDevCurrentVersion: "1.0.0.3",
    stage: { id: "dddddddd-4444-4444-8444-dddddddddddd", name: "Test" },
    sourceEnvironment: null,
    targetEnvironment: null,
    requestedBy: { id: MAKER_ID, name: "Mona Maker" },
    requestedOn: "2024-05-01T10:00:00Z",
    startTime: null,
    endTime: null,
    stageRunStatus: { value: 200000005, label: "Pending Approval" },
    operation: null,
    deploymentNotes: null,
    deploymentSettingsJson: null,
    validationResults: null,
    errorMessage: null,
    approvalStatus: { value: 10, label: "Pending" },
    ...overrides,
  };
}

export function makeStage(overrides: Partial<Stage> = {}): Stage {
  return {
    id: "dddddddd-4444-4444-8444-dddddddddddd",
    name: "Test",
    pipeline: { id: "eeeeeeee-5555-4555-8555-eeeeeeeeeeee", name: "Contoso pipeline" },
    owner: { id: APPROVER_ID, name: "Alex Approver" },
    isDelegated: true,
    delegationType: { value: 1, label: "Stage Owner" },
    servicePrincipalClientId: null,
    ...overrides,
  };
}

export function makeConfig(overrides: Partial<PanelConfig> = {}): PanelConfig {
  return {
    requireRejectComment: true,
    requireApproveComment: false,
    allowSelfApproval: false,
    historyPageSize: 10,
    decisionRelayTable: null,
    approvalPolicyTable: "apnl_approvalpolicy",
    ...overrides,
  };
}

export function makeUser(overrides: Partial<CurrentUser> = {}): CurrentUser {
  return { id: APPROVER_ID, name: "Alex Approver", securityRoleIds: [], ...overrides };
}
