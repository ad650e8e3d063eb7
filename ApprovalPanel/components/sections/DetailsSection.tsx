import * as React from "react";
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, makeStyles, tokens } from "@fluentui/react-components";
import { approvalStateOf, runStatusTone } from "../../domain/status";
import type { LookupRef, OptionValue, Stage, StageRun } from "../../domain/types";
import { approvalLabel } from "../shared/approval";
import { DataText, isPresent, lookupText } from "../shared/fields";
import { KeyValueList, type KeyValueItem } from "../shared/KeyValueList";
import { SectionCard } from "../shared/SectionCard";
import { StatusBadge } from "../shared/StatusBadge";
import { formatText, optionLabel, type FormatDateTime, type Translate } from "../shared/text";

const useStyles = makeStyles({
  technical: { marginInlineStart: `calc(-1 * ${tokens.spacingHorizontalM})` },
});

export interface DetailsSectionProps {
  run: StageRun;
  /** The run's stage when it could be read; undefined hides the pipeline row (stage unreadable or not loaded). */
  stage?: Stage | null;
  t: Translate;
  formatDateTime: FormatDateTime;
  headingLevel?: 2 | 3;
  /** One column on phones. */
  narrow?: boolean;
}

/**
 * A row only when there is something to say: an empty or absent column is left out (where emptiness matters, a
 * check in "Before you decide" says so instead).
 */
function row<T>(id: string, label: string, value: T | null | undefined, render: (value: T) => React.ReactNode): KeyValueItem | null {
  if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) return null;
  return { id, label, value: render(value) };
}

/** A choice with its raw value, for the technical rows an admin compares with the host's metadata. */
function rawOption(option: OptionValue, t: Translate): string {
  const label = optionLabel(option, t);
  // Without a host label, optionLabel already says "Unknown value (n)".
  return option.label === null || option.label.trim() === "" ? label : formatText(t("Details_RawValue"), label, option.value);
}

/** Where the run comes from and goes to, who asked and when; the host's technical state folded away. */
function DetailsSectionView({ run, stage, t, formatDateTime, headingLevel = 2, narrow = false }: DetailsSectionProps): React.ReactElement {
  const styles = useStyles();
  const text = (value: string): React.ReactNode => <DataText text={value} />;
  const date = (iso: string): React.ReactNode => formatDateTime(iso);
  const lookup = (ref: LookupRef): React.ReactNode => <DataText text={lookupText(ref, t)} />;
  const approval = approvalStateOf(run);

  const items = [
    row("solution", t("Request_Solution"), run.artifactName, text),
    row("version", t("Request_Version"), run.artifactVersion, text),
    row("sourceVersion", t("Request_SourceVersion"), run.artifactDevCurrentVersion, text),
    row("pipeline", t("Request_Pipeline"), stage?.pipeline, lookup),
    row("stage", t("Request_Stage"), run.stage, lookup),
    row("source", t("Request_SourceEnvironment"), run.sourceEnvironment, lookup),
    row("target", t("Request_TargetEnvironment"), run.targetEnvironment, lookup),
    row("requestedBy", t("Request_RequestedBy"), run.requestedBy, lookup),
    row("requestedOn", t("Request_RequestedOn"), run.requestedOn, date),
    row("scheduled", t("Request_ScheduledTime"), run.scheduledTime, date),
    row("start", t("Request_StartTime"), run.startTime, date),
    row("end", t("Request_EndTime"), run.endTime, date),
  ].filter(isPresent);

  const technical = [
    row("runStatus", t("Request_RunStatus"), run.stageRunStatus, (value) => <StatusBadge tone={runStatusTone(value)} label={rawOption(value, t)} />),
    row("operation", t("Request_Operation"), run.operation, (value) => rawOption(value, t)),
    row("subOperation", t("Request_SubOperation"), run.subOperation, (value) => rawOption(value, t)),
    row("operationStatus", t("Request_OperationStatus"), run.operationStatus, (value) => rawOption(value, t)),
    row("approval", t("Request_ApprovalStatus"), run.approvalStatus, (value) =>
      formatText(t("Details_RawValue"), approvalLabel(approval, value, t), value.value),
    ),
    row("runId", t("Details_RunId"), run.id, text),
  ].filter(isPresent);

  return (
    <SectionCard title={t("Section_Details")} headingLevel={headingLevel}>
      <KeyValueList items={items} columns={narrow ? 1 : 2} />
      <Accordion collapsible className={styles.technical}>
        <AccordionItem value="technical">
          <AccordionHeader as={headingLevel === 2 ? "h3" : "h4"} size="small">
            {t("Details_Technical")}
          </AccordionHeader>
          <AccordionPanel>
            <KeyValueList items={technical} columns={narrow ? 1 : 2} />
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </SectionCard>
  );
}

/** Memoized: the panel re-renders on every status change, and this section only needs to when its own props change. */
export const DetailsSection = React.memo(DetailsSectionView);
