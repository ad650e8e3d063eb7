/** Errors and responses the way the tests build them: context.webAPI errors and minimal fetch Responses. */
export interface WebApiErrorInit {
  /** Hex Dataverse error code, e.g. "0x80040217". */
  code: string;
  message: string;
  /** HTTP status: only added when given (the real context.webAPI does not expose it). */
  status?: number;
  retryAfterSeconds?: number;
}

/** An error shaped like the ones context.webAPI / Xrm.WebApi reject with. */
export function webApiError(init: WebApiErrorInit): Record<string, unknown> {
  const n = parseInt(init.code, 16);
  const error: Record<string, unknown> = { message: init.message, errorCode: n, code: n, title: init.message };
  if (init.status !== undefined) error.status = init.status;
  if (init.retryAfterSeconds !== undefined) error.retryAfterSeconds = init.retryAfterSeconds;
  return error;
}

/** A minimal fetch Response (jsdom has none). Objects become JSON bodies. */
export function mockResponse(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  const text = body === undefined || body === null ? "" : typeof body === "string" ? body : JSON.stringify(body);
  const h = new Headers(headers);
  if (typeof body === "object" && body !== null && !h.has("content-type")) h.set("content-type", "application/json; odata.metadata=minimal");
  const make = (): Response =>
    ({
      ok: status >= 200 && status < 300,
      status,
      statusText: String(status),
      headers: h,
      redirected: false,
      type: "basic",
      url: "",
      bodyUsed: false,
      text: async () => text,
      json: async () => JSON.parse(text) as unknown,
      clone: () => make(),
    }) as unknown as Response;
  return make();
}

/** The Dataverse error body: {"error":{"code":"0x…","message":"…"}}. */
export function dataverseErrorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return mockResponse(status, { error: { code, message } }, headers);
}
