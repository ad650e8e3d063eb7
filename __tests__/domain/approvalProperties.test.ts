import { describe, expect, it } from "@jest/globals";
import { buildApprovalProperties, parseApprovalProperties } from "../../ApprovalPanel/domain/approvalProperties";
import { APPROVER_ID, makeUser } from "./fixtures";

const decidedAt = new Date(Date.UTC(2024, 4, 2, 8, 30, 15, 250));

describe("buildApprovalProperties", () => {
  it("writes who decided what and when, as JSON", () => {
    const text = buildApprovalProperties({
      user: makeUser({ securityRoleIds: ["11111111-1111-4111-8111-111111111111"] }),
      decision: 20,
      decidedAt,
      panelVersion: "1.2.3",
      adminNote: "  CAB ticket 4711 \n",
    });
    expect(JSON.parse(text)).toEqual({
      approverId: APPROVER_ID,
      approverName: "Alex Approver",
      decision: "Approved",
      decisionValue: 20,
      decidedOnUtc: "2024-05-02T08:30:15.250Z",
      panelVersion: "1.2.3",
      adminNote: "CAB ticket 4711",
    });
  });

  it("names a rejection", () => {
    const parsed = JSON.parse(buildApprovalProperties({ user: makeUser(), decision: 30, decidedAt, panelVersion: "1.0.0", adminNote: "" }));
    expect(parsed.decision).toBe("Rejected");
    expect(parsed.decisionValue).toBe(30);
    expect(parsed.adminNote).toBe("");
  });

  it("keeps secrets out: no security roles", () => {
    const text = buildApprovalProperties({
      user: makeUser({ securityRoleIds: ["11111111-1111-4111-8111-111111111111"] }),
      decision: 20,
      decidedAt,
      panelVersion: "1.0.0",
      adminNote: "",
    });
    expect(text).not.toContain("11111111-1111-4111-8111-111111111111");
  });

  it("writes the approver id in one spelling", () => {
    const text = buildApprovalProperties({
      user: makeUser({ id: `{${APPROVER_ID.toUpperCase()}}` }),
      decision: 20,
      decidedAt,
      panelVersion: "1.0.0",
      adminNote: "",
    });
    expect(JSON.parse(text).approverId).toBe(APPROVER_ID);
  });

  it("keeps quotes and line breaks of the note intact through JSON", () => {
    const adminNote = 'He said "ship it"\nline two';
    const text = buildApprovalProperties({ user: makeUser(), decision: 20, decidedAt, panelVersion: "1.0.0", adminNote });
    expect(JSON.parse(text).adminNote).toBe(adminNote);
  });
});

describe("parseApprovalProperties", () => {
  it("reads back what buildApprovalProperties wrote", () => {
    const text = buildApprovalProperties({ user: makeUser(), decision: 30, decidedAt, panelVersion: "2.0.0", adminNote: "note" });
    expect(parseApprovalProperties(text)).toEqual({
      entries: [
        { key: "approverId", value: APPROVER_ID },
        { key: "approverName", value: "Alex Approver" },
        { key: "decision", value: "Rejected" },
        { key: "decisionValue", value: "30" },
        { key: "decidedOnUtc", value: "2024-05-02T08:30:15.250Z" },
        { key: "panelVersion", value: "2.0.0" },
        { key: "adminNote", value: "note" },
      ],
    });
  });

  it("shows nested values, booleans and null as text", () => {
    const text = JSON.stringify({ flowRun: { id: "run-1", url: "https://example.test/run/1" }, retried: false, note: null });
    expect(parseApprovalProperties(text)).toEqual({
      entries: [
        { key: "flowRun", value: '{"id":"run-1","url":"https://example.test/run/1"}' },
        { key: "retried", value: "false" },
        { key: "note", value: "" },
      ],
    });
  });

  it("unwraps JSON encoded twice", () => {
    expect(parseApprovalProperties(JSON.stringify(JSON.stringify({ a: "b" })))).toEqual({ entries: [{ key: "a", value: "b" }] });
  });

  it("shows text that is not a JSON object as one entry without a key", () => {
    const link = "https://make.powerautomate.com/environments/x/flows/y/runs/z";
    expect(parseApprovalProperties(link)).toEqual({ entries: [{ key: "", value: link }] });
    expect(parseApprovalProperties("{broken")).toEqual({ entries: [{ key: "", value: "{broken" }] });
    expect(parseApprovalProperties("[1,2]")).toEqual({ entries: [{ key: "", value: "[1,2]" }] });
  });

  it("returns null when there is nothing to show", () => {
    expect(parseApprovalProperties(null)).toBeNull();
    expect(parseApprovalProperties(undefined)).toBeNull();
    expect(parseApprovalProperties("  ")).toBeNull();
  });

  it("returns no entries for an empty object", () => {
    expect(parseApprovalProperties("{}")).toEqual({ entries: [] });
  });
});
