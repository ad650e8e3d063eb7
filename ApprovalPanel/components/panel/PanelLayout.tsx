import * as React from "react";
import { mergeClasses, Spinner, Text } from "@fluentui/react-components";
import type { PanelView } from "../../app/panelView";
import { computeChecks } from "../../domain/checks";
import { STAGE_RUN_TABLE, type Guid } from "../../domain/types";
import type { DecisionState } from "../../hooks/useDecision";
import type { HostCheck } from "../../hooks/useHostCheck";
import type { PanelData } from "../../app/panelLoadState";
import { ChecksSection, type CheckSection } from "../checks/ChecksSection";
import { decisionStatusText } from "../decision/DecisionSection";
import { HistorySection } from "../sections/HistorySection";
import { dataErrorText, serverMessageText } from "../shared/dataError";
import { lookupText } from "../shared/fields";
import { SectionMessage } from "../shared/SectionMessage";
import type { PanelText } from "../shared/text";
import { SummaryHeader } from "../summary/SummaryHeader";
import { DecisionArea } from "./DecisionArea";
import { DetailsArea } from "./DetailsArea";
import { HostCheckArea } from "./HostCheckArea";
import { useLayoutStyles } from "./layout.styles";
import type { PanelProps } from "./panelProps";
import { showSection } from "./showSection";

export interface PanelLayoutProps extends PanelProps {
  runId: Guid;
  data: PanelData;
  view: PanelView;
  decision: DecisionState;
  hostCheck: HostCheck;
  /** When the run was (re)loaded: "now" for relative times. */
  loadedAt: number;
  onChangesShown(summary: Record<string, unknown> | null, comparison?: string | null): void;
}

/** The panel's sections in reading order, as the view says; while loading a spinner, on failure a message with Retry. */
export function PanelLayout(props: PanelLayoutProps): React.ReactElement {
  const { host, getString: t, formatDateTime, openRecord, runId, data, view, decision, hostCheck } = props;
  const styles = useLayoutStyles();
  const { narrow, wide, isAdmin, ready } = view;
  const onOpenRun = React.useCallback((id: Guid) => openRecord(STAGE_RUN_TABLE, id), [openRecord]);
  const sections = {
    validation: React.useRef<HTMLDivElement>(null),
    settings: React.useRef<HTMLDivElement>(null),
    history: React.useRef<HTMLDivElement>(null),
  };
  const sectionRefs = React.useRef(sections);
  const onShowSection = React.useCallback((section: CheckSection) => showSection(sectionRefs.current[section].current), []);
  const checkInput = ready?.checkInput ?? null;
  const checkResult = React.useMemo(() => (checkInput === null ? null : computeChecks(checkInput)), [checkInput]);

  const loadText =
    data.run.status === "loading" ? t("Load_Loading") : data.refreshing ? t("Load_Refreshing") : data.run.status === "ready" ? t("Load_Done") : "";
  const decisionText = decisionStatusText(decision.phase, t, host.locale);
  const status = (
    <PanelStatus text={decisionText ?? loadText} visible={decisionText !== null} loading={data.run.status === "loading"} phase={decision.phase.kind} />
  );

  if (data.run.status === "error") {
    return (
      <div className={mergeClasses(styles.panel, narrow && styles.touch)}>
        {status}
        <SectionMessage
          intent="error"
          title={t("Panel_LoadFailed")}
          message={dataErrorText(data.run.error, t, host.locale)}
          detail={serverMessageText(data.run.error, t)}
          onRetry={data.retryRun}
          retryLabel={t("Panel_Retry")}
        />
      </div>
    );
  }
  if (ready === null || checkResult === null) {
    return (
      <div className={styles.panel}>
        {status}
        {data.run.status === "loading" ? <Spinner size="small" label={t("Load_Loading")} className={styles.loading} /> : null}
      </div>
    );
  }

  const { run, loaded, show } = ready;
  const stage = loaded.stage.ok ? loaded.stage.value : undefined;
  const text: PanelText = { t, locale: host.locale, formatDateTime };
  const targetName = run.targetEnvironment ? lookupText(run.targetEnvironment, t) : run.stage ? lookupText(run.stage, t) : t("Check_ThisStageUnnamed");
  return (
    <div className={mergeClasses(styles.panel, narrow && styles.touch)}>
      {status}
      {show.adminCheckFailed ? (
        <SectionMessage intent="warning" message={t("Load_AdminCheckFailed")} onRetry={data.retryAdministrator} retryLabel={t("Panel_Retry")} />
      ) : null}
      <SummaryHeader run={run} stage={stage} decidedBy={ready.decidedBy} {...text} now={props.loadedAt} />
      {/* DOM order is the reading and keyboard order: checks, then the decision, then the details. On wide forms the
          decision sits in a column beside them (grid areas), so it is on the first screen without scrolling. */}
      <div className={mergeClasses(styles.layout, wide && styles.layoutWide)}>
        {show.checks ? (
          <div className={mergeClasses(styles.column, wide && styles.checksArea)}>
            <ChecksSection result={checkResult} {...text} targetName={targetName} onOpenRun={onOpenRun} onShowSection={onShowSection} />
          </div>
        ) : null}
        <div className={mergeClasses(styles.column, wide && styles.sideArea)}>
          <DecisionArea
            view={view}
            ready={ready}
            data={data}
            decision={decision}
            relayTable={host.config.decisionRelayTable}
            {...text}
            openRecord={openRecord}
            openNewRecord={props.openNewRecord}
          />
        </div>
        <div className={mergeClasses(styles.column, wide && styles.detailsArea)}>
          <DetailsArea
            repository={props.repository}
            run={run}
            stage={stage}
            lastDeployment={data.lastDeployment}
            showChanges={show.checks}
            targetName={targetName}
            narrow={narrow}
            {...text}
            onChangesShown={props.onChangesShown}
            validationRef={sections.validation}
            settingsRef={sections.settings}
          />
        </div>
      </div>
      {show.history ? (
        <div ref={sections.history} className={styles.cell}>
          <HistorySection
            rows={data.history.rows}
            scope={data.history.scope}
            onScopeChange={data.setHistoryScope}
            hasMore={data.history.next !== null}
            onLoadMore={data.loadMoreHistory}
            loading={data.history.status === "loading" || data.history.loadingMore}
            error={data.history.error ?? data.history.moreError}
            onRetry={data.history.error !== null ? data.retryHistory : data.loadMoreHistory}
            onOpenRun={onOpenRun}
            isAdmin={isAdmin}
            currentRunId={runId}
            {...text}
            narrow={narrow}
            currentRunRelay={data.relayDecisions.status === "ready" ? data.relayDecisions.value : undefined}
          />
        </div>
      ) : null}
      {show.hostCheck ? <HostCheckArea hostCheck={hostCheck} host={host} runId={runId} {...text} /> : null}
    </div>
  );
}

/**
 * The live region. The load announcements are for screen readers; what the decision is doing stays visible to
 * everyone, and focus moves here once Confirm closed the dialog, so the user hears the progress.
 */
function PanelStatus(props: { text: string; visible: boolean; loading: boolean; phase: DecisionState["phase"]["kind"] }): React.ReactElement {
  const styles = useLayoutStyles();
  const ref = React.useRef<HTMLDivElement>(null);
  React.useEffect(() => {
    if (props.phase === "checking") ref.current?.focus();
  }, [props.phase]);
  return (
    <div ref={ref} role="status" aria-live="polite" tabIndex={-1} className={mergeClasses(props.visible ? styles.status : styles.hidden, styles.statusFocus)}>
      {props.text !== "" && !props.loading ? <Text>{props.text}</Text> : null}
    </div>
  );
}
