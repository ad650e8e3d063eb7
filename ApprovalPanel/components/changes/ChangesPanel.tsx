import * as React from "react";
import type { PipelinesRepository } from "../../data/PipelinesRepository";
import type { StageRun } from "../../domain/types";
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
}

/** The What changes section wired to its hook: what the root renders. Nothing is downloaded until the approver asks. */
export function ChangesPanel({ repository, run, lastDeployment, targetName, t, locale, formatDateTime }: ChangesPanelProps): React.ReactElement {
  const { baseline, unknown } = baselineOf(lastDeployment);
  const diff = useArtifactDiff(repository, run, baseline);
  return (
    <ChangesSection
      state={diff.state}
      targetName={targetName}
      baselineRun={baseline ?? null}
      baselineUnknown={unknown}
      t={t}
      locale={locale}
      formatDateTime={formatDateTime}
      onStart={diff.start}
      onCancel={diff.cancel}
      onRetry={diff.retry}
    />
  );
}
