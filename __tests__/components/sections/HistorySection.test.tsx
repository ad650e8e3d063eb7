import { describe, expect, it, jest } from "@jest/globals";
import * as React from "react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HistorySection, type HistorySectionProps } from "../../../ApprovalPanel/components/sections/HistorySection";
import type { StageRun } from "../../../ApprovalPanel/domain/types";
import { formatDateTime, HOSTILE, makeRun, makeRunWithoutUnconfirmedColumns, renderInFluent, RUN_ID } from "./helpers";
import { t, tf } from "./strings";

const OLDER_ID = "0a1b2c3d-4e5f-4061-8a7b-8c9d0e1f2a01";
const OLDEST_ID = "1b2c3d4e-5f60-4172-9b8c-9d0e1f2a3b02";

const rows: StageRun[] = [
  makeRun(),
  makeRun({
    id: OLDER_ID,
    artifactVersion: "1.0.0.3",
    stageRunStatus: { value: 200000003, label: "Failed" },
    startTime: "2024-04-20T10:00:00Z",
    endTime: "2024-04-20T10:05:00Z",
    approvalStatus: { value: 30, label: "Rejected" },
    approvalComments: "Missing the data migration.",
    approvalProperties: JSON.stringify({ approverName: "Omar Owner", adminNote: "CAB said no" }),
  }),
  makeRun({
    id: OLDEST_ID,
    artifactVersion: "1.0.0.2",
    stageRunStatus: { value: 200000002, label: "Succeeded" },
    approvalStatus: { value: 20, label: "Approved" },
    approvalComments: null,
  }),
];

function setup(overrides: Partial<HistorySectionProps> = {}) {
  const props: HistorySectionProps = {
    rows,
    scope: "pipeline",
    onScopeChange: jest.fn(),
    hasMore: false,
    onLoadMore: jest.fn(),
    loading: false,
    error: null,
    onRetry: jest.fn(),
    onOpenRun: jest.fn(),
    isAdmin: false,
    currentRunId: RUN_ID.toUpperCase(),
    t,
    formatDateTime,
    ...overrides,
  };
  const result = renderInFluent(<HistorySection {...props} />);
  return { props, ...result };
}

function region(): HTMLElement {
  return screen.getByRole("region", { name: "Run history" });
}

function bodyRows(): HTMLElement[] {
  return within(within(region()).getByRole("table")).getAllByRole("row").slice(1);
}

describe("HistorySection", () => {
  it("lists runs newest first with version, stage, status, requester, times, outcome and comment", () => {
    setup();
    const headers = within(region())
      .getAllByRole("columnheader")
      .map((cell) => cell.textContent);
    expect(headers).toEqual([
      t("History_Version"),
      t("History_Stage"),
      t("History_Status"),
      t("History_RequestedBy"),
      t("History_Start"),
      t("History_End"),
      t("History_Approval"),
      t("History_Comment"),
    ]);
    const cells = bodyRows().map((row) =>
      within(row)
        .getAllByRole("cell")
        .map((cell) => cell.textContent),
    );
    expect(cells.map((row) => row[0]?.replace(t("History_CurrentRun"), ""))).toEqual(["1.0.0.4", "1.0.0.3", "1.0.0.2"]);
    expect(cells[1]).toEqual([
      "1.0.0.3",
      "Test",
      "Failed",
      "Riya Maker",
      "on 2024-04-20 at 10:00 UTC",
      "on 2024-04-20 at 10:05 UTC",
      "Rejected",
      "Missing the data migration.",
    ]);
    expect(cells[0][6]).toBe("Pending approval");
    expect(cells[2][6]).toBe("Approved");
    expect(cells[0][5]).toBe(t("Common_EmptyCell"));
  });

  it("marks the current run", () => {
    setup();
    const [current, older] = bodyRows();
    expect(current).toHaveAttribute("aria-current", "true");
    expect(within(current).getByText(t("History_CurrentRun"))).toBeInTheDocument();
    expect(older).not.toHaveAttribute("aria-current");
    expect(within(older).queryByText(t("History_CurrentRun"))).toBeNull();
  });

  it("opens a run from its first cell, by mouse and by keyboard", async () => {
    const { props } = setup();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: tf("History_OpenRun", "1.0.0.3") }));
    expect(props.onOpenRun).toHaveBeenLastCalledWith(OLDER_ID);
    screen.getByRole("button", { name: tf("History_OpenRun", "1.0.0.2") }).focus();
    await user.keyboard("{Enter}");
    expect(props.onOpenRun).toHaveBeenLastCalledWith(OLDEST_ID);
    expect(props.onOpenRun).toHaveBeenCalledTimes(2);
  });

  it("switches to all runs of this stage and back", async () => {
    const { props, rerender } = setup();
    const user = userEvent.setup();
    const toggle = screen.getByRole("switch", { name: "All runs of this stage" });
    expect(toggle).not.toBeChecked();
    await user.click(toggle);
    expect(props.onScopeChange).toHaveBeenLastCalledWith("stage");
    rerender(<HistorySection {...props} scope="stage" />);
    expect(screen.getByRole("switch", { name: "All runs of this stage" })).toBeChecked();
    expect(within(region()).getByText(t("History_ScopeStage"))).toBeInTheDocument();
    await user.click(screen.getByRole("switch", { name: "All runs of this stage" }));
    expect(props.onScopeChange).toHaveBeenLastCalledWith("pipeline");
  });

  it("loads more runs when there are more", async () => {
    const { props } = setup({ hasMore: true });
    await userEvent.setup().click(within(region()).getByRole("button", { name: "Load more" }));
    expect(props.onLoadMore).toHaveBeenCalledTimes(1);
  });

  it("renders only the appended rows after Load more (the rows already shown are memoized)", () => {
    const formatCalls = jest.fn(formatDateTime);
    const { props, rerender } = setup({ formatDateTime: formatCalls, hasMore: true });
    formatCalls.mockClear();
    const appended = makeRun({
      id: "2c3d4e5f-6071-4283-8c9d-0e1f2a3b4c03",
      artifactVersion: "1.0.0.1",
      startTime: "2024-04-01T10:00:00Z",
      endTime: "2024-04-01T10:05:00Z",
    });
    // Same provider as the first render, so React updates the tree instead of mounting a new one.
    rerender(
      <FluentProvider theme={webLightTheme}>
        <HistorySection {...props} rows={[...rows, appended]} />
      </FluentProvider>,
    );
    expect(bodyRows()).toHaveLength(4);
    // Start and end of the new run only: the three rows already shown did not render again.
    expect(formatCalls.mock.calls.map(([iso]) => iso)).toEqual(["2024-04-01T10:00:00Z", "2024-04-01T10:05:00Z"]);
  });

  it("offers no Load more on the last page", () => {
    setup({ hasMore: false });
    expect(within(region()).queryByRole("button", { name: "Load more" })).toBeNull();
  });

  it("shows a spinner instead of Load more while loading", () => {
    setup({ hasMore: true, loading: true });
    expect(within(region()).getByText(t("History_Loading"))).toBeInTheDocument();
    expect(within(region()).queryByRole("button", { name: "Load more" })).toBeNull();
  });

  it("shows a load error with Retry and keeps the rows already loaded", async () => {
    const { props } = setup({ hasMore: true, error: { kind: "throttled", retryAfterSeconds: 5 } });
    expect(within(region()).getByText(t("History_LoadFailed"))).toBeInTheDocument();
    expect(within(region()).getByText(`${t("Common_DataError_throttled")} ${tf("Common_RetryAfter_other", 5)}`)).toBeInTheDocument();
    expect(bodyRows()).toHaveLength(3);
    await userEvent.setup().click(within(region()).getByRole("button", { name: t("Common_Retry") }));
    expect(props.onRetry).toHaveBeenCalledTimes(1);
  });

  it("says when no runs were found", () => {
    setup({ rows: [] });
    expect(within(region()).getByText(t("History_Empty"))).toBeInTheDocument();
    expect(within(region()).queryByRole("table")).toBeNull();
  });

  it("never shows approval properties to non-admins", () => {
    setup({ isAdmin: false });
    expect(within(region()).queryByRole("columnheader", { name: t("History_ApprovalProperties") })).toBeNull();
    expect(region()).not.toHaveTextContent("CAB said no");
  });

  it("shows approval properties to admins", () => {
    setup({ isAdmin: true });
    expect(within(region()).getByRole("columnheader", { name: t("History_ApprovalProperties") })).toBeInTheDocument();
    expect(region()).toHaveTextContent("adminNote: CAB said no");
  });

  it("leaves out approval and comment columns the host does not have", () => {
    setup({ rows: [makeRunWithoutUnconfirmedColumns()], isAdmin: true });
    const headers = within(region())
      .getAllByRole("columnheader")
      .map((cell) => cell.textContent);
    expect(headers).not.toContain(t("History_Approval"));
    expect(headers).not.toContain(t("History_Comment"));
    expect(headers).not.toContain(t("History_ApprovalProperties"));
  });

  it("shows hostile text as inert text", () => {
    const { container } = setup({
      rows: [makeRun({ artifactVersion: HOSTILE, approvalComments: HOSTILE, requestedBy: { id: OLDER_ID, name: HOSTILE } })],
    });
    expect(within(region()).getAllByText(HOSTILE)).toHaveLength(3);
    expect(container.querySelector("img")).toBeNull();
  });
});
