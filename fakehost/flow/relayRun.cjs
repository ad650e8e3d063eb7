"use strict";
// One run of the relay flow ("Apply approval decisions") for one relay row: the reads and checks in the flow's order,
// then UpdateApprovalStatus as the service principal and the row's outcome.
const { holdsRootRole } = require("../privileges.cjs");
const { GUID } = require("../flowRuntime.cjs");
const {
  APPROVER_ROOT_ROLE_ID,
  RELAY_FLOOD_LIMIT,
  RELAY_FLOOD_MINUTES,
  FUTURE_TOLERANCE_MS,
  PROPERTIES_MAX_LENGTH,
  REFUSALS,
  NO_LONGER_COUNTED,
  OUTCOMES,
  countedMessage,
  rulesOf,
  activePoliciesOf,
  POLICY_SELECT,
  isPending,
  StepFailure,
  clientProperties,
  confirmsEvery,
} = require("./rules.cjs");

/**
 * @typedef {object} RelayRunContext
 * @property {import("../store.cjs").Store} store
 * @property {{ mode: import("./rules.cjs").RelayFlowMode, delayMs: number }} settings
 * @property {() => number} now
 * @property {() => Record<string, any> | undefined} connectionUser
 * @property {(method: string, path: string, kind: "api" | "action", body: unknown, status: number) => void} logStep
 * @property {(table: string) => (name: string) => string} columnsOf
 * @property {(table: string, row: Record<string, any>, outcome: number, message: string | null, spn: Record<string, any> | undefined) => void} writeOutcome
 * @property {(runId: string, status: number, comments: string, properties: string, callerId: string) => { ok: true } | { ok: false, status: number, code: string, message: string }} applyDecision
 * @property {() => number} nextRunNumber
 */

/** @param {RelayRunContext} context */
function createRelayRun(context) {
  const { store, settings, now, connectionUser, logStep, columnsOf, writeOutcome, applyDecision, nextRunNumber } = context;

  /** One run of the flow for one row. @param {string} table @param {string} id */
  function runFlow(table, id) {
    const row = store.get(table, id);
    if (!row) return; // deleted meanwhile: the trigger's row is gone, the flow's update would fail too
    const runNumber = nextRunNumber();
    const col = columnsOf(table);
    const set = `${table}s`;
    const spn = connectionUser();
    const write = (/** @type {number} */ outcome, /** @type {string | null} */ message) => writeOutcome(table, row, outcome, message, spn);
    const failure = (/** @type {StepFailure} */ f) => write(40, `${f.step}: ${f.message}`.slice(0, 4000));

    // Scope "Check_the_decision": the reads, then the refusal reason.
    /** @type {Record<string, any>} */ let run;
    /** @type {string} */ let flowUser;
    /** @type {Record<string, any>[]} */ let policies;
    /** @type {import("./rules.cjs").StageRules} */ let rules;
    /** @type {boolean} */ let hasRole;
    /** @type {boolean} */ let inTeam = true;
    /** @type {boolean} */ let appliedBefore;
    /** @type {number} */ let recentRows;
    /** @type {Record<string, any>} */ let properties;
    /** @type {boolean} */ let checklistConfirmed = true;
    /** Approvers whose counted approval still meets the policy now (re-checked at every decision). @type {Set<string>} */
    let counted = new Set();
    const runId = String(row[col("stagerunid")] ?? "");
    const decider = String(row._createdby_value ?? "").toLowerCase();
    const decision = row[col("decision")];
    const approve = decision === 20;
    const runPath = `/api/data/v9.2/deploymentstageruns(${runId})`;
    try {
      if (settings.mode === "broken" || !spn) {
        const client = spn?.applicationid ?? "00000000-0000-0000-0000-000000000000";
        throw new StepFailure(
          "Get_the_stage_run",
          `AADSTS7000222: The provided client secret keys for app '${client}' are expired. Visit the Azure portal to create new keys for your app.`,
          401,
        );
      }
      if (!GUID.test(runId)) {
        logStep("GET", runPath, "api", null, 400);
        throw new StepFailure("Get_the_stage_run", `Bad Request - Error in query syntax: '${runId}' is not a valid key.`, 400);
      }
      const found = store.get("deploymentstagerun", runId);
      logStep("GET", runPath, "api", null, found ? 200 : 404);
      if (!found) throw new StepFailure("Get_the_stage_run", `Entity 'deploymentstagerun' With Id = ${runId.toLowerCase()} Does Not Exist`, 404);
      run = found;
      const runKey = String(run.deploymentstagerunid).toLowerCase();

      // WhoAmI: the flow's own user (the service principal's application user); only rows it last modified count.
      logStep("GET", "/api/data/v9.2/WhoAmI", "action", null, 200);
      flowUser = String(spn.systemuserid).toLowerCase();

      // The run's stage policy: active rows of the stage, newest change first, top 2 (a second one is refused).
      const stageId = String(run._deploymentstageid_value ?? "").toLowerCase();
      const policyFilter = `apnl_stageid eq '${stageId}' and statecode eq 0`;
      logStep(
        "GET",
        `/api/data/v9.2/apnl_approvalpolicies?$select=${POLICY_SELECT}&$filter=${encodeURIComponent(policyFilter)}&$orderby=modifiedon desc&$top=2`,
        "api",
        null,
        200,
      );
      policies = activePoliciesOf(store.all("apnl_approvalpolicy"), stageId);
      rules = rulesOf(policies[0]);

      /** Checks 9, 10 and the requester rule for one approver, against the current policy. @param {string} user */
      const eligibility = (user) => {
        const account = store.get("systemuser", user);
        // The role by its root id, held directly by an enabled user (the flow's List rows filter).
        const roleFilter = `_parentrootroleid_value eq ${APPROVER_ROOT_ROLE_ID} and systemuserroles_association/any(u:u/systemuserid eq ${user} and u/isdisabled eq false)`;
        logStep("GET", `/api/data/v9.2/roles?$select=roleid&$filter=${encodeURIComponent(roleFilter)}&$top=1`, "api", null, 200);
        const role = account !== undefined && !account.isdisabled && holdsRootRole(store, user, APPROVER_ROOT_ROLE_ID);
        let team = true;
        if (rules.teamId) {
          // Members of the policy's team (the teammembership intersect rows).
          const teamFilter = `teamid eq ${rules.teamId} and teammembership_association/any(u:u/systemuserid eq ${user})`;
          logStep("GET", `/api/data/v9.2/teams?$select=teamid&$filter=${encodeURIComponent(teamFilter)}&$top=1`, "api", null, 200);
          const teamId = rules.teamId;
          team = store.all("teammembership").some((m) => String(m.teamid).toLowerCase() === teamId && String(m.systemuserid).toLowerCase() === user);
        }
        const notRequester = rules.allowSelfApproval || user !== String(run._createdby_value ?? "").toLowerCase();
        return { role, team, notRequester };
      };
      const own = eligibility(decider);
      hasRole = own.role;
      inTeam = own.team;

      // Rows of this run the flow itself last wrote, still active: forged or deactivated rows never count or block.
      const byFlow = `_modifiedby_value eq ${flowUser} and statecode eq 0`;
      const appliedFilter = `${col("stagerunid")} eq '${runKey}' and ${col("outcome")} eq 20 and ${byFlow} and ${table}id ne ${id}`;
      logStep("GET", `/api/data/v9.2/${set}?$select=${table}id&$filter=${encodeURIComponent(appliedFilter)}&$top=1`, "api", null, 200);
      const ofRun = store
        .all(table)
        .filter(
          (r) =>
            String(r[col("stagerunid")] ?? "").toLowerCase() === runKey &&
            r[`${table}id`] !== id &&
            String(r._modifiedby_value ?? "").toLowerCase() === flowUser &&
            r.statecode === 0,
        );
      appliedBefore = ofRun.some((r) => r[col("outcome")] === 20);

      // The decider's rows in the last minutes (this one included): a flood is refused.
      const since = new Date(now() - RELAY_FLOOD_MINUTES * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
      const recentFilter = `_createdby_value eq ${decider} and createdon ge ${since}`;
      logStep("GET", `/api/data/v9.2/${set}?$select=${table}id&$filter=${encodeURIComponent(recentFilter)}&$count=true&$top=1`, "api", null, 200);
      recentRows = store
        .all(table)
        .filter((r) => String(r._createdby_value ?? "").toLowerCase() === decider && Date.parse(String(r.createdon ?? "")) >= Date.parse(since)).length;

      properties = clientProperties(row[col("approvalproperties")]);
      if (approve) {
        checklistConfirmed = confirmsEvery(rules.checklist, properties.checklist);

        // The run's counted approvals (decision 20, outcome 50, written by the flow), each approver re-checked
        // against the current policy, role and team: one who no longer meets them no longer counts. Only under exactly
        // one active policy: never in an admin's edit window (none or two), where the rules read are not the stage's.
        const countedFilter = `${col("stagerunid")} eq '${runKey}' and ${col("decision")} eq 20 and ${col("outcome")} eq 50 and ${byFlow} and ${table}id ne ${id}`;
        logStep("GET", `/api/data/v9.2/${set}?$select=${table}id,_createdby_value&$filter=${encodeURIComponent(countedFilter)}`, "api", null, 200);
        const countedRows = policies.length === 1 ? ofRun.filter((r) => r[col("decision")] === 20 && r[col("outcome")] === 50) : [];
        for (const earlier of countedRows) {
          const approver = String(earlier._createdby_value ?? "").toLowerCase();
          const still = eligibility(approver);
          if (still.role && still.team && still.notRequester) counted.add(approver);
          else writeOutcome(table, earlier, OUTCOMES.refused, NO_LONGER_COUNTED, spn);
        }
      }
    } catch (e) {
      if (e instanceof StepFailure) return failure(e);
      throw e;
    }

    const outcome = row[col("outcome")];
    const comment = String(row[col("comments")] ?? "").trim();
    const claimedApprover = properties.approverId;
    const createdMs = Date.parse(String(run.createdon ?? ""));
    const ageHours = (now() - createdMs) / 3600_000;
    /** The checks in the flow's order: the first that fails names the reason. @type {Array<[boolean, string]>} */
    const checks = [
      [decision === 20 || decision === 30, REFUSALS.decision],
      [!row._createdonbehalfby_value, REFUSALS.impersonated],
      [outcome === null || outcome === undefined || outcome === 10, REFUSALS.notCreatedPending],
      [recentRows <= RELAY_FLOOD_LIMIT, REFUSALS.flood],
      [policies.length > 0, REFUSALS.noPolicy],
      [policies.length < 2, REFUSALS.severalPolicies],
      [isPending(run), REFUSALS.notPending],
      [!(createdMs > now() + FUTURE_TOLERANCE_MS), REFUSALS.createdInFuture],
      [rules.allowSelfApproval || decider !== String(run._createdby_value ?? "").toLowerCase(), REFUSALS.requester],
      [hasRole, REFUSALS.noRole],
      [inTeam, REFUSALS.notInTeam],
      [!appliedBefore, REFUSALS.alreadyApplied],
      [claimedApprover === undefined || claimedApprover === null || String(claimedApprover).toLowerCase() === decider, REFUSALS.otherApprover],
      // A run whose createdon cannot be read counts as expired under a policy with an expiry (the stricter reading).
      [!approve || rules.expiryHours === null || (Number.isFinite(ageHours) && ageHours <= rules.expiryHours), REFUSALS.expired],
      [!(approve ? rules.commentOnApprove : rules.commentOnReject) || comment !== "", REFUSALS.commentRequired],
      [!approve || checklistConfirmed, REFUSALS.checklistIncomplete],
      [!approve || !counted.has(decider), REFUSALS.alreadyCounted],
    ];
    const failed = checks.find(([ok]) => !ok);
    if (failed) return write(OUTCOMES.refused, failed[1]);

    // An approval short of the policy's count waits for more: counted, nothing applied.
    if (approve && counted.size + 1 < rules.requiredApprovals) return write(OUTCOMES.counted, countedMessage(counted.size + 1, rules.requiredApprovals));

    // Scope "Apply_the_decision": re-read the run (another decision may have been applied meanwhile), then
    // UpdateApprovalStatus as the service principal, with the flow's own record of who decided beside the client's.
    const current = store.get("deploymentstagerun", runId);
    logStep("GET", `${runPath}?$select=approvalstatus`, "api", null, current ? 200 : 404);
    if (!current || !isPending(current)) return write(OUTCOMES.refused, REFUSALS.notPending);
    const relay = {
      decisionId: String(id).toLowerCase(),
      decidedBy: decider,
      countedApprovers: approve ? [...counted, decider] : [],
      flowRun: `emulated-${runNumber}`,
    };
    // A client key that pretends to be the flow's is dropped; the flow's own relay block replaces any client "relay".
    const fromClient = { ...properties };
    delete fromClient.approverPropertiesOmitted;
    const withClient = JSON.stringify({ ...fromClient, relay });
    const forHost = withClient.length <= PROPERTIES_MAX_LENGTH ? withClient : JSON.stringify({ relay, approverPropertiesOmitted: true });
    // The run that was checked (the re-read), not the row's text.
    const body = {
      StageRunId: String(current.deploymentstagerunid),
      ApprovalStatus: decision,
      ApprovalComments: row[col("comments")] ?? "",
      ApprovalProperties: forHost,
    };
    const result = applyDecision(runId.toLowerCase(), decision, body.ApprovalComments, body.ApprovalProperties, /** @type {any} */ (spn).systemuserid);
    logStep("POST", "/api/data/v9.2/UpdateApprovalStatus", "action", body, result.ok ? 204 : result.status);
    if (!result.ok) return failure(new StepFailure("Update_approval_status", result.message, result.status));
    return write(OUTCOMES.applied, "");
  }

  return runFlow;
}

module.exports = { createRelayRun };
