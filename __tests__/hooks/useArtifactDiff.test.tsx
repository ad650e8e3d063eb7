import { beforeEach, describe, expect, it, jest } from "@jest/globals";
import * as React from "react";
import { act, render } from "@testing-library/react";
import type { PipelinesRepository } from "../../ApprovalPanel/data/PipelinesRepository";
import type { DownloadOptions } from "../../ApprovalPanel/data/artifactFiles";
import type { Result, StageRun } from "../../ApprovalPanel/domain/types";
import type { ArtifactFile } from "../../ApprovalPanel/data/artifactFiles";
import { clearArtifactDiffCache, SESSION_LIMIT, useArtifactDiff, type ArtifactDiff } from "../../ApprovalPanel/hooks/useArtifactDiff";
import { baseline, bytesOf, COMPARISON, current, type Download, repoWith, resetComparisons } from "../support/artifactDiff";
import { deferred, FAKE, fakeRun } from "../support/fakeRepository";

jest.mock("../../ApprovalPanel/solution/fromZip", () => jest.requireActual<typeof import("../support/artifactDiff")>("../support/artifactDiff").fakeFromZip());

beforeEach(() => {
  clearArtifactDiffCache();
  resetComparisons();
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
