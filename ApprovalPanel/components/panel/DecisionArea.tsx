import * as React from "react";
import type { PanelView, ReadyView } from "../../app/panelView";
import type { Guid } from "../../domain/types";
import type { DecisionState } from "../../hooks/useDecision";
import type { PanelData } from "../../app/panelLoadState";
import { DecisionSection } from "../decision/DecisionSection";
import { approveBlockText } from "../decision/PolicyParts";
import { RelayDecisionsList } from "../decision/RelayDecisionsList";
import { RelayRowsNotice } from "../decision/RelayRowsNotice";
import { GateSection } from "../sections/GateSection";
import { OutcomeSection } from "../sections/OutcomeSection";
import type { PanelText } from "../shared/text";
import { PolicyDecisionParts, PolicyGateArea } from "./PolicyGateArea";

interface DecisionAreaProps extends PanelText {
  view: PanelView;
  ready: ReadyView;
  data: PanelData;
  decision: DecisionState;
  relayTable: string | null;
  openRecord(table: string, id: Guid): void;
  openNewRecord?(table: string, values: Record<string, string>): void;
}

/** The decision's column: the form (or the read-only outcome), then the approval gate with the stage policy's line. */
export function DecisionArea(props: DecisionAreaProps): React.ReactElement {
  const { view, ready, data, decision, t, locale, formatDateTime, openRecord, openNewRecord } = props;
  const { isAdmin, policy, quorum } = view;
  const { run, loaded, eligibility, show } = ready;
  const text = React.useMemo((): PanelText => ({ t, locale, formatDateTime }), [t, locale, formatDateTime]);
  // Stable props for the memoized sections: an answer that concerns other parts leaves them alone.
  const { relayDecisions, retryRelayDecisions, retryPolicy } = data;
  const relayList = React.useCallback(
    (showError: boolean): React.ReactElement => (
      <RelayDecisionsList rows={relayDecisions} isAdmin={isAdmin} t={t} formatDateTime={formatDateTime} showError={showError} onRetry={retryRelayDecisions} />
    ),
    [relayDecisions, isAdmin, t, formatDateTime, retryRelayDecisions],
  );
  const outcomeRelayList = React.useMemo(() => relayList(true), [relayList]);
  const decisionRelayList = React.useMemo(() => relayList(false), [relayList]);
  const { ticked, busy, setTicked } = decision;
  const canDecide = eligibility.canDecide;
  const policyParts = React.useMemo(
    () =>
      policy === null ? null : (
        <PolicyDecisionParts policy={policy} quorum={quorum} ticked={ticked} disabled={busy || !canDecide} onTick={setTicked} {...text} />
      ),
    [policy, quorum, ticked, busy, canDecide, setTicked, text],
  );
  const gate = ready.policyGate;
  const policyGate = React.useMemo(
    () =>
      gate === null ? null : (
        <PolicyGateArea gate={gate} state={data.policy} loaded={loaded} {...text} onRetry={retryPolicy} openRecord={openRecord} openNewRecord={openNewRecord} />
      ),
    [gate, data.policy, loaded, text, retryPolicy, openRecord, openNewRecord],
  );

  return (
    <>
      {show.form ? (
        <>
          <RelayRowsNotice rows={relayDecisions} t={t} formatDateTime={formatDateTime} onRetry={retryRelayDecisions} followingId={ready.followingRelayId} />
          <DecisionSection
            eligibility={eligibility}
            decision={decision}
            requireApproveComment={view.config.requireApproveComment}
            requireRejectComment={view.config.requireRejectComment}
            t={t}
            locale={locale}
            approveBlock={approveBlockText(ready.approveBlocks, view.expiry, t, formatDateTime)}
            policyArea={policyParts}
          >
            {decisionRelayList}
          </DecisionSection>
        </>
      ) : null}
      {show.outcome ? (
        <OutcomeSection run={run} relayComments={ready.relayComments} isAdmin={isAdmin} t={t}>
          {outcomeRelayList}
        </OutcomeSection>
      ) : null}
      <GateSection eligibility={eligibility} stage={loaded.stage} t={t} onRetryStage={data.retryRun} relay={props.relayTable !== null}>
        {policyGate}
      </GateSection>
    </>
  );
}
