import * as React from "react";
import type { PolicyGateView } from "../../app/panelView";
import type { LoadedRun } from "../../app/ports";
import type { Quorum, ApprovalPolicy } from "../../domain/policy";
import type { Guid } from "../../domain/types";
import type { PanelData } from "../../app/panelLoadState";
import { PolicyChecklist, PolicyGate, QuorumStatus } from "../decision/PolicyParts";
import { lookupText } from "../shared/fields";
import type { PanelText, Translate } from "../shared/text";

interface PolicyGateAreaProps {
  gate: PolicyGateView;
  state: PanelData["policy"];
  loaded: LoadedRun;
  t: Translate;
  locale: string | undefined;
  onRetry(): void;
  openRecord(table: string, id: Guid): void;
  openNewRecord?(table: string, values: Record<string, string>): void;
}

/** The stage policy's line in the gate; admins can open the stage's policy, or start one with the stage filled in. */
export function PolicyGateArea(props: PolicyGateAreaProps): React.ReactElement | null {
  const { gate, state, loaded, t, openRecord, openNewRecord } = props;
  const { run, stage } = loaded;
  const stageRecord = stage.ok ? stage.value : null;
  const stageName = stageRecord?.name ? stageRecord.name : run.stage ? lookupText(run.stage, t) : t("Check_ThisStageUnnamed");
  const open = gate.open;
  const onOpenPolicy =
    open === null
      ? undefined
      : (): void => {
          if (open.kind === "existing") return openRecord(gate.table, open.id);
          if (open.values !== null) openNewRecord?.(gate.table, open.values);
        };
  return (
    <PolicyGate
      policy={state}
      table={gate.table}
      stageName={stageName}
      problems={gate.problems}
      t={t}
      locale={props.locale}
      onRetry={props.onRetry}
      onOpenPolicy={onOpenPolicy}
    />
  );
}

interface PolicyDecisionPartsProps extends PanelText {
  policy: ApprovalPolicy;
  quorum: Quorum | null;
  ticked: boolean[];
  disabled: boolean;
  onTick(index: number, value: boolean): void;
}

/** What the stage's policy adds to the decision form: the quorum so far and the checklist to tick. */
export function PolicyDecisionParts(props: PolicyDecisionPartsProps): React.ReactElement {
  const { policy, quorum, ticked, disabled, onTick, ...text } = props;
  return (
    <>
      {quorum !== null ? <QuorumStatus quorum={quorum} {...text} /> : null}
      <PolicyChecklist items={policy.checklist} ticked={ticked} disabled={disabled} onTick={onTick} t={text.t} />
    </>
  );
}
