import * as React from "react";
import { approveBlocksOf, createPanelDeriver, type ChangesShown } from "../../app/panelView";
import type { Guid } from "../../domain/types";
import { useDecision } from "../../hooks/useDecision";
import { useExpiryPassed } from "../../hooks/useExpiryPassed";
import { useHostCheck } from "../../hooks/useHostCheck";
import { usePanelData } from "../../hooks/usePanelData";
import { ConfirmDecisionDialog } from "../decision/ConfirmDecisionDialog";
import type { PanelProps } from "./panelProps";
import { PanelLayout } from "./PanelLayout";

/** One run's panel: the load, the decision and the host check, with what derivePanel makes of them. */
export function PanelBody(props: PanelProps & { runId: Guid }): React.ReactElement {
  const { host, repository, getString: t, disposeSignal, runId } = props;
  const data = usePanelData(repository, runId, host.user, host.config, disposeSignal);
  const [deriver] = React.useState(createPanelDeriver);
  // What the approver saw of "What changes", once it was shown: part of the review fingerprint.
  const [changesShown, setChangesShown] = React.useState<ChangesShown | null>(null);
  React.useEffect(() => setChangesShown(null), [runId]);
  const onChangesShown = React.useCallback(
    (summary: Record<string, unknown> | null, comparison?: string | null) =>
      setChangesShown(summary === null ? null : { summary, comparison: comparison ?? null }),
    [],
  );
  const input = { load: data, host, changesShown };
  const basis = deriver.basis(input);
  // Renders this part again when the request expires while the panel is open (Approve's block reads the clock then).
  const expired = useExpiryPassed(basis.expiry);
  const { policy, expiry, quorum } = basis;
  const approveBlocked = React.useCallback(
    (ticked: readonly boolean[]) => approveBlocksOf({ policy, expiry, quorum }, ticked, Date.now()).length > 0,
    [policy, expiry, quorum],
  );

  const decision = useDecision({
    repository,
    runId,
    loaded: basis.loaded,
    user: host.user,
    config: basis.config,
    policy,
    review: basis.review,
    approveBlocked,
    route: basis.route,
    reload: data.reload,
    onRelayRowChanged: data.refreshRelayDecisions,
    disposeSignal,
  });
  const hostCheck = useHostCheck(
    repository,
    { userId: host.user.id, formTable: host.entityTypeName, relayTable: host.config.decisionRelayTable },
    disposeSignal,
  );
  // "Now" for relative times and the waiting check: when the run was (re)loaded, not at every render.
  const loadedAt = React.useMemo(() => (basis.loaded === null ? 0 : Date.now()), [basis.loaded]);
  const view = deriver.view(basis, { ...input, decision, clock: { now: Date.now(), loadedAt, expired } });

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
      <PanelLayout {...props} data={data} view={view} decision={decision} hostCheck={hostCheck} loadedAt={loadedAt} onChangesShown={onChangesShown} />
      {dialogUsed.current ? (
        <ConfirmDecisionDialog
          decision={decision.confirming}
          comment={decision.comment}
          adminNote={decision.adminNote}
          t={t}
          theme={host.theme}
          dir={host.isRTL ? "rtl" : "ltr"}
          touch={view.narrow}
          onConfirm={decision.confirm}
          onCancel={decision.cancelConfirmation}
        />
      ) : null}
    </>
  );
}
