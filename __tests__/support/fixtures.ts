/**
 * Realistic pipelines-host rows, as the Dataverse Web API returns them (JSON with formatted-value annotations).
 *
 * How to use:
 *   - `createFixtureTables()` gives a fresh, deep-copied table store keyed by logical name; `createMockContext()`
 *     uses it by default, so most tests never call it directly.
 *   - `IDS` holds every fixture id (lower-case GUIDs); `USERS` the people (stage owner, requester, other approver, admin).
 *   - Runs on the form: `IDS.runs.pendingOwner` (pending, stage-owner stage), `pendingSpn` (pending, service principal
 *     stage), `approved` (with comments), `rejected`, `failedFault` (raw fault XML in errormessage), `malformed`
 *     (broken settings/validation JSON), `nonDelegated` (no approval gate), plus history runs `history1..4`.
 *   - To vary a run: `buildRun({ id: "…", approvalStatus: 20, overrides: { deploymentnotes: null } })`; then put it in
 *     the store: `createMockContext({ tables: { deploymentstagerun: [buildRun(…)] } })`.
 *   - `lookup()`, `choice()`, `dateValue()`, `bool()` build a column with its annotations for hand-made rows.
 *
 * Columns marked unconfirmed in the host reference (approvalstatus, approvalcomments, approvalproperties,
 * aigenerateddeploymentnotes, isdelegateddeployment, delegateddeploymenttype, spnclientid) are present here;
 * use the mock's `missingColumns` option to simulate a host without them.
 */

export type Row = Record<string, unknown>;

export const FORMATTED = "@OData.Community.Display.V1.FormattedValue";
export const LOOKUP_TABLE = "@Microsoft.Dynamics.CRM.lookuplogicalname";
export const NAV_PROPERTY = "@Microsoft.Dynamics.CRM.associatednavigationproperty";

export const RELAY_TABLE = "apnl_approvaldecision";

export const IDS = {
  users: {
    stageOwner: "5d0c2a1e-7b3f-4e8a-9c61-2f4d8b7a1e03",
    requester: "9a7e4c12-0d5b-4f3e-a8c2-6b1e9d3f7a54",
    otherApprover: "c3b81f6d-2e9a-4d7c-b05f-8a4e1c6d2b97",
    admin: "e8f2a4c6-1b3d-4e5f-8a9b-0c1d2e3f4a5b",
    servicePrincipal: "0f9e8d7c-6b5a-4c3d-9e1f-2a3b4c5d6e7f",
  },
  roles: {
    systemAdministrator: "1c7f4e2a-9b3d-4a6e-8f10-5d2c7b9e4a31",
    deploymentPipelineAdministrator: "7e2d9c4b-3a1f-4e8d-b6c5-0a9f8e7d6c52",
    deploymentPipelineUser: "a4b3c2d1-e0f9-4a8b-9c7d-6e5f4a3b2c13",
    basicUser: "b2e4d6f8-0a1c-4e3b-8d5f-7a9c1e3b5d74",
  },
  pipeline: "3f6a9c2e-5b8d-4e1a-a7c4-9d2b6e8f1a30",
  environments: {
    dev: "6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c41",
    test: "7b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d52",
    uat: "8c3d4e5f-6a7b-4c8d-ae9f-1a2b3c4d5e63",
    prod: "9d4e5f6a-7b8c-4d9e-bf0a-2b3c4d5e6f74",
  },
  stages: {
    /** Delegated, Stage Owner mode: the stage owner approves. */
    owner: "2b4d6f8a-1c3e-4a5b-9d7f-0e2c4a6b8d15",
    /** Delegated, Service Principal mode: only the SPN may call UpdateApprovalStatus. */
    spn: "4d6f8a1c-3e5b-4c7d-8f9a-2b4d6e8f0a26",
    /** Not delegated: no approval gate. */
    nonDelegated: "1a3c5e7b-9d2f-4b6a-8c0e-3f5a7c9e1b37",
  },
  runs: {
    pendingOwner: "d1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f51",
    pendingSpn: "e2f3a4b5-c6d7-4e8f-9a0b-1c2d3e4f5a62",
    approved: "f3a4b5c6-d7e8-4f9a-8b1c-2d3e4f5a6b73",
    rejected: "a4b5c6d7-e8f9-4a0b-9c2d-3e4f5a6b7c84",
    failedFault: "b5c6d7e8-f9a0-4b1c-8d3e-4f5a6b7c8d95",
    malformed: "c6d7e8f9-a0b1-4c2d-9e4f-5a6b7c8d9ea6",
    nonDelegated: "d7e8f9a0-b1c2-4d3e-8f5a-6b7c8d9eafb7",
    history1: "0a1b2c3d-4e5f-4061-8a7b-8c9d0e1f2a01",
    history2: "1b2c3d4e-5f60-4172-9b8c-9d0e1f2a3b02",
    history3: "2c3d4e5f-6071-4283-ac9d-0e1f2a3b4c03",
    history4: "3d4e5f60-7182-4394-bdae-1f2a3b4c5d04",
  },
} as const;

export const ARTIFACT = "ContosoExpenses";
export const OTHER_ARTIFACT = "ContosoTravel";

export interface UserFixture {
  id: string;
  name: string;
  securityRoles: string[];
}

export const USERS: Record<"stageOwner" | "requester" | "otherApprover" | "admin", UserFixture> = {
  stageOwner: {
    id: IDS.users.stageOwner,
    name: "Megan Bowen",
    securityRoles: [IDS.roles.deploymentPipelineUser, IDS.roles.basicUser],
  },
  requester: {
    id: IDS.users.requester,
    name: "Alex Wilber",
    securityRoles: [IDS.roles.deploymentPipelineUser, IDS.roles.basicUser],
  },
  otherApprover: {
    id: IDS.users.otherApprover,
    name: "Lee Gu",
    securityRoles: [IDS.roles.deploymentPipelineUser],
  },
  admin: {
    id: IDS.users.admin,
    name: "Adele Vance",
    securityRoles: [IDS.roles.systemAdministrator, IDS.roles.basicUser],
  },
};

/** Labels as an English host formats them (formatted values): the fake host's own, never a retyped copy. */
import { LABELS } from "../../fakehost/index.cjs";

export { LABELS };

export const RUN_STATUS = {
  notStarted: 200000000,
  started: 200000001,
  succeeded: 200000002,
  failed: 200000003,
  canceled: 200000004,
  pendingApproval: 200000005,
  deploying: 200000010,
} as const;

/** The host's user-local date format used by the mock's formatting.formatTime and by fixture formatted values. */
export function formatLikeHost(date: Date): string {
  const h24 = date.getUTCHours();
  const h12 = h24 % 12 === 0 ? 12 : h24 % 12;
  const mm = String(date.getUTCMinutes()).padStart(2, "0");
  return `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()} ${h12}:${mm} ${h24 < 12 ? "AM" : "PM"}`;
}

// ---- column builders -------------------------------------------------------------------------------

/** A lookup column `_<col>_value` with its name and table annotations; null → empty lookup. */
export function lookup(col: string, ref: { id: string; name: string } | null, table: string): Row {
  const key = `_${col}_value`;
  if (ref === null) return { [key]: null };
  return {
    [key]: ref.id,
    [`${key}${FORMATTED}`]: ref.name,
    [`${key}${LOOKUP_TABLE}`]: table,
    [`${key}${NAV_PROPERTY}`]: col,
  };
}

/** A choice column with its formatted label (label from LABELS when known). */
export function choice(col: string, value: number | null, label?: string): Row {
  if (value === null) return { [col]: null };
  const known = (LABELS as unknown as Record<string, Record<number, string> | undefined>)[col]?.[value];
  return { [col]: value, [`${col}${FORMATTED}`]: label ?? known ?? String(value) };
}

export function dateValue(col: string, iso: string | null): Row {
  if (iso === null) return { [col]: null };
  return { [col]: iso, [`${col}${FORMATTED}`]: formatLikeHost(new Date(iso)) };
}

export function bool(col: string, value: boolean | null): Row {
  if (value === null) return { [col]: null };
  return { [col]: value, [`${col}${FORMATTED}`]: value ? "Yes" : "No" };
}

function userRef(id: string): { id: string; name: string } {
  const found = Object.values(USERS).find((u) => u.id === id);
  if (found) return { id: found.id, name: found.name };
  if (id === IDS.users.servicePrincipal) return { id, name: "# Pipelines Deployment SPN" };
  return { id, name: "Unknown User" };
}

const ENV_NAMES: Record<string, string> = {
  [IDS.environments.dev]: "Contoso Dev",
  [IDS.environments.test]: "Contoso Test",
  [IDS.environments.uat]: "Contoso UAT",
  [IDS.environments.prod]: "Contoso Production",
};

// ---- tables ---------------------------------------------------------------------------------------

export function buildUser(user: { id: string; name: string }): Row {
  const [first, ...rest] = user.name.split(" ");
  return {
    systemuserid: user.id,
    fullname: user.name,
    firstname: first,
    lastname: rest.join(" ") || null,
    internalemailaddress: `${user.name.toLowerCase().replace(/[^a-z]+/g, ".")}@contoso.example`,
    applicationid: null,
    isdisabled: false,
  };
}

/** System Administrator's role template id, the same in every environment (Learn: security roles). */
export const SYSTEM_ADMINISTRATOR_TEMPLATE = "627090ff-40a3-4053-8790-584edc5be201";

export function buildRole(id: string, name: string, templateId: string | null = null): Row {
  return { roleid: id, name, _roletemplateid_value: templateId };
}

export function buildPipeline(): Row {
  return {
    deploymentpipelineid: IDS.pipeline,
    name: "Contoso ALM",
    description: "Dev → Test → UAT → Production",
    ...lookup("ownerid", userRef(IDS.users.admin), "systemuser"),
    ...dateValue("createdon", "2024-11-04T08:00:00Z"),
  };
}

export function buildEnvironment(id: string, type: "dev" | "target"): Row {
  return {
    deploymentenvironmentid: id,
    name: ENV_NAMES[id] ?? "Environment",
    environmentid: id.split("").reverse().join(""),
    ...choice("environmenttype", type === "dev" ? 200000000 : 200000001, type === "dev" ? "Development" : "Target"),
    ...choice("validationstatus", 200000001, "Succeeded"),
  };
}

export interface StageSpec {
  id: string;
  name: string;
  ownerId: string;
  targetEnvironmentId: string;
  isDelegated: boolean | null;
  delegationType: 1 | 2 | null;
  spnClientId: string | null;
}

export function buildStage(spec: StageSpec, overrides: Row = {}): Row {
  return {
    deploymentstageid: spec.id,
    name: spec.name,
    description: null,
    ...lookup("deploymentpipelineid", { id: IDS.pipeline, name: "Contoso ALM" }, "deploymentpipeline"),
    ...lookup(
      "targetdeploymentenvironmentid",
      { id: spec.targetEnvironmentId, name: ENV_NAMES[spec.targetEnvironmentId] ?? "Environment" },
      "deploymentenvironment",
    ),
    ...lookup("previousdeploymentstageid", null, "deploymentstage"),
    ...lookup("ownerid", userRef(spec.ownerId), "systemuser"),
    ...bool("isdelegateddeployment", spec.isDelegated),
    ...choice("delegateddeploymenttype", spec.delegationType),
    spnclientid: spec.spnClientId,
    ...dateValue("createdon", "2024-11-04T08:10:00Z"),
    ...overrides,
  };
}

export const STAGES: Record<"owner" | "spn" | "nonDelegated", StageSpec> = {
  owner: {
    id: IDS.stages.owner,
    name: "UAT",
    ownerId: IDS.users.stageOwner,
    targetEnvironmentId: IDS.environments.uat,
    isDelegated: true,
    delegationType: 1,
    spnClientId: null,
  },
  spn: {
    id: IDS.stages.spn,
    name: "Production",
    ownerId: IDS.users.admin,
    targetEnvironmentId: IDS.environments.prod,
    isDelegated: true,
    delegationType: 2,
    spnClientId: "8b1f0c2d-3e4a-4b5c-9d6e-7f8a9b0c1d2e",
  },
  nonDelegated: {
    id: IDS.stages.nonDelegated,
    name: "Test",
    ownerId: IDS.users.admin,
    targetEnvironmentId: IDS.environments.test,
    isDelegated: false,
    delegationType: null,
    spnClientId: null,
  },
};

const STAGE_BY_ID: Record<string, StageSpec> = Object.fromEntries(Object.values(STAGES).map((s) => [s.id, s]));

export interface RunSpec {
  id: string;
  /** Stage id (one of IDS.stages) or null for a run without a stage. */
  stageId: string | null;
  artifactName: string;
  artifactVersion: string;
  requestedById: string;
  requestedOn: string;
  stageRunStatus: number | null;
  approvalStatus: number | null;
  approvalComments: string | null;
  approvalProperties: string | null;
  deploymentNotes: string | null;
  deploymentSettingsJson: string | null;
  validationResults: string | null;
  errorMessage: string | null;
  startTime: string | null;
  endTime: string | null;
  /** Raw columns merged last (use lookup()/choice() for annotated ones). */
  overrides: Row;
}

export const SETTINGS_JSON = JSON.stringify({
  EnvironmentVariables: [
    { SchemaName: "contoso_ApiBaseUrl", Value: "https://api.contoso.example/uat" },
    { SchemaName: "contoso_FeatureFlags", Value: "" },
  ],
  ConnectionReferences: [
    {
      LogicalName: "contoso_sharedcommondataserviceforapps_1a2b3",
      ConnectionId: "4f3e2d1c0b0a49f8a7b6c5d4e3f2a1b0",
      ConnectorId: "/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps",
    },
  ],
});

/** Encoded twice, as some hosts store it (a JSON string holding JSON). */
export const VALIDATION_JSON = JSON.stringify(
  JSON.stringify({
    ValidationStatus: "Succeeded",
    SolutionValidationResults: [
      { SolutionValidationResultType: "Warning", Message: "The solution depends on a newer version of a component.", ErrorCode: -2147188672 },
    ],
    SolutionDetails: { SolutionUniqueName: ARTIFACT, Version: "1.4.0.2" },
    MissingDependencies: [],
  }),
);

export const FAULT_XML =
  '<OrganizationServiceFault xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/xrm/2011/Contracts">' +
  "<ActivityId>7d1a0c22-3f4e-4b5a-9c6d-0e1f2a3b4c5d</ActivityId><ErrorCode>-2147188720</ErrorCode>" +
  '<ErrorDetails xmlns:a="http://schemas.datacontract.org/2004/07/System.Collections.Generic" />' +
  "<Message>Import of solution ContosoExpenses failed: the dependent component Entity (contoso_expense) is missing.</Message>" +
  "<Timestamp>2025-03-12T10:22:31.4451234Z</Timestamp><ExceptionRetriable>false</ExceptionRetriable>" +
  '<InnerFault i:nil="true" /><TraceText>at Microsoft.Crm.Tools.ImportExportPublish.ImportSolutionPkg...</TraceText>' +
  "</OrganizationServiceFault>";

export const APPROVAL_PROPERTIES_JSON = JSON.stringify({
  approverId: IDS.users.stageOwner,
  approverName: "Megan Bowen",
  decision: "Approved",
  decisionValue: 20,
  decidedOnUtc: "2025-03-10T15:04:00.000Z",
  panelVersion: "1.0.0",
  adminNote: "Checked with the finance team.",
});

const RUN_DEFAULTS: RunSpec = {
  id: IDS.runs.pendingOwner,
  stageId: IDS.stages.owner,
  artifactName: ARTIFACT,
  artifactVersion: "1.4.0.2",
  requestedById: IDS.users.requester,
  requestedOn: "2025-03-14T09:12:33Z",
  stageRunStatus: RUN_STATUS.pendingApproval,
  approvalStatus: 10,
  approvalComments: null,
  approvalProperties: null,
  deploymentNotes: "Adds the expense approval flow and the mileage rate table.",
  deploymentSettingsJson: SETTINGS_JSON,
  validationResults: VALIDATION_JSON,
  errorMessage: null,
  startTime: "2025-03-14T09:12:35Z",
  endTime: null,
  overrides: {},
};

/** A deploymentstagerun row with every column the fixture host has (null when empty), annotations included. */
export function buildRun(spec: Partial<RunSpec> = {}): Row {
  const s: RunSpec = { ...RUN_DEFAULTS, ...spec, overrides: spec.overrides ?? {} };
  const stage = s.stageId === null ? null : STAGE_BY_ID[s.stageId];
  const stageName = stage?.name ?? "Stage";
  const targetEnv = stage?.targetEnvironmentId ?? IDS.environments.test;
  const name = `${s.artifactName} - ${stageName} - ${s.artifactVersion}`;
  return {
    "@odata.etag": 'W/"4417823"',
    deploymentstagerunid: s.id,
    name,
    artifactname: s.artifactName,
    artifactversion: s.artifactVersion,
    artifactdevcurrentversion: s.artifactVersion,
    ...lookup("artifactid", { id: s.id.replace(/^./, "9"), name: s.artifactName }, "deploymentartifact"),
    ...lookup("deploymentstageid", s.stageId === null ? null : { id: s.stageId, name: stageName }, "deploymentstage"),
    ...lookup("devdeploymentenvironment", { id: IDS.environments.dev, name: ENV_NAMES[IDS.environments.dev] }, "deploymentenvironment"),
    ...lookup("targetdeploymentenvironment", { id: targetEnv, name: ENV_NAMES[targetEnv] ?? "Environment" }, "deploymentenvironment"),
    ...lookup("createdby", userRef(s.requestedById), "systemuser"),
    ...lookup("modifiedby", userRef(s.requestedById), "systemuser"),
    ...lookup("ownerid", userRef(s.requestedById), "systemuser"),
    ...dateValue("createdon", s.requestedOn),
    ...dateValue("modifiedon", s.endTime ?? s.startTime ?? s.requestedOn),
    ...dateValue("scheduledtime", null),
    ...dateValue("starttime", s.startTime),
    ...dateValue("endtime", s.endTime),
    ...choice("stagerunstatus", s.stageRunStatus),
    ...choice("operation", 200000202),
    ...choice("suboperation", s.stageRunStatus === RUN_STATUS.pendingApproval ? 200000101 : 200000100),
    ...choice("operationstatus", s.stageRunStatus === RUN_STATUS.pendingApproval ? 200000004 : 200000002),
    deploymentnotes: s.deploymentNotes,
    aigenerateddeploymentnotes: null,
    deploymentsettingsjson: s.deploymentSettingsJson,
    validationresults: s.validationResults,
    errormessage: s.errorMessage,
    ...choice("approvalstatus", s.approvalStatus),
    approvalcomments: s.approvalComments,
    approvalproperties: s.approvalProperties,
    ...choice("statecode", 0, "Active"),
    ...choice("statuscode", 1, "Active"),
    ...s.overrides,
  };
}

/** Columns of the fixture host's run table (what a read without $select returns). */
export const RUN_COLUMNS: readonly string[] = Object.keys(buildRun()).filter((k) => !k.includes("@"));

export const STAGE_COLUMNS: readonly string[] = Object.keys(buildStage(STAGES.owner)).filter((k) => !k.includes("@"));

/** Column logical names of a relay table with the given prefix (see the spec's "relay" contract). */
export function relayColumns(prefix: string): string[] {
  const table = `${prefix}_approvaldecision`;
  return [
    `${table}id`,
    `${prefix}_name`,
    `${prefix}_stagerunid`,
    `${prefix}_decision`,
    `${prefix}_comments`,
    `${prefix}_approvalproperties`,
    `${prefix}_outcome`,
    `${prefix}_outcomemessage`,
    `${prefix}_outcomeon`,
    "_createdby_value",
    "createdon",
  ];
}

export interface RelaySpec {
  id: string;
  stageRunId: string;
  decision: 20 | 30;
  comments: string;
  approvalProperties: string;
  outcome: 10 | 20 | 30 | 40 | 50;
  outcomeMessage: string | null;
  outcomeOn: string | null;
  decidedById: string;
  decidedOn: string;
}

export function buildRelayRow(spec: Partial<RelaySpec> = {}): Row {
  const s: RelaySpec = {
    id: "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a81",
    stageRunId: IDS.runs.pendingSpn,
    decision: 20,
    comments: "Looks good.",
    approvalProperties: APPROVAL_PROPERTIES_JSON,
    outcome: 10,
    outcomeMessage: null,
    outcomeOn: null,
    decidedById: IDS.users.otherApprover,
    decidedOn: "2025-03-14T10:00:00Z",
    ...spec,
  };
  return {
    apnl_approvaldecisionid: s.id,
    apnl_name: `${s.decision === 20 ? "Approved" : "Rejected"} ${ARTIFACT} - Production - 1.4.0.2`,
    apnl_stagerunid: s.stageRunId,
    apnl_decision: s.decision,
    apnl_comments: s.comments,
    apnl_approvalproperties: s.approvalProperties,
    apnl_outcome: s.outcome,
    apnl_outcomemessage: s.outcomeMessage,
    ...dateValue("apnl_outcomeon", s.outcomeOn),
    ...lookup("createdby", userRef(s.decidedById), "systemuser"),
    ...dateValue("createdon", s.decidedOn),
  };
}

/** The fixture runs on the form and in history. */
export function fixtureRuns(): Row[] {
  return [
    buildRun({ id: IDS.runs.pendingOwner }),
    buildRun({
      id: IDS.runs.pendingSpn,
      stageId: IDS.stages.spn,
      requestedOn: "2025-03-14T11:40:00Z",
      startTime: "2025-03-14T11:40:02Z",
    }),
    buildRun({
      id: IDS.runs.approved,
      artifactVersion: "1.3.0.7",
      requestedOn: "2025-03-10T14:30:00Z",
      startTime: "2025-03-10T14:30:03Z",
      endTime: "2025-03-10T15:12:45Z",
      stageRunStatus: RUN_STATUS.succeeded,
      approvalStatus: 20,
      approvalComments: "Approved after the UAT sign-off meeting.",
      approvalProperties: APPROVAL_PROPERTIES_JSON,
    }),
    buildRun({
      id: IDS.runs.rejected,
      artifactVersion: "1.3.0.5",
      requestedOn: "2025-03-07T09:00:00Z",
      startTime: "2025-03-07T09:00:04Z",
      endTime: "2025-03-07T11:20:00Z",
      stageRunStatus: RUN_STATUS.failed,
      approvalStatus: 30,
      approvalComments: "Missing the data migration notes; please add them and resubmit.",
      approvalProperties: JSON.stringify({ approverId: IDS.users.stageOwner, decision: "Rejected", decisionValue: 30 }),
    }),
    buildRun({
      id: IDS.runs.failedFault,
      stageId: IDS.stages.nonDelegated,
      artifactVersion: "1.3.0.4",
      requestedOn: "2025-03-05T16:45:00Z",
      startTime: "2025-03-05T16:45:03Z",
      endTime: "2025-03-05T16:52:10Z",
      stageRunStatus: RUN_STATUS.failed,
      approvalStatus: null,
      errorMessage: FAULT_XML,
    }),
    buildRun({
      id: IDS.runs.malformed,
      artifactVersion: "1.4.0.1",
      requestedOn: "2025-03-13T08:00:00Z",
      deploymentSettingsJson: '{"EnvironmentVariables":[{"SchemaName":"contoso_ApiBaseUrl","Value":',
      validationResults: "not json at all",
    }),
    buildRun({
      id: IDS.runs.nonDelegated,
      stageId: IDS.stages.nonDelegated,
      requestedOn: "2025-03-14T08:00:00Z",
      startTime: "2025-03-14T08:00:02Z",
      endTime: "2025-03-14T08:09:40Z",
      stageRunStatus: RUN_STATUS.succeeded,
      approvalStatus: null,
    }),
    buildRun({
      id: IDS.runs.history1,
      artifactVersion: "1.2.0.0",
      requestedOn: "2025-02-20T10:00:00Z",
      startTime: "2025-02-20T10:00:02Z",
      endTime: "2025-02-20T10:31:00Z",
      stageRunStatus: RUN_STATUS.succeeded,
      approvalStatus: 20,
      approvalComments: "OK",
    }),
    buildRun({
      id: IDS.runs.history2,
      stageId: IDS.stages.nonDelegated,
      artifactVersion: "1.2.0.0",
      requestedOn: "2025-02-19T10:00:00Z",
      startTime: "2025-02-19T10:00:02Z",
      endTime: "2025-02-19T10:20:00Z",
      stageRunStatus: RUN_STATUS.succeeded,
      approvalStatus: null,
    }),
    buildRun({
      id: IDS.runs.history3,
      artifactVersion: "1.1.0.0",
      requestedOn: "2025-01-15T10:00:00Z",
      startTime: "2025-01-15T10:00:02Z",
      endTime: "2025-01-15T10:05:00Z",
      stageRunStatus: RUN_STATUS.canceled,
      approvalStatus: null,
    }),
    buildRun({
      id: IDS.runs.history4,
      artifactName: OTHER_ARTIFACT,
      artifactVersion: "2.0.0.0",
      requestedOn: "2025-03-01T10:00:00Z",
      startTime: "2025-03-01T10:00:02Z",
      endTime: "2025-03-01T10:40:00Z",
      stageRunStatus: RUN_STATUS.succeeded,
      approvalStatus: 20,
    }),
  ];
}

/** A fresh table store keyed by logical name. Safe to mutate. */
export function createFixtureTables(): Record<string, Row[]> {
  return {
    systemuser: [
      ...Object.values(USERS).map(buildUser),
      { ...buildUser({ id: IDS.users.servicePrincipal, name: "# Pipelines Deployment SPN" }), applicationid: STAGES.spn.spnClientId },
    ],
    role: [
      buildRole(IDS.roles.systemAdministrator, "System Administrator", SYSTEM_ADMINISTRATOR_TEMPLATE),
      buildRole(IDS.roles.deploymentPipelineAdministrator, "Deployment Pipeline Administrator"),
      buildRole(IDS.roles.deploymentPipelineUser, "Deployment Pipeline User"),
      buildRole(IDS.roles.basicUser, "Basic User"),
    ],
    deploymentpipeline: [buildPipeline()],
    deploymentenvironment: [
      buildEnvironment(IDS.environments.dev, "dev"),
      buildEnvironment(IDS.environments.test, "target"),
      buildEnvironment(IDS.environments.uat, "target"),
      buildEnvironment(IDS.environments.prod, "target"),
    ],
    deploymentstage: [buildStage(STAGES.owner), buildStage(STAGES.spn), buildStage(STAGES.nonDelegated)],
    deploymentstagerun: fixtureRuns(),
    [RELAY_TABLE]: [],
    // No teams unless a test adds them (with their teammembership and teamroles pairs): every host has the table.
    team: [],
  };
}

/** Declared columns for tables that may have no rows (the mock derives the rest from the rows). */
export const FIXTURE_COLUMNS: Record<string, readonly string[]> = {
  deploymentstagerun: RUN_COLUMNS,
  deploymentstage: STAGE_COLUMNS,
  [RELAY_TABLE]: relayColumns("apnl"),
  role: ["roleid", "name", "_roletemplateid_value"],
  team: ["teamid", "name"],
};
