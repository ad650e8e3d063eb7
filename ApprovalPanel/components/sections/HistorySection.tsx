import * as React from "react";
import { Badge, Link, makeStyles, shorthands, Switch, Text, tokens, useId } from "@fluentui/react-components";
import { parseApprovalProperties, summarizeApprovalProperties } from "../../domain/approvalProperties";
import { sameGuid } from "../../domain/ids";
import { approvalStateOf, runStatusTone } from "../../domain/status";
import type { DataError, Guid, HistoryScope, RelayDecision, StageRun } from "../../domain/types";
import { relayDecisionText, relayOutcomeLabel } from "../decision/RelayDecisionsList";
import { ApprovalBadge } from "../shared/approval";
import { dataErrorText, serverMessageText } from "../shared/dataError";
import { DataText, lookupText } from "../shared/fields";
import { PagedTable, type PagedColumn } from "../shared/PagedTable";
import { LoadMoreFooter } from "../shared/paging";
import { SectionCard } from "../shared/SectionCard";
import { SectionMessage } from "../shared/SectionMessage";
import { StatusBadge } from "../shared/StatusBadge";
import { INLINE_ROW } from "../shared/styles";
import { formatText, optionLabel, type FormatDateTime, type Translate } from "../shared/text";

const useStyles = makeStyles({
  cell: {
    ...shorthands.padding(tokens.spacingVerticalXS, tokens.spacingHorizontalS),
  },
  firstCell: {
    ...INLINE_ROW,
    ...shorthands.gap(tokens.spacingHorizontalXS),
  },
  comment: {
    whiteSpace: "pre-wrap",
    display: "-webkit-box",
    WebkitLineClamp: 4,
    WebkitBoxOrient: "vertical",
    ...shorthands.overflow("hidden"),
  },
  propertiesCell: {
    display: "flex",
    flexDirection: "column",
    ...shorthands.gap(tokens.spacingVerticalXXS),
  },
  disclosure: {
    cursor: "pointer",
    color: tokens.colorBrandForegroundLink,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  properties: {
    whiteSpace: "pre-wrap",
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  relayList: {
    listStyleType: "none",
    ...shorthands.margin(0),
    ...shorthands.padding(0),
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground2,
  },
});

/**
 * Who decided, when, and the admin note in one or two lines; every recorded property behind a disclosure
 * (a native details element: keyboard and screen readers know it, and closed it costs no layout).
 */
function PropertiesCell({
  text,
  t,
  formatDateTime,
  empty,
}: {
  text: string | null | undefined;
  t: Translate;
  formatDateTime: FormatDateTime;
  empty: React.ReactNode;
}): React.ReactElement {
  const styles = useStyles();
  const parsed = parseApprovalProperties(text);
  if (parsed === null || parsed.entries.length === 0) return <>{empty}</>;
  const summary = summarizeApprovalProperties(text);
  const lines = parsed.entries.map((entry) => (entry.key === "" ? entry.value : `${entry.key}: ${entry.value}`));
  const who = summary?.approverName ?? null;
  const when = summary?.decidedOnUtc ? formatDateTime(summary.decidedOnUtc) : null;
  return (
    <div className={styles.propertiesCell}>
      {who !== null || when !== null ? (
        <span dir="auto">{who !== null && when !== null ? formatText(t("History_PropertiesBy"), who, when) : (who ?? when)}</span>
      ) : null}
      {summary?.adminNote ? (
        <span className={styles.properties} dir="auto">
          {summary.adminNote}
        </span>
      ) : null}
      <details>
        <summary className={styles.disclosure}>{t("History_PropertiesAll")}</summary>
        <span className={styles.properties} dir="auto">
          {lines.join("\n")}
        </span>
      </details>
    </div>
  );
}

export interface HistorySectionProps {
  /** Newest first, as the repository returned them. */
  rows: StageRun[];
  scope: HistoryScope;
  onScopeChange: (scope: HistoryScope) => void;
  hasMore: boolean;
  onLoadMore: () => void;
  loading: boolean;
  error: DataError | null;
  onRetry: () => void;
  onOpenRun: (id: Guid) => void;
  /** Admins also see each run's approval properties. */
  isAdmin: boolean;
  currentRunId: Guid | null;
  t: Translate;
  formatDateTime: FormatDateTime;
  headingLevel?: 2 | 3;
  /** Phones: each run becomes a card with a definition list instead of a table row. */
  narrow?: boolean;
  /** Decisions recorded for the relay flow on the current run (the list the panel loaded already; no per-row reads). */
  currentRunRelay?: RelayDecision[];
}

const NO_RELAY: RelayDecision[] = [];

const runKey = (row: StageRun): string => row.id;

/** Earlier runs of this solution in the pipeline (or of this stage), each one openable. */
function HistorySectionView(props: HistorySectionProps): React.ReactElement {
  const { rows, scope, onScopeChange, hasMore, onLoadMore, loading, error, onRetry, onOpenRun, isAdmin, currentRunId, t, formatDateTime } = props;
  const styles = useStyles();
  const headingId = useId("apnl-history-table-");
  // Columns the host does not have (undefined on every row) are left out rather than shown empty.
  const hasApproval = rows.some((row) => row.approvalStatus !== undefined);
  const hasComments = rows.some((row) => row.approvalComments !== undefined);
  const showProperties = isAdmin && rows.some((row) => row.approvalProperties !== undefined);
  const relay = props.currentRunRelay ?? NO_RELAY;

  const columns = React.useMemo((): Array<PagedColumn<StageRun>> => {
    const empty = t("Common_EmptyCell");
    const date = (iso: string | null | undefined): string => (iso ? formatDateTime(iso) : empty);
    /** The current run's relayed decisions, under its approval (or, in a host without approval columns, its version). */
    const relayNote = (row: StageRun): React.ReactNode =>
      relay.length > 0 && sameGuid(row.id, currentRunId) ? (
        <ul className={styles.relayList} aria-label={t("Relay_HistoryLabel")}>
          {relay.map((decision) => (
            <li key={decision.id}>{formatText(t("Relay_HistoryItem"), relayDecisionText(decision, t), relayOutcomeLabel(decision.outcome, t))}</li>
          ))}
        </ul>
      ) : null;

    const list: Array<PagedColumn<StageRun>> = [
      {
        id: "version",
        header: t("History_Version"),
        render: (row) => {
          const label = row.artifactVersion ?? row.name ?? t("History_Run");
          const current = sameGuid(row.id, currentRunId);
          return (
            <span className={styles.firstCell}>
              <Link as="button" aria-label={formatText(t("History_OpenRun"), label)} onClick={() => onOpenRun(row.id)}>
                <DataText text={label} />
              </Link>
              {current ? (
                <Badge appearance="outline" color="brand" size="small">
                  {t("History_CurrentRun")}
                </Badge>
              ) : null}
              {hasApproval ? null : relayNote(row)}
            </span>
          );
        },
      },
      { id: "stage", header: t("History_Stage"), render: (row) => (row.stage ? <DataText text={lookupText(row.stage, t)} /> : empty) },
      {
        id: "status",
        header: t("History_Status"),
        render: (row) => (row.stageRunStatus ? <StatusBadge tone={runStatusTone(row.stageRunStatus)} label={optionLabel(row.stageRunStatus, t)} /> : empty),
      },
      { id: "requestedBy", header: t("History_RequestedBy"), render: (row) => (row.requestedBy ? <DataText text={lookupText(row.requestedBy, t)} /> : empty) },
      { id: "start", header: t("History_Start"), render: (row) => date(row.startTime) },
      { id: "end", header: t("History_End"), render: (row) => date(row.endTime) },
    ];
    if (hasApproval) {
      list.push({
        id: "approval",
        header: t("History_Approval"),
        render: (row) => {
          const state = approvalStateOf(row);
          const badge = state === "notInHost" || state === "empty" ? empty : <ApprovalBadge state={state} option={row.approvalStatus} t={t} />;
          const note = relayNote(row);
          return note === null ? (
            badge
          ) : (
            <>
              {badge}
              {note}
            </>
          );
        },
      });
    }
    if (hasComments) {
      list.push({
        id: "comment",
        header: t("History_Comment"),
        render: (row) =>
          row.approvalComments ? (
            <span className={styles.comment} dir="auto">
              {row.approvalComments}
            </span>
          ) : (
            empty
          ),
      });
    }
    if (showProperties) {
      list.push({
        id: "properties",
        header: t("History_ApprovalProperties"),
        render: (row) => <PropertiesCell text={row.approvalProperties} t={t} formatDateTime={formatDateTime} empty={empty} />,
      });
    }
    return list;
  }, [t, formatDateTime, styles, relay, currentRunId, onOpenRun, hasApproval, hasComments, showProperties]);

  const isCurrent = React.useCallback((row: StageRun) => sameGuid(row.id, currentRunId), [currentRunId]);
  const scopeSwitch = (
    <Switch label={t("History_AllRunsOfStage")} checked={scope === "stage"} onChange={(_event, data) => onScopeChange(data.checked ? "stage" : "pipeline")} />
  );
  // The next page comes from the server; a failed page keeps the rows already read above its message.
  const footer = (
    <>
      {error !== null ? (
        <SectionMessage
          intent="error"
          title={t("History_LoadFailed")}
          message={dataErrorText(error, t)}
          detail={serverMessageText(error, t)}
          onRetry={onRetry}
          retryLabel={t("Common_Retry")}
        />
      ) : null}
      <LoadMoreFooter
        loading={loading}
        hasMore={hasMore && error === null}
        onLoadMore={onLoadMore}
        loadingLabel={t("History_Loading")}
        loadMoreLabel={t("History_LoadMore")}
      />
    </>
  );

  return (
    <SectionCard title={t("Section_History")} headingLevel={props.headingLevel} headerActions={scopeSwitch}>
      <Text id={headingId} size={200} className={styles.muted}>
        {scope === "stage" ? t("History_ScopeStage") : t("History_ScopePipeline")}
      </Text>
      {rows.length > 0 ? (
        <PagedTable
          columns={columns}
          rows={rows}
          labelledBy={headingId}
          t={t}
          stacked={props.narrow}
          rowKey={runKey}
          isCurrent={isCurrent}
          wide
          footer={footer}
          cellClassName={styles.cell}
        />
      ) : (
        <>
          {!loading && error === null ? <Text className={styles.muted}>{t("History_Empty")}</Text> : null}
          {footer}
        </>
      )}
    </SectionCard>
  );
}

/** Memoized: the panel re-renders on every status change, and this section only needs to when its own props change. */
export const HistorySection = React.memo(HistorySectionView);
