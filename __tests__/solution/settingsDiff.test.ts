import { describe, expect, it } from "@jest/globals";
import { parseDeploymentSettings, type DeploymentSettings } from "../../ApprovalPanel/domain/deploymentSettings";
import { diffDeploymentSettings } from "../../ApprovalPanel/solution/settingsDiff";

const OUTLOOK = "/providers/Microsoft.PowerApps/apis/shared_office365";

/** Settings through the panel's own parser, from the JSON a run stores. */
function settings(json: object): DeploymentSettings {
  const parsed = parseDeploymentSettings(JSON.stringify(json));
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.value;
}

const baseline = settings({
  EnvironmentVariables: [
    { SchemaName: "cr_ApiUrl", Value: "https://a.test" },
    { SchemaName: "cr_Retries", Value: "3" },
    { SchemaName: "cr_Old", Value: "x" },
  ],
  ConnectionReferences: [
    { LogicalName: "cr_mail", ConnectionId: "c1", ConnectorId: OUTLOOK },
    { LogicalName: "cr_sql", ConnectionId: "c2", ConnectorId: "/providers/Microsoft.PowerApps/apis/shared_sql" },
  ],
});

describe("diffDeploymentSettings", () => {
  it("lists added, removed and changed values and connections", () => {
    const current = settings({
      EnvironmentVariables: [
        { SchemaName: "cr_ApiUrl", Value: "https://b.test" },
        { SchemaName: "CR_RETRIES", Value: "3" },
        { SchemaName: "cr_New", Value: "" },
      ],
      ConnectionReferences: [
        { LogicalName: "cr_mail", ConnectionId: "c9", ConnectorId: OUTLOOK },
        { LogicalName: "cr_sql", ConnectionId: "C2", ConnectorId: "/providers/microsoft.powerapps/apis/shared_sql" },
        { LogicalName: "cr_teams", ConnectionId: "", ConnectorId: "/providers/Microsoft.PowerApps/apis/shared_teams" },
      ],
    });
    expect(diffDeploymentSettings(baseline, current)).toEqual({
      first: false,
      environmentVariables: {
        added: [{ schemaName: "cr_New", value: "" }],
        removed: [{ schemaName: "cr_Old", value: "x" }],
        changed: [{ baseline: { schemaName: "cr_ApiUrl", value: "https://a.test" }, current: { schemaName: "cr_ApiUrl", value: "https://b.test" } }],
      },
      connectionReferences: {
        added: [{ logicalName: "cr_teams", connectionId: null, connectorId: "/providers/Microsoft.PowerApps/apis/shared_teams" }],
        removed: [],
        changed: [
          {
            baseline: { logicalName: "cr_mail", connectionId: "c1", connectorId: OUTLOOK },
            current: { logicalName: "cr_mail", connectionId: "c9", connectorId: OUTLOOK },
          },
        ],
      },
    });
  });

  it.each([
    ["the same settings", baseline, 0],
    [
      "a value left out where there was one",
      settings({
        EnvironmentVariables: [{ SchemaName: "cr_ApiUrl", Value: "https://a.test" }, { SchemaName: "cr_Retries" }, { SchemaName: "cr_Old", Value: "x" }],
      }),
      1,
    ],
  ])("%s: %s changed values", (_, current, changed) => {
    expect(diffDeploymentSettings(baseline, current).environmentVariables.changed).toHaveLength(changed);
  });

  it("a changed connector counts as a change of the connection reference", () => {
    const current = settings({
      ConnectionReferences: [{ LogicalName: "cr_mail", ConnectionId: "c1", ConnectorId: "/providers/Microsoft.PowerApps/apis/shared_outlook" }],
    });
    expect(diffDeploymentSettings(baseline, current).connectionReferences.changed.map((c) => c.current.logicalName)).toEqual(["cr_mail"]);
  });

  it("first deployment: everything is added", () => {
    const diff = diffDeploymentSettings(null, baseline);
    expect(diff.first).toBe(true);
    expect(diff.environmentVariables.added.map((v) => v.schemaName)).toEqual(["cr_ApiUrl", "cr_Old", "cr_Retries"]);
    expect(diff.connectionReferences.added).toHaveLength(2);
    expect(diff.environmentVariables.removed).toEqual([]);
  });

  it("keeps values as the text they are", () => {
    const current = settings({ EnvironmentVariables: [{ SchemaName: "cr_Html", Value: "<img src=x onerror=alert(1)>" }] });
    expect(diffDeploymentSettings(null, current).environmentVariables.added).toEqual([{ schemaName: "cr_Html", value: "<img src=x onerror=alert(1)>" }]);
  });
});
