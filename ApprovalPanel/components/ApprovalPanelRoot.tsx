import * as React from "react";
import { FluentProvider, IdPrefixProvider, Link, makeStyles, mergeClasses, shorthands, Spinner, Text, tokens } from "@fluentui/react-components";
import type { LoadedRun, PipelinesRepository } from "../data/PipelinesRepository";
import { evaluateDecision, type DecisionBlockReason, type DecisionEligibility } from "../domain/decisionRules";
import { STAGE_RUN_TABLE, type Guid, type PanelConfig, type StageRun } from "../domain/types";
import { awaitsDecision, computeChecks, type CheckSource, type HistoryFacts } from "../domain/checks";
import { summarizeApprovalProperties } from "../domain/approvalProperties";
import type { ReviewInput } from "../domain/fingerprint";
import {
  approveBlocks,
  configWithPolicy,
  expiresAt,
  policyPresenceOf,
  policyProblems,
  quorumOf,
  type ApprovalPolicy,
  type ApproveBlock,
  type Quorum,
} from "../domain/policy";
import { newPolicyFormValues } from "../data/policySchema";
import type { HostInfo } from "../host/HostAdapter";
import { isBusyPhase, useDecision, type DecisionState } from "../hooks/useDecision";
import { usePanelData, willLoad, type PanelData } from "../hooks/usePanelData";
import { useExpiryPassed } from "../hooks/useExpiryPassed";
import { useHostCheck, type HostCheck } from "../hooks/useHostCheck";
import { PANEL_VERSION } from "../version";
import { HostCheckView } from "./hostCheck/HostCheckView";
import { copyText } from "./shared/clipboard";
import { ConfirmDecisionDialog } from "./decision/ConfirmDecisionDialog";
import { decisionStatusText, DecisionSection } from "./decision/DecisionSection";
import { RelayDecisionsList } from "./decision/RelayDecisionsList";
import { RelayRowsNotice } from "./decision/RelayRowsNotice";
import { approveBlockText, PolicyChecklist, PolicyGate, QuorumStatus } from "./decision/PolicyParts";
import { ErrorSection } from "./sections/ErrorSection";
import { GateSection } from "./sections/GateSection";
import { HistorySection } from "./sections/HistorySection";
import { NotesSection } from "./sections/NotesSection";
import { OutcomeSection } from "./sections/OutcomeSection";
import { DetailsSection } from "./sections/DetailsSection";
import { ChecksSection, type CheckSection } from "./checks/ChecksSection";
import { ChangesPanel } from "./changes/ChangesPanel";
import { SummaryHeader } from "./summary/SummaryHeader";
import { lookupText } from "./shared/fields";
import { COLUMN_STACK, TOUCH_TARGET } from "./shared/styles";
import { VISUALLY_HIDDEN } from "./shared/visuallyHidden";
import { SettingsSection } from "./sections/SettingsSection";
import { ValidationSection } from "./sections/ValidationSection";
import { dataErrorText, serverMessageText } from "./shared/dataError";
import { SectionMessage } from "./shared/SectionMessage";
import type { FormatDateTime, Translate } from "./shared/text";

/** Below this width (the form's allocatedWidth) every section takes the full width. */
export const NARROW_WIDTH_PX = 480;
/** From this width (the form's allocatedWidth) the decision gets its own column beside the checks and details. */
export const WIDE_WIDTH_PX = 900;
const DECISION_COLUMN_MIN = "20rem";
const DECISION_COLUMN_MAX = "26rem";

export interface ApprovalPanelRootProps {
  host: HostInfo;
  repository: PipelinesRepository;
  getString: Translate;
  formatDateTime: FormatDateTime;
  openRecord(table: string, id: Guid): void;
  /** Opens a new record's form with some columns filled in (navigation.openForm with parameters); optional. */
  openNewRecord?(table: string, values: Record<string, string>): void;
  /** Aborted by the control's destroy(): stop requests and timers, update no state. */
  disposeSignal?: AbortSignal;
}

const useStyles = makeStyles({
  panel: {
    ...COLUMN_STACK,
    ...shorthands.gap(tokens.spacingVerticalM),
  },
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 320px), 1fr))",
    ...shorthands.gap(tokens.spacingHorizontalM, tokens.spacingVerticalM),
    alignItems: "start",
  },
  narrow: {
    gridTemplateColumns: "minmax(0, 1fr)",
  },
  // Phones are used with fingers: every button and switch gets a touch-sized hit area.
  touch: {
    "& button": { minHeight: TOUCH_TARGET, minWidth: TOUCH_TARGET },
    "& .fui-Switch": { minHeight: TOUCH_TARGET, alignItems: "center" },
    // A touch-sized link inside a message's sentence would stretch the line it sits on: give it its own line.
    "& .fui-MessageBarBody button.fui-Link": { display: "block", marginInlineStart: 0, textAlign: "start" },
  },
  cell: { minWidth: 0 },
  hostCheckLink: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    ...shorthands.gap(tokens.spacingVerticalXXS),
  },
  muted: { color: tokens.colorNeutralForeground3 },
  layout: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr)",
    ...shorthands.gap(tokens.spacingHorizontalM, tokens.spacingVerticalM),
    alignItems: "start",
  },
  // Wide forms: checks and details on the left, the decision beside them (and sticky while the details scroll).
  layoutWide: {
    gridTemplateColumns: `minmax(0, 1fr) minmax(${DECISION_COLUMN_MIN}, ${DECISION_COLUMN_MAX})`,
    gridTemplateAreas: '"checks side" "details side"',
    gridTemplateRows: "auto 1fr",
  },
  checksArea: { gridArea: "checks" },
  detailsArea: { gridArea: "details" },
  sideArea: {
    gridArea: "side",
    position: "sticky",
    top: 0,
  },
  column: {
    display: "flex",
    flexDirection: "column",
    ...shorthands.gap(tokens.spacingVerticalM),
    minWidth: 0,
  },
  hidden: VISUALLY_HIDDEN,
  status: {
    minHeight: tokens.lineHeightBase300,
    ...shorthands.outline(0),
  },
  statusFocus: {
    ":focus-visible": {
      ...shorthands.outline(tokens.strokeWidthThick, "solid", tokens.colorStrokeFocus2),
    },
  },
  loading: {
    display: "flex",
    justifyContent: "flex-start",
  },
});

let instanceCounter = 0;

/** The form paints the background; the panel's provider must not paint its own (it would differ in some themes). */
const TRANSPARENT: React.CSSProperties = { backgroundColor: "transparent" };

/** Reasons for which the decision form is shown (disabled, with the reason): the user is a would-be approver. */
const FORM_BLOCK_REASONS: ReadonlySet<DecisionBlockReason> = new Set<DecisionBlockReason>([
  "notStageOwner",
  "servicePrincipalNoRelay",
  "relayNoPolicy",
  "relaySeveralPolicies",
  "stageUnreadable",
]);

/** Host checks before anything is loaded: outside a pipelines host, on an unsaved record, or on another table. */
function hostProblem(host: HostInfo, t: Translate): string | null {
  if (!host.hasWebApi) return t("Panel_NoHost");
  // On another table's form (the Deployment Approvals app's request) the run comes from the bound column.
  if (host.run.source === "boundColumn" && host.run.problem !== null) return t(host.run.problem === "empty" ? "Panel_NoRunId" : "Panel_BadRunId");
  if (host.recordId === null) return t("Panel_SaveFirst");
  // The same conditions as startPanelLoad's, so nothing it starts is left unused.
  return willLoad(host) ? null : t("Panel_NoHost");
}

export function ApprovalPanelRoot(props: ApprovalPanelRootProps): React.ReactElement {
  const { host, getString } = props;
  // A per-instance prefix: two panels (or the host's own Fluent parts) never share generated ids.
  const [idPrefix] = React.useState(() => `apnl${++instanceCounter}-`);
  const problem = hostProblem(host, getString);
  return (
    <IdPrefixProvider value={idPrefix}>
      {/* An inline style, not a makeStyles class: classes made here (outside the provider) are left-to-right ones, and
          Griffel refuses to merge them with the provider's right-to-left classes (mergeClasses warns and drops them). */}
      <FluentProvider theme={host.theme} dir={host.isRTL ? "rtl" : "ltr"} style={TRANSPARENT}>
        {problem !== null ? <SectionMessage intent="info" message={problem} /> : <PanelBody {...props} runId={host.recordId as Guid} />}
      </FluentProvider>
    </IdPrefixProvider>
  );
}

function PanelBody(props: ApprovalPanelRootProps & { runId: Guid }): React.ReactElement {
  const { host, repository, getString: t, disposeSignal, runId } = props;
  const data = usePanelData(repository, runId, host.user, host.config, disposeSignal);
  const loaded = data.run.status === "ready" ? data.run.value : null;
  const policy = data.policy.status === "ready" ? data.policy.value.policy : null;
  // A stage's policy replaces the form's comment and self-approval rules for that stage (docs/approval-policy.md).
  const config = React.useMemo(() => configWithPolicy(host.config, policy), [host.config, policy]);

  const policyPresence = policyPresenceOf(data.policy.status === "ready" ? data.policy.value : null);
  const eligibility = React.useMemo(
    () => (loaded === null ? null : evaluateDecision({ run: loaded.run, stage: loaded.stage, user: host.user, config, policyPresence })),
    [loaded, host.user, config, policyPresence],
  );
  const route = eligibility !== null && eligibility.canDecide ? eligibility.route : null;
  const quorum = React.useMemo(
    () => (route === "relay" && policy !== null && data.relayDecisions.status === "ready" ? quorumOf(policy, data.relayDecisions.value, host.user.id) : null),
    [route, policy, data.relayDecisions, host.user.id],
  );
  const expiry = React.useMemo(() => expiresAt(policy, loaded?.run.requestedOn ?? null), [policy, loaded]);
  // Renders this part again when the request expires while the panel is open (Approve's block reads the clock then).
  const expired = useExpiryPassed(expiry);
  const blocksFor = React.useCallback(
    (ticked: readonly boolean[]) => approveBlocks({ policy, expiry, now: Date.now(), ticked, quorum }),
    [policy, expiry, quorum],
  );
  // What the approver saw of "What changes", once it was shown: part of the review fingerprint.
  const [changesShown, setChangesShown] = React.useState<Record<string, unknown> | null>(null);
  React.useEffect(() => setChangesShown(null), [runId]);
  const review = React.useMemo<ReviewInput | null>(
    () =>
      loaded === null
        ? null
        : {
            runId: loaded.run.id,
            artifactVersion: loaded.run.artifactVersion,
            deploymentSettingsJson: loaded.run.deploymentSettingsJson,
            validationResults: loaded.run.validationResults,
            changes: changesShown,
          },
    [loaded, changesShown],
  );

  const decision = useDecision({
    repository,
    runId,
    loaded,
    user: host.user,
    config,
    policy,
    review,
    approveBlocked: React.useCallback((ticked: readonly boolean[]) => blocksFor(ticked).length > 0, [blocksFor]),
    route,
    reload: data.reload,
    onRelayRowChanged: data.refreshRelayDecisions,
    disposeSignal,
  });
  const narrow = host.allocatedWidth !== null && host.allocatedWidth >= 0 && host.allocatedWidth < NARROW_WIDTH_PX;
  const hostCheck = useHostCheck(
    repository,
    { userId: host.user.id, formTable: host.entityTypeName, relayTable: host.config.decisionRelayTable },
    disposeSignal,
  );

  // The confirmation dialog lives here, not in the decision form, and once opened it stays mounted whatever the panel
  // shows. A fast decision replaces the form with the outcome while the dialog is still closing; unmounting the Dialog
  // then disposed tabster (its last user in the panel) with the modalizer's clean-up still pending (tabster removes the
  // aria-hidden it put on the rest of the page 250 ms after the modal is deactivated, and ModalizerAPI.dispose() cancels
  // that timer), so the host form's header and commands stayed hidden from screen readers. It mounts on the first
  // Approve/Reject only, so views without a decision start no tabster (and its timers) at all.
  const dialogUsed = React.useRef(false);
  if (decision.confirming !== null) dialogUsed.current = true;
  return (
    <>
      <PanelContent
        {...props}
        data={data}
        loaded={loaded}
        eligibility={eligibility}
        decision={decision}
        narrow={narrow}
        hostCheck={hostCheck}
        config={config}
        policy={policy}
        quorum={quorum}
        expiry={expiry}
        expired={expired}
        approveBlockList={blocksFor(decision.ticked)}
        onChangesShown={setChangesShown}
      />
      {dialogUsed.current ? (
        <ConfirmDecisionDialog
          decision={decision.confirming}
          comment={decision.comment}
          adminNote={decision.adminNote}
          t={t}
          theme={host.theme}
          dir={host.isRTL ? "rtl" : "ltr"}
          touch={narrow}
          onConfirm={decision.confirm}
          onCancel={decision.cancelConfirmation}
        />
      ) : null}
    </>
  );
}

interface PanelContentProps extends ApprovalPanelRootProps {
  runId: Guid;
  data: PanelData;
  loaded: LoadedRun | null;
  eligibility: DecisionEligibility | null;
  decision: DecisionState;
  narrow: boolean;
  hostCheck: HostCheck;
  /** The form's properties with the stage policy applied. */
  config: PanelConfig;
  /** The stage's policy once read (null: none, or not read). */
  policy: ApprovalPolicy | null;
  quorum: Quorum | null;
  expiry: Date | null;
  /** The expiry has passed (also while the panel stayed open). */
  expired: boolean;
  approveBlockList: ApproveBlock[];
  onChangesShown(summary: Record<string, unknown> | null): void;
}

/** A part of the load as the checks read it: its value once ready, else only whether it failed, cannot be had or is coming. */
function checkSource<V>(status: PanelData["history"]["status"] | PanelData["lastDeployment"]["status"], readyValue: () => V): CheckSource<V> {
  switch (status) {
    case "ready":
      return { status: "ready", value: readyValue() };
    case "error":
      return { status: "error" };
    case "unavailable":
      return { status: "unavailable" };
    default:
      return { status: "loading" };
  }
}

/** The history as the checks read it: its first pages, whether they are the whole history, and its scope. */
function historyForChecks(history: PanelData["history"]): CheckSource<HistoryFacts> {
  return checkSource(history.status, () => ({ rows: history.rows, complete: history.next === null, coversPipeline: history.effectiveScope === "pipeline" }));
}

/** The last deployment as the checks read it: still loading until its answer came. */
function lastDeploymentForChecks(last: PanelData["lastDeployment"]): CheckSource<StageRun | null> {
  // Called only when ready; the check narrows the union for the compiler.
  return checkSource(last.status, () => (last.status === "ready" ? last.value : null));
}

/**
 * The approver's comments for a host whose run table has no comments column: the latest applied relay decision's,
 * else null (the panel says the host does not expose them); undefined when the run has the column.
 */
function relayCommentsOf(run: StageRun, relay: PanelData["relayDecisions"]): string | null | undefined {
  if (run.approvalComments !== undefined) return undefined;
  const applied = relay.status === "ready" ? relay.value.find((d) => d.outcome === "applied" && d.comments !== null && d.comments.trim() !== "") : undefined;
  return applied?.comments ?? null;
}

/** Who decided, when the panel may say: a relay row the flow applied, or (administrators only) the approval properties. */
function decidedByName(run: StageRun, relay: PanelData["relayDecisions"], isAdmin: boolean): string | null {
  const applied = relay.status === "ready" ? relay.value.find((row) => row.outcome === "applied" && row.decidedBy?.name) : undefined;
  if (applied?.decidedBy?.name) return applied.decidedBy.name;
  return isAdmin ? (summarizeApprovalProperties(run.approvalProperties)?.approverName ?? null) : null;
}

/** Moves the view and the keyboard focus to a section's heading (the checks' "Show ..." links). */
function showSection(element: HTMLElement | null): void {
  const heading = element?.querySelector<HTMLElement>("h2, h3");
  if (!element || !heading) return;
  heading.tabIndex = -1;
  element.scrollIntoView?.({ block: "start" });
  heading.focus();
}

/** The stage policy's line in the gate (null when the form reads no policy table); admins can open or start the policy. */
function stagePolicyGate(args: {
  policyTable: string | null;
  locale: string | undefined;
  policyState: PanelData["policy"];
  /** The policy itself once read (PanelBody derives it once for everything that applies it). */
  policy: ApprovalPolicy | null;
  loaded: LoadedRun | null;
  eligibility: DecisionEligibility | null;
  isAdmin: boolean;
  t: Translate;
  onRetry(): void;
  openRecord(table: string, id: Guid): void;
  openNewRecord?(table: string, values: Record<string, string>): void;
}): React.ReactElement | null {
  const { policyTable, policyState, policy, loaded, eligibility, isAdmin, t, openRecord, openNewRecord } = args;
  if (policyTable === null || loaded === null || eligibility === null) return null;
  const { run, stage } = loaded;
  const stageRecord = stage.ok ? stage.value : null;
  const stageName = stageRecord?.name ? stageRecord.name : run.stage ? lookupText(run.stage, t) : t("Check_ThisStageUnnamed");
  const onOpenPolicy =
    !isAdmin || run.stage === null
      ? undefined
      : (): void => {
          if (policy !== null) return openRecord(policyTable, policy.id);
          const values = newPolicyFormValues(policyTable, {
            id: run.stage?.id ?? "",
            name: stageRecord?.name ?? run.stage?.name ?? null,
            pipelineName: stageRecord?.pipeline?.name ?? null,
          });
          if (values !== null) openNewRecord?.(policyTable, values);
        };
  return (
    <PolicyGate
      policy={policyState}
      table={policyTable}
      stageName={stageName}
      problems={policyState.status === "ready" ? policyProblems(policyState.value, eligibility.mode) : []}
      t={t}
      locale={args.locale}
      onRetry={args.onRetry}
      onOpenPolicy={onOpenPolicy}
    />
  );
}

function PanelContent(props: PanelContentProps): React.ReactElement {
  const {
    host,
    getString: t,
    formatDateTime,
    openRecord,
    openNewRecord,
    runId,
    data,
    loaded,
    eligibility,
    decision,
    narrow,
    hostCheck,
    config,
    policy: policyValue,
    quorum,
    expiry,
  } = props;
  const styles = useStyles();
  // Focus follows the flow: to the status message once Confirm closed the dialog, so the user hears the progress.
  const statusRef = React.useRef<HTMLDivElement>(null);
  const phaseKind = decision.phase.kind;
  React.useEffect(() => {
    if (phaseKind === "checking") statusRef.current?.focus();
  }, [phaseKind]);

  const isAdmin = data.isAdministrator.status === "ready" && data.isAdministrator.value;
  // Stable props for the memoized sections (before the early returns: hooks run on every render).
  const onOpenRun = React.useCallback((id: Guid) => openRecord(STAGE_RUN_TABLE, id), [openRecord]);
  const { relayDecisions, retryRelayDecisions } = data;
  const relayList = React.useCallback(
    (showError: boolean): React.ReactElement => (
      <RelayDecisionsList rows={relayDecisions} isAdmin={isAdmin} t={t} formatDateTime={formatDateTime} showError={showError} onRetry={retryRelayDecisions} />
    ),
    [relayDecisions, isAdmin, t, formatDateTime, retryRelayDecisions],
  );
  const outcomeRelayList = React.useMemo(() => relayList(true), [relayList]);
  const decisionRelayList = React.useMemo(() => relayList(false), [relayList]);
  const { ticked, busy, setTicked } = decision;
  const policyTable = host.config.approvalPolicyTable;
  const canDecide = eligibility?.canDecide ?? false;
  const policyArea = React.useMemo(
    () =>
      policyValue === null ? null : (
        <>
          {quorum !== null ? <QuorumStatus quorum={quorum} t={t} locale={host.locale} formatDateTime={formatDateTime} /> : null}
          <PolicyChecklist items={policyValue.checklist} ticked={ticked} disabled={busy || !canDecide} onTick={setTicked} t={t} />
        </>
      ),
    [policyValue, quorum, ticked, busy, canDecide, setTicked, t, host.locale, formatDateTime],
  );
  const policyGate = React.useMemo(
    () =>
      stagePolicyGate({
        policyTable,
        locale: host.locale,
        policyState: data.policy,
        policy: policyValue,
        loaded,
        eligibility,
        isAdmin,
        t,
        onRetry: data.retryPolicy,
        openRecord,
        openNewRecord,
      }),
    [policyTable, host.locale, data.policy, policyValue, loaded, eligibility, isAdmin, t, data.retryPolicy, openRecord, openNewRecord],
  );

  const sections = {
    validation: React.useRef<HTMLDivElement>(null),
    settings: React.useRef<HTMLDivElement>(null),
    history: React.useRef<HTMLDivElement>(null),
  };
  const sectionRefs = React.useRef(sections);
  const onShowSection = React.useCallback((section: CheckSection) => showSection(sectionRefs.current[section].current), []);

  // "Now" for relative times and the waiting check: when the run was (re)loaded, not at every render.
  const now = React.useMemo(() => (loaded === null ? 0 : Date.now()), [loaded]);
  const checkResult = React.useMemo(
    () =>
      loaded === null
        ? null
        : computeChecks({
            run: loaded.run,
            stage: loaded.stage.ok ? loaded.stage.value : null,
            history: historyForChecks(data.history),
            lastDeployment: lastDeploymentForChecks(data.lastDeployment),
            // Expired with the panel open: the clock, which useExpiryPassed says has reached the expiry.
            now: props.expired ? Date.now() : now,
            expiresAt: expiry?.toISOString() ?? null,
          }),
    [loaded, data.history, data.lastDeployment, now, expiry, props.expired],
  );

  const loadText =
    data.run.status === "loading" ? t("Load_Loading") : data.refreshing ? t("Load_Refreshing") : data.run.status === "ready" ? t("Load_Done") : "";
  const decisionText = decisionStatusText(decision.phase, t, host.locale);
  const statusText = decisionText ?? loadText;

  // The load announcements are for screen readers; what the decision is doing stays visible to everyone.
  const status = (
    <div
      ref={statusRef}
      role="status"
      aria-live="polite"
      tabIndex={-1}
      className={mergeClasses(decisionText === null ? styles.hidden : styles.status, styles.statusFocus)}
    >
      {statusText !== "" && data.run.status !== "loading" ? <Text>{statusText}</Text> : null}
    </div>
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
  if (loaded === null || eligibility === null || checkResult === null) {
    return (
      <div className={styles.panel}>
        {status}
        {data.run.status === "loading" ? <Spinner size="small" label={t("Load_Loading")} className={styles.loading} /> : null}
      </div>
    );
  }

  const { run, stage } = loaded;
  const blockReason = eligibility.blockReason;
  const showForm = eligibility.canDecide || (blockReason !== null && FORM_BLOCK_REASONS.has(blockReason)) || isBusyPhase(decision.phase);
  const showOutcome = !showForm && (blockReason === "notPending" || blockReason === "ownRequest");
  const followingId = decision.phase.kind === "relayWaiting" || decision.phase.kind === "relayTimedOut" ? decision.phase.relayId : null;
  const wide = host.allocatedWidth !== null && host.allocatedWidth >= WIDE_WIDTH_PX;
  const showChecks = awaitsDecision(run) || showForm;
  const targetName = run.targetEnvironment ? lookupText(run.targetEnvironment, t) : run.stage ? lookupText(run.stage, t) : t("Check_ThisStageUnnamed");

  return (
    <div className={mergeClasses(styles.panel, narrow && styles.touch)}>
      {status}
      {data.isAdministrator.status === "error" ? (
        <SectionMessage intent="warning" message={t("Load_AdminCheckFailed")} onRetry={data.retryAdministrator} retryLabel={t("Panel_Retry")} />
      ) : null}
      <SummaryHeader
        run={run}
        stage={stage.ok ? stage.value : undefined}
        decidedBy={decidedByName(run, data.relayDecisions, isAdmin)}
        t={t}
        locale={host.locale}
        formatDateTime={formatDateTime}
        now={now}
      />
      {/* DOM order is the reading and keyboard order: checks, then the decision, then the details. On wide forms the
          decision sits in a column beside them (grid areas), so it is on the first screen without scrolling. */}
      <div className={mergeClasses(styles.layout, wide && styles.layoutWide)}>
        {showChecks ? (
          <div className={mergeClasses(styles.column, wide && styles.checksArea)}>
            <ChecksSection
              result={checkResult}
              t={t}
              locale={host.locale}
              formatDateTime={formatDateTime}
              targetName={targetName}
              onOpenRun={onOpenRun}
              onShowSection={onShowSection}
            />
          </div>
        ) : null}
        <div className={mergeClasses(styles.column, wide && styles.sideArea)}>
          {showForm ? (
            <>
              <RelayRowsNotice rows={data.relayDecisions} t={t} formatDateTime={formatDateTime} onRetry={data.retryRelayDecisions} followingId={followingId} />
              <DecisionSection
                eligibility={eligibility}
                decision={decision}
                requireApproveComment={config.requireApproveComment}
                requireRejectComment={config.requireRejectComment}
                t={t}
                locale={host.locale}
                approveBlock={approveBlockText(props.approveBlockList, expiry, t, formatDateTime)}
                policyArea={policyArea}
              >
                {decisionRelayList}
              </DecisionSection>
            </>
          ) : null}
          {showOutcome ? (
            <OutcomeSection run={run} relayComments={relayCommentsOf(run, data.relayDecisions)} isAdmin={isAdmin} t={t}>
              {outcomeRelayList}
            </OutcomeSection>
          ) : null}
          <GateSection eligibility={eligibility} stage={stage} t={t} onRetryStage={data.retryRun} relay={host.config.decisionRelayTable !== null}>
            {policyGate}
          </GateSection>
        </div>
        <div className={mergeClasses(styles.column, wide && styles.detailsArea)}>
          {/* What this deployment changes, first in the details: right under the checks on the screen, and after the
              decision in the keyboard order. Nothing downloads until the approver asks. */}
          {showChecks ? (
            <ChangesPanel
              repository={props.repository}
              run={run}
              lastDeployment={data.lastDeployment}
              targetName={targetName}
              t={t}
              locale={host.locale}
              formatDateTime={formatDateTime}
              onShown={props.onChangesShown}
            />
          ) : null}
          <DetailsSection run={run} stage={stage.ok ? stage.value : undefined} t={t} formatDateTime={formatDateTime} narrow={narrow} />
          <div className={mergeClasses(styles.grid, narrow && styles.narrow)}>
            <NotesSection deploymentNotes={run.deploymentNotes} aiGeneratedNotes={run.aiGeneratedDeploymentNotes} t={t} />
            <div ref={sections.validation} className={styles.cell}>
              <ValidationSection validationResults={run.validationResults} t={t} locale={host.locale} />
            </div>
            <div ref={sections.settings} className={styles.cell}>
              <SettingsSection deploymentSettingsJson={run.deploymentSettingsJson} t={t} locale={host.locale} narrow={narrow} />
            </div>
            <ErrorSection errorMessage={run.errorMessage} t={t} />
          </div>
        </div>
      </div>
      {data.history.status === "unavailable" ? null : (
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
            t={t}
            formatDateTime={formatDateTime}
            narrow={narrow}
            currentRunRelay={data.relayDecisions.status === "ready" ? data.relayDecisions.value : undefined}
          />
        </div>
      )}
      {isAdmin ? <HostCheckArea hostCheck={hostCheck} host={host} runId={runId} t={t} formatDateTime={formatDateTime} /> : null}
    </div>
  );
}

/** Admins only: the "Check this host" link, and once used the check's view in its place (focus moves to it). */
function HostCheckArea(props: { hostCheck: HostCheck; host: HostInfo; runId: Guid; t: Translate; formatDateTime: FormatDateTime }): React.ReactElement {
  const { hostCheck, host, runId, t, formatDateTime } = props;
  const styles = useStyles();
  const viewRef = React.useRef<HTMLDivElement>(null);
  const linkRef = React.useRef<HTMLButtonElement>(null);
  const wasOpen = React.useRef(false);
  React.useEffect(() => {
    if (hostCheck.open && !wasOpen.current) showSection(viewRef.current);
    if (!hostCheck.open && wasOpen.current) linkRef.current?.focus();
    wasOpen.current = hostCheck.open;
  }, [hostCheck.open]);
  if (!hostCheck.open) {
    return (
      <div className={styles.hostCheckLink}>
        <Link as="button" ref={linkRef} onClick={hostCheck.run} aria-describedby={`${runId}-hostcheck-description`}>
          {t("HostCheck_Link")}
        </Link>
        <Text size={200} id={`${runId}-hostcheck-description`} className={styles.muted}>
          {t("HostCheck_LinkDescription")}
        </Text>
      </div>
    );
  }
  return (
    <div ref={viewRef} className={styles.cell}>
      <HostCheckView
        state={hostCheck.state}
        t={t}
        locale={host.locale}
        formatDateTime={formatDateTime}
        panelVersion={PANEL_VERSION}
        recordId={host.recordId}
        languageId={host.languageId}
        onRun={hostCheck.run}
        onClose={hostCheck.close}
        copyText={copyText}
      />
    </div>
  );
}
