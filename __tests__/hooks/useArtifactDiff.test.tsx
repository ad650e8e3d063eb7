import { beforeEach, describe, expect, it, jest } from "@jest/globals";
import * as React from "react";
import { act, render } from "@testing-library/react";
import type { PipelinesRepository } from "../../ApprovalPanel/data/PipelinesRepository";
import type { DownloadOptions } from "../../ApprovalPanel/data/artifactFiles";
import type { Result, StageRun } from "../../ApprovalPanel/domain/types";
import type { ArtifactFile } from "../../ApprovalPanel/data/artifactFiles";
import type { ArtifactComparison } from "../../ApprovalPanel/solution/fromZip";
import {
  clearArtifactDiffCache,
  runArtifactDiff,
  SESSION_LIMIT,
  useArtifactDiff,
  type ArtifactDiff,
  type ArtifactDiffProgress,
} from "../../ApprovalPanel/hooks/useArtifactDiff";
import { createFakeRepository, deferred, FAKE, fakeRun } from "../support/fakeRepository";

// The zip reader needs DecompressionStream and DOMParser's XML; the comparison itself is tested in solution/. Here: what is compared.
jest.mock("../../ApprovalPanel/solution/fromZip", () => ({ compareArtifacts: jest.fn() }));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compareArtifacts } = require("../../ApprovalPanel/solution/fromZip") as { compareArtifacts: jest.Mock<(...args: unknown[]) => Promise<unknown>> };

const COMPARISON = { diff: { first: false }, risks: [], baseline: null, current: { version: "1.0.0.5" } } as unknown as ArtifactComparison;
const bytesOf = (...values: number[]): ArtifactFile => ({ bytes: new Uint8Array(values), fileName: "s.zip", size: values.length });

const current = fakeRun(FAKE.runA, { artifact: { id: "art-current", name: "ContosoExpenses 1.0.0.5" } });
const baseline = fakeRun(FAKE.runB, { artifactVersion: "1.0.0.4", artifact: { id: "art-baseline", name: "ContosoExpenses 1.0.0.4" } });

type Download = PipelinesRepository["downloadArtifact"];

function repoWith(download: Download): PipelinesRepository {
  return createFakeRepository({ downloadArtifact: download }).repo;
}

beforeEach(() => {
  clearArtifactDiffCache();
  compareArtifacts.mockReset();
  compareArtifacts.mockResolvedValue({ ok: true, value: COMPARISON });
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

describe("useArtifactDiff", () => {
  let latest: ArtifactDiff;
  function Probe({ repository, run, base }: { repository: PipelinesRepository; run: StageRun | null; base: StageRun | null | undefined }): React.ReactElement {
    latest = useArtifactDiff(repository, run, base);
    return <div>{latest.state.status}</div>;
  }

  it("does not start on its own; start downloads, shows progress, then the comparison", async () => {
    const gate = deferred<Result<ArtifactFile>>();
    const download = jest.fn<Download>(async (_id, options?: DownloadOptions) => {
      options?.onProgress?.(1, 10);
      return gate.promise;
    });
    const repository = repoWith(download);
    render(<Probe repository={repository} run={current} base={null} />);
    expect(latest.state).toEqual({ status: "idle" });
    expect(download).not.toHaveBeenCalled();
    await act(async () => latest.start());
    expect(latest.state).toEqual({ status: "downloading", received: 1, total: 10 });
    await act(async () => gate.resolve({ ok: true, value: bytesOf(1) }));
    expect(latest.state).toEqual({ status: "done", comparison: COMPARISON });
  });

  it("keeps the result for the session: the same artifacts opened again do not download again", async () => {
    const download = jest.fn<Download>(async () => ({ ok: true, value: bytesOf(1) }));
    const repository = repoWith(download);
    const first = render(<Probe repository={repository} run={current} base={baseline} />);
    await act(async () => latest.start());
    expect(latest.state.status).toBe("done");
    first.unmount();
    expect(download).toHaveBeenCalledTimes(2);

    render(<Probe repository={repository} run={current} base={baseline} />);
    expect(latest.state.status).toBe("done");
    await act(async () => latest.start());
    expect(latest.state.status).toBe("done");
    expect(download).toHaveBeenCalledTimes(2);
  });

  it(`keeps at most ${SESSION_LIMIT} comparisons: the oldest is downloaded again`, async () => {
    const download = jest.fn<Download>(async () => ({ ok: true, value: bytesOf(1) }));
    const repository = repoWith(download);
    const runOf = (i: number) => fakeRun(FAKE.runA, { artifact: { id: `art-${i}`, name: null } });
    for (let i = 0; i <= SESSION_LIMIT; i++) {
      const view = render(<Probe repository={repository} run={runOf(i)} base={null} />);
      await act(async () => latest.start());
      view.unmount();
    }
    expect(download).toHaveBeenCalledTimes(SESSION_LIMIT + 1);
    const newest = render(<Probe repository={repository} run={runOf(SESSION_LIMIT)} base={null} />);
    expect(latest.state.status).toBe("done");
    newest.unmount();
    render(<Probe repository={repository} run={runOf(0)} base={null} />);
    expect(latest.state.status).toBe("idle");
    await act(async () => latest.start());
    expect(download).toHaveBeenCalledTimes(SESSION_LIMIT + 2);
  });

  it("cancel aborts the download and says so; start runs again", async () => {
    let seen: AbortSignal | undefined;
    const download = jest.fn<Download>(
      (_id, options?: DownloadOptions) =>
        new Promise<Result<ArtifactFile>>((resolve) => {
          seen = options?.signal;
          options?.signal?.addEventListener("abort", () => resolve({ ok: false, error: { kind: "unknown" } }));
        }),
    );
    render(<Probe repository={repoWith(download)} run={current} base={null} />);
    await act(async () => latest.start());
    expect(latest.state.status).toBe("downloading");
    await act(async () => latest.cancel());
    expect(seen?.aborted).toBe(true);
    expect(latest.state).toEqual({ status: "cancelled" });
    await act(async () => latest.start());
    expect(download).toHaveBeenCalledTimes(2);
    expect(latest.state.status).toBe("downloading");
  });

  it("a 403 fails as forbidden; retry tries again", async () => {
    const download = jest.fn<Download>(async () => ({ ok: false, error: { kind: "forbidden", status: 403 } }));
    render(<Probe repository={repoWith(download)} run={current} base={null} />);
    await act(async () => latest.start());
    expect(latest.state).toEqual({ status: "failed", reason: "forbidden", side: "current" });
    await act(async () => latest.retry());
    expect(download).toHaveBeenCalledTimes(2);
  });

  it("a start while the baseline is still being looked up waits for it, then compares with it", async () => {
    const download = jest.fn<Download>(async () => ({ ok: true, value: bytesOf(1) }));
    const repository = repoWith(download);
    const view = render(<Probe repository={repository} run={current} base={undefined} />);
    await act(async () => latest.start());
    expect(latest.state).toEqual({ status: "downloading", received: 0, total: null });
    expect(download).not.toHaveBeenCalled();
    await act(async () => view.rerender(<Probe repository={repository} run={current} base={baseline} />));
    expect(latest.state).toEqual({ status: "done", comparison: COMPARISON });
    expect(download.mock.calls.map((c) => c[0])).toEqual(["art-current", "art-baseline"]);
  });

  it("another record aborts what ran for the old one and goes back to idle; unmount aborts", async () => {
    const signals: AbortSignal[] = [];
    const download = jest.fn<Download>(
      (_id, options?: DownloadOptions) =>
        new Promise<Result<ArtifactFile>>(() => {
          if (options?.signal) signals.push(options.signal);
        }),
    );
    const repository = repoWith(download);
    const view = render(<Probe repository={repository} run={current} base={null} />);
    await act(async () => latest.start());
    const other = fakeRun(FAKE.runB, { artifact: { id: "art-other", name: null } });
    await act(async () => view.rerender(<Probe repository={repository} run={other} base={null} />));
    expect(signals[0].aborted).toBe(true);
    expect(latest.state).toEqual({ status: "idle" });
    await act(async () => latest.start());
    view.unmount();
    expect(signals[1].aborted).toBe(true);
  });
});
