"use strict";
// What the seed's rows share: times relative to the start, the system columns, and the JSON and XML texts runs hold.
const { USERS } = require("./ids.cjs");

// Seed times are relative to the start (to the hour), so "2 hours ago" and the "waiting long" check read as they
// would on the day; the structure (who, which version, in which order) is the same at every start.
const ANCHOR = Math.floor(Date.now() / 3600_000) * 3600_000;
/** @param {number} hoursBefore */
const at = (hoursBefore) => new Date(ANCHOR - hoursBefore * 3600_000).toISOString().replace(".000Z", "Z");

/** @param {Record<string, unknown>} fields @param {string} createdon @param {string} [createdby] */
function std(fields, createdon, createdby = USERS.morgan) {
  return {
    _createdby_value: createdby,
    createdon,
    _modifiedby_value: createdby,
    modifiedon: createdon,
    _ownerid_value: createdby,
    statecode: 0,
    statuscode: 1,
    versionnumber: 1000,
    ...fields,
  };
}

const settings = (/** @type {string} */ apiUrl) =>
  JSON.stringify({
    EnvironmentVariables: [
      { SchemaName: "contoso_ExpensesApiBaseUrl", Value: apiUrl },
      { SchemaName: "contoso_ReceiptsSharePointSite", Value: "https://contoso.sharepoint.com/sites/Expenses" },
      { SchemaName: "contoso_MaxClaimAmount", Value: "2500" },
      { SchemaName: "contoso_FeatureFlags", Value: "" },
    ],
    ConnectionReferences: [
      {
        LogicalName: "contoso_sharedcommondataserviceforapps_3f2a1",
        ConnectionId: "9c0e5a0b6f2d4c7e8a1b3d5f7e9c1a2b",
        ConnectorId: "/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps",
      },
      {
        LogicalName: "contoso_sharedoffice365_7b9c2",
        ConnectionId: "1f4d7a9c2e5b4d8f9a3c6e1b7d2f5a8c",
        ConnectorId: "/providers/Microsoft.PowerApps/apis/shared_office365",
      },
      { LogicalName: "contoso_sharedsharepointonline_a41d0", ConnectionId: null, ConnectorId: "/providers/Microsoft.PowerApps/apis/shared_sharepointonline" },
    ],
  });

const validationOk = JSON.stringify({
  ValidationStatus: "Succeeded",
  SolutionValidationResults: [
    { SolutionValidationResultType: "Warning", Message: "The solution contains 2 cloud flows that are turned off in the source environment.", ErrorCode: null },
    { SolutionValidationResultType: "Info", Message: "Connection references will use the connections set in the deployment settings.", ErrorCode: null },
  ],
  SolutionDetails: { UniqueName: "ContosoExpenses", Version: "1.4.2.0", Managed: true },
  MissingDependencies: [],
});

const validationMissing = JSON.stringify({
  ValidationStatus: "Failed",
  SolutionValidationResults: [
    { SolutionValidationResultType: "Error", Message: "The solution is missing dependencies in the target environment.", ErrorCode: "0x80048033" },
  ],
  SolutionDetails: { UniqueName: "ContosoFieldService", Version: "3.2.0.7", Managed: true },
  MissingDependencies: ["msdyn_workorder (Entity) required by contoso_inspectionform (Form)", "msdyn_FieldService (Solution) 8.8.121.0"],
});

const SOAP_FAULT = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring xml:lang="en-US">Solution manifest import: FAILURE: The solution "ContosoExpenses" cannot be imported because the component "contoso_expenseclaim" (Entity) has a dependency on "contoso_costcenter" (Attribute) that is missing in the target environment.</faultstring><detail><OrganizationServiceFault xmlns="http://schemas.microsoft.com/xrm/2011/Contracts" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><ActivityId>7c1b0e4a-2f3d-4b6a-9e8c-1d2f3a4b5c6d</ActivityId><ErrorCode>-2147188672</ErrorCode><ErrorDetails xmlns:a="http://schemas.datacontract.org/2004/07/System.Collections.Generic"/><Message>Solution manifest import: FAILURE: The solution "ContosoExpenses" cannot be imported because the component "contoso_expenseclaim" (Entity) has a dependency on "contoso_costcenter" (Attribute) that is missing in the target environment.</Message><Timestamp>2025-11-24T10:42:17.8812345Z</Timestamp><ExceptionRetriable>false</ExceptionRetriable><ExceptionSource i:nil="true"/><InnerFault i:nil="true"/><OriginalException i:nil="true"/><TraceText i:nil="true"/></OrganizationServiceFault></detail></s:Fault></s:Body></s:Envelope>`;

/** @param {{approverId:string, approverName:string, decision:"Approved"|"Rejected", decidedOnUtc:string, adminNote:string}} p */
const props = (p) =>
  JSON.stringify({
    approverId: p.approverId,
    approverName: p.approverName,
    decision: p.decision,
    decisionValue: p.decision === "Approved" ? 20 : 30,
    decidedOnUtc: p.decidedOnUtc,
    panelVersion: "1.0.0",
    adminNote: p.adminNote,
  });

/** A small deterministic PRNG (mulberry32) for the generated history. @param {number} seed */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** When the seed's pipelines, environments and stages were created. */
const CREATED = "2025-06-02T09:30:00Z";

/** @param {string} a @param {string} b */
function compareVersions(a, b) {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

module.exports = { at, std, settings, validationOk, validationMissing, SOAP_FAULT, props, rng, CREATED, compareVersions };
