import { ApprovalStatusValue, type OptionValue, type StageRun } from "./types";

export type ApprovalState = "pending" | "approved" | "rejected" | "other" | "empty" | "notInHost";

/** The run's approval state. The approvalstatus column is unconfirmed: undefined means this host has no such column. */
export function approvalStateOf(run: StageRun): ApprovalState {
  const status = run.approvalStatus;
  if (status === undefined) return "notInHost";
  if (status === null) return "empty";
  switch (status.value) {
    case ApprovalStatusValue.Pending:
      return "pending";
    case ApprovalStatusValue.Approved:
      return "approved";
    case ApprovalStatusValue.Rejected:
      return "rejected";
    default:
      return "other";
  }
}

export type StatusTone = "success" | "danger" | "warning" | "informative" | "subtle";

/**
 * stagerunstatus values. 200000000..200000003 are documented (Microsoft Learn table reference);
 * the others come from Microsoft samples. 200000005 is "Scheduled" in one source and "Pending Approval"
 * in another: both mean the run waits, so both get the warning tone. Labels always come from the host.
 */
export const StageRunStatusValue = {
  NotStarted: 200000000,
  Started: 200000001,
  Succeeded: 200000002,
  Failed: 200000003,
  Canceled: 200000004,
  PendingApprovalOrScheduled: 200000005,
  Validating: 200000006,
  ValidationSucceeded: 200000007,
  PreDeployInProgress: 200000008,
  PreDeploySucceeded: 200000009,
  Deploying: 200000010,
} as const;

export function runStatusTone(status: OptionValue | null | undefined): StatusTone {
  if (status === null || status === undefined) return "subtle";
  switch (status.value) {
    case StageRunStatusValue.Succeeded:
      return "success";
    case StageRunStatusValue.Failed:
      return "danger";
    case StageRunStatusValue.PendingApprovalOrScheduled:
      return "warning";
    case StageRunStatusValue.Started:
    case StageRunStatusValue.Validating:
    case StageRunStatusValue.ValidationSucceeded:
    case StageRunStatusValue.PreDeployInProgress:
    case StageRunStatusValue.PreDeploySucceeded:
    case StageRunStatusValue.Deploying:
      // Still moving: the run is in progress.
      return "informative";
    case StageRunStatusValue.Canceled:
    case StageRunStatusValue.NotStarted:
    default:
      return "subtle";
  }
}

export function approvalTone(state: ApprovalState): StatusTone {
  switch (state) {
    case "pending":
      return "warning";
    case "approved":
      return "success";
    case "rejected":
      return "danger";
    default:
      return "subtle";
  }
}
