"use strict";
// The fake pipelines host shared by the playground (over HTTP) and the jest tests (in process).
// Modules by concern:
//   seed.cjs      ids, labels and rows of the playground's host (USERS, RUNS, STAGES, SCENARIOS, LABELS, createSeed),
//                 by concern under seed/
//   schema.cjs    tables and columns as the Web API exposes them; the older host without the approval columns
//   store.cjs     the in-memory tables (optionally kept in a JSON file)
//   query.cjs     OData: $select, $expand, $filter (@odata/parser), $orderby, $top, Prefer, projection,
//                 by concern under query/ (parse, evaluate, and the errors the whole host answers with)
//   records.cjs   writes: request bodies → columns, new records
//   actions.cjs   UpdateApprovalStatus and its rules
//   flow.cjs      the relay flow ("Apply approval decisions"); its rules and one run of it under flow/
//   flowRuntime.cjs what the flows share: their connection user, their logged steps, GUIDs and times
//   intake.cjs    the Deployment Approvals app's flows (intake, outcomes, expiry), its views and the notification outbox,
//                 by concern under intake/
//   metadata.cjs  EntityDefinitions (entity, Attributes, PicklistAttributeMetadata, ManyToOneRelationships), $metadata
//   privileges.cjs RetrieveUserPrivileges: privileges from direct and team roles
//   faults.cjs    injected latency, 429, 500, dropped connections; the no-chunking and chunking-refused switches
//   artifacts.cjs solution files of deployment artifacts (zipped in memory from playground/artifacts/) and their download
//   hostileArtifacts.cjs large and hostile solution zips, made on demand
//   requestLog.cjs every request, for tests and people watching
//   service.cjs   all of the above as one host: a plain request → a plain answer, by concern under service/ (the host
//                 made, a request routed with its faults and latency, the handlers of each kind of request)
//   pcfContext.cjs the answer as a PCF control sees it: fetch, context.webAPI and the PCF context, in process
//   xrm.js, xrmContext.js  the client side written once: the Web API client and the PCF context, plain JS that the
//                 playground's host page loads as scripts and pcfContext.cjs requires
const actions = require("./actions.cjs");
const artifacts = require("./artifacts.cjs");
const hostileArtifacts = require("./hostileArtifacts.cjs");
const faults = require("./faults.cjs");
const flow = require("./flow.cjs");
const intake = require("./intake.cjs");
const metadata = require("./metadata.cjs");
const pcfContext = require("./pcfContext.cjs");
const privileges = require("./privileges.cjs");
const query = require("./query.cjs");
const requestLog = require("./requestLog.cjs");
const schema = require("./schema.cjs");
const seed = require("./seed.cjs");
const service = require("./service.cjs");

module.exports = {
  ...seed,
  ...schema,
  ...query,
  ...actions,
  ...faults,
  ...flow,
  ...intake,
  ...requestLog,
  ...service,
  ...pcfContext,
  ...hostileArtifacts,
  ARTIFACT_DIR: artifacts.ARTIFACT_DIR,
  CHUNK_SIZE: artifacts.CHUNK_SIZE,
  seedZips: artifacts.seedZips,
  csdl: metadata.csdl,
  metadataId: metadata.metadataId,
  userPrivileges: privileges.userPrivileges,
  BUSINESS_UNIT_ID: privileges.BUSINESS_UNIT_ID,
};
