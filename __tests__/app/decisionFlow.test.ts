/** The decision flow and the relay follower without React: what is read, what is sent, where the flow ends. */
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import {
  followRelayRow,
  RELAY_FOLLOW_LIMIT_MS,
  runDecisionFlow,
  type DecisionInput,
  type DecisionPhase,
  type FlowContext,
} from "../../ApprovalPanel/app/decisionFlow";
import type { CurrentUser } from "../../ApprovalPanel/domain/types";
import { createFakeRepository, FAKE, fakeRelayRow, fakeRun, type FakeRepository } from "../support/fakeRepository";

const user: CurrentUser = { id: "5d0c2a1e-7b3f-4e8a-9c61-2f4d8b7a1e03", name: "Megan Bowen", securityRoleIds: [] };
const RELAY_TABLE = "apnl_approvaldecision";

function input(over: Partial<DecisionInput> = {}): DecisionInput {
  return { decision: 20, runId: FAKE.runA, runName: "Run d1e2", user, route: "action", relayTable: null, comment: "  Ship it  ", adminNote: "", ...over };
}

function context(repository: FakeRepository, controller = new AbortController()) {
  const progress: DecisionPhase["kind"][] = [];
  const onRelayRowCreated = jest.fn();
  const ctx: FlowContext = { repository, signal: controller.signal, onProgress: (phase) => progress.push(phase.kind), onRelayRowCreated };
  return { ctx, progress, onRelayRowCreated, controller };
}

const decidedRun = (value: number) => ({ ok: true as const, value: fakeRun(FAKE.runA, { approvalStatus: { value, label: null } }) });

afterEach(() => {
  jest.useRealTimers();
});

describe("runDecisionFlow", () => {
  it("re-reads the run, then sends the trimmed comment once", async () => {
    const { repo } = createFakeRepository();
    const { ctx, progress } = context(repo);
    expect(await runDecisionFlow(input(), ctx)).toEqual({ kind: "sent", decision: 20, via: "action" });
    expect(progress).toEqual(["checking", "submitting"]);
    expect(repo.rereadRun).toHaveBeenCalledWith(FAKE.runA, ctx.signal);
    expect(repo.rereadRun.mock.invocationCallOrder[0]).toBeLessThan(repo.submitDecision.mock.invocationCallOrder[0]);
    expect(repo.submitDecision).toHaveBeenCalledTimes(1);
    expect(repo.submitDecision.mock.calls[0][0]).toMatchObject({ stageRunId: FAKE.runA, decision: 20, comments: "Ship it" });
  });

  it("a run decided meanwhile is not sent to", async () => {
    const { repo } = createFakeRepository({ rereadRun: async () => decidedRun(30) });
    const { ctx } = context(repo);
    expect(await runDecisionFlow(input(), ctx)).toEqual({ kind: "decidedElsewhere" });
    expect(repo.submitDecision).not.toHaveBeenCalled();
  });

  it("a failed re-read sends nothing and names the reason", async () => {
    const { repo } = createFakeRepository({ rereadRun: async () => ({ ok: false, error: { kind: "forbidden", serverMessage: "no read" } }) });
    const { ctx } = context(repo);
    expect(await runDecisionFlow(input(), ctx)).toEqual({ kind: "refused", decision: 20, reason: "noPrivilege", serverMessage: "no read" });
    expect(repo.submitDecision).not.toHaveBeenCalled();
  });

  it("a throwing re-read ends as an unknown refusal, with nothing sent", async () => {
    const { repo } = createFakeRepository({
      rereadRun: async () => {
        throw new Error("bug");
      },
    });
    const { ctx } = context(repo);
    expect(await runDecisionFlow(input(), ctx)).toEqual({ kind: "refused", decision: 20, reason: "unknown", serverMessage: null });
    expect(repo.submitDecision).not.toHaveBeenCalled();
  });

  it("a throwing send ends as an unknown refusal and is not retried", async () => {
    const { repo } = createFakeRepository({ submitDecision: () => Promise.reject(new Error("bug")) });
    const { ctx } = context(repo);
    expect(await runDecisionFlow(input(), ctx)).toEqual({ kind: "refused", decision: 20, reason: "unknown", serverMessage: null });
    expect(repo.submitDecision).toHaveBeenCalledTimes(1);
  });

  it("'not pending' after a re-read that said pending: reads again and shows the decision made elsewhere", async () => {
    const { repo } = createFakeRepository({ submitDecision: async () => ({ kind: "refused", reason: "notPending", serverMessage: "not pending" }) });
    repo.rereadRun.mockResolvedValueOnce(decidedRun(10)).mockResolvedValueOnce(decidedRun(20));
    const { ctx } = context(repo);
    expect(await runDecisionFlow(input(), ctx)).toEqual({ kind: "decidedElsewhere" });
    expect(repo.rereadRun).toHaveBeenCalledTimes(2);
    expect(repo.submitDecision).toHaveBeenCalledTimes(1);
  });

  it("the host's refusal is passed on with its message", async () => {
    const { repo } = createFakeRepository({ submitDecision: async () => ({ kind: "refused", reason: "notOwner", status: 403, serverMessage: "owner only" }) });
    const { ctx } = context(repo);
    expect(await runDecisionFlow(input(), ctx)).toEqual({ kind: "refused", decision: 20, reason: "notOwner", serverMessage: "owner only" });
  });

  it("stopped while re-reading: resolves null and sends nothing", async () => {
    const { repo } = createFakeRepository();
    const { ctx, controller } = context(repo);
    const pending = runDecisionFlow(input(), ctx);
    controller.abort();
    expect(await pending).toBeNull();
    expect(repo.submitDecision).not.toHaveBeenCalled();
  });

  it("the relay route records one row, says so, and follows it until the flow applied it", async () => {
    jest.useFakeTimers();
    const { repo } = createFakeRepository();
    repo.getRelayDecision.mockResolvedValueOnce(fakeRelayRow("pending")).mockResolvedValue(fakeRelayRow("applied"));
    const { ctx, progress, onRelayRowCreated } = context(repo);
    const pending = runDecisionFlow(input({ route: "relay", relayTable: RELAY_TABLE }), ctx);
    await jest.advanceTimersByTimeAsync(2000 + 4000);
    expect(await pending).toEqual({ kind: "sent", decision: 20, via: "relay" });
    expect(progress).toEqual(["checking", "relayRecording", "relayWaiting"]);
    expect(onRelayRowCreated).toHaveBeenCalledTimes(1);
    expect(repo.createRelayDecision).toHaveBeenCalledTimes(1);
    expect(repo.createRelayDecision.mock.calls[0][0]).toBe(RELAY_TABLE);
    expect(repo.submitDecision).not.toHaveBeenCalled();
    expect(repo.getRelayDecision).toHaveBeenCalledTimes(2);
  });

  it("a throwing relay write ends as an unknown refusal, with one write", async () => {
    const { repo } = createFakeRepository({ createRelayDecision: () => Promise.reject(new Error("bug")) });
    const { ctx, onRelayRowCreated } = context(repo);
    expect(await runDecisionFlow(input({ route: "relay", relayTable: RELAY_TABLE }), ctx)).toEqual({
      kind: "refused",
      decision: 20,
      reason: "unknown",
      serverMessage: null,
    });
    expect(repo.createRelayDecision).toHaveBeenCalledTimes(1);
    expect(onRelayRowCreated).not.toHaveBeenCalled();
  });
});

describe("followRelayRow", () => {
  const follow = { decision: 30 as const, relayTable: RELAY_TABLE, relayId: FAKE.relayRow };

  it("polls after 2, 4, 8, then every 15 s, and gives up at the limit leaving no timer", async () => {
    jest.useFakeTimers();
    const { repo } = createFakeRepository();
    const polledAt: number[] = [];
    const start = Date.now();
    repo.getRelayDecision.mockImplementation(async () => {
      polledAt.push(Date.now() - start);
      return fakeRelayRow("pending");
    });
    const { ctx } = context(repo);
    const pending = followRelayRow(follow, ctx);
    await jest.advanceTimersByTimeAsync(RELAY_FOLLOW_LIMIT_MS + 60_000);
    expect(await pending).toEqual({ kind: "relayTimedOut", decision: 30, relayId: FAKE.relayRow });
    expect(polledAt.slice(0, 5)).toEqual([2000, 6000, 14000, 29000, 44000]);
    expect(polledAt[polledAt.length - 1]).toBe(RELAY_FOLLOW_LIMIT_MS);
    expect(jest.getTimerCount()).toBe(0);
  });

  it("a failed or throwing read is retried at the next step; a refusal by the flow ends it", async () => {
    jest.useFakeTimers();
    const { repo } = createFakeRepository();
    repo.getRelayDecision
      .mockRejectedValueOnce(new Error("bug"))
      .mockResolvedValueOnce({ ok: false, error: { kind: "offline" } })
      .mockResolvedValue(fakeRelayRow("refused", "Outside the change window"));
    const { ctx } = context(repo);
    const pending = followRelayRow(follow, ctx);
    await jest.advanceTimersByTimeAsync(2000 + 4000 + 8000);
    expect(await pending).toEqual({ kind: "relayRefused", decision: 30, message: "Outside the change window" });
    expect(repo.getRelayDecision).toHaveBeenCalledTimes(3);
  });

  it("a failed outcome ends it with the flow's message", async () => {
    jest.useFakeTimers();
    const { repo } = createFakeRepository();
    repo.getRelayDecision.mockResolvedValue(fakeRelayRow("failed", "Flow error"));
    const { ctx } = context(repo);
    const pending = followRelayRow(follow, ctx);
    await jest.advanceTimersByTimeAsync(2000);
    expect(await pending).toEqual({ kind: "relayFailed", decision: 30, message: "Flow error" });
  });

  it("stopped while waiting: resolves null, reads nothing more and leaves no timer", async () => {
    jest.useFakeTimers();
    const { repo } = createFakeRepository();
    const { ctx, controller } = context(repo);
    const pending = followRelayRow(follow, ctx);
    await jest.advanceTimersByTimeAsync(2000);
    controller.abort();
    expect(await pending).toBeNull();
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(repo.getRelayDecision).toHaveBeenCalledTimes(1);
  });
});
