"use strict";
// The fake pipelines host as one object, and the Dataverse Web API (OData v4 JSON under /api/data/v9.2/) as a function
// from a plain request to a plain answer. The playground serves it over HTTP (playground/emulator/emulator.mjs); tests
// call it in process (pcfContext.cjs). By concern, under service/:
//   host.cjs      createFakeHost: store, faults, request log, actions, relay flow and the approval request flows
//                 (intake.cjs) made into one host, and the business event that follows a decision
//   route.cjs     a request → its handler: the URL, the caller and who a write acts as, the request log, the injected
//                 faults and latency (why reads are answered after it), an ODataError as its answer
//   handlers.cjs  what each request does to the store: a table's records read, listed (paged), created, updated,
//                 deleted; the actions, metadata, a user's privileges, an artifact's file; impersonation, the Read check
//   answer.cjs    the answers' shape (JSON, text, file) with the headers every answer carries
const { createFakeHost } = require("./service/host.cjs");
const { SYSTEM_ADMINISTRATOR_TEMPLATE } = require("./service/handlers.cjs");
const { API_BASE, parseCookies } = require("./service/route.cjs");

module.exports = { API_BASE, SYSTEM_ADMINISTRATOR_TEMPLATE, createFakeHost, parseCookies };
