"use strict";
// The seed's runs, one per scenario and the runs the checks before a decision read (the history is history.cjs).
const { RUNS, STAGES, USERS } = require("./ids.cjs");
const { run, succeeded, approvedBy, clean } = require("./runRow.cjs");
const { SOAP_FAULT, at, props, settings, validationMissing, validationOk } = require("./values.cjs");

/** A fresh copy of the run rows. */
function createRuns() {
  const expensesNotes =
    "Adds mileage claims with per-country rates and fixes the receipt upload on mobile.\n\n- New table: Mileage Rate (contoso_mileagerate)\n- Expense Claim form: new Mileage tab\n- Flow 'Notify approver' now uses the shared mailbox";
  const expensesAi =
    "This release adds 1 table (Mileage Rate), updates 2 forms and 1 model-driven app, and changes 3 cloud flows. It introduces the environment variable contoso_MaxClaimAmount.";

  const runs = [
    run(RUNS.ownerPendingMine, STAGES.expensesProd, "ContosoExpenses", "1.4.2.0", 2, {
      deploymentnotes: expensesNotes,
      aigenerateddeploymentnotes: expensesAi,
      deploymentsettingsjson: settings("https://api.contoso.com/expenses/v2"),
      validationresults: validationOk,
      approvalstatus: 10,
      artifactdevcurrentversion: "1.4.3.0",
    }),
    run(RUNS.ownerPendingOther, STAGES.fieldProd, "ContosoFieldService", "3.2.0.7", 5, {
      deploymentnotes: "Inspection checklist v2 for technicians; requires the Field Service 8.8 update already in production.",
      deploymentsettingsjson: JSON.stringify({
        EnvironmentVariables: [{ SchemaName: "contoso_InspectionApiUrl", Value: "https://fs-eu.contoso.com/inspections" }],
        ConnectionReferences: [],
      }),
      validationresults: validationMissing,
      approvalstatus: 10,
      // Waits at Started with its operation Pending: 200000005 is not the only status of a run awaiting approval.
      stagerunstatus: 200000001,
    }),
    run(RUNS.spnPending, STAGES.fieldUat, "ContosoFieldService", "3.2.0.7", 9, {
      deploymentnotes: "UAT build for the inspection checklist; please deploy before Thursday's test session.",
      deploymentsettingsjson: JSON.stringify({
        EnvironmentVariables: [{ SchemaName: "contoso_InspectionApiUrl", Value: "https://fs-uat.contoso.com/inspections" }],
        ConnectionReferences: [
          {
            LogicalName: "contoso_sharedcommondataserviceforapps_9d1e0",
            ConnectionId: "5e8a1c3f7b9d4e2a8c6f0b1d3e5a7c9f",
            ConnectorId: "/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps",
          },
        ],
      }),
      validationresults: validationOk.replace(/ContosoExpenses/g, "ContosoFieldService").replace("1.4.2.0", "3.2.0.7"),
      approvalstatus: 10,
    }),
    run(RUNS.approved, STAGES.expensesProd, "ContosoExpenses", "1.4.1.0", 74, {
      deploymentnotes: "Hotfix: currency rounding on claims over 1,000.",
      aigenerateddeploymentnotes: "Updates 1 plug-in assembly (Contoso.Expenses.Plugins) and 1 calculated column.",
      deploymentsettingsjson: settings("https://api.contoso.com/expenses/v2"),
      validationresults: validationOk.replace("1.4.2.0", "1.4.1.0"),
      approvalstatus: 20,
      approvalcomments: "Approved: tested in Test by the finance team (ticket FIN-2231). Deploying tonight.",
      approvalproperties: props({
        approverId: USERS.avery,
        approverName: "Avery Owner",
        decision: "Approved",
        decidedOnUtc: at(73),
        adminNote: "Change CHG0041187 approved by CAB on Monday.",
      }),
      stagerunstatus: 200000002,
      suboperation: 200000106,
      operationstatus: 200000002,
      endtime: at(72.5),
    }),
    run(RUNS.rejected, STAGES.expensesProd, "ContosoExpenses", "1.4.0.3", 120, {
      deploymentnotes: "Experimental OCR for receipts.",
      deploymentsettingsjson: settings("https://api-preview.contoso.com/expenses"),
      validationresults: validationOk.replace("1.4.2.0", "1.4.0.3"),
      approvalstatus: 30,
      approvalcomments: "Rejected: the API base URL points at the preview endpoint. Please fix the deployment settings and request again.",
      approvalproperties: props({ approverId: USERS.avery, approverName: "Avery Owner", decision: "Rejected", decidedOnUtc: at(119), adminNote: "" }),
      stagerunstatus: 200000003,
      operationstatus: 200000003,
      endtime: at(119),
    }),
    run(RUNS.failedSoap, STAGES.expensesProd, "ContosoExpenses", "1.3.9.0", 160, {
      deploymentnotes: "Cost centre field on claims.",
      deploymentsettingsjson: settings("https://api.contoso.com/expenses/v2"),
      validationresults: validationOk.replace("1.4.2.0", "1.3.9.0"),
      approvalstatus: 20,
      approvalcomments: "OK to go.",
      approvalproperties: props({ approverId: USERS.avery, approverName: "Avery Owner", decision: "Approved", decidedOnUtc: at(159.5), adminNote: "" }),
      stagerunstatus: 200000003,
      suboperation: 200000105,
      operationstatus: 200000003,
      endtime: at(159),
      errormessage: SOAP_FAULT,
    }),
    run(RUNS.notDelegated, STAGES.expensesTest, "ContosoExpenses", "1.4.2.0", 26, {
      deploymentnotes: expensesNotes,
      deploymentsettingsjson: settings("https://api-test.contoso.com/expenses/v2"),
      validationresults: validationOk,
      stagerunstatus: 200000002,
      suboperation: 200000106,
      operationstatus: 200000002,
      endtime: at(25.8),
    }),
    run(RUNS.malformed, STAGES.expensesProd, "ContosoExpenses", "1.4.2.1", 1, {
      deploymentnotes: "Same as 1.4.2.0 with a fix for the mileage rates import.",
      // Truncated JSON, as seen when a flow writes the settings in pieces.
      deploymentsettingsjson: '{"EnvironmentVariables":[{"SchemaName":"contoso_ExpensesApiBaseUrl","Value":"https://api.contoso.com/exp',
      validationresults: "Validation finished with warnings (see the pipeline run log).",
      approvalstatus: 10,
    }),
    run(RUNS.doubleEncoded, STAGES.expensesProd, "ContosoExpenses", "1.4.2.2", 0.5, {
      deploymentnotes: "Rebuild of 1.4.2.1 with the fixed settings.",
      deploymentsettingsjson: settings("https://api.contoso.com/expenses/v2"),
      // The host sometimes stores the validation JSON as a JSON string holding JSON.
      validationresults: JSON.stringify(validationOk.replace("1.4.2.0", "1.4.2.2")),
      approvalstatus: 10,
    }),
    run(RUNS.legacyPending, STAGES.expensesProd, "ContosoTravel", "2.0.0.4", 3, {
      deploymentnotes: "Travel booking app: first managed release to Production.",
      deploymentsettingsjson: JSON.stringify({
        EnvironmentVariables: [{ SchemaName: "contoso_TravelAgencyApi", Value: "https://travel.contoso.com/api" }],
        ConnectionReferences: [],
      }),
      validationresults: validationOk.replace(/ContosoExpenses/g, "ContosoTravel").replace("1.4.2.0", "2.0.0.4"),
      approvalstatus: 10,
    }),
    run(RUNS.makerOwnPending, STAGES.expensesProd, "ContosoExpenses", "1.4.2.0", 1.5, {
      deploymentnotes: expensesNotes,
      deploymentsettingsjson: settings("https://api.contoso.com/expenses/v2"),
      validationresults: validationOk,
      approvalstatus: 10,
    }),
  ];
  runs.push(
    // Every check passes: tested in Test, newer than Production's version, complete settings, validation passed.
    run(RUNS.checksClear, STAGES.expensesProd, "ContosoTimesheets", "2.1.0.0", 3, {
      ...clean("ContosoTimesheets", "2.1.0.0"),
      deploymentnotes: "Timesheets: weekly approval reminders and a fix for overtime rounding.",
      approvalstatus: 10,
    }),
    run(RUNS.checksClearInTest, STAGES.expensesTest, "ContosoTimesheets", "2.1.0.0", 28, { ...clean("ContosoTimesheets", "2.1.0.0"), ...succeeded(28) }),
    run(RUNS.checksClearLastProd, STAGES.expensesProd, "ContosoTimesheets", "2.0.3.0", 150, {
      ...clean("ContosoTimesheets", "2.0.3.0"),
      ...succeeded(150),
      ...approvedBy("2.0.3.0", 150),
    }),
    // Overtaken: a newer version was requested later and has already been deployed to Production.
    run(RUNS.supersededPending, STAGES.expensesProd, "ContosoMileage", "3.0.0.0", 52, {
      ...clean("ContosoMileage", "3.0.0.0"),
      deploymentnotes: "Mileage rates per country.",
      approvalstatus: 10,
    }),
    run(RUNS.supersededDeployed, STAGES.expensesProd, "ContosoMileage", "3.0.1.0", 20, {
      ...clean("ContosoMileage", "3.0.1.0"),
      ...succeeded(20),
      ...approvedBy("3.0.1.0", 20),
    }),
    run(RUNS.supersededNewerInTest, STAGES.expensesTest, "ContosoMileage", "3.0.1.0", 30, { ...clean("ContosoMileage", "3.0.1.0"), ...succeeded(30) }),
    run(RUNS.supersededInTest, STAGES.expensesTest, "ContosoMileage", "3.0.0.0", 60, { ...clean("ContosoMileage", "3.0.0.0"), ...succeeded(60) }),
    // Never tested: only an older version succeeded in Test.
    run(RUNS.untestedPending, STAGES.expensesProd, "ContosoPayroll", "1.2.0.0", 4, {
      ...clean("ContosoPayroll", "1.2.0.0"),
      deploymentnotes: "Payroll export: new bank file format. Urgent, the bank switches on Monday.",
      approvalstatus: 10,
      stagerunstatus: 200000001,
    }),
    run(RUNS.untestedOlderInTest, STAGES.expensesTest, "ContosoPayroll", "1.1.0.0", 200, { ...clean("ContosoPayroll", "1.1.0.0"), ...succeeded(200) }),
    run(RUNS.untestedLastProd, STAGES.expensesProd, "ContosoPayroll", "1.1.0.0", 180, {
      ...clean("ContosoPayroll", "1.1.0.0"),
      ...succeeded(180),
      ...approvedBy("1.1.0.0", 180),
    }),
  );

  runs.push(
    run(RUNS.nullTypePending, STAGES.expensesPreprod, "ContosoReceipts", "1.0.3.0", 6, {
      ...clean("ContosoReceipts", "1.0.3.0"),
      deploymentnotes: "Receipts: scanning from the mobile app. First release to Pre-production.",
      approvalstatus: 10,
      stagerunstatus: 200000001,
    }),
  );

  // The Contoso HR pipeline's runs (approval policies): solutions no other stage has.
  runs.push(
    run(RUNS.policyQuorumPending, STAGES.hrUat, "ContosoOnboarding", "1.3.0.0", 2, {
      ...clean("ContosoOnboarding", "1.3.0.0"),
      deploymentnotes: "Onboarding: equipment requests from the new-hire checklist and a welcome e-mail in the employee's language.",
      approvalstatus: 10,
    }),
    run(RUNS.policyExpiredPending, STAGES.hrUat, "ContosoLeave", "2.0.1.0", 100, {
      ...clean("ContosoLeave", "2.0.1.0"),
      deploymentnotes: "Leave requests: half days and a fix for public holidays in Scotland.",
      approvalstatus: 10,
    }),
    run(RUNS.policyOwnerInUat, STAGES.hrUat, "ContosoBenefits", "4.2.0.0", 30, { ...clean("ContosoBenefits", "4.2.0.0"), ...succeeded(30) }),
    run(RUNS.policyOwnerPending, STAGES.hrProd, "ContosoBenefits", "4.2.0.0", 5, {
      ...clean("ContosoBenefits", "4.2.0.0"),
      deploymentnotes: "Benefits: the new pension provider's contribution rates from next month.",
      approvalstatus: 10,
      requestedBy: USERS.avery,
    }),
    run(RUNS.policyInvalidInUat, STAGES.hrUat, "ContosoLearning", "0.9.4.0", 50, { ...clean("ContosoLearning", "0.9.4.0"), ...succeeded(50) }),
    run(RUNS.policyInvalidPending, STAGES.hrTraining, "ContosoLearning", "0.9.4.0", 8, {
      ...clean("ContosoLearning", "0.9.4.0"),
      deploymentnotes: "Learning paths for new managers.",
      approvalstatus: 10,
    }),
  );

  // The Deployment Approvals app: a request that has just arrived, not taken in by the intake flow yet (no request
  // row), every check clear. A solution no other run has, so no other scenario's checks or history change.
  runs.push(
    run(RUNS.intakeArrivesInTest, STAGES.expensesTest, "ContosoPurchasing", "1.0.0.0", 20, { ...clean("ContosoPurchasing", "1.0.0.0"), ...succeeded(20) }),
    run(RUNS.intakeArrives, STAGES.expensesProd, "ContosoPurchasing", "1.0.0.0", 0.2, {
      ...clean("ContosoPurchasing", "1.0.0.0"),
      deploymentnotes: "Purchasing: approval limits per cost centre and a supplier portal for delivery dates.",
      approvalstatus: 10,
    }),
  );
  return runs;
}

module.exports = { createRuns };
