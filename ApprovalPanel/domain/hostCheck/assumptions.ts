import { ATTRIBUTE_TYPES, STAGE_RUN_COLUMNS } from "../hostColumns";
import { STAGE_RUN_TABLE } from "../types";
import type { HostCheckEffect } from "./types";

/** System Administrator's role template id: the same in every environment [Learn: security roles]. */
export const SYSTEM_ADMINISTRATOR_TEMPLATE_ID = "627090ff-40a3-4053-8790-584edc5be201";
/** Deployment Pipeline Administrator as the role record names it in an English base language (no template id is published). */
export const PIPELINE_ADMINISTRATOR_NAME = "deployment pipeline administrator";
/** The navigation property the panel expands by default (Dataverse's convention for a simple lookup; unconfirmed). */
export const DEFAULT_STAGE_NAVIGATION = "deploymentstageid";
export const DEFAULT_COMMENTS_COLUMN = "approvalcomments";
export const DEFAULT_PROPERTIES_COLUMN = "approvalproperties";

export interface ColumnAssumption {
  name: string;
  /** Acceptable AttributeTypes; the first is what the panel expects. */
  types: readonly string[];
  effect: HostCheckEffect;
}

export interface TableAssumption {
  logicalName: string;
  entitySet: string;
  effect: HostCheckEffect;
  columns: readonly ColumnAssumption[];
}

const { text: TEXT, memo: MEMO, choice: CHOICE, lookup: LOOKUP, bool: BOOL, key: KEY } = ATTRIBUTE_TYPES;

const column = (name: string, types: readonly string[], effect?: HostCheckEffect): ColumnAssumption => ({ name, types, effect: effect ?? "columnMissing" });

/** A table whose entity set is its logical name with an "s", as Dataverse names these tables' sets. */
const table = (logicalName: string, effect: HostCheckEffect, columns: readonly ColumnAssumption[]): TableAssumption => ({
  logicalName,
  entitySet: `${logicalName}s`,
  effect,
  columns,
});

/** The columns mapping.ts reads, per table; the run's come from its column table (domain/hostColumns.ts). */
export const TABLE_ASSUMPTIONS: readonly TableAssumption[] = [
  table(
    STAGE_RUN_TABLE,
    "runTableMissing",
    STAGE_RUN_COLUMNS.map((c) => column(c.column, c.types, c.effect)),
  ),
  table("deploymentstage", "stageTableMissing", [
    column("deploymentstageid", KEY),
    column("name", TEXT),
    column("deploymentpipelineid", LOOKUP),
    column("previousdeploymentstageid", LOOKUP),
    column("ownerid", LOOKUP),
    column("isdelegateddeployment", BOOL, "delegationMissing"),
    column("delegateddeploymenttype", CHOICE, "delegationMissing"),
    column("spnclientid", TEXT, "delegationMissing"),
  ]),
  table("deploymentpipeline", "pipelineTableMissing", [column("deploymentpipelineid", KEY), column("name", TEXT)]),
  table("deploymentenvironment", "environmentTableMissing", [column("deploymentenvironmentid", KEY), column("name", TEXT)]),
  table("deploymentartifact", "artifactTableMissing", [column("deploymentartifactid", KEY), column("name", TEXT), column("artifactversion", TEXT)]),
];

/** The relay table's columns the panel writes and reads (relaySchema.ts), as AttributeTypes. */
export function relayAssumption(relayTable: string, columns: Record<string, string>): TableAssumption {
  return table(
    relayTable,
    "relayTableMissing",
    Object.entries(columns).map(([name, type]) => column(name, type === "Memo" ? MEMO : [type], "relayColumnMissing")),
  );
}

/** Choice columns whose values the panel knows, with the values it relies on (others are shown with the host's label). */
export const OPTION_ASSUMPTIONS: ReadonlyArray<{ table: string; column: string; values: readonly number[]; effect: HostCheckEffect }> = [
  { table: STAGE_RUN_TABLE, column: "stagerunstatus", values: [200000000, 200000001, 200000002, 200000003, 200000004], effect: "optionsDifferent" },
  { table: STAGE_RUN_TABLE, column: "approvalstatus", values: [10, 20, 30], effect: "approvalValuesDifferent" },
  { table: STAGE_RUN_TABLE, column: "operation", values: [200000200, 200000201, 200000202], effect: "optionsDifferent" },
  { table: STAGE_RUN_TABLE, column: "suboperation", values: [200000100], effect: "optionsDifferent" },
  { table: "deploymentstage", column: "delegateddeploymenttype", values: [1, 2], effect: "delegationTypeDifferent" },
];

/** UpdateApprovalStatus's parameters as the panel sends them (types unconfirmed: Learn names them, no type is published). */
export const ACTION_PARAMETERS: ReadonlyArray<{ name: string; type: string; required: boolean }> = [
  { name: "StageRunId", type: "Edm.Guid", required: true },
  { name: "ApprovalStatus", type: "Edm.Int32", required: true },
  { name: "ApprovalComments", type: "Edm.String", required: false },
  { name: "ApprovalProperties", type: "Edm.String", required: false },
];

/** Privileges the panel needs: read on what it shows, create on the relay table when one is configured. */
export function privilegeAssumptions(relayTable: string | null): ReadonlyArray<{ verb: "Read" | "Create"; table: string }> {
  const reads = [STAGE_RUN_TABLE, "deploymentstage", "deploymentartifact"].map((table) => ({ verb: "Read" as const, table }));
  return relayTable ? [...reads, { verb: "Create" as const, table: relayTable }] : reads;
}
