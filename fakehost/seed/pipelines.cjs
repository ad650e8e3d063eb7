"use strict";
// The seed's pipelines, their environments and stages.
const { ENVIRONMENTS, PIPELINES, SPN_CLIENT_ID, STAGES, USERS } = require("./ids.cjs");
const { CREATED: created, std } = require("./values.cjs");

/** A fresh copy of the pipeline rows. */
function createPipelines() {
  const pipelines = [
    std(
      {
        deploymentpipelineid: PIPELINES.expenses,
        name: "Contoso Expenses ALM",
        description: "Expenses app: Dev → Test → Production",
        enableaideploymentnotes: true,
        enableredeployment: false,
      },
      created,
    ),
    std(
      {
        deploymentpipelineid: PIPELINES.fieldService,
        name: "Field Service ALM",
        description: "Field Service extensions: Dev → UAT → Production (EU)",
        enableaideploymentnotes: false,
        enableredeployment: true,
      },
      created,
    ),
    std(
      {
        deploymentpipelineid: PIPELINES.hr,
        name: "Contoso HR ALM",
        description: "HR apps: Dev → UAT → Production and Training, every stage with an approval policy",
        enableaideploymentnotes: false,
        enableredeployment: false,
      },
      created,
    ),
  ];

  /** @param {string} id @param {string} name @param {number} type @param {string} envId */
  const env = (id, name, type, envId) =>
    std({ deploymentenvironmentid: id, name, environmentid: envId, environmenttype: type, validationstatus: 200000001 }, created);
  const environments = [
    env(ENVIRONMENTS.dev, "Contoso Dev", 200000000, "2f6a1c3e-8b4d-4e7a-9c1f-3a5b7d9e1f20"),
    env(ENVIRONMENTS.test, "Contoso Test", 200000001, "7d3e9a1b-2c4f-4a6e-8b0d-1e3f5a7c9b21"),
    env(ENVIRONMENTS.prod, "Contoso Production", 200000001, "c4b8e2a6-0d1f-4c3e-a5b7-9d1e3f5a7b22"),
    env(ENVIRONMENTS.uat, "Field Service UAT", 200000001, "91a3c5e7-b9d1-4f2a-8c4e-6a8b0d2f4e23"),
    env(ENVIRONMENTS.prodEu, "Field Service Production (EU)", 200000001, "e5f7a9b1-c3d5-4e7f-9a1b-3c5d7e9f1a24"),
    env(ENVIRONMENTS.preprod, "Contoso Pre-production", 200000001, "3b5d7f9a-1c3e-4a5b-8d7f-9b1d3f5a7c25"),
    env(ENVIRONMENTS.hrUat, "Contoso HR UAT", 200000001, "6c8e0a2b-4d6f-4a8c-9e0b-2d4f6a8c0e26"),
    env(ENVIRONMENTS.hrProd, "Contoso HR Production", 200000001, "8e0a2c4d-6f8b-4c0e-a2d4-4f6b8c0e2a27"),
    env(ENVIRONMENTS.hrTraining, "Contoso HR Training", 200000001, "0a2c4e6f-8b0d-4e2a-b4f6-6b8d0e2a4c28"),
  ];

  /**
   * @param {string} id @param {string} name @param {string} description @param {string} pipeline @param {string} target
   * @param {string | null} previous @param {string} owner @param {boolean} delegated @param {number | null} type @param {string | null} spn
   */
  const stage = (id, name, description, pipeline, target, previous, owner, delegated, type, spn) =>
    std(
      {
        deploymentstageid: id,
        name,
        description,
        _deploymentpipelineid_value: pipeline,
        _targetdeploymentenvironmentid_value: target,
        _previousdeploymentstageid_value: previous,
        isdelegateddeployment: delegated,
        delegateddeploymenttype: type,
        spnclientid: spn,
        preexportsteprequired: false,
        predeploymentsteprequired: false,
        issharingenabled: false,
        _ownerid_value: owner,
      },
      created,
    );
  const stages = [
    stage(
      STAGES.expensesTest,
      "Test",
      "Deploys to Contoso Test as the requesting maker.",
      PIPELINES.expenses,
      ENVIRONMENTS.test,
      null,
      USERS.morgan,
      false,
      null,
      null,
    ),
    stage(
      STAGES.expensesProd,
      "Production",
      "Delegated to the stage owner; every run waits for the owner's approval.",
      PIPELINES.expenses,
      ENVIRONMENTS.prod,
      STAGES.expensesTest,
      USERS.avery,
      true,
      1,
      null,
    ),
    stage(
      STAGES.fieldUat,
      "UAT",
      "Delegated to the deployment service principal.",
      PIPELINES.fieldService,
      ENVIRONMENTS.uat,
      null,
      USERS.morgan,
      true,
      2,
      SPN_CLIENT_ID,
    ),
    stage(
      STAGES.fieldProd,
      "Production (EU)",
      "Delegated to the stage owner (Jordan Approver).",
      PIPELINES.fieldService,
      ENVIRONMENTS.prodEu,
      STAGES.fieldUat,
      USERS.jordan,
      true,
      1,
      null,
    ),
    // Delegated, but no deployment type: who may approve is unknown [community: TF]; the emulator lets the stage
    // owner decide (its own rule, actions.cjs).
    stage(
      STAGES.expensesPreprod,
      "Pre-production",
      "Delegated deployment created outside the maker UI: no deployment type set.",
      PIPELINES.expenses,
      ENVIRONMENTS.preprod,
      STAGES.expensesTest,
      USERS.avery,
      true,
      null,
      null,
    ),
    stage(
      STAGES.hrUat,
      "UAT",
      "Delegated to the deployment service principal; two HR approvers decide through the decision relay.",
      PIPELINES.hr,
      ENVIRONMENTS.hrUat,
      null,
      USERS.morgan,
      true,
      2,
      SPN_CLIENT_ID,
    ),
    stage(
      STAGES.hrProd,
      "Production",
      "Delegated to the stage owner (Avery Owner).",
      PIPELINES.hr,
      ENVIRONMENTS.hrProd,
      STAGES.hrUat,
      USERS.avery,
      true,
      1,
      null,
    ),
    stage(
      STAGES.hrTraining,
      "Training",
      "Delegated to the stage owner (Avery Owner); its approval policy was imported with values out of range.",
      PIPELINES.hr,
      ENVIRONMENTS.hrTraining,
      STAGES.hrUat,
      USERS.avery,
      true,
      1,
      null,
    ),
  ];
  // Stage owners own their stage record: the owner is who approves in Stage Owner mode.
  return { pipelines, environments, stages };
}

module.exports = { createPipelines };
