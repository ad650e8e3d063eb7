/** The approve/reject session without React: comment checks, the confirmation, the flow's phases, retries. */
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import { isBusyPhase, RELAY_FOLLOW_LIMIT_MS } from "../../ApprovalPanel/app/decisionFlow";
import { createDecisionSession, decisionProblems, type DecisionInputs } from "../../ApprovalPanel/app/decisionSession";
import type { PipelinesRepository } from "../../ApprovalPanel/data/PipelinesRepository";
import type { StageRun, SubmitResult } from "../../ApprovalPanel/domain/types";
import { config, loaded, RUN, user } from "../support/decision";
import { createFakeRepository, fakeRelayRow, fakeRun } from "../support/fakeRepository";

/** The run as a re-read shows it, with this approval status. */
function runWithApproval(value: number): StageRun {
  return fakeRun(RUN, { approvalStatus: { value, label: null } });
}

/** A session for run A, and what the decision section would show of it. */
function startSession(repository: PipelinesRepository, route: "action" | "relay", reload: DecisionInputs["reload"]) {
  const inputs: DecisionInputs = { repository, runId: RUN, loaded, user, config, route, reload };
  const session = createDecisionSession(
    () => inputs,
    () => undefined,
  );
  const shown = () => ({ ...session.fields, ...decisionProblems(session.fields, config), busy: isBusyPhase(session.fields.phase) });
  return { session, shown };
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

/** Writes a comment to keep, approves, confirms, and lets the session answer. */
async function approveKeeping(session: ReturnType<typeof startSession>["session"]): Promise<void> {
  session.setComment("keep me");
  session.requestDecision(20);
  session.confirm();
  await settle();
}

afterEach(() => {
  jest.useRealTimers();
});

describe("createDecisionSession", () => {
  it("a reject without a comment never opens the confirmation", () => {
    const { repo } = createFakeRepository();
    const { session, shown } = startSession(repo, "action", async () => undefined);
    const opened = session.requestDecision(30);
    expect(opened).toBe(false);
    expect(shown().confirming).toBeNull();
    expect(shown().commentProblem).toBe("required");
  });

  it("does not send when the re-read shows the run was decided, and reloads", async () => {
    const { repo } = createFakeRepository({ rereadRun: async () => ({ ok: true, value: runWithApproval(30) }) });
    const reload = jest.fn(async () => undefined);
    const { session, shown } = startSession(repo, "action", reload);
    session.requestDecision(20);
    session.confirm();
    await settle();
    expect(repo.submitDecision).not.toHaveBeenCalled();
    expect(shown().phase.kind).toBe("decidedElsewhere");
    expect(reload).toHaveBeenCalled();
  });

  it("does not send when the run cannot be re-read", async () => {
    const { repo } = createFakeRepository({ rereadRun: async () => ({ ok: false, error: { kind: "offline" } }) });
    const { session, shown } = startSession(repo, "action", async () => undefined);
    await approveKeeping(session);
    expect(repo.submitDecision).not.toHaveBeenCalled();
    expect(shown().phase).toMatchObject({ kind: "refused", reason: "offline" });
    expect(shown().comment).toBe("keep me");
    expect(shown().busy).toBe(false);
  });

  it("a throwing send: a refusal, comment kept, buttons usable; a double Confirm on the retry sends once", async () => {
    const { repo } = createFakeRepository();
    repo.submitDecision.mockRejectedValueOnce(new Error("bug"));
    const { session, shown } = startSession(repo, "action", async () => undefined);
    await approveKeeping(session);
    expect(shown().phase).toEqual({ kind: "refused", decision: 20, reason: "unknown", serverMessage: null });
    expect(shown().busy).toBe(false);
    expect(shown().comment).toBe("keep me");
    expect(repo.submitDecision).toHaveBeenCalledTimes(1);

    const reopened = session.requestDecision(20);
    expect(reopened).toBe(true);
    session.confirm();
    session.confirm();
    await settle();
    expect(repo.submitDecision).toHaveBeenCalledTimes(2);
    expect(shown().phase).toEqual({ kind: "sent", decision: 20, via: "action" });
  });

  it("a throwing re-read: nothing sent, a refusal, comment kept, buttons usable", async () => {
    const { repo } = createFakeRepository();
    repo.rereadRun.mockRejectedValueOnce(new Error("bug"));
    const { session, shown } = startSession(repo, "action", async () => undefined);
    await approveKeeping(session);
    expect(repo.submitDecision).not.toHaveBeenCalled();
    expect(shown().phase).toMatchObject({ kind: "refused", reason: "unknown" });
    expect(shown().busy).toBe(false);
    expect(shown().comment).toBe("keep me");
    const reopened = session.requestDecision(20);
    expect(reopened).toBe(true);
  });

  it("a refusal keeps comment and note and allows a retry", async () => {
    const submit = jest
      .fn(async (): Promise<SubmitResult> => ({ kind: "sent" }))
      .mockResolvedValueOnce({ kind: "refused", reason: "throttled", status: 429, serverMessage: "Too many requests" });
    const { repo } = createFakeRepository({ submitDecision: submit });
    const { session, shown } = startSession(repo, "action", async () => undefined);
    session.setComment("c");
    session.setAdminNote("n");
    session.requestDecision(20);
    session.confirm();
    await settle();
    expect(shown().phase).toEqual({ kind: "refused", decision: 20, reason: "throttled", serverMessage: "Too many requests" });
    expect([shown().comment, shown().adminNote]).toEqual(["c", "n"]);
    session.requestDecision(20);
    session.confirm();
    await settle();
    expect(submit).toHaveBeenCalledTimes(2);
    expect(repo.rereadRun).toHaveBeenCalledTimes(2);
    expect(shown().phase.kind).toBe("sent");
  });

  it("the relay route polls with back-off and gives up at the limit", async () => {
    jest.useFakeTimers();
    const { repo } = createFakeRepository();
    const { session, shown } = startSession(repo, "relay", async () => undefined);
    session.requestDecision(20);
    session.confirm();
    await settle();
    expect(repo.createRelayDecision).toHaveBeenCalledTimes(1);
    expect(shown().phase.kind).toBe("relayWaiting");
    const pollTimes: number[] = [];
    let elapsed = 0;
    while (shown().phase.kind === "relayWaiting" && elapsed <= RELAY_FOLLOW_LIMIT_MS + 60000) {
      const before = repo.getRelayDecision.mock.calls.length;
      jest.advanceTimersByTime(1000);
      elapsed += 1000;
      await settle();
      if (repo.getRelayDecision.mock.calls.length > before) pollTimes.push(elapsed);
    }
    expect(pollTimes.slice(0, 5)).toEqual([2000, 6000, 14000, 29000, 44000]);
    expect(pollTimes[pollTimes.length - 1]).toBe(RELAY_FOLLOW_LIMIT_MS);
    expect(shown().phase.kind).toBe("relayTimedOut");
    const polls = repo.getRelayDecision.mock.calls.length;
    jest.advanceTimersByTime(60000);
    await settle();
    expect(repo.getRelayDecision).toHaveBeenCalledTimes(polls);
    expect(jest.getTimerCount()).toBe(0);

    // Check again follows the same row; this time the flow has applied it.
    repo.getRelayDecision.mockResolvedValue(fakeRelayRow("applied"));
    session.checkRelayAgain();
    jest.advanceTimersByTime(2000);
    await settle();
    expect(repo.createRelayDecision).toHaveBeenCalledTimes(1);
    expect(shown().phase).toEqual({ kind: "sent", decision: 20, via: "relay" });
  });

  it("a new record drops the comment, the ticks and the flow in flight: its late answer shows nothing", async () => {
    let release!: (value: SubmitResult) => void;
    const { repo } = createFakeRepository({ submitDecision: jest.fn(() => new Promise<SubmitResult>((resolve) => (release = resolve))) });
    const reload = jest.fn(async () => undefined);
    const { session, shown } = startSession(repo, "action", reload);
    session.setComment("for run A");
    session.setTicked(1, true);
    session.requestDecision(20);
    session.confirm();
    await settle();
    expect(shown().busy).toBe(true);
    session.stop();
    session.reset();
    expect(shown()).toMatchObject({ comment: "", ticked: [], confirming: null, commentProblem: null, phase: { kind: "idle" }, busy: false });
    release({ kind: "sent" });
    await settle();
    expect(shown().phase).toEqual({ kind: "idle" });
    expect(reload).not.toHaveBeenCalled();
    // The guard is released: the next record's decision can be sent.
    expect(session.requestDecision(20)).toBe(true);
  });
});
