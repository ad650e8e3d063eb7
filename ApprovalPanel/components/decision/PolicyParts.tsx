import * as React from "react";
import { Checkbox, Link, makeStyles, shorthands, Text, tokens } from "@fluentui/react-components";
import type { ApprovalPolicy, ApproveBlock, PolicyProblem, Quorum } from "../../domain/policy";
import type { DataError } from "../../domain/types";
import type { PolicyState } from "../../app/panelLoadState";
import { countText, formatNumber } from "../shared/counts";
import { dataErrorText, serverMessageText } from "../shared/dataError";
import { SectionMessage } from "../shared/SectionMessage";
import { COLUMN_STACK } from "../shared/styles";
import { formatText, type Translate } from "../shared/text";

const useStyles = makeStyles({
  column: {
    ...COLUMN_STACK,
    ...shorthands.gap(tokens.spacingVerticalXS),
  },
  checklist: {
    ...COLUMN_STACK,
    ...shorthands.margin(0),
    ...shorthands.padding(0),
    ...shorthands.border(0),
  },
  legend: {
    ...shorthands.padding(0),
    marginBlockEnd: tokens.spacingVerticalXS,
    fontWeight: tokens.fontWeightSemibold,
  },
  list: {
    ...shorthands.margin(0),
    paddingInlineStart: tokens.spacingHorizontalXL,
  },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** "Production needs 2 approvals · comment required to approve · checklist of 3 items · expires 72 h after the request". */
export function policySummaryText(policy: ApprovalPolicy, stageName: string, t: Translate, locale?: string): string {
  const parts = [countText(t, locale, "Policy_NeedsApprovals", policy.requiredApprovals, [stageName])];
  if (policy.commentOnApprove && policy.commentOnReject) parts.push(t("Policy_CommentBoth"));
  else if (policy.commentOnApprove) parts.push(t("Policy_CommentOnApprove"));
  else if (policy.commentOnReject) parts.push(t("Policy_CommentOnReject"));
  if (policy.allowSelfApproval) parts.push(t("Policy_SelfApprovalAllowed"));
  if (policy.approverTeam !== null) parts.push(formatText(t("Policy_Team"), policy.approverTeam.name ?? policy.approverTeam.id));
  if (policy.checklist.length > 0) parts.push(countText(t, locale, "Policy_Checklist", policy.checklist.length));
  if (policy.expiryHours !== null) parts.push(countText(t, locale, "Policy_Expiry", policy.expiryHours));
  return parts.join(" · ");
}

export function policyProblemText(problem: PolicyProblem, t: Translate, locale?: string): string {
  if (problem.kind === "quorumNeedsRelay") return countText(t, locale, "Policy_Problem_quorumNeedsRelay", problem.required);
  // A typed template key: a new problem without words does not compile.
  const sentence = t(`Policy_Problem_${problem.kind}`);
  if (problem.kind === "requiredApprovals") return formatText(sentence, problem.value, formatNumber(locale, problem.used));
  return formatText(sentence, problem.kind === "expiry" ? problem.value : formatNumber(locale, problem.count));
}

/** Why the policy could not be read; the form's rules apply in the panel meanwhile. */
function policyErrorMessage(error: DataError, table: string, t: Translate, locale?: string): { intent: "info" | "warning"; message: string; retry: boolean } {
  if (error.kind === "notFound") return { intent: "info", message: formatText(t("Policy_TableMissing"), table), retry: false };
  if (error.kind === "forbidden" || error.kind === "unauthorized") return { intent: "warning", message: t("Policy_Forbidden"), retry: false };
  return { intent: "warning", message: `${dataErrorText(error, t, locale)} ${t("Policy_FormRulesApply")}`, retry: true };
}

export interface PolicyGateProps {
  policy: PolicyState;
  /** The policy table's logical name (for the "not in this environment" message). */
  table: string;
  stageName: string;
  /** Problems found in the row, plus the panel's own (several approvals on a stage without the relay). */
  problems: PolicyProblem[];
  t: Translate;
  locale?: string;
  onRetry(): void;
  /** Administrators: opens the stage's policy, or a new one filled in for this stage. */
  onOpenPolicy?: () => void;
}

/** The approval gate's policy line: the rules in one sentence, what is wrong with them, and for admins the way to them. */
export function PolicyGate(props: PolicyGateProps): React.ReactElement | null {
  const { policy, table, stageName, problems, t, locale, onRetry, onOpenPolicy } = props;
  const styles = useStyles();
  if (policy.status === "unavailable") return null;
  const present = policy.status === "ready" && policy.value.policy !== null;
  const adminLink =
    onOpenPolicy !== undefined && (policy.status === "ready" || (policy.status === "error" && policy.error.kind !== "notFound")) ? (
      <Link as="button" onClick={onOpenPolicy}>
        {present ? t("Policy_Open") : t("Policy_Set")}
      </Link>
    ) : null;
  let body: React.ReactNode;
  if (policy.status === "error") {
    const { intent, message, retry } = policyErrorMessage(policy.error, table, t, locale);
    body = (
      <SectionMessage
        intent={intent}
        title={t("Policy_ReadFailed")}
        message={message}
        detail={serverMessageText(policy.error, t)}
        onRetry={retry ? onRetry : undefined}
        retryLabel={t("Common_Retry")}
      />
    );
  } else if (policy.status !== "ready") {
    body = <Text className={styles.muted}>{t("Policy_Loading")}</Text>;
  } else if (policy.value.policy === null) {
    body = <Text>{t("Policy_None")}</Text>;
  } else {
    body = <Text>{policySummaryText(policy.value.policy, stageName, t, locale)}</Text>;
  }
  return (
    <div className={styles.column} data-policy-status={policy.status}>
      <Text weight="semibold">{t("Gate_Policy")}</Text>
      {body}
      {problems.length > 0 ? (
        <SectionMessage intent="warning" title={t("Policy_ProblemsTitle")} message={problems.map((p) => policyProblemText(p, t, locale)).join(" ")} />
      ) : null}
      {adminLink}
    </div>
  );
}

/** The policy's checklist as checkboxes: Approve waits for every one (Reject does not). Item texts are admin-written text. */
export function PolicyChecklist(props: {
  items: string[];
  ticked: boolean[];
  disabled: boolean;
  onTick(index: number, value: boolean): void;
  t: Translate;
}): React.ReactElement | null {
  const { items, ticked, disabled, onTick, t } = props;
  const styles = useStyles();
  if (items.length === 0) return null;
  return (
    <fieldset className={styles.checklist}>
      <legend className={styles.legend}>{t("Policy_ChecklistLegend")}</legend>
      {items.map((item, index) => (
        <Checkbox
          key={index}
          label={item}
          checked={ticked[index] === true}
          disabled={disabled}
          onChange={(_event, data) => onTick(index, data.checked === true)}
        />
      ))}
    </fieldset>
  );
}

/** "Approvals: 1 of 2" and who approved when (relay stages whose policy needs several approvals). */
export function QuorumStatus(props: { quorum: Quorum; t: Translate; locale?: string; formatDateTime(iso: string): string }): React.ReactElement | null {
  const { quorum, t, locale, formatDateTime } = props;
  const styles = useStyles();
  if (quorum.required < 2) return null;
  return (
    <div className={styles.column} data-quorum={`${quorum.counted.length}/${quorum.required}`}>
      <Text weight="semibold">{formatText(t("Policy_Quorum"), formatNumber(locale, quorum.counted.length), formatNumber(locale, quorum.required))}</Text>
      {quorum.counted.length > 0 ? (
        <ul className={styles.list}>
          {quorum.counted.map((c, i) => (
            <li key={i}>
              <Text>{formatText(t("Policy_QuorumApprovedBy"), c.decidedBy?.name ?? t("Relay_Someone"), c.decidedOn ? formatDateTime(c.decidedOn) : "")}</Text>
            </li>
          ))}
        </ul>
      ) : null}
      <Text size={200} className={styles.muted}>
        {t("Policy_RejectAny")}
      </Text>
    </div>
  );
}

/** The reason next to a disabled Approve (Reject stays possible). */
export function approveBlockText(blocks: readonly ApproveBlock[], expiry: Date | null, t: Translate, formatDateTime: (iso: string) => string): string | null {
  if (blocks.includes("expired")) return formatText(t("Decision_ApproveBlocked_expired"), expiry ? formatDateTime(expiry.toISOString()) : "");
  if (blocks.includes("alreadyCounted")) return t("Decision_ApproveBlocked_alreadyCounted");
  if (blocks.includes("checklist")) return t("Decision_ApproveBlocked_checklist");
  return null;
}
