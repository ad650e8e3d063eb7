import { describe, expect, test } from "@jest/globals";
import { classifyError, factsFromResponse, parseRetryAfter, refusalForErrorKind, refusalFromFacts } from "../../ApprovalPanel/data/errors";
import { dataverseErrorResponse, mockResponse } from "../support/mockContext";

describe("classifyError (context.webAPI rejections)", () => {
  test.each([
    // status wins when present (playground)
    [{ status: 404, errorCode: 0x80040217, message: "x Does Not Exist" }, "notFound"],
    [{ status: 400, message: "Could not find a property named 'approvalstatus'" }, "badRequest"],
    [{ status: 401, message: "" }, "unauthorized"],
    [{ status: 403, message: "denied" }, "forbidden"],
    [{ status: 429, message: "slow down" }, "throttled"],
    [{ status: 503, errorCode: 0x80072326, message: "Combined execution time" }, "throttled"],
    [{ status: 502, message: "Bad gateway" }, "server"],
    [{ status: 504, message: "Gateway timeout" }, "timeout"],
    // no status (the real host): error codes, unsigned or signed, numbers or hex strings
    [{ errorCode: 2147746327, message: "deploymentstagerun With Id = … Does Not Exist" }, "notFound"],
    [{ errorCode: -2147220969, message: "…" }, "notFound"],
    [{ errorCode: "0x80040220", message: "…" }, "forbidden"],
    [{ errorCode: 0x80072322, message: "…" }, "throttled"],
    [{ errorCode: 0x80072321, message: "…" }, "throttled"],
    [{ errorCode: 0x80072326, message: "…" }, "throttled"],
    [{ errorCode: 0x80040216, message: "An unexpected error occurred." }, "server"],
    // 0x80060888 is both 400 and 404: the message decides
    [{ errorCode: 0x80060888, message: "Resource not found for the segment 'apnl_approvaldecisions'." }, "notFound"],
    [
      { errorCode: 0x80060888, message: "Could not find a property named 'deploymentstageid' on type 'Microsoft.Dynamics.CRM.deploymentstagerun'." },
      "badRequest",
    ],
    // message only
    [{ message: "Principal user (Id=…) is missing prvReadRole privilege" }, "forbidden"],
    [{ message: "Failed to fetch" }, "offline"],
    [new Error("Your control is trying to retrieve a record. This is not yet supported."), "noHost"],
    ["plain string rejection", "unknown"],
    [null, "unknown"],
  ])("%p → %s", (error, kind) => {
    expect(classifyError(error).kind).toBe(kind);
  });

  test("keeps the server's message and the retry hint", () => {
    expect(classifyError({ errorCode: 0x80072322, message: "Number of requests exceeded", retryAfterSeconds: 4 })).toEqual({
      kind: "throttled",
      serverMessage: "Number of requests exceeded",
      retryAfterSeconds: 4,
    });
  });
});

describe("responses of the action", () => {
  test("reads the Dataverse error body and Retry-After", async () => {
    const facts = await factsFromResponse(dataverseErrorResponse(429, "0x80072322", "Too many", { "Retry-After": "5" }));
    expect(facts).toEqual({ status: 429, code: "0x80072322", message: "Too many", retryAfterSeconds: 5 });
  });

  test("a body that is not JSON still gives the status", async () => {
    expect(await factsFromResponse(mockResponse(502, "<html>Bad gateway</html>"))).toEqual({ status: 502 });
  });

  test("Retry-After as an HTTP date", () => {
    const now = Date.parse("2025-03-14T10:00:00Z");
    expect(parseRetryAfter("Fri, 14 Mar 2025 10:00:08 GMT", now)).toBe(8);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });

  test.each([
    [
      "Delegated deployments of type 'ServicePrincipal' may only be approved or rejected by the Service Principal configured in the deployment stage.",
      403,
      "servicePrincipalOnly",
    ],
    ["Delegated deployments of type 'Owner' may only be approved or rejected by the owner of the deployment stage.", 403, "notOwner"],
    ["Unable to find approval status attribute for stage run record.", 400, "notPending"],
    ["The stage run is not pending approval.", 400, "notPending"],
    ["Something else entirely", 403, "noPrivilege"],
    ["Something else entirely", 400, "unknown"],
  ])("refusal %p (HTTP %p) means %s", (message, status, reason) => {
    expect(refusalFromFacts({ status, message, code: "0x80040265" })).toEqual({ kind: "refused", reason, status, serverMessage: message });
  });
});

describe("refusalForErrorKind (a decision not sent because of a failure)", () => {
  test.each([
    ["forbidden", "noPrivilege"],
    ["unauthorized", "noPrivilege"],
    ["throttled", "throttled"],
    ["offline", "offline"],
    ["noHost", "offline"],
    ["timeout", "timeout"],
    ["server", "server"],
    ["notFound", "unknown"],
    ["badRequest", "unknown"],
    ["unknown", "unknown"],
  ] as const)("%s → %s", (kind, reason) => {
    expect(refusalForErrorKind(kind)).toBe(reason);
  });
});
