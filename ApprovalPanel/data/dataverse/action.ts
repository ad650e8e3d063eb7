import { ApprovalStatusValue, type DecisionRequest, type SubmitResult } from "../../domain/types";
import { factsFromResponse, refusalFromFacts } from "../errors";
import { queryGuid } from "../odata";
import type { DecisionGateway } from "../PipelinesRepository";
import { ABORTED } from "../request";
import type { DataverseContext } from "./context";

/** Aborts when the caller aborts or the time is up, and says which came first. */
function abortOnTimeoutOrCaller(timeoutMs: number, signal?: AbortSignal) {
  const controller = new AbortController();
  let cause: "timeout" | "caller" | null = null;
  const onCallerAbort = (): void => {
    cause ??= "caller";
    controller.abort();
  };
  signal?.addEventListener("abort", onCallerAbort);
  const timer = setTimeout(() => {
    cause ??= "timeout";
    controller.abort();
  }, timeoutMs);
  // Resolves on abort even if fetch ignores the signal.
  const stopped = new Promise<"stopped">((resolve) => controller.signal.addEventListener("abort", () => resolve("stopped"), { once: true }));
  return {
    signal: controller.signal,
    stopped,
    cause: () => cause,
    release: (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onCallerAbort);
    },
  };
}

/** UpdateApprovalStatus as the signed-in user, over fetch: sent once, never retried. */
export function createAction(ctx: DataverseContext): Pick<DecisionGateway, "submitDecision"> {
  const submitDecision = async (request: DecisionRequest, signal?: AbortSignal): Promise<SubmitResult> => {
    const fetchFn = ctx.fetchDeps().fetchFn;
    const stageRunId = queryGuid(request.stageRunId);
    const clientUrl = ctx.clientUrl?.replace(/\/+$/, "") ?? "";
    // Outside a host (no webAPI) there is no Dataverse to send a decision to.
    if (!ctx.webAPI || !fetchFn || clientUrl === "") return { kind: "refused", reason: "unknown", serverMessage: "No Dataverse host." };
    if (stageRunId === null) return { kind: "refused", reason: "unknown", serverMessage: "Not a record id." };
    if (request.decision !== ApprovalStatusValue.Approved && request.decision !== ApprovalStatusValue.Rejected) {
      return { kind: "refused", reason: "unknown", serverMessage: "Not a decision." };
    }
    if (signal?.aborted) return { kind: "refused", reason: "unknown", serverMessage: ABORTED.serverMessage };

    const abort = abortOnTimeoutOrCaller(ctx.timeoutMs, signal);
    // Not retried, ever: a decision must not be sent twice. Stop waiting on abort even if fetch ignores the signal.
    try {
      const response = await Promise.race([
        fetchFn(`${clientUrl}/api/data/v9.2/UpdateApprovalStatus`, {
          method: "POST",
          credentials: "same-origin",
          headers: {
            Accept: "application/json",
            "Content-Type": "application/json; charset=utf-8",
            "OData-MaxVersion": "4.0",
            "OData-Version": "4.0",
          },
          body: JSON.stringify({
            StageRunId: stageRunId,
            ApprovalStatus: request.decision,
            ApprovalComments: request.comments,
            ApprovalProperties: request.approvalProperties,
          }),
          signal: abort.signal,
        }),
        abort.stopped,
      ]);
      if (response === "stopped") throw new DOMException("aborted", "AbortError");
      if (response.status === 204 || response.status === 200) return { kind: "sent" };
      return refusalFromFacts(await factsFromResponse(response));
    } catch (e) {
      if (abort.cause() === "timeout") return { kind: "refused", reason: "timeout" };
      if (abort.cause() === "caller") return { kind: "refused", reason: "unknown", serverMessage: ABORTED.serverMessage };
      // fetch rejects with a TypeError when the network fails (Fetch standard "network error").
      if (e instanceof TypeError) return { kind: "refused", reason: "offline", serverMessage: e.message };
      return { kind: "refused", reason: "unknown", serverMessage: e instanceof Error ? e.message : undefined };
    } finally {
      abort.release();
    }
  };
  return { submitDecision };
}
