import { describe, expect, it } from "@jest/globals";
import { computeChecks, newerRunsOf, nothingToWarn } from "../../ApprovalPanel/domain/checks";
import type { CheckInput, CheckSource, HistoryFacts } from "../../ApprovalPanel/domain/checkTypes";
import type { StageRun } from "../../ApprovalPanel/domain/types";
import { makeRun, makeStage } from "./fixtures";

const PROD = { id: "dddddddd-4444-4444-8444-000000000002", name: "Production" };
const TEST = { id: "dddddddd-4444-4444-8444-000000000001", name: "Test" };
const SUCCEEDED = { value: 200000002, label: "Succeeded" };
const FAILED = { value: 200000003, label: "Failed" };
const PENDING = { value: 200000005, label: "Pending Approval" };
const NOW = Date.parse("2024-05-01T12:00:00Z");

let counter = 0;
/** A run of ContosoCore; `hoursAfter` is relative to the run under review (requested 2024-05-01T10:00Z). */
function other(version: string, hoursAfter: number, fields: Partial<StageRun> = {}): StageRun {
  counter++;
  const on = new Date(Date.parse("2024-05-01T10:00:00Z") + hoursAfter * 3600_000).toISOString();
  return makeRun({
    id: `cccccccc-3333-4333-8333-${counter.toString(16).padStart(12, "0")}`,
    artifactVersion: version,
    stage: PROD,
    requestedOn: on,
    ...fields,
  });
}

const THIS = makeRun({ stage: PROD, artifactVersion: "1.4.2.0", artifactDevCurrentVersion: "1.4.2.0" });
const stage = makeStage({ id: PROD.id, name: "Production", previousStage: TEST });
const ready = <T>(value: T): CheckSource<T> => ({ status: "ready", value });
const page = (rows: StageRun[], complete = true, coversPipeline = true): CheckSource<HistoryFacts> => ready({ rows, complete, coversPipeline });
const testedInTest = other("1.4.2.0", -20, { stage: TEST, stageRunStatus: SUCCEEDED, endTime: "2024-04-30T14:30:00Z" });
const lastProd = other("1.4.1.0", -48, { stageRunStatus: SUCCEEDED, endTime: "2024-04-29T11:00:00Z" });

function input(overrides: Partial<CheckInput> = {}): CheckInput {
  return {
    run: THIS,
    stage,
    history: page([THIS, testedInTest, lastProd]),
    lastDeployment: ready(lastProd),
    now: NOW,
    ...overrides,
  };
}

const keysOf = (i: CheckInput) => computeChecks(i).checks.map((c) => `${c.severity}:${c.message.key}`);

describe("computeChecks: a request with nothing wrong", () => {
  it("says so, with the facts that make it fine", () => {
    const result = computeChecks(input());
    expect(result.checks.map((c) => `${c.severity}:${c.message.key}`)).toEqual([
      "info:targetLast",
      "info:validationNotRun",
      "ok:supersededNone",
      "ok:previousSucceeded",
    ]);
    expect(nothingToWarn(result)).toBe(true);
    const target = result.checks.find((c) => c.id === "target");
    expect(target?.message).toMatchObject({ deployed: { version: "1.4.1.0", on: "2024-04-29T11:00:00Z" } });
  });
});

describe("superseded", () => {
  it("names the newest pending request and how many there are (info)", () => {
    const newer = [other("1.4.2.2", 3), other("1.4.2.1", 1)];
    const result = computeChecks(input({ history: page([...newer, THIS, testedInTest, lastProd]) }));
    const check = result.checks.find((c) => c.id === "superseded");
    expect(check).toMatchObject({ severity: "info", message: { key: "supersededPending", count: 2, newest: { id: newer[0].id, version: "1.4.2.2" } } });
    expect(check?.target).toEqual({ kind: "run", run: expect.objectContaining({ id: newer[0].id }) });
  });

  it("warns when a newer request already succeeded in this stage, and still names the newer ones that wait", () => {
    const done = other("1.4.3.0", 5, { stageRunStatus: SUCCEEDED, endTime: "2024-05-01T15:10:00Z" });
    const waitingNewest = other("1.4.3.2", 7);
    const result = computeChecks(input({ history: page([waitingNewest, other("1.4.3.1", 6), done, THIS, lastProd]) }));
    expect(result.checks[0]).toMatchObject({
      id: "superseded",
      severity: "warning",
      message: {
        key: "supersededSucceeded",
        newest: { version: "1.4.3.0", on: "2024-05-01T15:10:00Z" },
        waiting: { count: 2, newest: { id: waitingNewest.id, version: "1.4.3.2" } },
      },
    });
  });

  it("a newer request deployed and none waiting: nothing more to name", () => {
    const done = other("1.4.3.0", 5, { stageRunStatus: SUCCEEDED, endTime: "2024-05-01T15:10:00Z" });
    const result = computeChecks(input({ history: page([done, THIS, lastProd]) }));
    expect(result.checks[0].message).toEqual({ key: "supersededSucceeded", newest: expect.objectContaining({ version: "1.4.3.0" }), waiting: null });
  });

  it("ignores newer runs of other stages, other solutions, and runs that failed or were rejected", () => {
    const rows = [
      other("1.4.2.5", 4, { stage: TEST }),
      other("9.0.0.0", 4, { artifactName: "OtherSolution" }),
      other("1.4.2.4", 3, { stageRunStatus: FAILED }),
      other("1.4.2.3", 2, { approvalStatus: { value: 30, label: "Rejected" } }),
      THIS,
    ];
    expect(computeChecks(input({ history: page(rows) })).checks.find((c) => c.id === "superseded")?.message.key).toBe("supersededNone");
  });

  it("says 'more than N' when the first page does not reach back to this run", () => {
    const rows = [other("1.5.0.2", 9, { stageRunStatus: PENDING }), other("1.5.0.1", 8)];
    const check = computeChecks(input({ history: page(rows, false) })).checks.find((c) => c.id === "superseded");
    expect(check?.message).toMatchObject({ key: "supersededMoreThan", count: 2 });
  });

  it("says it could not look when the history failed, and waits while it loads", () => {
    expect(keysOf(input({ history: { status: "error" } }))).toContain("info:historyUnavailable");
    const loading = computeChecks(input({ history: { status: "loading" } }));
    expect(loading.waiting).toBe(true);
    expect(loading.checks.map((c) => c.id)).not.toContain("superseded");
    expect(nothingToWarn(loading)).toBe(false);
  });

  it("reports newer runs by request time, whatever their version", () => {
    const result = newerRunsOf(THIS, { rows: [other("1.0.0.0", 1), THIS], complete: false, coversPipeline: true });
    expect(result.pending.map((r) => r.artifactVersion)).toEqual(["1.0.0.0"]);
    expect(result.reachedBack).toBe(true);
  });
});

describe("not newer than the target", () => {
  it.each([
    ["1.4.3.0", "targetOlder", "warning"],
    ["1.4.2.0", "targetSame", "warning"],
    ["1.4.10.0", "targetOlder", "warning"],
    ["1.4.1.10", "targetLast", "info"],
    ["garbage", "targetLast", "info"],
  ])("deployed %s → %s (%s)", (deployedVersion, key, severity) => {
    const deployed = other(deployedVersion, -30, { stageRunStatus: SUCCEEDED });
    const check = computeChecks(input({ lastDeployment: ready(deployed), history: page([THIS]) })).checks.find((c) => c.id === "target");
    expect(check).toMatchObject({ severity, message: { key } });
  });

  it("compares with a newer run that already succeeded, since that is what the target holds now", () => {
    const done = other("1.4.3.0", 5, { stageRunStatus: SUCCEEDED });
    const check = computeChecks(input({ lastDeployment: ready(done), history: page([done, THIS]) })).checks.find((c) => c.id === "target");
    expect(check?.message).toMatchObject({ key: "targetOlder", version: "1.4.2.0", deployed: { version: "1.4.3.0" } });
  });

  it("a newer success on the history page stands in when the last deployment read found none", () => {
    const done = other("1.4.3.0", 5, { stageRunStatus: SUCCEEDED });
    const check = computeChecks(input({ lastDeployment: ready(null), history: page([done, THIS]) })).checks.find((c) => c.id === "target");
    expect(check?.message).toMatchObject({ key: "targetOlder", deployed: { version: "1.4.3.0" } });
  });

  it("the last deployment read wins over an older success on the history page: the stage holds what deployed last", () => {
    // A newer request succeeded, then an older one was approved and deployed over it.
    const newerRequest = other("1.4.3.0", 5, { stageRunStatus: SUCCEEDED });
    const deployedLast = other("1.4.1.0", -30, { stageRunStatus: SUCCEEDED });
    const check = computeChecks(input({ lastDeployment: ready(deployedLast), history: page([newerRequest, THIS]) })).checks.find((c) => c.id === "target");
    expect(check?.message).toMatchObject({ key: "targetLast", deployed: { version: "1.4.1.0" } });
  });

  it("says first deployment when no run succeeded in this stage before", () => {
    expect(keysOf(input({ lastDeployment: ready(null) }))).toContain("info:targetFirst");
  });

  it("says it could not read the last deployment when that query failed", () => {
    expect(keysOf(input({ lastDeployment: { status: "error" } }))).toContain("info:targetUnavailable");
  });
});

describe("source has moved on", () => {
  it("notes a newer version in the source environment", () => {
    const check = computeChecks(input({ run: { ...THIS, artifactDevCurrentVersion: "1.4.3.0" } })).checks.find((c) => c.id === "source");
    expect(check).toMatchObject({ severity: "info", message: { key: "sourceMovedOn", sourceVersion: "1.4.3.0", version: "1.4.2.0" } });
  });

  it.each([["1.4.2.0"], ["1.4.1.9"], ["not a version"]])("says nothing for %s", (source) => {
    expect(computeChecks(input({ run: { ...THIS, artifactDevCurrentVersion: source } })).checks.map((c) => c.id)).not.toContain("source");
  });
});

describe("previous stage", () => {
  it("warns when this version never succeeded in the previous stage (whole history read)", () => {
    const check = computeChecks(input({ history: page([THIS, lastProd]) })).checks.find((c) => c.id === "previousStage");
    expect(check).toMatchObject({ severity: "warning", message: { key: "previousNever", version: "1.4.2.0", previousStage: "Test" } });
  });

  it("does not claim 'never' when only part of the history was read", () => {
    const check = computeChecks(input({ history: page([THIS, lastProd], false) })).checks.find((c) => c.id === "previousStage");
    expect(check).toMatchObject({ severity: "info", message: { key: "previousNotFound", count: 2 } });
  });

  it("counts a failed run in the previous stage as not succeeded", () => {
    const failed = other("1.4.2.0", -20, { stage: TEST, stageRunStatus: FAILED });
    expect(keysOf(input({ history: page([THIS, failed]) }))).toContain("warning:previousNever");
  });

  it("says it cannot check when the history shows only this stage", () => {
    expect(keysOf(input({ history: page([THIS], true, false) }))).toContain("info:previousUnavailable");
  });

  it("has nothing to say for a first stage", () => {
    expect(computeChecks(input({ stage: makeStage({ previousStage: null }) })).checks.map((c) => c.id)).not.toContain("previousStage");
  });
});

describe("settings", () => {
  const settings = (value: object) => JSON.stringify(value);

  it("names connection references without a connection and variables without a value", () => {
    const run = {
      ...THIS,
      deploymentSettingsJson: settings({
        EnvironmentVariables: [
          { SchemaName: "a_Url", Value: "https://x" },
          { SchemaName: "a_Flags", Value: "" },
          { SchemaName: "a_Null", Value: null },
        ],
        ConnectionReferences: [
          { LogicalName: "a_sp", ConnectionId: null, ConnectorId: "x" },
          { LogicalName: "a_ok", ConnectionId: "123", ConnectorId: "x" },
        ],
      }),
    };
    const checks = computeChecks(input({ run })).checks;
    expect(checks.find((c) => c.id === "connections")).toMatchObject({
      severity: "warning",
      message: { names: ["a_sp"] },
      target: { kind: "section", section: "settings" },
    });
    expect(checks.find((c) => c.id === "variables")).toMatchObject({ severity: "warning", message: { names: ["a_Flags", "a_Null"] } });
  });

  it("warns that unreadable settings could not be checked, and says nothing without settings", () => {
    expect(keysOf(input({ run: { ...THIS, deploymentSettingsJson: "{not json" } }))).toContain("warning:settingsUnreadable");
    expect(
      computeChecks(input())
        .checks.map((c) => c.id)
        .filter((id) => id === "settings" || id === "connections"),
    ).toEqual([]);
  });
});

describe("validation", () => {
  const results = (types: string[], status = "Succeeded") =>
    JSON.stringify({ ValidationStatus: status, SolutionValidationResults: types.map((t) => ({ SolutionValidationResultType: t, Message: `${t} message` })) });

  it.each([
    [results(["Error", "Warning", "Error"], "Failed"), "blocker:validationErrors"],
    [results([], "Failed"), "blocker:validationFailed"],
    [results(["Warning", "Info"]), "warning:validationWarnings"],
    [results(["Info"]), "ok:validationPassed"],
    [JSON.stringify(results(["Warning"])), "warning:validationWarnings"],
    ["Validation finished with warnings.", "warning:validationUnreadable"],
    [null, "info:validationNotRun"],
  ])("%s → %s", (text, expected) => {
    expect(keysOf(input({ run: { ...THIS, validationResults: text } }))).toContain(expected);
  });

  it("counts errors and warnings, and puts errors first", () => {
    const result = computeChecks(input({ run: { ...THIS, validationResults: results(["Error", "Warning", "Error"], "Failed") } }));
    expect(result.checks[0]).toMatchObject({ severity: "blocker", message: { key: "validationErrors", errors: 2, warnings: 1 } });
    expect(nothingToWarn(result)).toBe(false);
  });
});

describe("waiting long", () => {
  it("notes a pending request older than 7 days, in whole days", () => {
    const now = Date.parse("2024-05-10T11:00:00Z");
    expect(computeChecks(input({ now })).checks.find((c) => c.id === "waiting")?.message).toEqual({ key: "waitingLong", days: 9 });
  });

  it("says nothing at 7 days or for a decided run", () => {
    expect(computeChecks(input({ now: Date.parse("2024-05-08T09:00:00Z") })).checks.map((c) => c.id)).not.toContain("waiting");
    const decided = { ...THIS, approvalStatus: { value: 20, label: "Approved" } };
    expect(computeChecks(input({ run: decided, now: Date.parse("2024-06-01T00:00:00Z") })).checks.map((c) => c.id)).not.toContain("waiting");
  });

  it("uses the run's own state when the host has no approval column", () => {
    const { approvalStatus: _omit, ...legacy } = THIS;
    void _omit;
    expect(computeChecks(input({ run: legacy, now: Date.parse("2024-06-01T00:00:00Z") })).checks.map((c) => c.id)).toContain("waiting");
  });
});

describe("expiry under the stage's policy", () => {
  const expiry = (expiresAt: string | null | undefined, overrides: Partial<CheckInput> = {}) =>
    computeChecks(input({ expiresAt, ...overrides })).checks.filter((c) => c.id === "expiry");

  it("is the first blocker once the expiry has passed, and the panel no longer says nothing is wrong", () => {
    const result = computeChecks(input({ expiresAt: "2024-05-01T11:59:59.000Z", run: { ...THIS, validationResults: null } }));
    expect(result.checks[0]).toEqual({ id: "expiry", severity: "blocker", message: { key: "expired", at: "2024-05-01T11:59:59.000Z" } });
    expect(nothingToWarn(result)).toBe(false);
  });

  it("comes before a validation blocker", () => {
    const failed = JSON.stringify({ ValidationStatus: "Failed", SolutionValidationResults: [{ SolutionValidationResultType: "Error", Message: "x" }] });
    const ids = computeChecks(input({ expiresAt: "2024-05-01T00:00:00.000Z", run: { ...THIS, validationResults: failed } }))
      .checks.filter((c) => c.severity === "blocker")
      .map((c) => c.id);
    expect(ids[0]).toBe("expiry");
  });

  it("expires at the very moment, not a millisecond later", () => {
    expect(expiry(new Date(NOW).toISOString())[0]?.severity).toBe("blocker");
    expect(expiry(new Date(NOW + 1).toISOString())[0]?.severity).toBe("info");
  });

  it("states when the request will expire while it still can be approved", () => {
    expect(expiry("2024-05-03T10:00:00.000Z")).toEqual([{ id: "expiry", severity: "info", message: { key: "expiresOn", at: "2024-05-03T10:00:00.000Z" } }]);
    expect(nothingToWarn(computeChecks(input({ expiresAt: "2024-05-03T10:00:00.000Z" })))).toBe(true);
  });

  it.each([
    ["no policy expiry", null],
    ["not given", undefined],
    ["a garbage date", "not a date"],
  ])("says nothing with %s", (_name, value) => {
    expect(expiry(value)).toEqual([]);
  });

  it("says nothing for a decided request, however old", () => {
    const decided = { ...THIS, approvalStatus: { value: 20, label: "Approved" } };
    expect(expiry("2024-04-01T00:00:00.000Z", { run: decided })).toEqual([]);
  });
});
