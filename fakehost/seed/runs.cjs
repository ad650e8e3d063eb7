"use strict";
// The seed's runs, one per scenario and the runs the checks before a decision read (the history is history.cjs).
const { RUNS, STAGES, USERS } = require("./ids.cjs");
const { run, tested, deployed, waitingClean } = require("./runRow.cjs");
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
    waitingClean(
      RUNS.checksClear,
      STAGES.expensesProd,
      "ContosoTimesheets",
      "2.1.0.0",
      3,
      "Timesheets: weekly approval reminders and a fix for overtime rounding.",
    ),
    tested(RUNS.checksClearInTest, STAGES.expensesTest, "ContosoTimesheets", "2.1.0.0", 28),
    deployed(RUNS.checksClearLastProd, STAGES.expensesProd, "ContosoTimesheets", "2.0.3.0", 150),
    // Overtaken: a newer version was requested later and has already been deployed to Production.
    waitingClean(RUNS.supersededPending, STAGES.expensesProd, "ContosoMileage", "3.0.0.0", 52, "Mileage rates per country."),
    deployed(RUNS.supersededDeployed, STAGES.expensesProd, "ContosoMileage", "3.0.1.0", 20),
    tested(RUNS.supersededNewerInTest, STAGES.expensesTest, "ContosoMileage", "3.0.1.0", 30),
    tested(RUNS.supersededInTest, STAGES.expensesTest, "ContosoMileage", "3.0.0.0", 60),
    // Never tested: only an older version succeeded in Test.
    waitingClean(
      RUNS.untestedPending,
      STAGES.expensesProd,
      "ContosoPayroll",
      "1.2.0.0",
      4,
      "Payroll export: new bank file format. Urgent, the bank switches on Monday.",
      { stagerunstatus: 200000001 },
    ),
    tested(RUNS.untestedOlderInTest, STAGES.expensesTest, "ContosoPayroll", "1.1.0.0", 200),
    deployed(RUNS.untestedLastProd, STAGES.expensesProd, "ContosoPayroll", "1.1.0.0", 180),
  );

  runs.push(
    waitingClean(
      RUNS.nullTypePending,
      STAGES.expensesPreprod,
      "ContosoReceipts",
      "1.0.3.0",
      6,
      "Receipts: scanning from the mobile app. First release to Pre-production.",
      { stagerunstatus: 200000001 },
    ),
  );

  // The Contoso HR pipeline's runs (approval policies): solutions no other stage has.
  runs.push(
    waitingClean(
      RUNS.policyQuorumPending,
      STAGES.hrUat,
      "ContosoOnboarding",
      "1.3.0.0",
      2,
      "Onboarding: equipment requests from the new-hire checklist and a welcome e-mail in the employee's language.",
    ),
    waitingClean(
      RUNS.policyExpiredPending,
      STAGES.hrUat,
      "ContosoLeave",
      "2.0.1.0",
      100,
      "Leave requests: half days and a fix for public holidays in Scotland.",
    ),
    tested(RUNS.policyOwnerInUat, STAGES.hrUat, "ContosoBenefits", "4.2.0.0", 30),
    waitingClean(
      RUNS.policyOwnerPending,
      STAGES.hrProd,
      "ContosoBenefits",
      "4.2.0.0",
      5,
      "Benefits: the new pension provider's contribution rates from next month.",
      {
        requestedBy: USERS.avery,
      },
    ),
    tested(RUNS.policyInvalidInUat, STAGES.hrUat, "ContosoLearning", "0.9.4.0", 50),
    waitingClean(RUNS.policyInvalidPending, STAGES.hrTraining, "ContosoLearning", "0.9.4.0", 8, "Learning paths for new managers."),
  );

  // The Deployment Approvals app: a request that has just arrived, not taken in by the intake flow yet (no request
  // row), every check clear. A solution no other run has, so no other scenario's checks or history change.
  runs.push(
    tested(RUNS.intakeArrivesInTest, STAGES.expensesTest, "ContosoPurchasing", "1.0.0.0", 20),
    waitingClean(
      RUNS.intakeArrives,
      STAGES.expensesProd,
      "ContosoPurchasing",
      "1.0.0.0",
      0.2,
      "Purchasing: approval limits per cost centre and a supplier portal for delivery dates.",
    ),
  );
  return runs;
}

module.exports = { createRuns };
