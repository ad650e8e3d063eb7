import * as React from "react";
import type { PipelinesRepository } from "../../data/PipelinesRepository";
import { parseDeploymentSettings } from "../../domain/deploymentSettings";
import type { StageRun } from "../../domain/types";
import { comparisonSummary } from "../../solution/fromZip";
import { diffDeploymentSettings, type DeploymentSettingsDiff } from "../../solution/settingsDiff";
import { baselineOf, useArtifactDiff } from "../../hooks/useArtifactDiff";
import type { LastDeploymentState } from "../../hooks/usePanelData";
import type { FormatDateTime, Translate } from "../shared/text";
import { ChangesSection } from "./ChangesSection";

export interface ChangesPanelProps {
  repository: PipelinesRepository;
  /** The run on the form. */
  run: StageRun;
  /** PanelData.lastDeployment: the run last deployed to the same stage, as the panel loads it. */
  lastDeployment: LastDeploymentState;
  targetName: string;
  t: Translate;
  locale: string | undefined;
  formatDateTime: FormatDateTime;
  /** The comparison the approver was shown, summarised for the review fingerprint; null until it is shown. */
  onShown?: (summary: Record<string, unknown> | null) => void;
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
export function ChangesPanel({ repository, run, lastDeployment, targetName, t, locale, formatDateTime, onShown }: ChangesPanelProps): React.ReactElement {
  const { baseline, unknown } = baselineOf(lastDeployment);
  const diff = useArtifactDiff(repository, run, baseline);
  const comparison = diff.state.status === "done" ? diff.state.comparison : null;
  React.useEffect(() => {
    onShown?.(comparison === null ? null : comparisonSummary(comparison));
  }, [comparison, onShown]);
  const settingsDiff = React.useMemo(() => settingsDiffOf(run, baseline), [run, baseline]);
  return (
    <ChangesSection
      state={diff.state}
      targetName={targetName}
      baselineRun={baseline ?? null}
      baselineUnknown={unknown}
      noCurrentFile={!run.artifact?.id}
      settingsDiff={settingsDiff}
      t={t}
      locale={locale}
      formatDateTime={formatDateTime}
      onStart={diff.start}
      onCancel={diff.cancel}
      onRetry={diff.retry}
    />
  );
}
