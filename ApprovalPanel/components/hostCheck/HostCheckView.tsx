import * as React from "react";
import {
  Badge,
  Button,
  Field,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  shorthands,
  Spinner,
  Text,
  Textarea,
  tokens,
  type BadgeProps,
} from "@fluentui/react-components";
import type { HostCheckItem, HostCheckOutcome, HostCheckReport, HostCheckState } from "../../domain/hostCheck";
import { SectionCard } from "../shared/SectionCard";
import { COLUMN_STACK, INLINE_ROW, ITEM_CARD, STACKED_LIST, TECHNICAL_TEXT, TERM_TEXT, VALUE_TEXT } from "../shared/styles";
import { formatText, type FormatDateTime, type Translate } from "../shared/text";
import { approvalColumnsText, countsText, effectText, GROUP_TEXT_KEYS, itemsByGroup, OUTCOME_TEXT_KEYS, reportText } from "./hostCheckText";

export type { HostCheckState };

export interface HostCheckViewProps {
  state: HostCheckState;
  t: Translate;
  locale: string | undefined;
  formatDateTime: FormatDateTime;
  panelVersion: string;
  recordId: string | null;
  languageId: number;
  onRun(): void;
  onClose(): void;
  /** Puts the text on the clipboard; false (or a rejection) when the host would not. */
  copyText(text: string): Promise<boolean>;
}

/** Badge colours: the word beside the colour carries the meaning. */
const OUTCOME_COLOR: Readonly<Record<HostCheckOutcome, NonNullable<BadgeProps["color"]>>> = {
  confirmed: "success",
  missing: "danger",
  different: "warning",
  unchecked: "informative",
};

const useStyles = makeStyles({
  body: {
    ...COLUMN_STACK,
    ...shorthands.gap(tokens.spacingVerticalM),
  },
  text: VALUE_TEXT,
  summary: { ...VALUE_TEXT, fontWeight: tokens.fontWeightSemibold },
  group: {
    ...COLUMN_STACK,
    ...shorthands.gap(tokens.spacingVerticalS),
  },
  groupHeading: {
    ...shorthands.margin(0),
  },
  list: {
    ...STACKED_LIST,
    ...shorthands.gap(tokens.spacingVerticalXS),
  },
  item: {
    ...ITEM_CARD,
    display: "flex",
    flexDirection: "column",
    ...shorthands.gap(tokens.spacingVerticalXXS),
  },
  head: {
    ...INLINE_ROW,
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    minWidth: 0,
  },
  badge: {
    // Fluent's Badge has a fixed height; translated words may wrap.
    height: "auto",
    minHeight: tokens.lineHeightBase200,
    paddingTop: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXXS,
    flexShrink: 0,
  },
  technical: TECHNICAL_TEXT,
  term: { ...TERM_TEXT, marginInlineEnd: tokens.spacingHorizontalXS },
  values: {
    ...INLINE_ROW,
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalNone,
    minWidth: 0,
  },
  value: { minWidth: 0, overflowWrap: "anywhere" },
  actions: {
    ...INLINE_ROW,
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
  },
  report: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  confirmedGroup: {
    ...shorthands.borderTop(tokens.strokeWidthThin, "solid", tokens.colorNeutralStroke2),
    paddingTop: tokens.spacingVerticalS,
  },
  confirmedSummary: {
    cursor: "pointer",
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    // A target of at least 24 px (WCAG 2.2 target size): the summary line is the only thing that opens the group.
    minHeight: tokens.spacingVerticalXXL,
  },
  confirmedList: {
    ...STACKED_LIST,
    ...shorthands.gap(tokens.spacingVerticalXXS),
    paddingTop: tokens.spacingVerticalXS,
    paddingInlineStart: tokens.spacingHorizontalL,
  },
  confirmedRow: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalNone,
    minWidth: 0,
  },
});

type CopyStatus = "none" | "copied" | "failed";

function ItemRow({ item, t }: { item: HostCheckItem; t: Translate }): React.ReactElement {
  const styles = useStyles();
  return (
    <li className={styles.item} data-host-check-item={item.id} data-outcome={item.outcome}>
      <div className={styles.head}>
        <Badge appearance="tint" shape="rounded" color={OUTCOME_COLOR[item.outcome]} className={styles.badge}>
          {t(OUTCOME_TEXT_KEYS[item.outcome])}
        </Badge>
        <Text size={200} className={styles.muted}>
          {t(GROUP_TEXT_KEYS[item.group])}
        </Text>
        <span dir="ltr" className={styles.technical}>
          {item.subject}
        </span>
      </div>
      {item.expected !== undefined || item.found !== undefined ? (
        <div className={styles.values}>
          {item.expected !== undefined ? (
            <span className={styles.value}>
              <span className={styles.term}>{t("HostCheck_Expected")}</span>
              <span dir="ltr" className={styles.technical}>
                {item.expected}
              </span>
            </span>
          ) : null}
          {item.found !== undefined ? (
            <span className={styles.value}>
              <span className={styles.term}>{t("HostCheck_Found")}</span>
              <span dir="ltr" className={styles.technical}>
                {item.found}
              </span>
            </span>
          ) : null}
        </div>
      ) : null}
      <Text className={styles.text}>{effectText(item, t)}</Text>
    </li>
  );
}

function ConfirmedRow({ item }: { item: HostCheckItem }): React.ReactElement {
  const styles = useStyles();
  // What was found is worth a glance where it is not just the expected value again (labels, a privilege's depth).
  const detail = item.found !== undefined && item.found !== item.expected ? item.found : item.effect === "optionsShown" ? item.effectArg : undefined;
  return (
    <li className={styles.confirmedRow} data-host-check-item={item.id} data-outcome={item.outcome}>
      <span dir="ltr" className={styles.technical}>
        {item.subject}
      </span>
      {detail !== undefined ? (
        <span dir="ltr" className={mergeClasses(styles.technical, styles.muted)}>
          {detail}
        </span>
      ) : null}
    </li>
  );
}

/**
 * What needs attention first, as cards with what the panel does about each; then, per group and folded away, what
 * holds. An admin reads the few lines that matter without scrolling past fifty that say "as assumed".
 */
function ReportView({
  report,
  checkedOn,
  actions,
  t,
  locale,
  formatDateTime,
}: {
  report: HostCheckReport;
  checkedOn: string;
  actions: React.ReactNode;
  t: Translate;
  locale: string | undefined;
  formatDateTime: FormatDateTime;
}): React.ReactElement {
  const styles = useStyles();
  const groups = itemsByGroup(report);
  const attention = groups.flatMap(({ items }) => items.filter((i) => i.outcome !== "confirmed"));
  return (
    <>
      <Text className={styles.summary}>{countsText(report, t, locale)}</Text>
      <Text className={styles.text}>{formatText(t("HostCheck_CheckedOn"), formatDateTime(checkedOn))}</Text>
      <Text className={styles.text}>{approvalColumnsText(report, t)}</Text>
      {actions}
      <div className={styles.group} data-host-check-group="attention">
        <Text as="h3" size={300} weight="semibold" className={styles.groupHeading}>
          {t("HostCheck_NeedsAttention")}
        </Text>
        {attention.length === 0 ? (
          <Text className={styles.text}>{t("HostCheck_NothingNeedsAttention")}</Text>
        ) : (
          <ul className={styles.list}>
            {attention.map((item) => (
              <ItemRow key={item.id} item={item} t={t} />
            ))}
          </ul>
        )}
      </div>
      {groups.map(({ group, items }) => {
        const confirmed = items.filter((i) => i.outcome === "confirmed");
        if (confirmed.length === 0) return null;
        return (
          <details key={group} className={styles.confirmedGroup} data-host-check-group={group}>
            <summary className={styles.confirmedSummary}>{formatText(t("HostCheck_ConfirmedGroup"), t(GROUP_TEXT_KEYS[group]), confirmed.length)}</summary>
            <ul className={styles.confirmedList}>
              {confirmed.map((item) => (
                <ConfirmedRow key={item.id} item={item} />
              ))}
            </ul>
          </details>
        );
      })}
    </>
  );
}

/**
 * The host check: what the panel assumes about this environment against its metadata, with a report to copy into a
 * support ticket. Plain props; the root runs the check and owns the clipboard.
 */
function HostCheckViewImpl({
  state,
  t,
  locale,
  formatDateTime,
  panelVersion,
  recordId,
  languageId,
  onRun,
  onClose,
  copyText,
}: HostCheckViewProps): React.ReactElement {
  const styles = useStyles();
  const mounted = React.useRef(true);
  const reportArea = React.useRef<HTMLTextAreaElement>(null);
  React.useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const report = state.status === "done" ? state.report : null;
  const checkedOn = state.status === "done" ? state.checkedOn : null;
  const text = React.useMemo(
    () => (report !== null && checkedOn !== null ? reportText(report, { checkedOn, panelVersion, recordId, languageId }, t) : ""),
    [report, checkedOn, panelVersion, recordId, languageId, t],
  );
  // The outcome of copying belongs to the text that was copied: a new run (or a late answer about an old one) shows none.
  const [copied, setCopied] = React.useState<{ text: string; status: CopyStatus } | null>(null);
  const copy: CopyStatus = state.status === "done" && copied !== null && copied.text === text ? copied.status : "none";
  // When copying failed, the report is selected so that one keystroke copies it.
  React.useEffect(() => {
    if (copy === "failed") reportArea.current?.select();
  }, [copy]);

  const onCopy = (): void => {
    const copying = text;
    const settle = (ok: boolean): void => {
      if (mounted.current) setCopied({ text: copying, status: ok ? "copied" : "failed" });
    };
    copyText(copying).then(settle, () => settle(false));
  };

  const close = (
    <Button appearance="secondary" onClick={onClose}>
      {t("HostCheck_Close")}
    </Button>
  );

  return (
    <SectionCard title={t("HostCheck_Title")}>
      <div className={styles.body} data-host-check-status={state.status}>
        <Text className={styles.text}>{t("HostCheck_Intro")}</Text>
        {state.status === "idle" ? (
          <div className={styles.actions}>
            <Button appearance="primary" onClick={onRun}>
              {t("HostCheck_Run")}
            </Button>
            {close}
          </div>
        ) : null}
        {state.status === "running" ? <Spinner size="tiny" labelPosition="after" label={t("HostCheck_Running")} /> : null}
        {state.status === "failed" ? (
          <>
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{t("HostCheck_Failed")}</MessageBarTitle>
                <span className={styles.text}>{state.message}</span>
              </MessageBarBody>
            </MessageBar>
            <div className={styles.actions}>
              <Button appearance="primary" onClick={onRun}>
                {t("HostCheck_TryAgain")}
              </Button>
              {close}
            </div>
          </>
        ) : null}
        {state.status === "done" ? (
          <>
            <ReportView
              report={state.report}
              checkedOn={state.checkedOn}
              t={t}
              locale={locale}
              formatDateTime={formatDateTime}
              actions={
                <div className={styles.actions}>
                  <Button appearance="primary" onClick={onCopy}>
                    {t("HostCheck_Copy")}
                  </Button>
                  <Button appearance="secondary" onClick={onRun}>
                    {t("HostCheck_RunAgain")}
                  </Button>
                  {close}
                </div>
              }
            />
          </>
        ) : null}
        <div role="status" aria-live="polite" aria-atomic="true">
          {copy === "copied" ? <Text>{t("HostCheck_Copied")}</Text> : null}
          {copy === "failed" ? <Text>{t("HostCheck_CopyFailed")}</Text> : null}
        </div>
        {state.status === "done" && copy === "failed" ? (
          <Field label={t("HostCheck_ReportLabel")}>
            <Textarea ref={reportArea} readOnly value={text} resize="vertical" rows={12} textarea={{ dir: "ltr", className: styles.report }} />
          </Field>
        ) : null}
      </div>
    </SectionCard>
  );
}

export const HostCheckView = React.memo(HostCheckViewImpl);
