/** The host check without React: one probe, one report, facts handed to the repository, only the latest run counts. */
import { describe, expect, it, jest } from "@jest/globals";
import { createHostCheckRunner, runHostCheck, type HostCheckResult } from "../../ApprovalPanel/app/hostCheckRunner";
import { createFakeRepository } from "../support/fakeRepository";
import { input, slowProbe } from "../support/hostCheck";

const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe("runHostCheck", () => {
  it("builds the report, hands its facts to the repository and dates it", async () => {
    const { repo } = createFakeRepository();
    const result = await runHostCheck(repo, input, undefined, () => new Date("2026-03-01T10:00:00Z"));
    expect(result).toMatchObject({ status: "done", checkedOn: "2026-03-01T10:00:00.000Z" });
    expect(repo.probeHost).toHaveBeenCalledWith(input, undefined);
    if (result.status !== "done") throw new Error("the check did not finish");
    expect(repo.adoptHostFacts).toHaveBeenCalledWith(result.report.facts);
  });

  it("never rejects: a throwing probe is a failed check with its message", async () => {
    const { repo } = createFakeRepository({ probeHost: async () => Promise.reject(new Error("metadata offline")) });
    expect(await runHostCheck(repo, input)).toEqual({ status: "failed", message: "metadata offline" });
    expect(repo.adoptHostFacts).not.toHaveBeenCalled();
  });
});

describe("createHostCheckRunner", () => {
  it("a new run aborts the one before, whose result is dropped; stop drops the run in flight", async () => {
    const { repo, release: releaseFirst } = slowProbe(true);
    const runner = createHostCheckRunner();
    const results: HostCheckResult[] = [];
    const onDone = jest.fn((result: HostCheckResult) => void results.push(result));
    runner.run(repo, input, onDone);
    const firstSignal = repo.probeHost.mock.calls[0][1] as AbortSignal;
    runner.run(repo, input, onDone);
    expect(firstSignal.aborted).toBe(true);
    await settle();
    releaseFirst();
    await settle();
    expect(onDone).toHaveBeenCalledTimes(1);
    expect(results[0].status).toBe("done");

    runner.run(repo, input, onDone);
    runner.stop();
    await settle();
    expect(onDone).toHaveBeenCalledTimes(1);
  });
});
