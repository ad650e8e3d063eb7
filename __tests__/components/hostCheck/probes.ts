/**
 * Hand-made HostProbe objects for the host check tests: a current host where everything the panel assumes is there,
 * and the variants the tests need. Not a test file itself (jest only runs *.test.ts(x)).
 */
import {
  ACTION_PARAMETERS,
  OPTION_ASSUMPTIONS,
  TABLE_ASSUMPTIONS,
  type AttributeInfo,
  type HostProbe,
  type OptionInfo,
  type TableInfo,
} from "../../../ApprovalPanel/domain/hostCheck";
import type { DataError, Result } from "../../../ApprovalPanel/domain/types";

export const RELAY_TABLE = "apnl_approvaldecision";
export const RELAY_COLUMNS: Record<string, string> = { apnl_stagerunid: "String", apnl_decision: "Picklist", apnl_comments: "Memo" };
/** A made-up template id (none is published for Deployment Pipeline Administrator). */
export const DPA_TEMPLATE_ID = "3c1e5a7b-9d2f-4e6a-8b0c-1d3f5a7b9c2e";

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const failed = <T>(error: DataError): Result<T> => ({ ok: false, error });
export const FORBIDDEN: DataError = { kind: "forbidden", status: 403, serverMessage: "Principal user is missing prvReadPrivilege privilege." };

const LABELS: Record<number, string> = {
  10: "Pending",
  20: "Approved",
  30: "Rejected",
  1: "Stage Owner",
  2: "Service Principal",
};

function options(values: readonly number[]): OptionInfo[] {
  return values.map((value) => ({ value, label: LABELS[value] ?? `Value ${value}` }));
}

function table(logicalName: string, entitySet: string, attributes: AttributeInfo[]): Result<TableInfo | null> {
  return ok({ logicalName, entitySet, attributes });
}

/** A current pipelines host with the ApprovalPanel solution: every assumption holds. */
export function currentHostProbe(): HostProbe {
  const tables: HostProbe["tables"] = {};
  for (const a of TABLE_ASSUMPTIONS) {
    tables[a.logicalName] = table(
      a.logicalName,
      a.entitySet,
      a.columns.map((c) => ({ logicalName: c.name, type: c.types[0] })),
    );
  }
  tables[RELAY_TABLE] = table(
    RELAY_TABLE,
    `${RELAY_TABLE}s`,
    Object.entries(RELAY_COLUMNS).map(([logicalName, type]) => ({ logicalName, type })),
  );
  const optionSets: Record<string, Record<string, OptionInfo[]>> = {};
  for (const o of OPTION_ASSUMPTIONS) {
    optionSets[o.table] = { ...(optionSets[o.table] ?? {}), [o.column]: options(o.values) };
  }
  return {
    tables,
    stageRelationships: ok([{ referencingAttribute: "deploymentstageid", navigation: "deploymentstageid", referencedEntity: "deploymentstage" }]),
    optionSets: Object.fromEntries(Object.entries(optionSets).map(([t, sets]) => [t, ok(sets)])),
    action: ok({ parameters: ACTION_PARAMETERS.map((p) => ({ name: p.name, type: p.type, nullable: !p.required })) }),
    privileges: ok([
      { name: "prvReadDeploymentStageRun", depth: "Global" },
      { name: "prvReadDeploymentStage", depth: "Global" },
      { name: "prvReadDeploymentArtifact", depth: "Local" },
      { name: `prvCreate${RELAY_TABLE}`, depth: "Basic" },
    ]),
    pipelineRoles: ok([{ id: "5f0e1d2c-3b4a-4968-8776-655443322110", name: "Deployment Pipeline Administrator", templateId: DPA_TEMPLATE_ID }]),
    formTable: "deploymentstagerun",
    relay: { table: RELAY_TABLE, columns: { ...RELAY_COLUMNS } },
  };
}

/** The run table's metadata in a probe (throws when the probe has none: a test set-up mistake). */
export function runTable(probe: HostProbe): TableInfo {
  const result = probe.tables.deploymentstagerun;
  if (!result?.ok || result.value === null) throw new Error("the probe has no run table");
  return result.value;
}

/** Changes the run table's columns: drops `without`, adds `extra`. */
export function withRunColumns(probe: HostProbe, without: string[], extra: AttributeInfo[] = []): HostProbe {
  const info = runTable(probe);
  probe.tables.deploymentstagerun = ok({ ...info, attributes: [...info.attributes.filter((a) => !without.includes(a.logicalName)), ...extra] });
  return probe;
}

/** The comments column under another name: approvalcomments missing, approvalcomment present. */
export function commentsElsewhereProbe(): HostProbe {
  return withRunColumns(currentHostProbe(), ["approvalcomments"], [{ logicalName: "approvalcomment", type: "Memo" }]);
}

/** An older host: no approval* columns, no UpdateApprovalStatus action, no relay configured. */
export function legacyHostProbe(): HostProbe {
  const probe = withRunColumns(currentHostProbe(), ["approvalstatus", "approvalcomments", "approvalproperties"]);
  const runSets = probe.optionSets.deploymentstagerun;
  if (runSets?.ok) {
    const rest = { ...runSets.value };
    delete rest.approvalstatus;
    probe.optionSets.deploymentstagerun = ok(rest);
  }
  probe.action = ok(null);
  probe.relay = null;
  delete probe.tables[RELAY_TABLE];
  probe.privileges = ok([
    { name: "prvReadDeploymentStageRun", depth: "Global" },
    { name: "prvReadDeploymentStage", depth: "Global" },
    { name: "prvReadDeploymentArtifact", depth: "Global" },
  ]);
  return probe;
}

/** The stage navigation property spelt as the schema name. */
export function pascalNavigationProbe(): HostProbe {
  const probe = currentHostProbe();
  probe.stageRelationships = ok([{ referencingAttribute: "deploymentstageid", navigation: "DeploymentStageId", referencedEntity: "deploymentstage" }]);
  return probe;
}

/** The privileges request refused. */
export function privilegesFailedProbe(): HostProbe {
  const probe = currentHostProbe();
  probe.privileges = failed(FORBIDDEN);
  return probe;
}
