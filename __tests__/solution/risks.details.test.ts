/** The risk lines' facts that the approver acts on: which values, which old name, which connector, which step and why. */
import { describe, expect, it } from "@jest/globals";
import { diffSolutions } from "../../ApprovalPanel/solution/diff";
import { riskFlags, type RiskFlag } from "../../ApprovalPanel/solution/risks";
import { contents, labels } from "./details/fixture";

const flags = (before: string, after: string): RiskFlag[] => riskFlags(diffSolutions(contents(before), contents(after)));
const flag = (list: RiskFlag[], id: string) => list.find((f) => f.id === id);

const connector = `<Connectors><Connector><connectorid>76b87ad4-2b1d-44cf-965c-df67c01b8666</connectorid><displayname>AzureOpenAIService</displayname><name>ppchal_azureopenaiservice</name><connectortype>1</connectortype></Connector></Connectors>`;
const reference = (name: string, connectorId: string, custom = false) =>
  `<connectionreference connectionreferencelogicalname="${name}"><connectionreferencedisplayname>${name}</connectionreferencedisplayname><connectorid>${connectorId}</connectorid>${
    custom ? "<customconnectorid><connectorid>76b87ad4-2b1d-44cf-965c-df67c01b8666</connectorid></customconnectorid>" : ""
  }<iscustomizable>1</iscustomizable></connectionreference>`;
const OPENAI = "/providers/Microsoft.PowerApps/apis/shared_azureopenaiservice-5f534785e02bede9d0-5fae562e10a2de687a";
const DATAVERSE = "/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps";
const OUTLOOK = "/providers/Microsoft.PowerApps/apis/shared_office365";

describe("risks: connectors", () => {
  it("a custom connector added is a risk line of its own, and the reference to it names it", () => {
    const after = `${connector}<connectionreferences>${reference("ppchal_ai", OPENAI, true)}</connectionreferences>`;
    const list = flags("", after);
    expect(flag(list, "customConnectorAdded")).toEqual({
      id: "customConnectorAdded",
      severity: "high",
      components: [{ kind: "connectors", key: "ppchal_azureopenaiservice", name: "AzureOpenAIService", change: "added" }],
    });
    expect(flag(list, "connectionReferenceNew")?.components[0].connector).toBe("AzureOpenAIService");
  });

  it("a changed connection reference carries its connector before and after, by readable name", () => {
    const before = `<connectionreferences>${reference("cr_mail", OUTLOOK)}${reference("cr_data", DATAVERSE)}</connectionreferences>`;
    const after = `<connectionreferences>${reference("cr_mail", DATAVERSE)}${reference("cr_data", DATAVERSE)}</connectionreferences>`;
    expect(flag(flags(before, after), "connectionReferenceConnectorChanged")?.components).toEqual([
      expect.objectContaining({ key: "cr_mail", connector: "shared_commondataserviceforapps", previousConnector: "shared_office365" }),
    ]);
  });
});

const choiceColumn = (options: [number, string][]) => `
  <Entities><Entity>
    <Name LocalizedName="Travel Request" OriginalName="Travel Request">sb_TravelRequest</Name>
    <EntityInfo><entity Name="sb_TravelRequest"><attributes>
      <attribute PhysicalName="sb_Class"><Type>picklist</Type><Name>sb_class</Name><LogicalName>sb_class</LogicalName><RequiredLevel>none</RequiredLevel>
        <optionset Name="sb_travelrequest_sb_class"><OptionSetType>picklist</OptionSetType><options>${options
          .map(([v, l]) => `<option value="${v}">${labels("label", l)}</option>`)
          .join("")}</options></optionset>
        ${labels("displayname", "Class")}
      </attribute>
    </attributes></entity></EntityInfo>
  </Entity></Entities>`;

describe("risks: choice values removed", () => {
  it("is a risk line carrying the values and the column's table", () => {
    const list = flags(
      choiceColumn([
        [1, "Economy"],
        [2, "Business"],
        [3, "First"],
      ]),
      choiceColumn([
        [1, "Economy"],
        [2, "Business class"],
      ]),
    );
    expect(flag(list, "choiceValuesRemoved")).toEqual({
      id: "choiceValuesRemoved",
      severity: "high",
      components: [
        {
          kind: "columns",
          key: "sb_travelrequest.sb_class",
          name: "Class",
          change: "changed",
          table: "sb_travelrequest",
          choiceValues: [{ value: "3", label: "First" }],
        },
      ],
    });
  });

  it("is not raised when values are only relabelled or added", () => {
    expect(
      flag(
        flags(
          choiceColumn([[1, "Economy"]]),
          choiceColumn([
            [1, "Eco"],
            [2, "Business"],
          ]),
        ),
        "choiceValuesRemoved",
      ),
    ).toBeUndefined();
  });
});

const role = (name: string, privileges: Record<string, string>) =>
  `<Roles><Role id="{627090ff-40a3-4053-8790-584edc5be201}" name="${name}"><IsCustomizable>1</IsCustomizable><RolePrivileges>${Object.entries(privileges)
    .map(([p, l]) => `<RolePrivilege name="${p}" level="${l}" />`)
    .join("")}</RolePrivileges></Role></Roles>`;

describe("risks: roles", () => {
  it("a rename-only change carries the old name", () => {
    const list = flags(role("Travel Agent", { prvReadsb_TravelRequest: "Basic" }), role("Travel Coordinator", { prvReadsb_TravelRequest: "Basic" }));
    expect(flag(list, "roleChanged")?.components).toEqual([
      { kind: "roles", key: "627090ff-40a3-4053-8790-584edc5be201", name: "Travel Coordinator", change: "changed", previousName: "Travel Agent" },
    ]);
    expect(flag(list, "rolePrivilegesRaised")).toBeUndefined();
  });

  it("lowered and removed privileges are carried as lowered, not counted as raised", () => {
    const list = flags(
      role("Agent", { prvDeletesb_FlightBookings: "Global", prvAppendsb_Leg: "Local" }),
      role("Agent", { prvDeletesb_FlightBookings: "Local" }),
    );
    expect(flag(list, "rolePrivilegesRaised")).toBeUndefined();
    expect(flag(list, "roleChanged")?.components[0].privileges).toEqual([
      { direction: "lowered", name: "prvAppendsb_Leg", from: "Local", to: null },
      { direction: "lowered", name: "prvDeletesb_FlightBookings", from: "Global", to: "Local" },
    ]);
  });
});

const step = (id: string, name: string, mode: number, filtering: string) => `
    <SdkMessageProcessingStep Name="${name}" SdkMessageProcessingStepId="{${id}}">
      <SdkMessageId>20bebb1b-ea3e-db11-86a7-000a3a5473e8</SdkMessageId>
      <PluginTypeName>Sales.Plugins.OpportunityPostOp, Sales, Version=1.0.0.0, Culture=neutral, PublicKeyToken=e1f2f6346080b059</PluginTypeName>
      <PrimaryEntity>p365i_opportunity</PrimaryEntity>
      <FilteringAttributes>${filtering}</FilteringAttributes>
      <Mode>${mode}</Mode>
      <Stage>40</Stage>
    </SdkMessageProcessingStep>`;
const steps = (...items: string[]) => `<SdkMessageProcessingSteps>${items.join("")}</SdkMessageProcessingSteps>`;
const A = "36b95e9e-f2c1-ee11-9079-00224840d601";
const B = "36b95e9e-f2c1-ee11-9079-00224840d602";
const C = "36b95e9e-f2c1-ee11-9079-00224840d603";

describe("risks: plug-in steps", () => {
  it("separates added, changed and switched to asynchronous, names each step once, and carries new filtering attributes", () => {
    const before = steps(
      step(A, "Recalculate: Update of p365i_opportunity", 0, "p365i_discount"),
      step(B, "Validate: Update of p365i_opportunity", 0, "p365i_revenue"),
    );
    const after = steps(
      step(A, "Recalculate: Update of p365i_opportunity", 0, "p365i_discount,p365i_tax"),
      step(B, "Validate: Update of p365i_opportunity", 1, "p365i_revenue,p365i_tax"),
      step(C, "Notify: Update of p365i_opportunity", 1, ""),
    );
    const list = flags(before, after).filter((f) => f.id.startsWith("pluginStep"));
    expect(list.map((f) => [f.id, f.components.map((c) => c.key)])).toEqual([
      ["pluginStepMadeAsynchronous", [B]],
      ["pluginStepAdded", [C]],
      ["pluginStepChanged", [A]],
    ]);
    expect(flag(list, "pluginStepChanged")?.components[0].step?.filteringAttributesAdded).toEqual(["p365i_tax"]);
    expect(flag(list, "pluginStepMadeAsynchronous")?.components[0].step).toEqual(
      expect.objectContaining({ synchronous: false, filteringAttributesAdded: ["p365i_tax"] }),
    );
  });
});
