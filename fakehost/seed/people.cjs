"use strict";
// The seed's people: users, roles, teams, what each role grants and who holds it, and the field security profiles.
const { FIELD_PROFILES, ROLES, ROLE_TEMPLATES, SECURED_DECISION_COLUMNS, SPN_CLIENT_ID, TEAMS, USERS, gid } = require("./ids.cjs");

/** A fresh copy of the people rows. */
function createPeople() {
  /** @type {Record<string, any>[]} */
  const users = [
    { id: USERS.avery, first: "Avery", last: "Owner", login: "avery.owner@contoso.com" },
    { id: USERS.riley, first: "Riley", last: "Maker", login: "riley.maker@contoso.com" },
    { id: USERS.jordan, first: "Jordan", last: "Approver", login: "jordan.approver@contoso.com" },
    { id: USERS.morgan, first: "Morgan", last: "Admin", login: "morgan.admin@contoso.com" },
    { id: USERS.sam, first: "Sam", last: "Taylor", login: "sam.taylor@contoso.com" },
    { id: USERS.kai, first: "Kai", last: "Schneider", login: "kai.schneider@contoso.com" },
    { id: USERS.quinn, first: "Quinn", last: "Reader", login: "quinn.reader@contoso.com" },
    { id: USERS.casey, first: "Casey", last: "Reviewer", login: "casey.reviewer@contoso.com" },
  ].map((u, i) => ({
    systemuserid: u.id,
    fullname: `${u.first} ${u.last}`,
    firstname: u.first,
    lastname: u.last,
    domainname: u.login,
    internalemailaddress: u.login,
    applicationid: null,
    isdisabled: false,
    accessmode: 0,
    azureactivedirectoryobjectid: gid("a1000000", i < 4 ? i + 1 : i + 2),
    createdon: "2024-03-04T08:00:00Z",
    modifiedon: "2024-03-04T08:00:00Z",
    versionnumber: 1000,
  }));
  users.push({
    systemuserid: USERS.spn,
    fullname: "# Pipelines Deployment SPN",
    firstname: "#",
    lastname: "Pipelines Deployment SPN",
    domainname: `${SPN_CLIENT_ID}@contoso.onmicrosoft.com`,
    internalemailaddress: null,
    applicationid: SPN_CLIENT_ID,
    isdisabled: false,
    accessmode: 4,
    azureactivedirectoryobjectid: gid("a1000000", 5),
    createdon: "2024-03-04T08:00:00Z",
    modifiedon: "2024-03-04T08:00:00Z",
    versionnumber: 1000,
  });

  const roles = [
    [ROLES.sysadmin, "System Administrator", ROLE_TEMPLATES.sysadmin],
    [ROLES.pipelineAdmin, "Deployment Pipeline Administrator", ROLE_TEMPLATES.pipelineAdmin],
    [ROLES.pipelineUser, "Deployment Pipeline User", ROLE_TEMPLATES.pipelineUser],
    [ROLES.basicUser, "Basic User", null],
    [ROLES.deploymentApprover, "Deployment Approver", null],
    [ROLES.sysadminGerman, "Systemadministrator", ROLE_TEMPLATES.sysadmin],
    [ROLES.policyReader, "Approval Policy Reader", null],
    [ROLES.approverLookalike, "Deployment Approver", null],
    [ROLES.relayFlow, "Approval Relay Flow", null],
  ].map(([id, name, template]) => ({
    roleid: id,
    name,
    _roletemplateid_value: template,
    // Every seed role is a root business unit role: its own root.
    _parentrootroleid_value: id,
    ismanaged: true,
    createdon: "2024-03-04T08:00:00Z",
    modifiedon: "2024-03-04T08:00:00Z",
    versionnumber: 1000,
  }));

  // Teams and their N:N pairs (intersect tables teammembership and teamroles, as Dataverse names them).
  const teams = [
    {
      teamid: TEAMS.releaseManagers,
      name: "Release managers",
      teamtype: 0,
      isdefault: false,
      createdon: "2024-03-04T08:00:00Z",
      modifiedon: "2024-03-04T08:00:00Z",
      versionnumber: 1000,
    },
    {
      // No roles: the HR UAT policy's approver team (a decider must also be a member of it).
      teamid: TEAMS.hrApprovers,
      name: "HR approvers",
      teamtype: 0,
      isdefault: false,
      createdon: "2024-03-04T08:00:00Z",
      modifiedon: "2024-03-04T08:00:00Z",
      versionnumber: 1000,
    },
    {
      // No roles: owns the seed's request of the Field Service UAT stage (REQUESTS.spnPending).
      teamid: TEAMS.fieldServiceApprovers,
      name: "Field Service approvers",
      teamtype: 0,
      isdefault: false,
      createdon: "2024-03-04T08:00:00Z",
      modifiedon: "2024-03-04T08:00:00Z",
      versionnumber: 1000,
    },
  ];
  const teammembership = [
    { teammembershipid: gid("b3000000", 1), teamid: TEAMS.releaseManagers, systemuserid: USERS.sam },
    { teammembershipid: gid("b3000000", 2), teamid: TEAMS.hrApprovers, systemuserid: USERS.jordan },
    { teammembershipid: gid("b3000000", 3), teamid: TEAMS.hrApprovers, systemuserid: USERS.casey },
    { teammembershipid: gid("b3000000", 4), teamid: TEAMS.fieldServiceApprovers, systemuserid: USERS.jordan },
  ];
  const teamroles = [{ teamroleid: gid("b4000000", 1), teamid: TEAMS.releaseManagers, roleid: ROLES.pipelineAdmin }];

  // What each role grants (RetrieveUserPrivileges). Which privileges the platform roles hold is the emulator's
  // reading of the role descriptions [doc: CH]; the exact lists and depths are its own.
  const PIPELINE_TABLES = ["deploymentstagerun", "deploymentstage", "deploymentpipeline", "deploymentenvironment", "deploymentartifact"];
  const ALL = ["Create", "Read", "Write", "Delete", "Append", "AppendTo"];
  /** @type {Record<string, import("../privileges.cjs").PrivilegeGrant[]>} */
  const rolePrivileges = {
    [ROLES.sysadmin]: [{ tables: "*", ops: ALL, depth: "Global" }],
    [ROLES.sysadminGerman]: [{ tables: "*", ops: ALL, depth: "Global" }],
    [ROLES.pipelineAdmin]: [
      { tables: PIPELINE_TABLES, ops: ALL, depth: "Global" },
      { tables: ["apnl_approvaldecision"], ops: ["Read"], depth: "Global" },
    ],
    // Deployment Pipeline User: reads runs in its business unit [doc: CH]; its privilege on artifacts is unknown.
    [ROLES.pipelineUser]: [{ tables: PIPELINE_TABLES, ops: ["Read"], depth: "Local" }],
    // Approval policies are organisation-owned: Read is at Global depth (the only depth such a table has).
    // Approval requests are user-owned: an approver reads the rows they or their teams own (Basic), and can neither
    // write nor assign them (the flows keep their status).
    [ROLES.deploymentApprover]: [
      { tables: ["apnl_approvaldecision"], ops: ["Create", "Read"], depth: "Basic" },
      { tables: ["apnl_approvalpolicy"], ops: ["Read"], depth: "Global" },
      { tables: ["apnl_approvalrequest"], ops: ["Read"], depth: "Basic" },
    ],
    [ROLES.policyReader]: [{ tables: ["apnl_approvalpolicy"], ops: ["Read"], depth: "Global" }],
    [ROLES.approverLookalike]: [],
    // The same service principal runs the intake, outcome and expiry flows: they create, update and assign requests.
    [ROLES.relayFlow]: [
      { tables: ["apnl_approvaldecision"], ops: ["Read", "Write"], depth: "Global" },
      { tables: ["apnl_approvalpolicy"], ops: ["Read"], depth: "Global" },
      { tables: ["apnl_approvalrequest"], ops: ["Create", "Read", "Write", "Assign"], depth: "Global" },
    ],
    [ROLES.basicUser]: [],
  };

  // Riley (the maker) holds Deployment Approver too, so the relay flow's "no self-approval" refusal can be tried
  // (with the form's allowSelfApproval = yes); Morgan does not, so its "no role" refusal can be tried as well.
  const userRoles = {
    [USERS.avery]: [ROLES.pipelineAdmin, ROLES.basicUser, ROLES.deploymentApprover],
    [USERS.riley]: [ROLES.pipelineUser, ROLES.basicUser, ROLES.deploymentApprover],
    [USERS.jordan]: [ROLES.pipelineAdmin, ROLES.basicUser, ROLES.deploymentApprover],
    [USERS.morgan]: [ROLES.sysadmin],
    // The relay flow's connection reads the stage's approval policy.
    [USERS.spn]: [ROLES.pipelineAdmin, ROLES.relayFlow],
    // Direct roles only: Sam's Deployment Pipeline Administrator comes through the team.
    [USERS.sam]: [ROLES.basicUser],
    [USERS.kai]: [ROLES.sysadminGerman],
    [USERS.quinn]: [ROLES.basicUser, ROLES.approverLookalike],
    [USERS.casey]: [ROLES.basicUser, ROLES.deploymentApprover],
  };

  // Field security profiles as Solutions/src/Other/FieldSecurityProfiles.xml ships them, with the members an admin
  // adds (members do not travel in a solution): the relay flow's application user writes a decision's outcome;
  // approvers read it.
  const fieldProfiles = [
    fieldProfile(FIELD_PROFILES.relayFlow, "Approval Relay Flow", [USERS.spn], { read: true, create: false, update: true }),
    fieldProfile(FIELD_PROFILES.readers, "Approval Decision Readers", [USERS.avery, USERS.riley, USERS.jordan, TEAMS.hrApprovers], {
      read: true,
      create: false,
      update: false,
    }),
  ];
  return { users, roles, teams, teammembership, teamroles, rolePrivileges, userRoles, fieldProfiles };
}

/**
 * A field security profile row of the store. @param {string} id @param {string} name @param {string[]} members
 * @param {import("../fieldSecurity.cjs").FieldAccess} access the same on each secured decision column
 */
function fieldProfile(id, name, members, access) {
  return {
    fieldsecurityprofileid: id,
    name,
    members,
    permissions: Object.fromEntries(SECURED_DECISION_COLUMNS.map((c) => [`apnl_approvaldecision.${c}`, { ...access }])),
  };
}

module.exports = { createPeople };
