/** Contract cases R5-R7: RetrieveUserPrivileges, roles and their templates, teams. */
import { ROLES, ROLE_TEMPLATES, TEAMS, USERS } from "../../../fakehost/index.cjs";
import { type Caller, type Surface, HOSTS, contextOf, type Json, getJson, type ContractCase } from "./surface";

/** RetrieveUserPrivileges as `caller` for `userId`: status, and the depth of a few privileges (undefined: not held). */
export const privilegesOf = async (s: Surface, caller: Caller, userId: string, names: string[]) => {
  const r = await getJson(s, caller, `systemusers(${userId})/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()`);
  const list = (r.body.RolePrivileges as Json[] | undefined) ?? [];
  const depth = new Map(list.map((p) => [String(p.PrivilegeName).toLowerCase(), p.Depth]));
  return {
    status: r.status,
    error: (r.body.error as Json | undefined)?.code,
    shape: list.length ? Object.keys(list[0]).sort() : [],
    depths: Object.fromEntries(names.map((n) => [n, depth.get(n.toLowerCase())])),
  };
};
const PRIVILEGE_SHAPE = ["BusinessUnitId", "Depth", "PrivilegeId", "PrivilegeName"];
export const r5Cases = (): ContractCase[] => [
  ...HOSTS.map((host): ContractCase => ({
    name: `R5 RetrieveUserPrivileges: Avery's direct roles at their own depths (${host} host)`,
    run: (s) =>
      privilegesOf(s, { userId: USERS.avery, host }, USERS.avery, [
        "prvReaddeploymentstagerun",
        "prvWritedeploymentstage",
        "prvReadapnl_approvaldecision",
        "prvCreateapnl_approvaldecision",
        "prvWriteapnl_approvaldecision",
        "prvReadsystemuser",
      ]),
    expected: {
      status: 200,
      error: undefined,
      shape: PRIVILEGE_SHAPE,
      depths: {
        prvReaddeploymentstagerun: "Global",
        prvWritedeploymentstage: "Global",
        // Global from Deployment Pipeline Administrator wins over Basic from Deployment Approver.
        prvReadapnl_approvaldecision: "Global",
        prvCreateapnl_approvaldecision: "Basic",
        prvWriteapnl_approvaldecision: undefined,
        prvReadsystemuser: undefined,
      },
    },
  })),
  {
    name: "R5 RetrieveUserPrivileges: the answer's @odata.context",
    run: async (s) =>
      (await getJson(s, { userId: USERS.sam }, `systemusers(${USERS.sam})/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()`)).body["@odata.context"],
    expected: contextOf("Microsoft.Dynamics.CRM.RetrieveUserPrivilegesResponse"),
  },
  {
    name: "R5 RetrieveUserPrivileges: privileges through a team's role come back at Basic depth (Sam)",
    run: (s) => privilegesOf(s, { userId: USERS.sam }, USERS.sam, ["prvReaddeploymentstagerun", "prvDeletedeploymentpipeline", "prvReadapnl_approvaldecision"]),
    expected: {
      status: 200,
      error: undefined,
      shape: PRIVILEGE_SHAPE,
      depths: { prvReaddeploymentstagerun: "Basic", prvDeletedeploymentpipeline: "Basic", prvReadapnl_approvaldecision: "Basic" },
    },
  },
  {
    name: "R5 RetrieveUserPrivileges: Deployment Pipeline User reads at Local depth and writes nothing (Riley)",
    run: (s) => privilegesOf(s, { userId: USERS.riley }, USERS.riley, ["prvReaddeploymentstagerun", "prvReaddeploymentartifact", "prvWritedeploymentstagerun"]),
    expected: {
      status: 200,
      error: undefined,
      shape: PRIVILEGE_SHAPE,
      depths: { prvReaddeploymentstagerun: "Local", prvReaddeploymentartifact: "Local", prvWritedeploymentstagerun: undefined },
    },
  },
  {
    name: "R5 RetrieveUserPrivileges: a System Administrator (also under the German role name) holds everything at Global",
    run: async (s) => ({
      morgan: (await privilegesOf(s, { userId: USERS.morgan }, USERS.morgan, ["prvDeleterole", "prvAppendTodeploymentstagerun"])).depths,
      kai: (await privilegesOf(s, { userId: USERS.kai }, USERS.kai, ["prvDeleterole", "prvAppendTodeploymentstagerun"])).depths,
    }),
    expected: {
      morgan: { prvDeleterole: "Global", prvAppendTodeploymentstagerun: "Global" },
      kai: { prvDeleterole: "Global", prvAppendTodeploymentstagerun: "Global" },
    },
  },
  {
    name: "R5 RetrieveUserPrivileges of another user: a System Administrator may, anyone else gets 403 (the emulator's own rule)",
    run: async (s) => ({
      admin: await privilegesOf(s, { userId: USERS.morgan }, USERS.sam, ["prvReaddeploymentstagerun"]),
      other: await privilegesOf(s, { userId: USERS.riley }, USERS.morgan, ["prvReaddeploymentstagerun"]),
    }),
    expected: {
      admin: { status: 200, error: undefined, shape: PRIVILEGE_SHAPE, depths: { prvReaddeploymentstagerun: "Basic" } },
      other: { status: 403, error: "0x80040220", shape: [], depths: { prvReaddeploymentstagerun: undefined } },
    },
  },
];

const ROLE_SELECT = "$select=roleid,name,_roletemplateid_value";
export const r6r7Cases = (): ContractCase[] =>
  HOSTS.flatMap((host): ContractCase[] => [
    {
      name: `R6 roles by id with their role template (${host} host)`,
      run: async (s) => {
        const r = await getJson(
          s,
          { userId: USERS.kai, host },
          `roles?${ROLE_SELECT}&$filter=roleid eq ${ROLES.sysadmin} or roleid eq ${ROLES.sysadminGerman} or roleid eq ${ROLES.basicUser}`,
        );
        return { status: r.status, roles: (r.body.value ?? []).map((v) => [v.name, v._roletemplateid_value]) };
      },
      expected: {
        status: 200,
        roles: [
          ["System Administrator", "627090ff-40a3-4053-8790-584edc5be201"],
          ["Basic User", null],
          // A German-base-language host's name for the same role: matching by name fails, the template does not.
          ["Systemadministrator", "627090ff-40a3-4053-8790-584edc5be201"],
        ],
      },
    },
    {
      name: `R6 roles by contains(name,'Deployment Pipeline') (${host} host)`,
      run: async (s) => {
        const r = await getJson(s, { userId: USERS.morgan, host }, `roles?${ROLE_SELECT}&$filter=contains(name,'Deployment Pipeline')`);
        return { status: r.status, roles: (r.body.value ?? []).map((v) => [v.roleid, v.name, v._roletemplateid_value]) };
      },
      expected: {
        status: 200,
        roles: [
          [ROLES.pipelineAdmin, "Deployment Pipeline Administrator", ROLE_TEMPLATES.pipelineAdmin],
          [ROLES.pipelineUser, "Deployment Pipeline User", ROLE_TEMPLATES.pipelineUser],
        ],
      },
    },
    {
      name: `R7 the caller's teams through teammembership_association/any(), with their roles expanded (${host} host)`,
      run: async (s) => {
        const query = (id: string) =>
          `teams?$select=teamid,name&$filter=teammembership_association/any(u:u/systemuserid eq ${id})&$expand=teamroles_association(${ROLE_SELECT})`;
        const sam = await getJson(s, { userId: USERS.sam, host }, query(USERS.sam));
        const avery = await getJson(s, { userId: USERS.avery, host }, query(USERS.avery));
        const strip = (rows: Json[] | undefined) =>
          (rows ?? []).map((t) => ({
            teamid: t.teamid,
            name: t.name,
            roles: (t.teamroles_association as Json[]).map((r) => ({ roleid: r.roleid, name: r.name, _roletemplateid_value: r._roletemplateid_value })),
          }));
        return { status: [sam.status, avery.status], sam: strip(sam.body.value), avery: strip(avery.body.value) };
      },
      expected: {
        status: [200, 200],
        sam: [
          {
            teamid: TEAMS.releaseManagers,
            name: "Release managers",
            roles: [{ roleid: ROLES.pipelineAdmin, name: "Deployment Pipeline Administrator", _roletemplateid_value: ROLE_TEMPLATES.pipelineAdmin }],
          },
        ],
        avery: [],
      },
    },
    {
      // The panel's administrator check in one request (Learn, "Join tables using OData": nested $expand on
      // collection-valued navigation properties).
      name: `R8 a user's direct roles and their teams' roles through one nested $expand (${host} host)`,
      run: async (s) => {
        const query = (id: string) =>
          `systemusers(${id})?$select=systemuserid&$expand=systemuserroles_association(${ROLE_SELECT}),teammembership_association($select=teamid;$expand=teamroles_association(${ROLE_SELECT}))`;
        const sam = await getJson(s, { userId: USERS.sam, host }, query(USERS.sam));
        const names = (rows: unknown) => ((rows as Json[] | undefined) ?? []).map((r) => r.name).sort();
        return {
          status: sam.status,
          direct: names(sam.body.systemuserroles_association),
          teams: ((sam.body.teammembership_association as Json[] | undefined) ?? []).map((t) => ({ teamid: t.teamid, roles: names(t.teamroles_association) })),
        };
      },
      expected: {
        status: 200,
        direct: ["Basic User"],
        teams: [{ teamid: TEAMS.releaseManagers, roles: ["Deployment Pipeline Administrator"] }],
      },
    },
  ]);
