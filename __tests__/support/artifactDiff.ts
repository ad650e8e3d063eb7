/**
 * What the artifact-diff runner's and hook's tests share: a stand-in for the zip reader (which needs
 * DecompressionStream and DOMParser's XML; the comparison itself is tested in solution/), the two runs and their files.
 * Here: what is compared. startComparison hands what it was given to compareArtifacts, so the tests see which zips
 * are compared. Use it as `jest.mock(".../solution/fromZip", () => jest.requireActual<...>("../support/artifactDiff").fakeFromZip())`.
 */
import { jest } from "@jest/globals";
import type { PipelinesRepository } from "../../ApprovalPanel/data/PipelinesRepository";
import type { ArtifactFile } from "../../ApprovalPanel/data/artifactFiles";
import type { ArtifactComparison } from "../../ApprovalPanel/solution/fromZip";
import { createFakeRepository, FAKE, fakeRun } from "./fakeRepository";

type FakeFromZip = {
  compareArtifacts: jest.Mock<(...args: unknown[]) => Promise<unknown>>;
  startComparison: jest.Mock<() => unknown>;
};

/** The zip reader's module as the tests mock it. */
export function fakeFromZip(): FakeFromZip {
  const compareArtifacts = jest.fn<(...args: unknown[]) => Promise<unknown>>();
  const startComparison = jest.fn(() => {
    const zips: Record<string, Uint8Array> = {};
    const read = jest.fn((side: string, zip: Uint8Array) => void (zips[side] = zip));
    return { read, finish: () => compareArtifacts(zips.baseline ?? null, zips.current) };
  });
  return { compareArtifacts, startComparison };
}

/** The mocked zip reader the code under test sees (the test file must have mocked it with fakeFromZip). */
export function mockedFromZip(): FakeFromZip {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("../../ApprovalPanel/solution/fromZip") as FakeFromZip;
}

export const COMPARISON = { diff: { first: false }, risks: [], baseline: null, current: { version: "1.0.0.5" } } as unknown as ArtifactComparison;
export const bytesOf = (...values: number[]): ArtifactFile => ({ bytes: new Uint8Array(values), fileName: "s.zip", size: values.length });

export const current = fakeRun(FAKE.runA, { artifact: { id: "art-current", name: "ContosoExpenses 1.0.0.5" } });
export const baseline = fakeRun(FAKE.runB, { artifactVersion: "1.0.0.4", artifact: { id: "art-baseline", name: "ContosoExpenses 1.0.0.4" } });

export type Download = PipelinesRepository["downloadArtifact"];

export function repoWith(download: Download): PipelinesRepository {
  return createFakeRepository({ downloadArtifact: download }).repo;
}

/** Before each test: no comparison made yet, and the next one answers COMPARISON. */
export function resetComparisons(): void {
  const { compareArtifacts, startComparison } = mockedFromZip();
  compareArtifacts.mockReset();
  startComparison.mockClear();
  compareArtifacts.mockResolvedValue({ ok: true, value: COMPARISON });
}
