import * as React from "react";
import {
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  shorthands,
  Spinner,
  Text,
  Textarea,
  tokens,
  useId,
} from "@fluentui/react-components";
import { ADMIN_NOTE_MAX_LENGTH, COMMENT_MAX_LENGTH } from "../../domain/comments";
import type { DecisionEligibility } from "../../domain/decisionRules";
import { ApprovalStatusValue, type DecisionValue } from "../../domain/types";
import type { DecisionPhase, DecisionState } from "../../hooks/useDecision";
import { RELAY_FOLLOW_LIMIT_MS } from "../../hooks/useDecision";
import { countText, formatNumber } from "../shared/counts";
import { SectionCard } from "../shared/SectionCard";
import { formatText, type Translate } from "../shared/text";
import { RelayProgress } from "./RelayProgress";

const useStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    ...shorthands.gap(tokens.spacingVerticalM),
  },
  actions: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    ...shorthands.gap(tokens.spacingHorizontalM, tokens.spacingVerticalS),
  },
  reason: {
    color: tokens.colorNeutralForeground2,
  },
});

/** The short reason shown next to disabled buttons (the Approval gate section has the long form). */
export function blockedText(eligibility: DecisionEligibility, phase: DecisionPhase, t: Translate): string | null {
  if (phase.kind === "relayTimedOut") return t("Decision_Block_relayPending");
  if (eligibility.canDecide) return null;
  // A typed template string: a new reason without words fails to compile instead of showing a raw key.
  return t(eligibility.blockReason ? `Decision_Block_${eligibility.blockReason}` : "Decision_Block_unknown");
}

/** What the live region says about the decision, or null when there is nothing to say. */
export function decisionStatusText(phase: DecisionPhase, t: Translate, locale?: string): string | null {
  const approve = "decision" in phase && phase.decision === ApprovalStatusValue.Approved;
  switch (phase.kind) {
    case "checking":
      return t("Decision_Status_Checking");
    case "submitting":
      return approve ? t("Decision_Status_SubmittingApprove") : t("Decision_Status_SubmittingReject");
    case "relayRecording":
      return t("Relay_Recording");
    case "relayWaiting":
      return `${t("Relay_Recorded")} ${t("Relay_Waiting")}`;
    case "sent":
      return approve ? t("Decision_Status_SentApprove") : t("Decision_Status_SentReject");
    case "relayCounted":
      return t("Relay_Counted");
    case "decidedElsewhere":
      return t("Decision_DecidedElsewhere");
    case "refused":
    case "relayRefused":
    case "relayFailed":
      return t("Decision_Status_NotApplied");
    case "relayTimedOut":
      return countText(t, locale, "Relay_TimedOut", Math.round(RELAY_FOLLOW_LIMIT_MS / 60000));
    default:
      return null;
  }
}

function commentProblemText(
  problem: "required" | "tooLong" | null,
  decision: DecisionValue | null,
  t: Translate,
  locale: string | undefined,
): string | undefined {
  if (problem === "tooLong") return countText(t, locale, "Decision_CommentTooLong", COMMENT_MAX_LENGTH);
  if (problem === "required") return decision === ApprovalStatusValue.Approved ? t("Decision_CommentRequired_Approve") : t("Decision_CommentRequired_Reject");
  return undefined;
}

export interface DecisionSectionProps {
  eligibility: DecisionEligibility;
  decision: DecisionState;
  /** Whether a comment is required to approve / to reject (config), for the hint under the box. */
  requireApproveComment: boolean;
  requireRejectComment: boolean;
  t: Translate;
  /** The user's locale, for plural forms and numbers. */
  locale?: string;
  headingLevel?: 2 | 3;
  /** The stage policy's part, above the buttons: the checklist and the approvals counted so far. */
  policyArea?: React.ReactNode;
  /** Why Approve is not possible while Reject is (the policy: expired, checklist, already counted); null when it is. */
  approveBlock?: string | null;
  /** Shown at the end of the section (the decisions recorded for the relay flow). */
  children?: React.ReactNode;
}

/**
 * Comment, admin note, Approve / Reject with the reason when blocked, relay progress and refusals. The confirmation
 * dialog is not here: the panel keeps it mounted while this section gives way to the outcome (see panel/PanelBody).
 */
function DecisionSectionView(props: DecisionSectionProps): React.ReactElement {
  const { eligibility, decision, requireApproveComment, requireRejectComment, t, locale, headingLevel } = props;
  const styles = useStyles();
  const reasonId = useId("apnl-decision-reason-");
  const approveReasonId = useId("apnl-approve-reason-");
  const commentRef = React.useRef<HTMLTextAreaElement>(null);
  const errorRef = React.useRef<HTMLDivElement>(null);
  const [lastClicked, setLastClicked] = React.useState<DecisionValue | null>(null);
  const { phase, busy } = decision;

  const blocked = blockedText(eligibility, phase, t);
  const disabled = blocked !== null || busy;
  const approveBlock = blocked === null ? (props.approveBlock ?? null) : null;
  const failed = phase.kind === "refused" || phase.kind === "relayRefused" || phase.kind === "relayFailed";

  // After a refusal, focus the message that says why (keyboard and screen reader users land on it).
  React.useEffect(() => {
    if (failed) errorRef.current?.focus();
  }, [failed, phase]);

  const onDecide = (value: DecisionValue): void => {
    setLastClicked(value);
    if (!decision.requestDecision(value)) commentRef.current?.focus();
  };

  const hintKey =
    requireRejectComment && requireApproveComment
      ? "Decision_CommentHint_RequiredBoth"
      : requireRejectComment
        ? "Decision_CommentHint_RequiredReject"
        : requireApproveComment
          ? "Decision_CommentHint_RequiredApprove"
          : "Decision_CommentHint";
  const commentError = commentProblemText(decision.commentProblem, lastClicked, t, locale);
  const sendingValue = busy && "decision" in phase ? phase.decision : null;

  return (
    <SectionCard title={t("Decision_Heading")} headingLevel={headingLevel}>
      <div className={styles.form}>
        <Field
          label={t("Decision_CommentLabel")}
          hint={`${t(hintKey)} ${formatText(t("Decision_CommentCounter"), formatNumber(locale, decision.comment.length), formatNumber(locale, COMMENT_MAX_LENGTH))}`}
          validationState={commentError ? "error" : "none"}
          validationMessage={commentError}
        >
          <Textarea
            ref={commentRef}
            value={decision.comment}
            onChange={(_event, data) => decision.setComment(data.value)}
            maxLength={COMMENT_MAX_LENGTH}
            readOnly={busy}
            disabled={blocked !== null}
            resize="vertical"
            dir="auto"
          />
        </Field>
        {/* Relay rows are readable by every Deployment Approver, so the admin-only note is not offered there. */}
        {eligibility.route !== "relay" ? (
          <Field
            label={t("Decision_AdminNoteLabel")}
            hint={`${t("Decision_AdminNoteHint")} ${formatText(t("Decision_CommentCounter"), formatNumber(locale, decision.adminNote.length), formatNumber(locale, ADMIN_NOTE_MAX_LENGTH))}`}
            validationState={decision.adminNoteProblem ? "error" : "none"}
            validationMessage={decision.adminNoteProblem ? countText(t, locale, "Decision_AdminNoteTooLong", ADMIN_NOTE_MAX_LENGTH) : undefined}
          >
            <Textarea
              value={decision.adminNote}
              onChange={(_event, data) => decision.setAdminNote(data.value)}
              maxLength={ADMIN_NOTE_MAX_LENGTH}
              readOnly={busy}
              disabled={blocked !== null}
              resize="vertical"
              dir="auto"
            />
          </Field>
        ) : null}
        {props.policyArea}
        <div className={styles.actions}>
          <Button
            appearance="primary"
            disabledFocusable={disabled || approveBlock !== null}
            aria-describedby={blocked !== null ? reasonId : approveBlock !== null ? approveReasonId : undefined}
            icon={sendingValue === ApprovalStatusValue.Approved ? <Spinner size="tiny" /> : undefined}
            onClick={() => onDecide(ApprovalStatusValue.Approved)}
          >
            {t("Decision_Approve")}
          </Button>
          <Button
            disabledFocusable={disabled}
            aria-describedby={blocked !== null ? reasonId : undefined}
            icon={sendingValue === ApprovalStatusValue.Rejected ? <Spinner size="tiny" /> : undefined}
            onClick={() => onDecide(ApprovalStatusValue.Rejected)}
          >
            {t("Decision_Reject")}
          </Button>
          {blocked !== null ? (
            <Text id={reasonId} className={styles.reason}>
              {blocked}
            </Text>
          ) : null}
          {approveBlock !== null ? (
            <Text id={approveReasonId} className={styles.reason}>
              {approveBlock}
            </Text>
          ) : null}
        </div>
        {failed ? (
          <div ref={errorRef} tabIndex={-1}>
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{t("Refusal_Title")}</MessageBarTitle>
                {phase.kind === "refused" ? t(`Refusal_${phase.reason}`) : phase.kind === "relayRefused" ? t("Relay_Refused") : t("Relay_Failed")}
                {phase.kind === "refused" && phase.serverMessage ? <div>{formatText(t("Refusal_ServerSaid"), phase.serverMessage)}</div> : null}
                {(phase.kind === "relayRefused" || phase.kind === "relayFailed") && phase.message ? (
                  <div>{formatText(t("Relay_FlowSaid"), phase.message)}</div>
                ) : null}
                <div>{t("Refusal_TryAgain")}</div>
              </MessageBarBody>
            </MessageBar>
          </div>
        ) : null}
        <RelayProgress phase={phase} t={t} />
        {props.children}
        {phase.kind === "relayTimedOut" ? (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              {countText(t, locale, "Relay_TimedOut", Math.round(RELAY_FOLLOW_LIMIT_MS / 60000))} {t("Relay_AdminCheck")}
            </MessageBarBody>
            <MessageBarActions>
              <Button size="small" onClick={decision.checkRelayAgain}>
                {t("Relay_CheckAgain")}
              </Button>
            </MessageBarActions>
          </MessageBar>
        ) : null}
      </div>
    </SectionCard>
  );
}

/** Memoized: the root passes stable props, so answers that concern other parts (history, last deployment) skip it. */
export const DecisionSection = React.memo(DecisionSectionView);
