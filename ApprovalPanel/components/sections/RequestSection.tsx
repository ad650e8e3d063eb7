import * as React from "react";
import { approvalStateOf, runStatusTone } from "../../domain/status";
import type { OptionValue, Stage, StageRun } from "../../domain/types";
import { ApprovalBadge } from "../shared/approval";
import { DataText, fieldItem, isPresent, lookupText } from "../shared/fields";
import { KeyValueList } from "../shared/KeyValueList";
import { SectionCard } from "../shared/SectionCard";
import { StatusBadge } from "../shared/StatusBadge";
import { optionLabel, type FormatDateTime, type Translate } from "../shared/text";

export interface RequestSectionProps {
  run: StageRun;
  /** The run's stage when it could be read; undefined hides the pipeline row (stage unreadable or not loaded). */
  stage?: Stage | null;
  t: Translate;
  formatDateTime: FormatDateTime;
  headingLevel?: 2 | 3;
}

/** What is being deployed, where to, by whom and how far the run got. */
function RequestSectionView({ run, stage, t, formatDateTime, headingLevel }: RequestSectionProps): React.ReactElement {
  const text = (value: string): React.ReactNode => <DataText text={value} />;
  const date = (iso: string): React.ReactNode => formatDateTime(iso);
  const option = (value: OptionValue): React.ReactNode => optionLabel(value, t);
  const lookup = (ref: { id: string; name: string | null }): React.ReactNode => <DataText text={lookupText(ref, t)} />;
  const approvalState = approvalStateOf(run);

  const items = [
    fieldItem("solution", t("Request_Solution"), run.artifactName, text, t),
    fieldItem("version", t("Request_Version"), run.artifactVersion, text, t),
    fieldItem("sourceVersion", t("Request_SourceVersion"), run.artifactDevCurrentVersion, text, t),
    stage === undefined ? null : fieldItem("pipeline", t("Request_Pipeline"), stage?.pipeline ?? null, lookup, t),
    fieldItem("stage", t("Request_Stage"), run.stage, lookup, t),
    fieldItem("source", t("Request_SourceEnvironment"), run.sourceEnvironment, lookup, t),
    fieldItem("target", t("Request_TargetEnvironment"), run.targetEnvironment, lookup, t),
    fieldItem("requestedBy", t("Request_RequestedBy"), run.requestedBy, lookup, t),
    fieldItem("requestedOn", t("Request_RequestedOn"), run.requestedOn, date, t),
    fieldItem("scheduled", t("Request_ScheduledTime"), run.scheduledTime, date, t),
    fieldItem("start", t("Request_StartTime"), run.startTime, date, t),
    fieldItem("end", t("Request_EndTime"), run.endTime, date, t),
    fieldItem(
      "runStatus",
      t("Request_RunStatus"),
      run.stageRunStatus,
      (value) => <StatusBadge tone={runStatusTone(value)} label={optionLabel(value, t)} />,
      t,
    ),
    fieldItem("operation", t("Request_Operation"), run.operation, option, t),
    fieldItem("subOperation", t("Request_SubOperation"), run.subOperation, option, t),
    fieldItem("operationStatus", t("Request_OperationStatus"), run.operationStatus, option, t),
    approvalState === "notInHost"
      ? null
      : {
          id: "approval",
          label: t("Request_ApprovalStatus"),
          value: <ApprovalBadge state={approvalState} option={run.approvalStatus} t={t} />,
        },
  ].filter(isPresent);

  return (
    <SectionCard title={t("Section_Request")} headingLevel={headingLevel}>
      <KeyValueList items={items} />
    </SectionCard>
  );
}

/** Memoized: the panel re-renders on every status change, and this section only needs to when its own props change. */
export const RequestSection = React.memo(RequestSectionView);
