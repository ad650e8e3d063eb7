import { ApprovalStatusValue, type DecisionValue, type PanelConfig } from "./types";

export const COMMENT_MAX_LENGTH = 1000;
export const ADMIN_NOTE_MAX_LENGTH = 1000;

export type CommentProblem = "required" | "tooLong";

/** The text that is sent: surrounding whitespace is not part of a comment. Lengths are measured on it. */
export function normalizeComment(text: string): string {
  return text.trim();
}

export function validateComment(text: string, decision: DecisionValue, config: PanelConfig): CommentProblem | null {
  const comment = normalizeComment(text);
  const required = decision === ApprovalStatusValue.Rejected ? config.requireRejectComment : config.requireApproveComment;
  if (comment === "") return required ? "required" : null;
  return comment.length > COMMENT_MAX_LENGTH ? "tooLong" : null;
}

export function validateAdminNote(text: string): "tooLong" | null {
  return normalizeComment(text).length > ADMIN_NOTE_MAX_LENGTH ? "tooLong" : null;
}
