/**
 * @jest-environment node
 */
import { webcrypto } from "node:crypto";
import { reviewFingerprint, reviewText, type ReviewInput } from "../../ApprovalPanel/domain/fingerprint";
import { sortedJson } from "../../ApprovalPanel/domain/json";

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const input: ReviewInput = {
  runId: "F0000000-0000-4000-8000-000000000001",
  artifactVersion: "1.4.2.0",
  deploymentSettingsJson: '{"EnvironmentVariables":[{"SchemaName":"x","Value":"1"}]}',
  validationResults: '{"ValidationStatus":"Succeeded"}',
  changes: null,
};

describe("review fingerprint", () => {
  it("is SHA-256 of the canonical text: 64 hex digits, stable for the same inputs", async () => {
    const a = await reviewFingerprint(input, subtle);
    const b = await reviewFingerprint({ ...input }, subtle);
    expect(a?.value).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(b?.value).toBe(a?.value);
    expect(a?.parts).toEqual(["run", "version", "settings", "validation"]);
  });

  it("matches an independent SHA-256 of the same text", async () => {
    const { createHash } = await import("node:crypto");
    const expected = createHash("sha256").update(reviewText(input).text).digest("hex");
    expect((await reviewFingerprint(input, subtle))?.value).toBe(`sha256:${expected}`);
  });

  it("changes when the deployment settings change, or the version, or the changes summary is added", async () => {
    const base = (await reviewFingerprint(input, subtle))?.value;
    const settings = (await reviewFingerprint({ ...input, deploymentSettingsJson: '{"EnvironmentVariables":[{"SchemaName":"x","Value":"2"}]}' }, subtle))
      ?.value;
    const version = (await reviewFingerprint({ ...input, artifactVersion: "1.4.2.1" }, subtle))?.value;
    const withChanges = await reviewFingerprint({ ...input, changes: { risks: ["columnRemoved"], counts: { tables: [0, 1, 0] } } }, subtle);
    expect(new Set([base, settings, version, withChanges?.value]).size).toBe(4);
    expect(withChanges?.parts).toContain("changes");
  });

  it("covers the whole comparison, not only its summary: the same counts with another changed component differ", async () => {
    const summary = { risks: [], counts: { columns: [0, 0, 1] } };
    const a = await reviewFingerprint({ ...input, changes: summary, comparison: '{"kinds":{"columns":{"changed":[["t.a","f1","f2"]]}}}' }, subtle);
    const b = await reviewFingerprint({ ...input, changes: summary, comparison: '{"kinds":{"columns":{"changed":[["t.b","f1","f3"]]}}}' }, subtle);
    const summaryOnly = await reviewFingerprint({ ...input, changes: summary }, subtle);
    expect(new Set([a?.value, b?.value, summaryOnly?.value]).size).toBe(3);
    expect(a?.parts).toEqual(["run", "version", "settings", "validation", "changes"]);
    // Not shown, not hashed: a comparison without the approver having opened What changes counts for nothing.
    expect((await reviewFingerprint({ ...input, comparison: "x" }, subtle))?.value).toBe((await reviewFingerprint(input, subtle))?.value);
  });

  it("does not depend on the run id's case or the changes summary's key order", async () => {
    const a = await reviewFingerprint({ ...input, changes: { a: 1, b: { c: 2, d: 3 } } }, subtle);
    const b = await reviewFingerprint({ ...input, runId: input.runId.toLowerCase(), changes: { b: { d: 3, c: 2 }, a: 1 } }, subtle);
    expect(b?.value).toBe(a?.value);
  });

  it("without Web Crypto there is no fingerprint (and no failure)", async () => {
    expect(await reviewFingerprint(input, null)).toBeNull();
  });

  it("sortedJson sorts keys at every level and keeps arrays in order", () => {
    expect(sortedJson({ b: [2, { z: 1, y: 2 }], a: null })).toBe('{"a":null,"b":[2,{"y":2,"z":1}]}');
  });
});
