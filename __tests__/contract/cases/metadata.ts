/** Contract cases R1-R3: EntityDefinitions, the run→stage relationship and the choice columns' options, on both hosts. */
import { XMLValidator } from "fast-xml-parser";
import { LABELS, RUNS, USERS } from "../../../fakehost/index.cjs";
import {
  CLIENT_URL,
  type Outcome,
  outcome,
  HOSTS,
  GUID,
  contextOf,
  type Json,
  getJson,
  label,
  optionsOf,
  propertyNotFound,
  type ContractCase,
} from "./surface";

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

export const r1Cases = (): ContractCase[] =>
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

export const r2Cases = (): ContractCase[] =>
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

/** suboperation's labels: the fake host's own, which follow the host reference. */
const SUBOPERATION = LABELS.suboperation;
export const r3Cases = (): ContractCase[] =>
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
