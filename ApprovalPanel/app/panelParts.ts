import { summarizeApprovalProperties } from "../domain/approvalProperties";
import type { CheckInput, CheckSource, HistoryFacts } from "../domain/checkTypes";
import type { DecisionEligibility } from "../domain/decisionRules";
import type { ReviewInput } from "../domain/fingerprint";
import { policyProblems, type ApprovalPolicy } from "../domain/policy";
import { newPolicyFormValues } from "../domain/policyForm";
import type { StageRun } from "../domain/types";
import type { ChangesShown, PanelLoad, PolicyGateView } from "./panelView";
import type { LoadedRun } from "./ports";

/** The parts of derivePanel that read one piece of the load each (panelView.ts composes them). */

export function reviewOf(run: StageRun, shown: ChangesShown | null): ReviewInput {
  return {
    runId: run.id,
    artifactVersion: run.artifactVersion,
    deploymentSettingsJson: run.deploymentSettingsJson,
    validationResults: run.validationResults,
    changes: shown?.summary ?? null,
    comparison: shown?.comparison ?? null,
  };
}

/** A part of the load as the checks read it: its value once ready, else only whether it failed, cannot be had or is coming. */
export function checkSource<V>(status: PanelLoad["history"]["status"] | PanelLoad["lastDeployment"]["status"], readyValue: () => V): CheckSource<V> {
  if (status === "ready") return { status, value: readyValue() };
  return { status: status === "error" || status === "unavailable" ? status : "loading" };
}

export function checkInputOf(loaded: LoadedRun, load: PanelLoad, now: number, expiry: Date | null): CheckInput {
  const { history, lastDeployment: last } = load;
  return {
    run: loaded.run,
    stage: loaded.stage.ok ? loaded.stage.value : null,
    // The history as the checks read it: its first pages, whether they are the whole history, and its scope.
    history: checkSource<HistoryFacts>(history.status, () => ({
      rows: history.rows,
      complete: history.next === null,
      coversPipeline: history.effectiveScope === "pipeline",
    })),
    // Called only when ready; the check narrows the union for the compiler.
    lastDeployment: checkSource(last.status, () => (last.status === "ready" ? last.value : null)),
    now,
    expiresAt: expiry?.toISOString() ?? null,
  };
}

/**
 * The approver's comments for a host whose run table has no comments column: the latest applied relay decision's,
 * else null (the panel says the host does not expose them); undefined when the run has the column.
 */
export function relayCommentsOf(run: StageRun, relay: PanelLoad["relayDecisions"]): string | null | undefined {
  if (run.approvalComments !== undefined) return undefined;
  const applied = relay.status === "ready" ? relay.value.find((d) => d.outcome === "applied" && d.comments !== null && d.comments.trim() !== "") : undefined;
  return applied?.comments ?? null;
}

/** Who decided, when the panel may say: a relay row the flow applied, or (administrators only) the approval properties. */
export function decidedByName(run: StageRun, relay: PanelLoad["relayDecisions"], isAdmin: boolean): string | null {
  const applied = relay.status === "ready" ? relay.value.find((row) => row.outcome === "applied" && row.decidedBy?.name) : undefined;
  if (applied?.decidedBy?.name) return applied.decidedBy.name;
  return isAdmin ? (summarizeApprovalProperties(run.approvalProperties)?.approverName ?? null) : null;
}

export function policyGateOf(
  table: string | null,
  state: PanelLoad["policy"],
  policy: ApprovalPolicy | null,
  loaded: LoadedRun,
  eligibility: DecisionEligibility,
  isAdmin: boolean,
): PolicyGateView | null {
  if (table === null) return null;
  const { run, stage } = loaded;
  const problems = state.status === "ready" ? policyProblems(state.value, eligibility.mode) : [];
  if (!isAdmin || run.stage === null) return { table, problems, open: null };
  if (policy !== null) return { table, problems, open: { kind: "existing", id: policy.id } };
  const stageRecord = stage.ok ? stage.value : null;
  const values = newPolicyFormValues(table, {
    id: run.stage.id,
    name: stageRecord?.name ?? run.stage.name ?? null,
    pipelineName: stageRecord?.pipeline?.name ?? null,
  });
  return { table, problems, open: { kind: "new", values } };
}
