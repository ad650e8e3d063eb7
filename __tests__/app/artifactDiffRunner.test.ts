import { beforeEach, describe, expect, it, jest } from "@jest/globals";
import type { ArtifactFile, DownloadOptions } from "../../ApprovalPanel/data/artifactFiles";
import type { Result } from "../../ApprovalPanel/domain/types";
import { clearArtifactDiffCache, runArtifactDiff, type ArtifactDiffProgress } from "../../ApprovalPanel/app/artifactDiffRunner";
import { baseline, bytesOf, COMPARISON, current, type Download, mockedFromZip, repoWith, resetComparisons } from "../support/artifactDiff";
import { deferred, FAKE, fakeRun } from "../support/fakeRepository";

jest.mock("../../ApprovalPanel/solution/fromZip", () => jest.requireActual<typeof import("../support/artifactDiff")>("../support/artifactDiff").fakeFromZip());
const { compareArtifacts, startComparison } = mockedFromZip();
/** The sides a comparison was given to read, in order, with their bytes. */
const readsOf = (comparison: { read: unknown }): [string, number[]][] =>
  (comparison.read as jest.Mock<(side: string, zip: Uint8Array) => void>).mock.calls.map(([side, zip]) => [side, [...zip]]);

beforeEach(() => {
  clearArtifactDiffCache();
  resetComparisons();
});

describe("runArtifactDiff", () => {
  it("downloads both files, reports progress that adds up, then reads and compares them", async () => {
    const download = jest.fn<Download>(async (id, options?: DownloadOptions) => {
      options?.onProgress?.(2, 4);
      options?.onProgress?.(4, 4);
      return { ok: true, value: id === "art-current" ? bytesOf(1, 2, 3, 4) : bytesOf(9, 9, 9, 9) };
    });
    const progress: ArtifactDiffProgress[] = [];
    const result = await runArtifactDiff(repoWith(download), current, baseline, (p) => progress.push(p), new AbortController().signal);
    expect(result).toEqual({ status: "done", comparison: COMPARISON });
    expect(download.mock.calls.map((c) => c[0])).toEqual(["art-current", "art-baseline"]);
    expect(progress).toEqual([
      { status: "downloading", received: 0, total: null },
      { status: "downloading", received: 2, total: 4 },
      { status: "downloading", received: 4, total: 4 },
      { status: "downloading", received: 6, total: 8 },
      { status: "downloading", received: 8, total: 8 },
      { status: "reading" },
    ]);
    const [baselineZip, currentZip] = compareArtifacts.mock.calls[0] as [Uint8Array, Uint8Array];
    expect([...baselineZip]).toEqual([9, 9, 9, 9]);
    expect([...currentZip]).toEqual([1, 2, 3, 4]);
  });

  it("reads this run's file while the baseline's still downloads", async () => {
    const baselineDownload = deferred<Result<ArtifactFile>>();
    const download = jest.fn<Download>((id) => (id === "art-current" ? Promise.resolve({ ok: true, value: bytesOf(1, 2) }) : baselineDownload.promise));
    const running = runArtifactDiff(repoWith(download), current, baseline, () => undefined, new AbortController().signal);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const comparison = (startComparison.mock.results[0] as { value: { read: unknown } }).value;
    expect(download).toHaveBeenCalledTimes(2);
    expect(readsOf(comparison)).toEqual([["current", [1, 2]]]);
    baselineDownload.resolve({ ok: true, value: bytesOf(3) });
    expect(await running).toEqual({ status: "done", comparison: COMPARISON });
    expect(readsOf(comparison)).toEqual([
      ["current", [1, 2]],
      ["baseline", [3]],
    ]);
  });

  it("first deployment: no baseline, or a baseline without an artifact, compares with nothing", async () => {
    const download = jest.fn<Download>(async () => ({ ok: true, value: bytesOf(1) }));
    for (const base of [null, fakeRun(FAKE.runB, { artifact: null })]) {
      compareArtifacts.mockClear();
      const result = await runArtifactDiff(repoWith(download), current, base, () => undefined, new AbortController().signal);
      expect(result).toEqual({ status: "done", comparison: COMPARISON });
      expect(compareArtifacts.mock.calls[0][0]).toBeNull();
    }
    expect(download.mock.calls.map((c) => c[0])).toEqual(["art-current", "art-current"]);
  });

  it("a redeployment of the artifact last deployed downloads it once and compares it with itself", async () => {
    const download = jest.fn<Download>(async () => ({ ok: true, value: bytesOf(7) }));
    const same = fakeRun(FAKE.runB, { artifact: { id: "art-current", name: null } });
    const result = await runArtifactDiff(repoWith(download), current, same, () => undefined, new AbortController().signal);
    expect(result).toEqual({ status: "done", comparison: COMPARISON });
    expect(download).toHaveBeenCalledTimes(1);
    const [baselineZip, currentZip] = compareArtifacts.mock.calls[0] as [Uint8Array, Uint8Array];
    expect(baselineZip).toBe(currentZip);
  });

  it("a run without an artifact has nothing to compare, and downloads nothing", async () => {
    const download = jest.fn<Download>();
    const result = await runArtifactDiff(repoWith(download), fakeRun(FAKE.runA), baseline, () => undefined, new AbortController().signal);
    expect(result).toEqual({ status: "failed", reason: "noArtifact", side: "current" });
    expect(download).not.toHaveBeenCalled();
  });

  it.each([
    [{ kind: "forbidden", status: 403 }, "forbidden"],
    [{ kind: "unauthorized", status: 401 }, "forbidden"],
    [{ kind: "notFound", status: 404 }, "notFound"],
    [{ kind: "unknown", problem: "tooLarge", size: 200 }, "tooLarge"],
    [{ kind: "offline" }, "offline"],
    [{ kind: "timeout" }, "timeout"],
  ] as const)("a download answered %j fails as %s, on the side that failed", async (error, reason) => {
    const download = jest.fn<Download>(async (id) =>
      id === "art-baseline" ? ({ ok: false, error } as Result<ArtifactFile>) : { ok: true, value: bytesOf(1) },
    );
    const result = await runArtifactDiff(repoWith(download), current, baseline, () => undefined, new AbortController().signal);
    expect(result).toEqual({ status: "failed", reason, side: "baseline" });
    expect(compareArtifacts).not.toHaveBeenCalled();
  });

  it("a server error keeps the server's message as the detail", async () => {
    const download = jest.fn<Download>(async () => ({ ok: false, error: { kind: "server", status: 500, serverMessage: "Boom" } }));
    const result = await runArtifactDiff(repoWith(download), current, null, () => undefined, new AbortController().signal);
    expect(result).toEqual({ status: "failed", reason: "other", detail: "Boom", side: "current" });
  });

  it("a damaged zip or unreadable solution fails as zip or solution, with its side and the entry", async () => {
    const download = jest.fn<Download>(async () => ({ ok: true, value: bytesOf(1) }));
    compareArtifacts.mockResolvedValueOnce({ ok: false, error: { kind: "zip", problem: "truncated", side: "current" } });
    expect(await runArtifactDiff(repoWith(download), current, baseline, () => undefined, new AbortController().signal)).toEqual({
      status: "failed",
      reason: "zip",
      detail: "truncated",
      side: "current",
    });
    compareArtifacts.mockResolvedValueOnce({ ok: false, error: { kind: "solution", problem: "missing", entry: "customizations.xml", side: "baseline" } });
    expect(await runArtifactDiff(repoWith(download), current, baseline, () => undefined, new AbortController().signal)).toEqual({
      status: "failed",
      reason: "solution",
      detail: "missing: customizations.xml",
      side: "baseline",
    });
  });

  it("cancel: the signal reaches the download, and the result is cancelled", async () => {
    let seen: AbortSignal | undefined;
    const gate = deferred<void>();
    const download = jest.fn<Download>(async (_id, options?: DownloadOptions) => {
      seen = options?.signal;
      await gate.promise;
      return { ok: false, error: { kind: "unknown", serverMessage: "aborted" } };
    });
    const controller = new AbortController();
    const running = runArtifactDiff(repoWith(download), current, baseline, () => undefined, controller.signal);
    await Promise.resolve();
    expect(seen).toBe(controller.signal);
    controller.abort();
    gate.resolve();
    expect(await running).toEqual({ status: "cancelled" });
    expect(download).toHaveBeenCalledTimes(1);
  });
});
