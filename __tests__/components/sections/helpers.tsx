import "@testing-library/jest-dom/jest-globals";
import * as React from "react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, type RenderResult } from "@testing-library/react";
import type { StageRun } from "../../../ApprovalPanel/domain/types";

export const HOSTILE = `<img src=x onerror=alert(1)>`;

export function renderInFluent(ui: React.ReactElement): RenderResult {
  return render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);
}

/** Deterministic and visibly different from the raw ISO text. */
export function formatDateTime(iso: string): string {
  return `on ${iso.slice(0, 10)} at ${iso.slice(11, 16)} UTC`;
}

export const RUN_ID = "d1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f51";

/** A pending run in a host that has every column, unconfirmed ones included. */
export function makeRun(overrides: Partial<StageRun> = {}): StageRun {
  return {
    id: RUN_ID,
    name: "Test - ContosoExpenses 1.0.0.4",
    artifactName: "ContosoExpenses",
    artifactVersion: "1.0.0.4",
    artifactDevCurrentVersion: "1.0.0.5",
    stage: { id: "2b4d6f8a-1c3e-4a5b-9d7f-0e2c4a6b8d15", name: "Test" },
    sourceEnvironment: { id: "6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c41", name: "Contoso Dev" },
    targetEnvironment: { id: "7b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d52", name: "Contoso Test" },
    requestedBy: { id: "9a7e4c12-0d5b-4f3e-a8c2-6b1e9d3f7a54", name: "Riya Maker" },
    requestedOn: "2024-05-01T09:15:00Z",
    scheduledTime: null,
    startTime: "2024-05-01T09:16:00Z",
    endTime: null,
    stageRunStatus: { value: 200000005, label: "Pending Approval" },
    operation: { value: 200000202, label: "Deploy" },
    subOperation: { value: 200000105, label: "Waiting for approval" },
    operationStatus: { value: 200000004, label: "Pending" },
    deploymentNotes: "Adds the expense report.\nFixes the totals.",
    aiGeneratedDeploymentNotes: "This release adds one table.",
    deploymentSettingsJson: null,
    validationResults: null,
    errorMessage: null,
    approvalStatus: { value: 10, label: "Pending" },
    approvalComments: null,
    approvalProperties: null,
    ...overrides,
  };
}

/** A run from a host without the unconfirmed columns (they are undefined, not null). */
export function makeRunWithoutUnconfirmedColumns(overrides: Partial<StageRun> = {}): StageRun {
  const run = makeRun(overrides);
  delete run.scheduledTime;
  delete run.subOperation;
  delete run.operationStatus;
  delete run.aiGeneratedDeploymentNotes;
  delete run.approvalStatus;
  delete run.approvalComments;
  delete run.approvalProperties;
  return run;
}

/** The value shown for a label in a key/value list (dt → dd), or null when the label is not listed. */
export function valueOf(container: HTMLElement, label: string): string | null {
  const terms = Array.from(container.querySelectorAll("dt")).filter((dt) => dt.textContent === label);
  if (terms.length > 1) throw new Error(`Label listed twice: ${label}`);
  if (terms.length === 0) return null;
  const dd = terms[0].nextElementSibling;
  return dd ? dd.textContent : null;
}
