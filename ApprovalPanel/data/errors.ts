import type { DataError, DataErrorKind, RefusalKind, SubmitResult } from "../domain/types";

/**
 * Turning failures into DataError / RefusalKind.
 * Order of evidence: HTTP status when we have one (fetch; the playground's webAPI), else the Dataverse
 * error code (context.webAPI rejects with { message, errorCode, code } like Xrm.WebApi, without status),
 * else the message text.
 */

/** Dataverse error codes (learn.microsoft.com "Web service error codes" and "Service protection API limits"). */
const CODE_KINDS: Record<string, DataErrorKind> = {
  "0x80040217": "notFound", // ObjectDoesNotExist
  "0x80040220": "forbidden", // PrivilegeDenied / principal lacks a privilege
  "0x8004832c": "forbidden", // PrivilegeDenied (prv… missing)
  "0x80072322": "throttled", // number of requests exceeded
  "0x80072321": "throttled", // execution time exceeded
  "0x80072326": "throttled", // concurrent requests exceeded
  "0x80048d19": "badRequest", // error in payload
  "0x80040203": "badRequest", // invalid argument
  "0x80044339": "timeout", // SQL timeout
  "0x80040216": "server", // unexpected error
  "0x80044150": "server", // generic SQL error
};

export interface ErrorFacts {
  status?: number;
  /** Unsigned hex, lower case: "0x80040217". */
  code?: string;
  message?: string;
  retryAfterSeconds?: number;
}

function hexCode(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value) && value !== 0) return `0x${(value >>> 0).toString(16).padStart(8, "0")}`;
  if (typeof value === "string") {
    const s = value.trim().toLowerCase();
    if (/^0x[0-9a-f]{1,8}$/.test(s)) return `0x${s.slice(2).padStart(8, "0")}`;
    if (/^-?\d+$/.test(s)) return hexCode(Number(s));
  }
  return undefined;
}

/** Facts from whatever context.webAPI (or anything else) rejected with. */
export function factsOf(error: unknown): ErrorFacts {
  if (typeof error === "string") return { message: error };
  if (typeof error !== "object" || error === null) return {};
  const e = error as Record<string, unknown>;
  const nested = typeof e.error === "object" && e.error !== null ? (e.error as Record<string, unknown>) : undefined;
  const message = [e.message, nested?.message, e.title].find((m): m is string => typeof m === "string" && m !== "");
  const status = [e.status, e.httpStatus, e.statusCode].find((s): s is number => typeof s === "number" && s >= 100 && s < 600);
  const retry = e.retryAfterSeconds ?? e.retryAfter;
  return {
    status,
    code: hexCode(e.errorCode) ?? hexCode(e.code) ?? hexCode(nested?.code),
    message,
    retryAfterSeconds: typeof retry === "number" && Number.isFinite(retry) && retry >= 0 ? retry : undefined,
  };
}

function kindFromStatus(status: number, code: string | undefined): DataErrorKind {
  if (status === 400) return "badRequest";
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "notFound";
  if (status === 408 || status === 504) return "timeout";
  if (status === 429) return "throttled";
  // Dataverse answers some service-protection errors with 503.
  if (status === 503 && code !== undefined && CODE_KINDS[code] === "throttled") return "throttled";
  if (status >= 500) return "server";
  return "unknown";
}

/** Words in a lower-cased message, the first match deciding; each alternative is plain text. */
const MESSAGE_KINDS: ReadonlyArray<[RegExp, DataErrorKind]> = [
  [/not yet supported/, "noHost"], // pcf-start harness: "Your control is trying to … This is not yet supported."
  [/failed to fetch|networkerror|network error|offline/, "offline"],
  [/resource not found for the segment|does not exist/, "notFound"],
  [/number of requests exceeded|throttl|too many requests/, "throttled"],
  [/privilege|not have permission|access is denied/, "forbidden"],
  [/could not find a property|syntax error|bad request/, "badRequest"],
  [/timed out|timeout/, "timeout"],
];

function kindFromMessage(message: string): DataErrorKind {
  const m = message.toLowerCase();
  for (const [words, kind] of MESSAGE_KINDS) if (words.test(m)) return kind;
  return "unknown";
}

/** The facts shown beside a kind: the HTTP status, the server's message, the wait it asked for. */
function withFacts<T extends { kind: string; status?: number; serverMessage?: string; retryAfterSeconds?: number }>(result: T, f: ErrorFacts): T {
  if (f.status !== undefined) result.status = f.status;
  if (f.message !== undefined) result.serverMessage = f.message;
  if (f.retryAfterSeconds !== undefined) result.retryAfterSeconds = f.retryAfterSeconds;
  return result;
}

export function dataErrorFromFacts(f: ErrorFacts): DataError {
  let kind: DataErrorKind = "unknown";
  if (f.status !== undefined) kind = kindFromStatus(f.status, f.code);
  if (kind === "unknown" && f.code !== undefined) kind = CODE_KINDS[f.code] ?? "unknown";
  // 0x80060888 covers both an unknown segment (404) and an unknown property (400): the message tells which.
  if (kind === "unknown" && f.message !== undefined) kind = kindFromMessage(f.message);
  return withFacts<DataError>({ kind }, f);
}

/** A rejection of context.webAPI (or anything else thrown while reading). */
export function classifyError(error: unknown): DataError {
  return dataErrorFromFacts(factsOf(error));
}

/** Retry-After: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now?: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - (now ?? Date.now())) / 1000));
}

/** Facts from a non-2xx fetch Response with a Dataverse error body {"error":{"code","message"}}. */
export async function factsFromResponse(response: Response): Promise<ErrorFacts> {
  let body: unknown = null;
  try {
    const text = await response.text();
    body = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    body = null;
  }
  const inner = typeof body === "object" && body !== null ? (body as { error?: { code?: unknown; message?: unknown } }).error : undefined;
  const facts: ErrorFacts = { status: response.status };
  const code = hexCode(inner?.code);
  if (code !== undefined) facts.code = code;
  if (typeof inner?.message === "string" && inner.message !== "") facts.message = inner.message;
  const retry = parseRetryAfter(response.headers?.get("Retry-After") ?? null);
  if (retry !== undefined) facts.retryAfterSeconds = retry;
  return facts;
}

/**
 * Why UpdateApprovalStatus was refused, matched on meaning: the live wording can differ from the docs
 * (pipelines host reference), so look for the distinctive part of each documented message.
 */
export function refusalKindOf(facts: ErrorFacts, kind: DataErrorKind): RefusalKind {
  const m = (facts.message ?? "").toLowerCase();
  if (m.includes("serviceprincipal") || m.includes("service principal")) return "servicePrincipalOnly";
  if (m.includes("owner of the deployment stage")) return "notOwner";
  if (m.includes("approval status attribute") || m.includes("not pending")) return "notPending";
  return refusalForErrorKind(kind);
}

/**
 * What a failure means for a decision that was not sent because of it (the action's answer without a known
 * refusal text, or a failed read or relay write before it).
 */
export function refusalForErrorKind(kind: DataErrorKind): RefusalKind {
  if (kind === "forbidden" || kind === "unauthorized") return "noPrivilege";
  // No host to reach is, for the user, the same as being offline.
  if (kind === "noHost") return "offline";
  return kind === "throttled" || kind === "offline" || kind === "timeout" || kind === "server" ? kind : "unknown";
}

export function refusalFromFacts(facts: ErrorFacts): SubmitResult {
  const kind = dataErrorFromFacts(facts).kind;
  return withFacts<SubmitResult>({ kind: "refused", reason: refusalKindOf(facts, kind) }, facts);
}
