"use strict";
// Seed data of the emulated pipelines host. Deterministic: the same ids and values at every start, so tests and
// screenshots can name records. By concern, under seed/:
//   ids.cjs        every id the seed names (USERS, RUNS, STAGES, ...), readable on purpose (table prefix + number)
//   labels.cjs     the choice columns' labels, as the host formats them
//   scenarios.cjs  the playground's scenarios
//   values.cjs     what rows share: times relative to the start, system columns, settings and validation texts
//   people.cjs, pipelines.cjs, runRow.cjs, runs.cjs, history.cjs, policies.cjs, artifactRows.cjs, requests.cjs: the rows
const ids = require("./seed/ids.cjs");
const { LABELS } = require("./seed/labels.cjs");
const { SCENARIOS } = require("./seed/scenarios.cjs");
const { createArtifacts } = require("./seed/artifactRows.cjs");
const { createHistory } = require("./seed/history.cjs");
const { createPeople } = require("./seed/people.cjs");
const { createPipelines } = require("./seed/pipelines.cjs");
const { createPolicies } = require("./seed/policies.cjs");
const { createRequests } = require("./seed/requests.cjs");
const { createRuns } = require("./seed/runs.cjs");

/**
 * A fresh copy of the seed.
 * @returns {import("./store.cjs").StoreData}
 */
function createSeed() {
  const { users, roles, teams, teammembership, teamroles, rolePrivileges, userRoles, fieldProfiles } = createPeople();
  const { pipelines, environments, stages } = createPipelines();
  const runs = createRuns();
  const history = createHistory();
  return {
    tables: {
      systemuser: users,
      role: roles,
      team: teams,
      teammembership,
      teamroles,
      deploymentartifact: createArtifacts(runs, history),
      deploymentpipeline: pipelines,
      deploymentenvironment: environments,
      deploymentstage: stages,
      deploymentstagerun: [...runs, ...history],
      apnl_approvaldecision: [],
      apnl_approvalrequest: createRequests({ runs, stages, users, teams, pipelines, environments }),
      apnl_approvalpolicy: createPolicies(),
      fieldsecurityprofile: fieldProfiles,
    },
    userRoles,
    rolePrivileges,
  };
}

module.exports = {
  USERS: ids.USERS,
  ROLES: ids.ROLES,
  ROLE_TEMPLATES: ids.ROLE_TEMPLATES,
  TEAMS: ids.TEAMS,
  PIPELINES: ids.PIPELINES,
  ENVIRONMENTS: ids.ENVIRONMENTS,
  STAGES: ids.STAGES,
  SPN_CLIENT_ID: ids.SPN_CLIENT_ID,
  RUNS: ids.RUNS,
  REQUESTS: ids.REQUESTS,
  POLICIES: ids.POLICIES,
  FIELD_PROFILES: ids.FIELD_PROFILES,
  QUORUM_CHECKLIST: ids.QUORUM_CHECKLIST,
  OWNER_CHECKLIST: ids.OWNER_CHECKLIST,
  ARTIFACTS: ids.ARTIFACTS,
  EXPENSES_ARTIFACTS: ids.EXPENSES_ARTIFACTS,
  HISTORY_COUNT: ids.HISTORY_COUNT,
  SCENARIOS,
  LABELS,
  createSeed,
};
