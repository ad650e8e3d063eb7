/**
 * One table of contract cases for the fake host, run through both of its surfaces: in process (context.webAPI and
 * fetch over fakehost/, as the jest tests use it) and over HTTP (the playground server on a free port). A case that
 * passes on one surface and fails on the other means the two have drifted apart.
 */
import { XMLValidator } from "fast-xml-parser";
import { unzipSync } from "fflate";
import {
  ACTION_MESSAGES,
  CHUNK_SIZE,
  EXPENSES_ARTIFACTS,
  FaultSpec,
  POLICIES,
  QUORUM_CHECKLIST,
  ROLES,
  ROLE_TEMPLATES,
  RUNS,
  STAGES,
  TEAMS,
  USERS,
  createFakeHost,
  createFetch,
  hostileArtifact,
  HostileVariant,
  webApiOverFetch,
} from "../../fakehost/index.cjs";
import type { Playground } from "../browser/helpers/playground";
import { onBothFronts, type ContractCase as BothFrontsCase } from "./bothFronts";

jest.setTimeout(60_000);

const CLIENT_URL = "https://contoso.crm.dynamics.com";
const ACTION_URL = `${CLIENT_URL}/api/data/v9.2/UpdateApprovalStatus`;
const FV = "@OData.Community.Display.V1.FormattedValue";

interface Caller {
  userId: string;
  host?: "current" | "legacy";
}

/** What a case can do with a surface. */
interface Surface {
  webAPI(caller: Caller): ComponentFramework.WebApi;
  fetch(caller: Caller): typeof fetch;
  setFaults(faults: FaultSpec[]): Promise<void>;
  reset(): Promise<void>;
  /** Registers a hostile variant's bytes on an artifact row (host.artifacts.put; POST /__playground/artifacts). */
  putHostile(artifactId: string, variant: HostileVariant): Promise<void>;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: { message?: unknown; errorCode?: unknown } };

const outcome = async (work: () => Promise<unknown>): Promise<Outcome> => {
  try {
    return { ok: true, value: await work() };
  } catch (e) {
    return { ok: false, error: e as { message?: unknown; errorCode?: unknown } };
  }
};

const decide = (runId: string, status: number) => ({
  method: "POST",
  headers: { "Content-Type": "application/json", Accept: "application/json", "OData-Version": "4.0", "OData-MaxVersion": "4.0" },
  body: JSON.stringify({ StageRunId: runId, ApprovalStatus: status, ApprovalComments: "ok", ApprovalProperties: "{}" }),
});

/** The status and Dataverse error of an action call. */
const actionAnswer = async (s: Surface, caller: Caller, runId: string, status: number) => {
  const res = await s.fetch(caller)(ACTION_URL, decide(runId, status));
  const text = await res.text();
  return { status: res.status, error: text ? (JSON.parse(text) as { error?: { code: string; message: string } }).error : undefined };
};

const avery: Caller = { userId: USERS.avery };
const HOSTS = ["current", "legacy"] as const;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** An @odata.context naming this fragment (the origin differs per surface). */
const contextOf = (fragment: string) =>
  expect.stringMatching(new RegExp(`^https?://[^/]+/api/data/v9\\.2/\\$metadata#${fragment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
const READ_HEADERS = { Accept: "application/json", "OData-Version": "4.0", "OData-MaxVersion": "4.0" };

type Json = Record<string, unknown> & { value?: Json[] };
/** A GET as the host check sends it (fetch with the user's session), and its JSON answer. */
const getJson = async (s: Surface, caller: Caller, pathAndQuery: string) => {
  const res = await s.fetch(caller)(`${CLIENT_URL}/api/data/v9.2/${pathAndQuery}`, { headers: READ_HEADERS });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Json };
};
const label = (text: string) => ({ LocalizedLabels: [{ Label: text, LanguageCode: 1033 }], UserLocalizedLabel: { Label: text, LanguageCode: 1033 } });
/** A choice column's options as value → label. */
const optionsOf = (item: Json) =>
  Object.fromEntries(
    ((item.OptionSet as { Options: Array<{ Value: number; Label: { UserLocalizedLabel: { Label: string } } }> }).Options ?? []).map((o) => [
      o.Value,
      o.Label.UserLocalizedLabel.Label,
    ]),
  );

const TABLE_SETS: Record<string, string> = {
  deploymentstagerun: "deploymentstageruns",
  deploymentstage: "deploymentstages",
  deploymentpipeline: "deploymentpipelines",
  deploymentenvironment: "deploymentenvironments",
  deploymentartifact: "deploymentartifacts",
  apnl_approvaldecision: "apnl_approvaldecisions",
  apnl_approvalpolicy: "apnl_approvalpolicies",
};
/** A few attributes per table: AttributeType, and the display label where the reference gives one. */
const SOME_ATTRIBUTES: Record<string, Record<string, [string, string?]>> = {
  deploymentstagerun: {
    deploymentstagerunid: ["Uniqueidentifier"],
    name: ["String", "Name"],
    deploymentstageid: ["Lookup", "Deployment Stage"],
    stagerunstatus: ["Picklist", "Status"],
    deploymentnotes: ["Memo"],
    starttime: ["DateTime"],
    ownerid: ["Owner"],
    statecode: ["State"],
    versionnumber: ["BigInt"],
  },
  deploymentstage: {
    isdelegateddeployment: ["Boolean", "Is Delegated Deployment"],
    spnclientid: ["String", "SPN Client Id"],
    delegateddeploymenttype: ["Picklist"],
    issharingenabled: ["Boolean", "Allow sharing requests"],
    deploymentpipelineid: ["Lookup"],
  },
  deploymentpipeline: { enableredeployment: ["Boolean"], name: ["String"] },
  deploymentenvironment: { environmenttype: ["Picklist"], environmentid: ["String"] },
  deploymentartifact: { artifactversion: ["String"], generatedon: ["DateTime"], artifactfile: ["Virtual"], artifactfileunmanaged: ["Virtual"] },
  apnl_approvaldecision: { apnl_stagerunid: ["String"], apnl_decision: ["Integer"], apnl_outcomeon: ["DateTime"] },
  apnl_approvalpolicy: {
    apnl_stageid: ["String"],
    apnl_requiredapprovals: ["Integer"],
    apnl_commentonapprove: ["Boolean"],
    apnl_checklist: ["Memo"],
    apnl_approverteam: ["Lookup"],
    statecode: ["State"],
  },
};
const APPROVAL_COLUMNS = ["approvalstatus", "approvalcomments", "approvalproperties", "aigenerateddeploymentnotes"];

const r1Cases = (): ContractCase[] =>
  HOSTS.flatMap((host) =>
    Object.keys(TABLE_SETS).map((t): ContractCase => ({
      name: `R1 EntityDefinitions of ${t} with $select and $expand=Attributes($select=…) (${host} host)`,
      run: async (s) => {
        const r = await getJson(
          s,
          { userId: USERS.morgan, host },
          `EntityDefinitions(LogicalName='${t}')?$select=LogicalName,EntitySetName&$expand=Attributes($select=LogicalName,AttributeType,DisplayName)`,
        );
        const attributes = (r.body.Attributes as Json[]) ?? [];
        const byName = new Map(attributes.map((a) => [a.LogicalName as string, a]));
        return {
          status: r.status,
          keys: Object.keys(r.body).sort(),
          context: r.body["@odata.context"],
          LogicalName: r.body.LogicalName,
          EntitySetName: r.body.EntitySetName,
          metadataId: GUID.test(String(r.body.MetadataId)),
          attributeKeys: [...new Set(attributes.map((a) => Object.keys(a).sort().join(",")))],
          attributeIds: attributes.every((a) => GUID.test(String(a.MetadataId))),
          some: Object.fromEntries(
            Object.entries(SOME_ATTRIBUTES[t]).map(([name, [, text]]) => {
              const a = byName.get(name);
              return [name, text ? [a?.AttributeType, a?.DisplayName] : [a?.AttributeType]];
            }),
          ),
          noValueNames: attributes.filter((a) => /^_.*_value$/.test(String(a.LogicalName))).length,
          approvalColumns: APPROVAL_COLUMNS.filter((c) => byName.has(c)),
        };
      },
      expected: {
        status: 200,
        keys: ["@odata.context", "Attributes", "EntitySetName", "LogicalName", "MetadataId"],
        context: contextOf("EntityDefinitions(LogicalName,EntitySetName,Attributes(LogicalName,AttributeType,DisplayName))/$entity"),
        LogicalName: t,
        EntitySetName: TABLE_SETS[t],
        metadataId: true,
        attributeKeys: ["@odata.type,AttributeType,DisplayName,LogicalName,MetadataId"],
        attributeIds: true,
        some: Object.fromEntries(Object.entries(SOME_ATTRIBUTES[t]).map(([name, [type, text]]) => [name, text ? [type, label(text)] : [type]])),
        noValueNames: 0,
        // The older host lacks the approval columns (a host where columns are missing).
        approvalColumns: t === "deploymentstagerun" && host === "current" ? APPROVAL_COLUMNS : [],
      },
    })),
  );

const r2Cases = (): ContractCase[] =>
  HOSTS.flatMap((host): ContractCase[] => [
    {
      name: `R2 ManyToOneRelationships filtered by ReferencingAttribute: the run→stage navigation property (${host} host)`,
      run: (s) =>
        getJson(
          s,
          { userId: USERS.morgan, host },
          "EntityDefinitions(LogicalName='deploymentstagerun')/ManyToOneRelationships?$select=SchemaName,ReferencingAttribute,ReferencingEntityNavigationPropertyName,ReferencedEntity&$filter=ReferencingAttribute eq 'deploymentstageid'",
        ),
      expected: {
        status: 200,
        body: {
          "@odata.context": contextOf(
            "EntityDefinitions('deploymentstagerun')/ManyToOneRelationships(SchemaName,ReferencingAttribute,ReferencingEntityNavigationPropertyName,ReferencedEntity)",
          ),
          value: [
            {
              SchemaName: "deploymentstage_deploymentstagerun_deploymentstageid",
              ReferencingAttribute: "deploymentstageid",
              // The legacy host's navigation names follow schema names (the emulator's own).
              ReferencingEntityNavigationPropertyName: host === "current" ? "deploymentstageid" : "DeploymentStageId",
              ReferencedEntity: "deploymentstage",
              MetadataId: expect.stringMatching(GUID),
            },
          ],
        },
      },
    },
    {
      name: `R2 ManyToOneRelationships without a filter: every lookup of the run (${host} host)`,
      run: async (s) => {
        const r = await getJson(
          s,
          { userId: USERS.morgan, host },
          "EntityDefinitions(LogicalName='deploymentstagerun')/ManyToOneRelationships?$select=ReferencingAttribute",
        );
        return { status: r.status, attributes: (r.body.value ?? []).map((v) => v.ReferencingAttribute).sort() };
      },
      expected: {
        status: 200,
        attributes: ["artifactid", "createdby", "deploymentstageid", "devdeploymentenvironment", "modifiedby", "ownerid", "targetdeploymentenvironment"],
      },
    },
    {
      name: `R2 $expand by each navigation name: only the host's own works (${host} host)`,
      run: async (s) => {
        const api = s.webAPI({ userId: USERS.avery, host });
        const runId = host === "current" ? RUNS.ownerPendingMine : RUNS.legacyPending;
        const lower = await outcome(() => api.retrieveRecord("deploymentstagerun", runId, "?$select=name&$expand=deploymentstageid($select=name)"));
        const schema = await outcome(() => api.retrieveRecord("deploymentstagerun", runId, "?$select=name&$expand=DeploymentStageId($select=name)"));
        const stageOf = (o: Outcome, nav: string) => (o.ok ? (o.value as Json)[nav] : o.error);
        return { lower: stageOf(lower, "deploymentstageid"), schema: stageOf(schema, "DeploymentStageId") };
      },
      expected:
        host === "current"
          ? {
              lower: expect.objectContaining({ name: "Production" }),
              schema: expect.objectContaining({ errorCode: 0x80060888, message: propertyNotFound("DeploymentStageId") }),
            }
          : {
              // The panel falls back to two reads when the 400 names deploymentstageid.
              lower: expect.objectContaining({ errorCode: 0x80060888, message: propertyNotFound("deploymentstageid") }),
              schema: expect.objectContaining({ name: "Production" }),
            },
    },
  ]);

const SUBOPERATION = {
  200000100: "None",
  200000101: "Executing Pre-step",
  200000102: "Retrieving Artifact Configuration",
  200000103: "Validating Artifact Configuration",
  200000104: "Retrieving Artifact",
  200000105: "Deploying Artifact",
  200000106: "Executing Post-step",
};
const r3Cases = (): ContractCase[] =>
  HOSTS.flatMap((host): ContractCase[] => [
    {
      name: `R3 PicklistAttributeMetadata of deploymentstagerun with OptionSet($select=Options) (${host} host)`,
      run: async (s) => {
        const r = await getJson(
          s,
          { userId: USERS.morgan, host },
          "EntityDefinitions(LogicalName='deploymentstagerun')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet($select=Options)",
        );
        const items = r.body.value ?? [];
        const by = Object.fromEntries(items.map((i) => [i.LogicalName as string, optionsOf(i)]));
        return {
          status: r.status,
          names: items.map((i) => i.LogicalName).sort(),
          itemKeys: [...new Set(items.map((i) => Object.keys(i).sort().join(",")))],
          pendingLabel: by.stagerunstatus?.[200000005],
          suboperation: by.suboperation,
          labelShape: (items[0]?.OptionSet as { Options: Array<{ Label: unknown }> })?.Options[0].Label,
        };
      },
      expected: {
        status: 200,
        // Picklists only (statecode/statuscode are State/Status attributes); the older host lacks approvalstatus.
        names:
          host === "current"
            ? ["approvalstatus", "operation", "operationstatus", "stagerunstatus", "suboperation"]
            : ["operation", "operationstatus", "stagerunstatus", "suboperation"],
        itemKeys: ["LogicalName,MetadataId,OptionSet"],
        // Sources disagree on 200000005: each variant says one of them.
        pendingLabel: host === "current" ? "Pending Approval" : "Scheduled",
        suboperation: SUBOPERATION,
        labelShape: expect.objectContaining({ UserLocalizedLabel: expect.objectContaining({ LanguageCode: 1033 }) }),
      },
    },
    {
      name: `R3 PicklistAttributeMetadata of deploymentstage: delegateddeploymenttype (${host} host)`,
      run: async (s) => {
        const r = await getJson(
          s,
          { userId: USERS.morgan, host },
          "EntityDefinitions(LogicalName='deploymentstage')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet($select=Options)",
        );
        return {
          status: r.status,
          items: (r.body.value ?? []).map((i) => ({ name: i.LogicalName, options: optionsOf(i), id: GUID.test(String(i.MetadataId)) })),
        };
      },
      expected: { status: 200, items: [{ name: "delegateddeploymenttype", options: { 1: "Stage Owner", 2: "Service Principal" }, id: true }] },
    },
    {
      name: `R4 $metadata: a CSDL document, with UpdateApprovalStatus only where the host has approvals (${host} host)`,
      run: async (s) => {
        const res = await s.fetch({ userId: USERS.morgan, host })(`${CLIENT_URL}/api/data/v9.2/$metadata`, { headers: { "OData-Version": "4.0" } });
        const text = await res.clone().text();
        const json = await outcome(() => res.json());
        return {
          status: res.status,
          contentType: res.headers.get("content-type"),
          valid: XMLValidator.validate(text) === true,
          edmx: text.includes('<edmx:Edmx Version="4.0"'),
          schema: text.includes('<Schema Namespace="Microsoft.Dynamics.CRM" Alias="mscrm"'),
          action: /<Action Name="UpdateApprovalStatus">[\s\S]*?<\/Action>/.exec(text)?.[0].split("\n"),
          whoAmI: text.includes('<Function Name="WhoAmI">'),
          runType: text.includes('<EntityType Name="deploymentstagerun"'),
          jsonFails: !json.ok,
        };
      },
      expected: {
        status: 200,
        contentType: "application/xml",
        valid: true,
        edmx: true,
        schema: true,
        action:
          host === "current"
            ? [
                '<Action Name="UpdateApprovalStatus">',
                '<Parameter Name="StageRunId" Type="Edm.Guid" Nullable="false"/>',
                '<Parameter Name="ApprovalStatus" Type="Edm.Int32" Nullable="false"/>',
                '<Parameter Name="ApprovalComments" Type="Edm.String"/>',
                '<Parameter Name="ApprovalProperties" Type="Edm.String"/>',
                "</Action>",
              ]
            : undefined,
        whoAmI: true,
        runType: true,
        jsonFails: true,
      },
    },
  ]);

/** RetrieveUserPrivileges as `caller` for `userId`: status, and the depth of a few privileges (undefined: not held). */
const privilegesOf = async (s: Surface, caller: Caller, userId: string, names: string[]) => {
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
const r5Cases = (): ContractCase[] => [
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
const r6r7Cases = (): ContractCase[] =>
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

const fidelityCases = (): ContractCase[] => [
  ...HOSTS.map((host): ContractCase => ({
    name: `stagerunstatus 200000005 and a pending run's suboperation, as labelled by the ${host} host`,
    run: async (s) => {
      const runId = host === "current" ? RUNS.ownerPendingMine : RUNS.legacyPending;
      const r = await s
        .webAPI({ userId: USERS.avery, host })
        .retrieveRecord("deploymentstagerun", runId, "?$select=stagerunstatus,suboperation,operationstatus");
      return [r.stagerunstatus, r[`stagerunstatus${FV}`], r[`suboperation${FV}`], r[`operationstatus${FV}`]];
    },
    expected: [200000005, host === "current" ? "Pending Approval" : "Scheduled", "None", "Pending"],
  })),
  {
    name: "a run pending approval at Started (not 200000005)",
    run: async (s) => {
      const r = await s.webAPI(avery).retrieveRecord("deploymentstagerun", RUNS.ownerPendingOther, "?$select=stagerunstatus,operationstatus,approvalstatus");
      return [r[`stagerunstatus${FV}`], r[`operationstatus${FV}`], r[`approvalstatus${FV}`]];
    },
    expected: ["Started", "Pending", "Pending"],
  },
  {
    name: "a delegated stage with no deployment type: the stage owner may decide, anyone else is refused (the emulator's own rule)",
    run: async (s) => {
      const r = await s
        .webAPI(avery)
        .retrieveRecord(
          "deploymentstagerun",
          RUNS.nullTypePending,
          "?$select=name&$expand=deploymentstageid($select=isdelegateddeployment,delegateddeploymenttype)",
        );
      const stage = r.deploymentstageid as Json;
      const other = await actionAnswer(s, { userId: USERS.riley }, RUNS.nullTypePending, 20);
      const owner = await actionAnswer(s, avery, RUNS.nullTypePending, 20);
      return { stage: [stage.isdelegateddeployment, stage.delegateddeploymenttype], other, owner };
    },
    expected: {
      stage: [true, null],
      other: { status: 400, error: { code: "0x80040265", message: ACTION_MESSAGES.notOwner } },
      owner: { status: 204, error: undefined },
    },
  },
  {
    name: "R1 an unknown table: 404 with 0x80040217",
    run: async (s) => {
      const r = await getJson(s, { userId: USERS.morgan }, "EntityDefinitions(LogicalName='deploymentstagerunstatus')?$select=LogicalName,EntitySetName");
      return { status: r.status, code: (r.body.error as Json).code };
    },
    expected: { status: 404, code: "0x80040217" },
  },
  {
    name: "a deployment artifact: file columns read as file ids",
    run: async (s) => {
      const r = await s
        .webAPI({ userId: USERS.morgan })
        .retrieveMultipleRecords(
          "deploymentartifact",
          "?$select=name,artifactversion,artifactfile,artifactfileunmanaged&$filter=name eq 'ContosoExpenses'&$orderby=artifactversion",
        );
      const files = (a: ComponentFramework.WebApi.Entity) => [GUID.test(String(a.artifactfile)), GUID.test(String(a.artifactfileunmanaged))];
      return r.entities.map((a) => ({ version: a.artifactversion, files: files(a) }));
    },
    // One artifact per version of the seed's ContosoExpenses runs; 1.4.2.1's has no file (null, not an id).
    expected: [
      { version: "1.4.1.0", files: [true, true] },
      { version: "1.4.2.0", files: [true, true] },
      { version: "1.4.2.1", files: [false, false] },
      { version: "1.4.2.2", files: [true, true] },
    ],
  },
];
const propertyNotFound = (name: string, table = "deploymentstagerun") => `Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${table}'.`;

// ---- artifact files (file column $value) ---------------------------------------------------------------------

const FILE_HEADERS = ["content-type", "mimetype", "x-ms-file-size", "x-ms-file-name", "x-ms-chunk-size", "content-range"];
/** GET deploymentartifacts(id)/<column>/$value: status, the file headers present, and the body's bytes. */
const download = async (s: Surface, caller: Caller, artifactId: string, options: { column?: string; range?: string } = {}) => {
  const headers: Record<string, string> = { ...(options.range ? { Range: options.range } : {}) };
  const res = await s.fetch(caller)(`${CLIENT_URL}/api/data/v9.2/deploymentartifacts(${artifactId})/${options.column ?? "artifactfile"}/$value`, { headers });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const present = Object.fromEntries(FILE_HEADERS.filter((h) => res.headers.get(h) !== null).map((h) => [h, res.headers.get(h)]));
  return { status: res.status, headers: present, bytes };
};
const errorOf = (bytes: Uint8Array) => (JSON.parse(new TextDecoder().decode(bytes)) as { error: { code: string; message: string } }).error;
/** The solution manifest's version and managed flag of a zip. */
const manifestOf = (bytes: Uint8Array) => {
  const xml = new TextDecoder().decode(unzipSync(bytes, { filter: (f) => f.name === "solution.xml" })["solution.xml"]);
  return { version: /<Version>([^<]+)<\/Version>/.exec(xml)?.[1], managed: /<Managed>(\d)<\/Managed>/.exec(xml)?.[1] };
};
const SEEDED = ["1.4.1.0", "1.4.2.0", "1.4.2.2"] as const;

const artifactCases = (): ContractCase[] => [
  {
    name: "artifact file: the whole file with 200, x-ms-file-size, x-ms-file-name and mimetype",
    run: async (s) => {
      const r = await download(s, avery, EXPENSES_ARTIFACTS["1.4.2.0"]);
      return { status: r.status, headers: r.headers, sizeMatches: Number(r.headers["x-ms-file-size"]) === r.bytes.length, zip: manifestOf(r.bytes) };
    },
    expected: {
      status: 200,
      headers: {
        "content-type": "application/octet-stream",
        mimetype: "application/zip",
        "x-ms-file-size": expect.stringMatching(/^\d+$/),
        "x-ms-file-name": "ContosoExpenses_1_4_2_0_managed.zip",
      },
      sizeMatches: true,
      zip: { version: "1.4.2.0", managed: "1" },
    },
  },
  {
    name: "artifact file: every seeded version opens, managed in artifactfile and unmanaged in artifactfileunmanaged",
    run: async (s) => {
      const out = [];
      for (const version of SEEDED) {
        for (const column of ["artifactfile", "artifactfileunmanaged"]) {
          const r = await download(s, avery, EXPENSES_ARTIFACTS[version], { column });
          const names = Object.keys(unzipSync(r.bytes, { filter: () => true }));
          out.push({
            version,
            column,
            status: r.status,
            zip: manifestOf(r.bytes),
            hasParts: ["[Content_Types].xml", "solution.xml", "customizations.xml"].every((n) => names.includes(n)),
          });
        }
      }
      return out;
    },
    expected: SEEDED.flatMap((version) => [
      { version, column: "artifactfile", status: 200, zip: { version, managed: "1" }, hasParts: true },
      { version, column: "artifactfileunmanaged", status: 200, zip: { version, managed: "0" }, hasParts: true },
    ]),
  },
  {
    name: "artifact file: 206 chunks with Range concatenate to the whole file",
    run: async (s) => {
      const whole = await download(s, avery, EXPENSES_ARTIFACTS["1.4.2.2"]);
      const size = whole.bytes.length;
      const parts: Uint8Array[] = [];
      const answers = [];
      const chunk = 1000;
      for (let start = 0; start < size; start += chunk) {
        const end = Math.min(start + chunk, size) - 1;
        const r = await download(s, avery, EXPENSES_ARTIFACTS["1.4.2.2"], { range: `bytes=${start}-${end}` });
        answers.push(
          r.status === 206 &&
            r.headers["content-range"] === `bytes ${start}-${end}/${size}` &&
            r.headers["x-ms-chunk-size"] === String(CHUNK_SIZE) &&
            r.headers["x-ms-file-size"] === String(size) &&
            r.headers["x-ms-file-name"] === whole.headers["x-ms-file-name"],
        );
        parts.push(r.bytes);
      }
      const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        joined.set(p, at);
        at += p.length;
      }
      return { chunks: answers.length > 1, allPartial: answers.every(Boolean), same: Buffer.from(joined).equals(Buffer.from(whole.bytes)) };
    },
    expected: { chunks: true, allPartial: true, same: true },
  },
  {
    name: "artifact file: a range past the end is clamped; a malformed or unsatisfiable range is 416 (the emulator's own)",
    run: async (s) => {
      const id = EXPENSES_ARTIFACTS["1.4.1.0"];
      const size = (await download(s, avery, id)).bytes.length;
      const tail = await download(s, avery, id, { range: `bytes=${size - 10}-${size + 5000}` });
      const bad = await download(s, avery, id, { range: "bytes=abc" });
      const past = await download(s, avery, id, { range: `bytes=${size}-${size + 10}` });
      return { tail: [tail.status, tail.bytes.length, tail.headers["content-range"]], bad: bad.status, past: past.status };
    },
    expected: { tail: [206, 10, expect.stringMatching(/^bytes \d+-\d+\/\d+$/)], bad: 416, past: 416 },
  },
  {
    name: "artifact file: the no-chunking switch ignores Range and answers 200 with the whole file",
    run: async (s) => {
      const whole = await download(s, avery, EXPENSES_ARTIFACTS["1.4.2.0"]);
      await s.setFaults([{ type: "no-chunking" }]);
      const r = await download(s, avery, EXPENSES_ARTIFACTS["1.4.2.0"], { range: "bytes=0-99" });
      return { status: r.status, contentRange: r.headers["content-range"] ?? null, same: Buffer.from(r.bytes).equals(Buffer.from(whole.bytes)) };
    },
    expected: { status: 200, contentRange: null, same: true },
  },
  {
    name: "artifact file: the chunking-refused switch refuses a Range with 400 and 0x80090017, and answers a request without Range whole",
    run: async (s) => {
      const whole = await download(s, avery, EXPENSES_ARTIFACTS["1.4.2.0"]);
      await s.setFaults([{ type: "chunking-refused" }]);
      const ranged = await download(s, avery, EXPENSES_ARTIFACTS["1.4.2.0"], { range: "bytes=0-4194303" });
      const again = await download(s, avery, EXPENSES_ARTIFACTS["1.4.2.0"]);
      return {
        ranged: [ranged.status, errorOf(ranged.bytes)],
        again: [again.status, again.headers["x-ms-file-size"] === String(whole.bytes.length), Buffer.from(again.bytes).equals(Buffer.from(whole.bytes))],
      };
    },
    expected: {
      ranged: [400, { code: "0x80090017", message: "Downloading in multiple chunks is not supported for the files stored in the database." }],
      again: [200, true, true],
    },
  },
  {
    name: "artifact file: unknown artifact 404, artifact without a file 404, caller without read privilege 403",
    run: async (s) => {
      const unknown = await download(s, avery, "f2000000-0000-4000-8000-0000000000ff");
      const noFile = await download(s, avery, EXPENSES_ARTIFACTS["1.4.2.1"]);
      const forbidden = await download(s, { userId: USERS.quinn }, EXPENSES_ARTIFACTS["1.4.2.0"]);
      return {
        unknown: [unknown.status, errorOf(unknown.bytes).code],
        noFile: [noFile.status, errorOf(noFile.bytes).message],
        forbidden: [forbidden.status, errorOf(forbidden.bytes).code],
      };
    },
    expected: {
      unknown: [404, "0x80040217"],
      noFile: [404, expect.stringContaining("artifactfile")],
      forbidden: [403, "0x80040220"],
    },
  },
  {
    name: "artifact file: faults on reads apply to downloads (500)",
    run: async (s) => {
      await s.setFaults([{ type: "500", match: { kind: "read", entitySet: "deploymentartifacts" } }]);
      return (await download(s, avery, EXPENSES_ARTIFACTS["1.4.2.0"])).status;
    },
    expected: 500,
  },
  {
    name: "artifact file: a record read returns the file column as a file id string, not bytes",
    run: async (s) => {
      const a = await s.webAPI(avery).retrieveRecord("deploymentartifact", EXPENSES_ARTIFACTS["1.4.2.0"], "?$select=artifactfile,artifactversion");
      return { version: a.artifactversion, id: typeof a.artifactfile === "string" && GUID.test(a.artifactfile) };
    },
    expected: { version: "1.4.2.0", id: true },
  },
  {
    name: "artifact file: the Contoso Expenses runs point to the artifact of their version",
    run: async (s) => {
      const out: Record<string, unknown> = {};
      for (const runId of [RUNS.approved, RUNS.ownerPendingMine, RUNS.makerOwnPending, RUNS.malformed, RUNS.doubleEncoded, RUNS.rejected]) {
        const run = await s.webAPI(avery).retrieveRecord("deploymentstagerun", runId, "?$select=artifactversion,_artifactid_value");
        const artifactId = run._artifactid_value as string | null;
        const artifact = artifactId ? await s.webAPI(avery).retrieveRecord("deploymentartifact", artifactId, "?$select=artifactversion") : null;
        out[run.artifactversion as string] = artifact ? artifact.artifactversion : null;
      }
      return out;
    },
    // 1.4.0.3 (rejected) has no artifact any more.
    expected: { "1.4.1.0": "1.4.1.0", "1.4.2.0": "1.4.2.0", "1.4.2.1": "1.4.2.1", "1.4.2.2": "1.4.2.2", "1.4.0.3": null },
  },
  {
    name: "artifact file: a hostile variant registered at run time is served as it was made",
    run: async (s) => {
      const id = "f2000000-0000-4000-8000-0000000000a1";
      await s.putHostile(id, "script");
      const r = await download(s, avery, id);
      return { status: r.status, same: Buffer.from(r.bytes).equals(Buffer.from(hostileArtifact("script"))) };
    },
    expected: { status: 200, same: true },
  },
];

const POLICY_SELECT = "$select=apnl_name,apnl_stageid,apnl_requiredapprovals,apnl_checklist,apnl_expiryhours,_apnl_approverteam_value,statecode";
/** GET apnl_approvalpolicies as `user`: the status, the error code and the rows' ids. */
const policiesAs = async (s: Surface, user: string, query: string) => {
  const r = await getJson(s, { userId: user }, `apnl_approvalpolicies?${query}`);
  return { status: r.status, error: (r.body.error as Json | undefined)?.code, ids: (r.body.value ?? []).map((v) => v.apnl_approvalpolicyid) };
};
const policyCases = (): ContractCase[] => [
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

type ContractCase = BothFrontsCase<Surface> & { expected: unknown };

const CASES: ContractCase[] = [
  {
    name: "retrieveRecord with $select and $expand, formatted values included",
    run: async (s) => {
      const r = await s
        .webAPI(avery)
        .retrieveRecord(
          "deploymentstagerun",
          RUNS.ownerPendingMine,
          "?$select=name,approvalstatus&$expand=deploymentstageid($select=name,delegateddeploymenttype)",
        );
      return {
        name: r.name,
        approvalstatus: r.approvalstatus,
        label: r[`approvalstatus${FV}`],
        stage: r.deploymentstageid,
        keys: Object.keys(r)
          .filter((k) => !k.includes("@"))
          .sort(),
      };
    },
    expected: {
      name: "ContosoExpenses 1.4.2.0 - Production",
      approvalstatus: 10,
      label: "Pending",
      stage: expect.objectContaining({
        deploymentstageid: STAGES.expensesProd,
        name: "Production",
        delegateddeploymenttype: 1,
        [`delegateddeploymenttype${FV}`]: "Stage Owner",
      }),
      keys: ["approvalstatus", "deploymentstageid", "deploymentstagerunid", "name"],
    },
  },
  {
    // Dataverse answers concurrent requests in parallel; the fake works a read out when it arrives and answers it
    // after the latency, so its own work is not queued on top. A write made meanwhile is not in that answer.
    name: "latency on reads: the answer holds the record as it was when the read arrived",
    run: async (s) => {
      await s.setFaults([{ type: "latency", latencyMs: 400, match: { kind: "read" } }]);
      const api = s.webAPI(avery);
      const pending = api.retrieveRecord("deploymentstagerun", RUNS.ownerPendingMine, "?$select=name");
      await new Promise((r) => setTimeout(r, 100)); // the read has arrived; the write below has no latency
      await api.updateRecord("deploymentstagerun", RUNS.ownerPendingMine, { name: "Renamed while the read waited" });
      const during = (await pending).name;
      await s.setFaults([]);
      const after = (await api.retrieveRecord("deploymentstagerun", RUNS.ownerPendingMine, "?$select=name")).name;
      return { during, after };
    },
    expected: { during: "ContosoExpenses 1.4.2.0 - Production", after: "Renamed while the read waited" },
  },
  {
    name: "retrieveMultipleRecords with $filter through a navigation property, $orderby and $top",
    run: async (s) => {
      const r = await s
        .webAPI(avery)
        .retrieveMultipleRecords(
          "deploymentstagerun",
          `?$select=artifactversion&$filter=deploymentstageid/name eq 'Production' and approvalstatus eq 30 and artifactname eq 'ContosoExpenses'&$orderby=createdon desc&$top=1`,
        );
      return { versions: r.entities.map((e) => e.artifactversion), nextLink: r.nextLink };
    },
    expected: { versions: ["1.4.0.3"], nextLink: undefined },
  },
  {
    name: "paging: maxPageSize gives a nextLink whose query reads the next page, the last page has none",
    run: async (s) => {
      const api = s.webAPI(avery);
      const query = `?$select=name&$filter=artifactname eq 'ContosoExpenses' and deploymentstageid/name eq 'Production'&$orderby=createdon desc`;
      const first = await api.retrieveMultipleRecords("deploymentstagerun", query, 4);
      const rest = first.nextLink ? first.nextLink.slice(first.nextLink.indexOf("?")) : "";
      const second = await api.retrieveMultipleRecords("deploymentstagerun", rest, 4);
      const seen = [...first.entities, ...second.entities].map((e) => e.deploymentstagerunid);
      return { first: first.entities.length, second: second.entities.length, distinct: new Set(seen).size, secondHasNext: second.nextLink !== undefined };
    },
    expected: { first: 4, second: 3, distinct: 7, secondHasNext: false },
  },
  {
    // The stage's last deployment: the last to finish deploying (runs still under way have no endtime), then the last created.
    name: "$orderby on two keys: endtime desc puts rows without an end time last, createdon desc orders within",
    run: async (s) => {
      const r = await s
        .webAPI(avery)
        .retrieveMultipleRecords(
          "deploymentstagerun",
          "?$select=endtime,createdon&$filter=deploymentstageid/name eq 'Production'&$orderby=endtime desc,createdon desc",
        );
      const ends = r.entities.map((e) => (e.endtime === null || e.endtime === undefined ? null : Date.parse(String(e.endtime))));
      const firstNull = ends.indexOf(null);
      const ended = firstNull === -1 ? ends : ends.slice(0, firstNull);
      const open = r.entities.slice(ended.length).map((e) => Date.parse(String(e.createdon)));
      return {
        someOfEach: ended.length > 1 && open.length > 1,
        nullsLast: ends.slice(ended.length).every((e) => e === null),
        endedNewestFirst: ended.every((e, i) => i === 0 || (ended[i - 1] as number) >= (e as number)),
        openNewestFirst: open.every((c, i) => i === 0 || open[i - 1] >= c),
      };
    },
    expected: { someOfEach: true, nullsLast: true, endedNewestFirst: true, openNewestFirst: true },
  },
  {
    name: "$filter with a DateTimeOffset literal and ne, newest first, $top=1",
    run: async (s) => {
      const api = s.webAPI(avery);
      const scope = "artifactname eq 'ContosoExpenses' and deploymentstageid/name eq 'Production'";
      const all = await api.retrieveMultipleRecords("deploymentstagerun", `?$select=createdon,approvalstatus&$filter=${scope}&$orderby=createdon desc`);
      const pivot = new Date(String(all.entities[2].createdon)).toISOString();
      const before = await api.retrieveMultipleRecords(
        "deploymentstagerun",
        `?$select=createdon&$filter=${scope} and createdon lt ${pivot} and approvalstatus ne 30&$orderby=createdon desc&$top=1`,
      );
      const wanted = all.entities.slice(3).find((e) => e.approvalstatus !== 30);
      return {
        found: before.entities.length,
        same: before.entities[0]?.deploymentstagerunid === wanted?.deploymentstagerunid,
        hasWanted: wanted !== undefined,
      };
    },
    expected: { found: 1, same: true, hasWanted: true },
  },
  {
    name: "UpdateApprovalStatus on the older host: the action does not exist there (404)",
    run: (s) => actionAnswer(s, { userId: USERS.avery, host: "legacy" }, RUNS.legacyPending, 20),
    expected: { status: 404, error: { code: "0x80060888", message: "Resource not found for the segment 'UpdateApprovalStatus'." } },
  },
  {
    name: "a column the older host lacks: 400 with Dataverse's text",
    run: (s) =>
      outcome(() => s.webAPI({ userId: USERS.avery, host: "legacy" }).retrieveRecord("deploymentstagerun", RUNS.legacyPending, "?$select=approvalstatus")),
    expected: {
      ok: false,
      error: expect.objectContaining({ message: propertyNotFound("approvalstatus"), errorCode: 0x80060888, title: propertyNotFound("approvalstatus") }),
    },
  },
  {
    name: "a missing record: 404 with 0x80040217",
    run: (s) => outcome(() => s.webAPI(avery).retrieveRecord("deploymentstagerun", "00000000-0000-4000-8000-0000000000ff", "?$select=name")),
    expected: { ok: false, error: expect.objectContaining({ errorCode: 0x80040217, message: expect.stringContaining("Does Not Exist") }) },
  },
  {
    name: "UpdateApprovalStatus: the stage owner approves (204), the run is then approved",
    run: async (s) => {
      const answer = await actionAnswer(s, avery, RUNS.ownerPendingMine, 20);
      const run = await s.webAPI(avery).retrieveRecord("deploymentstagerun", RUNS.ownerPendingMine, "?$select=approvalstatus,approvalcomments");
      return { answer, approvalstatus: run.approvalstatus, approvalcomments: run.approvalcomments };
    },
    expected: { answer: { status: 204, error: undefined }, approvalstatus: 20, approvalcomments: "ok" },
  },
  {
    name: "UpdateApprovalStatus: someone else on a Stage Owner stage is refused (documented text)",
    run: (s) => actionAnswer(s, { userId: USERS.riley }, RUNS.ownerPendingMine, 20),
    expected: { status: 400, error: { code: "0x80040265", message: ACTION_MESSAGES.notOwner } },
  },
  {
    name: "UpdateApprovalStatus: a person on a Service Principal stage is refused (documented text)",
    run: (s) => actionAnswer(s, avery, RUNS.spnPending, 30),
    expected: { status: 400, error: { code: "0x80040265", message: ACTION_MESSAGES.servicePrincipalOnly } },
  },
  {
    name: "UpdateApprovalStatus: a stage without approvals is refused (documented text)",
    run: (s) => actionAnswer(s, avery, RUNS.notDelegated, 20),
    expected: { status: 400, error: { code: "0x80040265", message: ACTION_MESSAGES.notPending } },
  },
  {
    name: "UpdateApprovalStatus: a run already decided is refused (the fake host's own text)",
    run: (s) => actionAnswer(s, avery, RUNS.approved, 20),
    expected: { status: 400, error: { code: "0x80040265", message: ACTION_MESSAGES.alreadyDecided } },
  },
  {
    name: "fault: 429 once on the action with Retry-After, then the action goes through",
    run: async (s) => {
      await s.setFaults([{ type: "429", match: { kind: "action" }, retryAfterSeconds: 7, once: true }]);
      const res = await s.fetch(avery)(ACTION_URL, decide(RUNS.ownerPendingMine, 30));
      const second = await actionAnswer(s, avery, RUNS.ownerPendingMine, 30);
      return { first: res.status, retryAfter: res.headers.get("retry-after"), second: second.status };
    },
    expected: { first: 429, retryAfter: "7", second: 204 },
  },
  {
    name: "fault: 500 on reads reaches context.webAPI as an error",
    run: async (s) => {
      await s.setFaults([{ type: "500", match: { kind: "read" } }]);
      return outcome(() => s.webAPI(avery).retrieveRecord("deploymentstagerun", RUNS.ownerPendingMine, "?$select=name"));
    },
    expected: { ok: false, error: expect.objectContaining({ errorCode: 0x80040216, message: "An unexpected error occurred." }) },
  },
  {
    name: "fault: a dropped connection makes fetch reject",
    run: async (s) => {
      await s.setFaults([{ type: "drop", match: { kind: "action" } }]);
      const r = await outcome(() => s.fetch(avery)(ACTION_URL, decide(RUNS.ownerPendingMine, 20)));
      // By name: node's fetch throws a TypeError of another realm than the test's.
      return { ok: r.ok, isTypeError: !r.ok && (r.error as Error).name === "TypeError" };
    },
    expected: { ok: false, isTypeError: true },
  },
  ...r1Cases(),
  ...r2Cases(),
  ...r3Cases(),
  ...r5Cases(),
  ...r6r7Cases(),
  ...fidelityCases(),
  ...artifactCases(),
  ...policyCases(),
];

// ---- the two surfaces ------------------------------------------------------------------------------

function inProcessSurface(): Surface & { close(): void } {
  const host = createFakeHost({ deployDelayMs: 60_000 });
  return {
    webAPI: (caller) => webApiOverFetch(createFetch(host, { ...caller, clientUrl: CLIENT_URL }), { clientUrl: CLIENT_URL }),
    fetch: (caller) => createFetch(host, { ...caller, clientUrl: CLIENT_URL }),
    setFaults: async (faults) => host.faults.set(faults),
    reset: async () => host.reset(),
    putHostile: async (artifactId, variant) => {
      host.artifacts.put(artifactId, hostileArtifact(variant), { fileName: `${variant}.zip` });
    },
    close: () => host.close(),
  };
}

function httpSurface(pg: Playground): Surface {
  // Requests written for the client URL go to the playground, with its sign-in cookies.
  const fetchAs =
    (caller: Caller): typeof fetch =>
    async (input, init) => {
      const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
      const headers = new Headers(init?.headers);
      headers.set("Cookie", [`pp_user=${caller.userId}`, caller.host ? `pp_host=${caller.host}` : ""].filter(Boolean).join("; "));
      return fetch(`${pg.url}${url.pathname}${url.search}`, { ...init, headers });
    };
  return {
    webAPI: (caller) => webApiOverFetch(fetchAs(caller), { clientUrl: CLIENT_URL }),
    fetch: fetchAs,
    // The helper's Fault type predates the no-chunking switch; the endpoint takes every FaultSpec.
    setFaults: (faults) => pg.setFaults(faults as Parameters<Playground["setFaults"]>[0]),
    reset: () => pg.reset(),
    putHostile: async (artifactId, variant) => {
      const res = await fetch(`${pg.url}/__playground/artifacts?artifactId=${artifactId}&variant=${variant}`, { method: "POST" });
      if (!res.ok) throw new Error(`POST /__playground/artifacts: ${res.status} ${await res.text()}`);
    },
  };
}

onBothFronts(CASES, {
  inProcess: inProcessSurface,
  close: (surface) => surface.close(),
  overHttp: httpSurface,
  resetHttp: (_pg, surface) => surface.reset(),
});
