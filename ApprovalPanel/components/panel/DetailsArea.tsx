import * as React from "react";
import { mergeClasses } from "@fluentui/react-components";
import type { PipelinesRepository } from "../../app/ports";
import type { StageRun, Stage } from "../../domain/types";
import type { PanelData } from "../../app/panelLoadState";
import { ChangesPanel } from "../changes/ChangesPanel";
import { DetailsSection } from "../sections/DetailsSection";
import { ErrorSection } from "../sections/ErrorSection";
import { NotesSection } from "../sections/NotesSection";
import { SettingsSection } from "../sections/SettingsSection";
import { ValidationSection } from "../sections/ValidationSection";
import type { PanelText } from "../shared/text";
import { useLayoutStyles } from "./layout.styles";

interface DetailsAreaProps extends PanelText {
  repository: PipelinesRepository;
  run: StageRun;
  stage: Stage | null | undefined;
  lastDeployment: PanelData["lastDeployment"];
  /** What changes shows with the checks only. */
  showChanges: boolean;
  targetName: string;
  narrow: boolean;
  onChangesShown(summary: Record<string, unknown> | null, comparison?: string | null): void;
  /** Where the checks' "Show ..." links move the focus. */
  validationRef: React.RefObject<HTMLDivElement>;
  settingsRef: React.RefObject<HTMLDivElement>;
}

/** The details' column: What changes, the run's details, then notes, validation, settings and the error. */
export function DetailsArea(props: DetailsAreaProps): React.ReactElement {
  const { run, narrow, t, locale, formatDateTime } = props;
  const text: PanelText = { t, locale, formatDateTime };
  const styles = useLayoutStyles();
  return (
    <>
      {/* What this deployment changes, first in the details: right under the checks on the screen, and after the
          decision in the keyboard order. Nothing downloads until the approver asks. */}
      {props.showChanges ? (
        <ChangesPanel
          repository={props.repository}
          run={run}
          lastDeployment={props.lastDeployment}
          targetName={props.targetName}
          {...text}
          onShown={props.onChangesShown}
        />
      ) : null}
      <DetailsSection run={run} stage={props.stage} t={t} formatDateTime={formatDateTime} narrow={narrow} />
      <div className={mergeClasses(styles.grid, narrow && styles.narrow)}>
        <NotesSection deploymentNotes={run.deploymentNotes} aiGeneratedNotes={run.aiGeneratedDeploymentNotes} t={t} />
        <div ref={props.validationRef} className={styles.cell}>
          <ValidationSection validationResults={run.validationResults} t={t} locale={locale} />
        </div>
        <div ref={props.settingsRef} className={styles.cell}>
          <SettingsSection deploymentSettingsJson={run.deploymentSettingsJson} t={t} locale={locale} narrow={narrow} />
        </div>
        <ErrorSection errorMessage={run.errorMessage} t={t} />
      </div>
    </>
  );
}
