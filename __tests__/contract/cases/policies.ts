/** Contract cases on approval policies (apnl_approvalpolicy): who reads them, and their columns. */
import { POLICIES, QUORUM_CHECKLIST, STAGES, TEAMS, USERS } from "../../../fakehost/index.cjs";
import { privilegesOf } from "./security";
import { FV, type Surface, contextOf, type Json, getJson, type ContractCase } from "./surface";

const POLICY_SELECT = "$select=apnl_name,apnl_stageid,apnl_requiredapprovals,apnl_checklist,apnl_expiryhours,_apnl_approverteam_value,statecode";
/** GET apnl_approvalpolicies as `user`: the status, the error code and the rows' ids. */
const policiesAs = async (s: Surface, user: string, query: string) => {
  const r = await getJson(s, { userId: user }, `apnl_approvalpolicies?${query}`);
  return { status: r.status, error: (r.body.error as Json | undefined)?.code, ids: (r.body.value ?? []).map((v) => v.apnl_approvalpolicyid) };
};
export const policyCases = (): ContractCase[] => [
  {
    name: "approval policy: the stage's active row, newest first, top 1, as the relay flow and the panel read it",
    run: async (s) => {
      const filter = encodeURIComponent(`apnl_stageid eq '${STAGES.hrUat}' and statecode eq 0`);
      const r = await getJson(s, { userId: USERS.jordan }, `apnl_approvalpolicies?${POLICY_SELECT}&$filter=${filter}&$orderby=modifiedon desc&$top=1`);
      return { status: r.status, context: r.body["@odata.context"], value: r.body.value };
    },
    expected: {
      status: 200,
      context: contextOf(
        "apnl_approvalpolicies(apnl_name,apnl_stageid,apnl_requiredapprovals,apnl_checklist,apnl_expiryhours,_apnl_approverteam_value,statecode)",
      ),
      value: [
        {
          "@odata.etag": expect.stringMatching(/^W\/"\d+"$/),
          apnl_approvalpolicyid: POLICIES.quorum,
          apnl_name: "Contoso HR ALM / UAT",
          apnl_stageid: STAGES.hrUat,
          apnl_requiredapprovals: 2,
          apnl_checklist: QUORUM_CHECKLIST.join("\n"),
          apnl_expiryhours: 72,
          _apnl_approverteam_value: TEAMS.hrApprovers,
          statecode: 0,
        },
      ],
    },
  },
  {
    name: "approval policy: without the state filter the inactive older row comes too, after the newer one; $top cuts",
    run: async (s) => {
      const filter = encodeURIComponent(`apnl_stageid eq '${STAGES.hrUat}' or apnl_stageid eq '${STAGES.hrPilot}'`);
      return {
        all: await policiesAs(s, USERS.jordan, `$select=apnl_name&$filter=${filter}&$orderby=modifiedon desc`),
        top: await policiesAs(s, USERS.jordan, `$select=apnl_name&$orderby=modifiedon desc&$top=2`),
      };
    },
    expected: {
      all: { status: 200, error: undefined, ids: [POLICIES.quorum, POLICIES.quorumRetired] },
      top: { status: 200, error: undefined, ids: [POLICIES.invalid, POLICIES.owner] },
    },
  },
  {
    name: "approval policy: the approver team's name as a formatted value, and a record read by id",
    run: async (s) => {
      const r = await s.webAPI({ userId: USERS.casey }).retrieveRecord("apnl_approvalpolicy", POLICIES.quorum, "?$select=apnl_name,_apnl_approverteam_value");
      return [r.apnl_name, r[`_apnl_approverteam_value${FV}`]];
    },
    expected: ["Contoso HR ALM / UAT", "HR approvers"],
  },
  {
    name: "approval policy: Deployment Approver, Approval Policy Reader (the service principal) and System Administrator read; others get 403",
    run: async (s) => ({
      approver: (await policiesAs(s, USERS.riley, "$select=apnl_name&$top=1")).status,
      reader: (await policiesAs(s, USERS.spn, "$select=apnl_name&$top=1")).status,
      admin: (await policiesAs(s, USERS.morgan, "$select=apnl_name&$top=1")).status,
      quinn: await policiesAs(s, USERS.quinn, "$select=apnl_name"),
      // Deployment Pipeline Administrator through a team: no read on policies.
      sam: await policiesAs(s, USERS.sam, "$select=apnl_name"),
      byId: (await getJson(s, { userId: USERS.quinn }, `apnl_approvalpolicies(${POLICIES.quorum})?$select=apnl_name`)).body,
    }),
    expected: {
      approver: 200,
      reader: 200,
      admin: 200,
      quinn: { status: 403, error: "0x80040220", ids: [] },
      sam: { status: 403, error: "0x80040220", ids: [] },
      byId: {
        error: {
          code: "0x80040220",
          message: `Principal user (Id=${USERS.quinn}, type=8) is missing prvReadapnl_approvalpolicy privilege on entity 'apnl_approvalpolicy'.`,
        },
      },
    },
  },
  {
    name: "approval policy: RetrieveUserPrivileges gives Read at Global from Deployment Approver and Approval Policy Reader",
    run: async (s) => ({
      casey: (await privilegesOf(s, { userId: USERS.casey }, USERS.casey, ["prvReadapnl_approvalpolicy", "prvWriteapnl_approvalpolicy"])).depths,
      spn: (await privilegesOf(s, { userId: USERS.spn }, USERS.spn, ["prvReadapnl_approvalpolicy"])).depths,
      quinn: (await privilegesOf(s, { userId: USERS.quinn }, USERS.quinn, ["prvReadapnl_approvalpolicy"])).depths,
    }),
    expected: {
      casey: { prvReadapnl_approvalpolicy: "Global", prvWriteapnl_approvalpolicy: undefined },
      spn: { prvReadapnl_approvalpolicy: "Global" },
      quinn: { prvReadapnl_approvalpolicy: undefined },
    },
  },
];
