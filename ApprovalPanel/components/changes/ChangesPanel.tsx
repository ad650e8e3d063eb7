import * as React from "react";
import type { PipelinesRepository } from "../../app/ports";
import { parseDeploymentSettings } from "../../domain/deploymentSettings";
import { reviewFingerprint } from "../../domain/fingerprint";
import type { StageRun } from "../../domain/types";
import { parseValidationResults } from "../../domain/validationResults";
import { comparisonSummary } from "../../solution/fromZip";
import { diffDeploymentSettings, type DeploymentSettingsDiff } from "../../solution/settingsDiff";
import { yieldToPage } from "../../solution/xml";
import { baselineOf, useArtifactDiff } from "../../hooks/useArtifactDiff";
import type { LastDeploymentState } from "../../hooks/usePanelData";
import type { PanelText } from "../shared/text";
import { ChangesSection } from "./ChangesSection";
import { comparisonText } from "./report/comparisonText";

export interface ChangesPanelProps extends PanelText {
  repository: PipelinesRepository;
  /** The run on the form. */
  run: StageRun;
  /** PanelData.lastDeployment: the run last deployed to the same stage, as the panel loads it. */
  lastDeployment: LastDeploymentState;
  targetName: string;
  /** The run's validationresults as the host stores it, shown beside the changes it names; the run's own when absent. */
  validation?: string | null;
  /**
   * The comparison the approver was shown, for the review fingerprint: its summary, and the whole comparison as
   * language-neutral text (ReviewInput.comparison); null until it is shown.
   */
  onShown?: (summary: Record<string, unknown> | null, comparison: string | null) => void;
}

/**
 * This run's deployment settings against the last deployment's (a first deployment: all of them are new); null when
 * either side's settings cannot be read, or the baseline was read without them.
 */
function settingsDiffOf(run: StageRun, baseline: StageRun | null | undefined): DeploymentSettingsDiff | null {
  if (baseline === undefined) return null;
  const current = parseDeploymentSettings(run.deploymentSettingsJson);
  if (!current.ok) return null;
  if (baseline === null) return diffDeploymentSettings(null, current.value);
  const before = parseDeploymentSettings(baseline.deploymentSettingsJson);
  return before.ok ? diffDeploymentSettings(before.value, current.value) : null;
}

/** The What changes section wired to its hook: what the root renders. Nothing is downloaded until the approver asks. */
export function ChangesPanel({ repository, run, lastDeployment, targetName, validation, onShown, ...text }: ChangesPanelProps): React.ReactElement {
  const { baseline, unknown } = baselineOf(lastDeployment);
  const diff = useArtifactDiff(repository, run, baseline);
  const comparison = diff.state.status === "done" ? diff.state.comparison : null;
  // The comparison as the fingerprint takes it, in a task of its own after the result is shown: at 50 MB its text was a
  // large part of the one task that rendered the result.
  const [shown, setShown] = React.useState<{ summary: Record<string, unknown>; text: string } | null>(null);
  React.useEffect(() => {
    setShown(null);
    if (comparison === null) return;
    let live = true;
    void yieldToPage().then(() => {
      if (live) setShown({ summary: comparisonSummary(comparison), text: comparisonText(comparison) });
    });
    return () => {
      live = false;
    };
  }, [comparison]);
  React.useEffect(() => {
    onShown?.(shown?.summary ?? null, shown?.text ?? null);
  }, [shown, onShown]);

  // The same review input the root hashes for ApprovalProperties, so the report carries the fingerprint a decision records.
  const [fingerprint, setFingerprint] = React.useState<string | null>(null);
  React.useEffect(() => {
    setFingerprint(null);
    if (shown === null) return;
    let live = true;
    void reviewFingerprint({
      runId: run.id,
      artifactVersion: run.artifactVersion,
      deploymentSettingsJson: run.deploymentSettingsJson,
      validationResults: run.validationResults,
      changes: shown.summary,
      comparison: shown.text,
    }).then((result) => {
      if (live) setFingerprint(result?.value ?? null);
    });
    return () => {
      live = false;
    };
  }, [shown, run.id, run.artifactVersion, run.deploymentSettingsJson, run.validationResults]);

  const validationText = validation === undefined ? run.validationResults : validation;
  const validationSummary = React.useMemo(() => {
    const parsed = parseValidationResults(validationText);
    return parsed.ok ? parsed.value : null;
  }, [validationText]);
  const settingsDiff = React.useMemo(() => settingsDiffOf(run, baseline), [run, baseline]);
  return (
    <ChangesSection
      state={diff.state}
      targetName={targetName}
      baselineRun={baseline ?? null}
      baselineUnknown={unknown}
      noCurrentFile={!run.artifact?.id}
      settingsDiff={settingsDiff}
      validation={validationSummary}
      run={run}
      fingerprint={fingerprint}
      {...text}
      onStart={diff.start}
      onCancel={diff.cancel}
      onRetry={diff.retry}
    />
  );
}
