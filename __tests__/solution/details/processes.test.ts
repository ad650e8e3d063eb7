import { describe, expect, it } from "@jest/globals";
import { contents, detailsOf, labels } from "./fixture";

const FLOW_ID = "718b1c3a-6a13-ee11-8f6d-000d3a292ad4";
const FLOW_FILE = `Workflows/Get-Summary-${FLOW_ID.toUpperCase()}.json`;

const workflow = (o: { id?: string; name?: string; category: number; state?: number; mode?: number; onCreate?: number; update?: string }) => `
  <Workflows>
    <Workflow WorkflowId="{${o.id ?? FLOW_ID}}" Name="${o.name ?? "Get Summary"}">
      ${o.category === 5 ? `<JsonFileName>/${FLOW_FILE}</JsonFileName>` : `<XamlFileName>/Workflows/SetRequestRulesName-80472D75-A762-ED11-9562-002248212F5A.xaml</XamlFileName>`}
      <Type>1</Type>
      <Subprocess>0</Subprocess>
      <Category>${o.category}</Category>
      <Mode>${o.mode ?? 0}</Mode>
      <Scope>4</Scope>
      <OnDemand>0</OnDemand>
      <TriggerOnCreate>${o.onCreate ?? 0}</TriggerOnCreate>
      <TriggerOnDelete>0</TriggerOnDelete>
      ${o.update ? `<TriggerOnUpdateAttributeList>${o.update}</TriggerOnUpdateAttributeList>` : ""}
      <StateCode>${o.state ?? 1}</StateCode>
      <StatusCode>2</StatusCode>
      <IntroducedVersion>1.0.0.0</IntroducedVersion>
      <PrimaryEntity>sb_TravelRequest</PrimaryEntity>
      ${labels("LocalizedName", o.name ?? "Get Summary")}
    </Workflow>
  </Workflows>`;

const definition = (actions: Record<string, unknown>, trigger = "PowerAppV2") =>
  JSON.stringify({
    properties: {
      connectionReferences: {
        shared_commondataserviceforapps: {
          runtimeSource: "embedded",
          connection: { connectionReferenceLogicalName: "ppchal_sharedcommondataserviceforapps_7398b" },
          api: { name: "shared_commondataserviceforapps" },
        },
      },
      definition: {
        $schema: "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
        contentVersion: "1.0.0.0",
        triggers: { manual: { metadata: { operationMetadataId: "c8cfd28b" }, type: "Request", kind: trigger, inputs: {} } },
        actions,
      },
    },
  });

const create = (table: string) => ({
  type: "OpenApiConnection",
  inputs: {
    host: {
      connectionName: "shared_commondataserviceforapps",
      operationId: "CreateRecord",
      apiId: "/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps",
    },
    parameters: { entityName: table },
  },
  runAfter: {},
});

describe("details of cloud flows", () => {
  it("lists actions added, removed and changed at any depth, the trigger and the state", () => {
    const before = definition({
      Respond: { type: "Response", kind: "PowerApp", inputs: { statusCode: 200 } },
      Condition: { type: "If", expression: {}, actions: { Create_row: create("accounts") }, else: { actions: { Compose: { type: "Compose", inputs: "x" } } } },
    });
    const after = definition(
      {
        Respond: { type: "Response", kind: "PowerApp", inputs: { statusCode: 200 } },
        Condition: {
          type: "If",
          expression: {},
          actions: { Create_row: create("contacts") },
          else: { actions: { Terminate: { type: "Terminate", inputs: { runStatus: "Failed" } } } },
        },
      },
      "Button",
    );
    expect(detailsOf("cloudFlows", workflow({ category: 5 }), workflow({ category: 5, state: 0 }), [{ [FLOW_FILE]: before }, { [FLOW_FILE]: after }])).toEqual([
      { aspect: "flowState", change: "changed", before: "on", after: "off" },
      { aspect: "flowTrigger", change: "changed", subject: "manual", before: "Request PowerAppV2", after: "Request Button" },
      { aspect: "flowAction", change: "removed", subject: "Compose", before: "Compose" },
      { aspect: "flowAction", change: "changed", subject: "Create_row" },
      { aspect: "flowAction", change: "added", subject: "Terminate", after: "Terminate" },
    ]);
  });
  it("names the table and columns a Dataverse trigger watches", () => {
    const watching = (columns: string) =>
      JSON.stringify({
        properties: {
          definition: {
            triggers: {
              "When_a_row_is_added,_modified_or_deleted": {
                type: "OpenApiConnectionWebhook",
                inputs: {
                  host: { connectionName: "shared_commondataserviceforapps_1", operationId: "SubscribeWebhookTrigger" },
                  parameters: {
                    "subscriptionRequest/message": 4,
                    "subscriptionRequest/entityname": "sb_travelrequest",
                    "subscriptionRequest/filteringattributes": columns,
                  },
                },
              },
            },
            actions: {},
          },
        },
      });
    expect(
      detailsOf("cloudFlows", workflow({ category: 5 }), workflow({ category: 5 }), [
        { [FLOW_FILE]: watching("sb_status") },
        { [FLOW_FILE]: watching("sb_status,sb_priority") },
      ]),
    ).toEqual([
      {
        aspect: "flowTrigger",
        change: "changed",
        subject: "When_a_row_is_added,_modified_or_deleted",
        before: "OpenApiConnectionWebhook SubscribeWebhookTrigger sb_travelrequest sb_status",
        after: "OpenApiConnectionWebhook SubscribeWebhookTrigger sb_travelrequest sb_status,sb_priority",
      },
    ]);
  });
});

describe("details of classic workflows and business rules", () => {
  const RULE = "80472d75-a762-ed11-9562-002248212f5a";
  const XAML = "Workflows/SetRequestRulesName-80472D75-A762-ED11-9562-002248212F5A.xaml";
  it("names the mode, the triggers and a changed definition", () => {
    expect(
      detailsOf("workflows", workflow({ id: RULE, category: 0 }), workflow({ id: RULE, category: 0, mode: 1, onCreate: 1, update: "sb_cost,sb_start" }), [
        { [XAML]: "crc32:1a2b3c4d:5120" },
        { [XAML]: "crc32:99aa0011:5230" },
      ]),
    ).toEqual([
      { aspect: "workflowMode", change: "changed", before: "background", after: "realTime" },
      { aspect: "workflowTrigger", change: "changed", subject: "create", before: "false", after: "true" },
      { aspect: "workflowTrigger", change: "added", subject: "update", after: "sb_cost,sb_start" },
      { aspect: "workflowDefinition", change: "changed" },
    ]);
  });
});

const step = (o: { mode?: number; stage?: number; filtering?: string; image?: string }) => `
  <SdkMessageProcessingSteps>
    <SdkMessageProcessingStep Name="P365I_CRM.Sales.Plugins.OpportunityPostOp: Update of p365i_opportunity" SdkMessageProcessingStepId="{36b95e9e-f2c1-ee11-9079-00224840d636}">
      <SdkMessageId>20bebb1b-ea3e-db11-86a7-000a3a5473e8</SdkMessageId>
      <PluginTypeName>P365I_CRM.Sales.Plugins.OpportunityPostOp, P365I_CRM.Sales, Version=1.0.0.0, Culture=neutral, PublicKeyToken=e1f2f6346080b059</PluginTypeName>
      <PluginTypeId>e63b249e-8b08-4ba8-b439-72d97a53b97b</PluginTypeId>
      <PrimaryEntity>p365i_opportunity</PrimaryEntity>
      <AsyncAutoDelete>0</AsyncAutoDelete>
      <FilteringAttributes>${o.filtering ?? "p365i_discount,p365i_revenue"}</FilteringAttributes>
      <InvocationSource>1</InvocationSource>
      <Mode>${o.mode ?? 0}</Mode>
      <Rank>1</Rank>
      <Stage>${o.stage ?? 40}</Stage>
      <IsCustomizable>1</IsCustomizable>
      <IntroducedVersion>1.0</IntroducedVersion>
      <SdkMessageProcessingStepImages>
        <SdkMessageProcessingStepImage Name="PostImage">
          <SdkMessageProcessingStepImageId>{6fc2eec2-f2c1-ee11-9079-6045bd127823}</SdkMessageProcessingStepImageId>
          <Attributes>${o.image ?? "p365i_revenue"}</Attributes>
          <EntityAlias>PostImage</EntityAlias>
          <ImageType>1</ImageType>
          <MessagePropertyName>Target</MessagePropertyName>
        </SdkMessageProcessingStepImage>
      </SdkMessageProcessingStepImages>
    </SdkMessageProcessingStep>
  </SdkMessageProcessingSteps>`;

describe("details of plug-in steps", () => {
  it("names a switch to asynchronous, a new stage, a new filtering attribute and a changed image", () => {
    expect(
      detailsOf("pluginSteps", step({}), step({ mode: 1, stage: 20, filtering: "p365i_discount,p365i_revenue,p365i_tax", image: "p365i_revenue,p365i_tax" })),
    ).toEqual([
      { aspect: "stepStage", change: "changed", before: "40", after: "20" },
      { aspect: "stepMode", change: "changed", before: "sync", after: "async" },
      { aspect: "stepFilteringAttributes", change: "added", subject: "p365i_tax" },
      { aspect: "stepImage", change: "changed", subject: "PostImage", before: "p365i_revenue", after: "p365i_revenue,p365i_tax" },
    ]);
  });
});

const assembly = (version: string, types: string[]) => `
  <SolutionPluginAssemblies>
    <PluginAssembly FullName="P365I_CRM.Sales, Version=${version}, Culture=neutral, PublicKeyToken=e1f2f6346080b059" PluginAssemblyId="29148888-15b3-49a9-be8f-e2dea75a0d0e" CustomizationLevel="1">
      <IsolationMode>2</IsolationMode>
      <SourceType>0</SourceType>
      <IntroducedVersion>1.0</IntroducedVersion>
      <FileName>/PluginAssemblies/P365I_CRMSales-29148888-15B3-49A9-BE8F-E2DEA75A0D0E/P365I_CRMSales.dll</FileName>
      <PluginTypes>${types
        .map(
          (t) =>
            `<PluginType AssemblyQualifiedName="${t}, P365I_CRM.Sales, Version=${version}" PluginTypeId="86b737dd-a8b2-47d2-bd9f-0c0809b43b23" Name="${t}"><FriendlyName>6b1b0b91</FriendlyName></PluginType>`,
        )
        .join("")}</PluginTypes>
    </PluginAssembly>
  </SolutionPluginAssemblies>`;

describe("details of plug-in assemblies", () => {
  it("names the version and the types added or removed", () => {
    expect(
      detailsOf(
        "pluginAssemblies",
        assembly("1.0.0.0", ["Sales.Plugins.OpportunityPostOp", "Sales.Plugins.QuoteProductPostOp"]),
        assembly("1.1.0.0", ["Sales.Plugins.OpportunityPostOp", "Sales.CustomAPIs.CloseOpportunity"]),
      ),
    ).toEqual([
      { aspect: "assemblyVersion", change: "changed", before: "1.0.0.0", after: "1.1.0.0" },
      { aspect: "pluginType", change: "removed", subject: "Sales.Plugins.QuoteProductPostOp" },
      { aspect: "pluginType", change: "added", subject: "Sales.CustomAPIs.CloseOpportunity" },
    ]);
  });
});

describe("the table of processes and steps", () => {
  it("is the primary table, and none for a cloud flow that runs on no table", () => {
    const rule = contents(workflow({ id: "80472d75-a762-ed11-9562-002248212f5a", category: 2 })).components.workflows[0];
    const flow = contents(workflow({ category: 5 }).replace("sb_TravelRequest</PrimaryEntity>", "none</PrimaryEntity>")).components.cloudFlows[0];
    const onStep = contents(step({})).components.pluginSteps[0];
    expect([rule.details?.table, flow.details?.table, onStep.details?.table]).toEqual(["sb_travelrequest", undefined, "p365i_opportunity"]);
  });
});
