import { describe, expect, it } from "@jest/globals";
import { ADMIN_NOTE_MAX_LENGTH, COMMENT_MAX_LENGTH, normalizeComment, validateAdminNote, validateComment } from "../../ApprovalPanel/domain/comments";
import { makeConfig } from "./fixtures";

const APPROVE = 20 as const;
const REJECT = 30 as const;

describe("validateComment", () => {
  it("accepts a normal comment for either decision", () => {
    expect(validateComment("Looks good, go ahead.", APPROVE, makeConfig())).toBeNull();
    expect(validateComment("Missing the env var value.", REJECT, makeConfig())).toBeNull();
  });

  it("requires a comment to reject when the form says so", () => {
    const config = makeConfig({ requireRejectComment: true, requireApproveComment: false });
    expect(validateComment("", REJECT, config)).toBe("required");
    expect(validateComment("  \n\t ", REJECT, config)).toBe("required");
    expect(validateComment("", APPROVE, config)).toBeNull();
  });

  it("requires a comment to approve when the form says so", () => {
    const config = makeConfig({ requireRejectComment: false, requireApproveComment: true });
    expect(validateComment(" ", APPROVE, config)).toBe("required");
    expect(validateComment("", REJECT, config)).toBeNull();
  });

  it("accepts an empty comment when none is required", () => {
    expect(validateComment("", REJECT, makeConfig({ requireRejectComment: false }))).toBeNull();
  });

  it("accepts exactly the maximum length and refuses one more", () => {
    expect(validateComment("x".repeat(COMMENT_MAX_LENGTH), APPROVE, makeConfig())).toBeNull();
    expect(validateComment("x".repeat(COMMENT_MAX_LENGTH + 1), APPROVE, makeConfig())).toBe("tooLong");
  });

  it("does not count surrounding whitespace, which is not sent", () => {
    expect(validateComment(`  ${"x".repeat(COMMENT_MAX_LENGTH)}\n\n`, APPROVE, makeConfig())).toBeNull();
    expect(normalizeComment("  ok \n")).toBe("ok");
  });
});

describe("validateAdminNote", () => {
  it("accepts an empty or normal note", () => {
    expect(validateAdminNote("")).toBeNull();
    expect(validateAdminNote("Checked with the CAB, ticket 4711.")).toBeNull();
  });

  it("refuses a note over the maximum length", () => {
    expect(validateAdminNote("n".repeat(ADMIN_NOTE_MAX_LENGTH))).toBeNull();
    expect(validateAdminNote("n".repeat(ADMIN_NOTE_MAX_LENGTH + 1))).toBe("tooLong");
  });

  it("does not count surrounding whitespace", () => {
    expect(validateAdminNote(` ${"n".repeat(ADMIN_NOTE_MAX_LENGTH)} `)).toBeNull();
  });
});
