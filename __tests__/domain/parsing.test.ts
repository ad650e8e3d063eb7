import { describe, expect, it } from "@jest/globals";
import { parseDeploymentSettings } from "../../ApprovalPanel/domain/deploymentSettings";
import { parseValidationResults } from "../../ApprovalPanel/domain/validationResults";

const settings = {
  EnvironmentVariables: [
    { SchemaName: "cr_ApiUrl", Value: "https://api.contoso.test" },
    { SchemaName: "cr_Retries", Value: "" },
  ],
  ConnectionReferences: [
    {
      LogicalName: "cr_sharedoffice365",
      ConnectionId: "4445162937b84457a3465d2f0c2cab7e",
      ConnectorId: "/providers/Microsoft.PowerApps/apis/shared_office365",
    },
  ],
};

describe("parseDeploymentSettings", () => {
  it("reads environment variables and connection references", () => {
    expect(parseDeploymentSettings(JSON.stringify(settings))).toEqual({
      ok: true,
      skippedEntries: 0,
      value: {
        environmentVariables: [
          { schemaName: "cr_ApiUrl", value: "https://api.contoso.test" },
          { schemaName: "cr_Retries", value: "" },
        ],
        connectionReferences: [
          {
            logicalName: "cr_sharedoffice365",
            connectionId: "4445162937b84457a3465d2f0c2cab7e",
            connectorId: "/providers/Microsoft.PowerApps/apis/shared_office365",
          },
        ],
      },
    });
  });

  it("matches property names in any casing", () => {
    const text = JSON.stringify({
      environmentVariables: [{ schemaName: "cr_A", value: "1" }],
      connectionreferences: [{ logicalname: "cr_conn", connectionid: "c1", CONNECTORID: "k1" }],
    });
    expect(parseDeploymentSettings(text)).toEqual({
      ok: true,
      skippedEntries: 0,
      value: {
        environmentVariables: [{ schemaName: "cr_A", value: "1" }],
        connectionReferences: [{ logicalName: "cr_conn", connectionId: "c1", connectorId: "k1" }],
      },
    });
  });

  it("treats missing or null arrays as empty", () => {
    expect(parseDeploymentSettings("{}")).toEqual({ ok: true, skippedEntries: 0, value: { environmentVariables: [], connectionReferences: [] } });
    const onlyVariables = parseDeploymentSettings('{"EnvironmentVariables":[{"SchemaName":"cr_A","Value":"x"}],"ConnectionReferences":null}');
    expect(onlyVariables).toEqual({
      ok: true,
      skippedEntries: 0,
      value: { environmentVariables: [{ schemaName: "cr_A", value: "x" }], connectionReferences: [] },
    });
  });

  it("skips and counts entries of the wrong type, keeping the good ones", () => {
    const text = JSON.stringify({
      EnvironmentVariables: ["cr_A", null, 42, [], { Value: "no name" }, { SchemaName: "" }, { SchemaName: 7 }, { SchemaName: "cr_Good", Value: "ok" }],
      ConnectionReferences: [{ ConnectionId: "no logical name" }, { LogicalName: "cr_ok" }],
    });
    const result = parseDeploymentSettings(text);
    expect(result).toEqual({
      ok: true,
      skippedEntries: 8,
      value: {
        environmentVariables: [{ schemaName: "cr_Good", value: "ok" }],
        connectionReferences: [{ logicalName: "cr_ok", connectionId: null, connectorId: null }],
      },
    });
  });

  it("counts a section that is not an array as skipped instead of failing the whole file", () => {
    const result = parseDeploymentSettings('{"EnvironmentVariables":{"SchemaName":"cr_A"},"ConnectionReferences":[{"LogicalName":"cr_c"}]}');
    expect(result).toMatchObject({ ok: true, skippedEntries: 1 });
    if (result.ok) expect(result.value.connectionReferences).toHaveLength(1);
  });

  it("turns values that are not strings into text", () => {
    const text = JSON.stringify({
      EnvironmentVariables: [
        { SchemaName: "cr_Num", Value: 3 },
        { SchemaName: "cr_Bool", Value: true },
        { SchemaName: "cr_Json", Value: { a: [1, 2] } },
        { SchemaName: "cr_Null", Value: null },
        { SchemaName: "cr_Missing" },
      ],
    });
    const result = parseDeploymentSettings(text);
    expect(result.ok && result.value.environmentVariables).toEqual([
      { schemaName: "cr_Num", value: "3" },
      { schemaName: "cr_Bool", value: "true" },
      { schemaName: "cr_Json", value: '{"a":[1,2]}' },
      { schemaName: "cr_Null", value: null },
      { schemaName: "cr_Missing", value: null },
    ]);
  });

  it("reads an empty connection id as not set", () => {
    const result = parseDeploymentSettings('{"ConnectionReferences":[{"LogicalName":"cr_c","ConnectionId":"","ConnectorId":" "}]}');
    expect(result.ok && result.value.connectionReferences).toEqual([{ logicalName: "cr_c", connectionId: null, connectorId: null }]);
  });

  it("decodes JSON encoded twice", () => {
    const result = parseDeploymentSettings(JSON.stringify(JSON.stringify(settings)));
    expect(result.ok && result.value.environmentVariables.map((v) => v.schemaName)).toEqual(["cr_ApiUrl", "cr_Retries"]);
  });

  it("tolerates a byte order mark and surrounding whitespace", () => {
    expect(parseDeploymentSettings(`\uFEFF  ${JSON.stringify(settings)}\n`).ok).toBe(true);
  });

  it.each([null, undefined, "", "   \n", '""', "null"])("reports %p as empty", (text) => {
    expect(parseDeploymentSettings(text)).toEqual({ ok: false, problem: "empty", detail: null });
  });

  it("reports invalid JSON with the parser's message", () => {
    const result = parseDeploymentSettings('{"EnvironmentVariables": [');
    expect(result).toMatchObject({ ok: false, problem: "invalidJson" });
    expect(!result.ok && typeof result.detail).toBe("string");
  });

  it("reports a double-encoded string whose content is broken as invalid JSON", () => {
    expect(parseDeploymentSettings(JSON.stringify('{"EnvironmentVariables": ['))).toMatchObject({ ok: false, problem: "invalidJson" });
  });

  it.each([
    ["[1,2]", "array"],
    ["42", "number"],
    ["true", "boolean"],
    ['"just text"', "string"],
  ])("reports top-level %s as the wrong shape", (text, shape) => {
    expect(parseDeploymentSettings(text)).toEqual({ ok: false, problem: "wrongShape", detail: shape });
  });
});

const validation = {
  ValidationStatus: "Failed",
  SolutionValidationResults: [
    {
      SolutionValidationResultType: "Error",
      Message: "The solution is already installed as unmanaged but this package is managed.",
      ErrorCode: -2147188672,
      AdditionalInfo: null,
    },
    { SolutionValidationResultType: "Warning", Message: "Plugin step will be disabled.", ErrorCode: "0x80048033" },
  ],
  SolutionDetails: { SolutionUniqueName: "ContosoCore", SolutionVersion: "1.0.0.3", IsManaged: true },
  MissingDependencies: ["cr_table (Entity)"],
};

describe("parseValidationResults", () => {
  it("reads status, messages and missing dependencies", () => {
    expect(parseValidationResults(JSON.stringify(validation))).toEqual({
      ok: true,
      skippedEntries: 0,
      value: {
        status: "Failed",
        messages: [
          { type: "Error", message: "The solution is already installed as unmanaged but this package is managed.", errorCode: "-2147188672" },
          { type: "Warning", message: "Plugin step will be disabled.", errorCode: "0x80048033" },
        ],
        missingDependencies: ["cr_table (Entity)"],
      },
    });
  });

  it("unwraps JSON encoded twice, as the host stores it", () => {
    const twice = JSON.stringify(JSON.stringify(validation));
    const result = parseValidationResults(twice);
    expect(result.ok && result.value.status).toBe("Failed");
    expect(result.ok && result.value.messages).toHaveLength(2);
  });

  it("unwraps up to three levels of encoding and no more", () => {
    const thrice = JSON.stringify(JSON.stringify(JSON.stringify(validation)));
    expect(parseValidationResults(thrice).ok).toBe(true);
    const fourTimes = JSON.stringify(thrice);
    expect(parseValidationResults(fourTimes)).toMatchObject({ ok: false, problem: "wrongShape", detail: "string" });
  });

  it("names the numeric result types of the SDK enum", () => {
    const text = JSON.stringify({
      SolutionValidationResults: [
        { SolutionValidationResultType: 0, Message: "i" },
        { SolutionValidationResultType: 1, Message: "w" },
        { SolutionValidationResultType: 2, Message: "e" },
        { SolutionValidationResultType: 9, Message: "x" },
        { Message: "no type" },
      ],
    });
    const result = parseValidationResults(text);
    expect(result.ok && result.value.messages.map((m) => m.type)).toEqual(["Info", "Warning", "Error", "9", null]);
  });

  it("treats missing sections as empty and a numeric status as text", () => {
    expect(parseValidationResults('{"ValidationStatus":2}')).toEqual({
      ok: true,
      skippedEntries: 0,
      value: { status: "2", messages: [], missingDependencies: [] },
    });
    expect(parseValidationResults("{}")).toEqual({ ok: true, skippedEntries: 0, value: { status: null, messages: [], missingDependencies: [] } });
  });

  it("matches property names in any casing", () => {
    const text = JSON.stringify({
      validationStatus: "Succeeded",
      solutionValidationResults: [{ solutionValidationResultType: "Info", message: "m", errorCode: 1 }],
      missingdependencies: ["x"],
    });
    expect(parseValidationResults(text)).toEqual({
      ok: true,
      skippedEntries: 0,
      value: { status: "Succeeded", messages: [{ type: "Info", message: "m", errorCode: "1" }], missingDependencies: ["x"] },
    });
  });

  it("skips and counts results that are not objects or carry neither message nor code", () => {
    const text = JSON.stringify({
      SolutionValidationResults: ["text", null, 5, { SolutionValidationResultType: "Error" }, { ErrorCode: -1 }, { Message: "kept" }],
      MissingDependencies: [null, "", {}, "kept"],
    });
    const result = parseValidationResults(text);
    expect(result).toEqual({
      ok: true,
      skippedEntries: 7,
      value: {
        status: null,
        messages: [
          { type: null, message: "", errorCode: "-1" },
          { type: null, message: "kept", errorCode: null },
        ],
        missingDependencies: ["kept"],
      },
    });
  });

  it("makes one readable line from a Dataverse missing dependency object", () => {
    const text = JSON.stringify({
      MissingDependencies: [
        {
          RequiredComponentSchemaName: "cr_region",
          RequiredComponentDisplayName: "Region",
          RequiredComponentParentSchemaName: "account",
          RequiredComponentParentDisplayName: "Account",
          RequiredComponentType: "Attribute",
          DependentComponentDisplayName: "Account main form",
          DependentComponentType: "SystemForm",
        },
        { RequiredComponentSchemaName: "cr_only_schema" },
      ],
    });
    const result = parseValidationResults(text);
    expect(result.ok && result.value.missingDependencies).toEqual(["Account › Region (Attribute) ← Account main form", "cr_only_schema"]);
  });

  it("prefers display name, then schema name, then name for other objects, else shows compact JSON", () => {
    const text = JSON.stringify({
      MissingDependencies: [
        { schemaName: "cr_b", displayName: "B", name: "b" },
        { SchemaName: "cr_c", Name: "c" },
        { name: "d" },
        { Required: { type: "msdyn_MRFolder", displayName: "Folder" } },
        { key: 1, type: "msdyn_MRFolder" },
      ],
    });
    const result = parseValidationResults(text);
    expect(result.ok && result.value.missingDependencies).toEqual(["B", "cr_c", "d", "Folder", '{"key":1,"type":"msdyn_MRFolder"}']);
  });

  it("survives 200 levels of nesting inside a dependency without recursing through them", () => {
    let nested: unknown = "deep";
    for (let i = 0; i < 200; i++) nested = { inner: nested };
    const result = parseValidationResults(JSON.stringify({ MissingDependencies: [nested] }));
    expect(result.ok).toBe(true);
    const line = result.ok ? result.value.missingDependencies[0] : "";
    expect(line.startsWith('{"inner":{"inner":')).toBe(true);
    expect(line.length).toBeLessThanOrEqual(300);
  });

  it("survives very deep nesting (100 000 levels) in any section", () => {
    const depth = 100000;
    const deepObject = '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
    const deepArray = "[".repeat(depth) + "]".repeat(depth);
    const text = `{"ValidationStatus":"Failed","MissingDependencies":[${deepObject}, ${deepArray}],"SolutionDetails":${deepArray}}`;
    const result = parseValidationResults(text);
    // Either the engine's parser refuses the depth (invalidJson) or the parse succeeds and the traversal is bounded.
    if (result.ok) {
      expect(result.value.status).toBe("Failed");
      expect(result.value.missingDependencies).toHaveLength(1);
      expect(result.value.missingDependencies[0].startsWith('{"a":{"a":')).toBe(true);
      expect(result.value.missingDependencies[0].length).toBeLessThanOrEqual(300);
      expect(result.skippedEntries).toBe(1); // the bare array is not a dependency
    } else {
      expect(result.problem).toBe("invalidJson");
    }
  });

  it("keeps a long value short in one line", () => {
    const result = parseValidationResults(JSON.stringify({ MissingDependencies: [{ blob: "x".repeat(5000) }] }));
    expect(result.ok && result.value.missingDependencies[0].length).toBe(300);
    expect(result.ok && result.value.missingDependencies[0].endsWith("…")).toBe(true);
  });

  it.each([null, undefined, "", "  ", '""', JSON.stringify(JSON.stringify(""))])("reports %p as empty", (text) => {
    expect(parseValidationResults(text)).toEqual({ ok: false, problem: "empty", detail: null });
  });

  it("reports invalid JSON", () => {
    expect(parseValidationResults("{ValidationStatus: Failed}")).toMatchObject({ ok: false, problem: "invalidJson" });
    expect(parseValidationResults(JSON.stringify("{not json"))).toMatchObject({ ok: false, problem: "invalidJson" });
  });

  it.each([
    ["[]", "array"],
    ["3", "number"],
    ['"Failed"', "string"],
  ])("reports top-level %s as the wrong shape", (text, shape) => {
    expect(parseValidationResults(text)).toEqual({ ok: false, problem: "wrongShape", detail: shape });
  });
});
