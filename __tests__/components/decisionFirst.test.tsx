/**
 * The decision-first layout over the mock host: reading (and keyboard) order summary → checks → decision → details,
 * and the checks computed from what the panel read. Which sections show, and who decided, are derivePanel's
 * (__tests__/app/panelView.test.ts).
 */
import { describe, expect, it, jest } from "@jest/globals";
import { configure, screen, within } from "@testing-library/react";
import { buildRun, IDS, RUN_STATUS, USERS } from "../support/fixtures";
import { loadedPanel, renderPanel, s } from "../support";

jest.setTimeout(30000);
configure({ asyncUtilTimeout: 5000 });

const follows = (a: Element, b: Element) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);

describe("decision first", () => {
  it("puts the summary, then the checks, then the decision, then the details", async () => {
    renderPanel({ user: USERS.stageOwner, allocatedWidth: 1200 });
    const details = await loadedPanel();
    const summary = screen.getByRole("region", { name: s("Summary_Label") });
    const checks = screen.getByRole("region", { name: s("Section_Checks") });
    const approve = screen.getByRole("button", { name: s("Decision_Approve") });
    expect(follows(summary, checks)).toBe(true);
    expect(follows(checks, approve)).toBe(true);
    expect(follows(approve, details)).toBe(true);
    expect(follows(details, screen.getByRole("region", { name: s("Section_History") }))).toBe(true);
  });

  it("computes the checks from the run, its history and the stage's last deployment", async () => {
    const tables = {
      deploymentstagerun: [
        buildRun({ id: IDS.runs.pendingOwner, artifactVersion: "1.4.0.2" }),
        buildRun({ id: IDS.runs.history1, artifactVersion: "1.4.0.3", requestedOn: "2025-03-14T10:00:00Z" }),
        buildRun({
          id: IDS.runs.history2,
          artifactVersion: "1.4.0.5",
          requestedOn: "2025-03-01T10:00:00Z",
          endTime: "2025-03-01T11:00:00Z",
          stageRunStatus: RUN_STATUS.succeeded,
        }),
      ],
    };
    renderPanel({ user: USERS.stageOwner, tables });
    await loadedPanel();
    const checks = screen.getByRole("region", { name: s("Section_Checks") });
    // A newer pending request, and a redeploy of an older version over what the stage already has.
    await within(checks).findByText(s("Check_supersededPending_one").replace("{0}", "1").replace("{1}", "1.4.0.3"));
    const older = await within(checks).findByText((text) =>
      text.startsWith(s("Check_targetOlder").split("{2}")[0].replace("{0}", "1.4.0.2").replace("{1}", "1.4.0.5")),
    );
    expect(older.closest("[data-severity]")).toHaveAttribute("data-severity", "warning");
    expect(screen.queryByText(s("Checks_NoWarnings"))).toBeNull();
  });

  it("a failed read of the stage's last deployment costs one line; the other checks and the decision stay", async () => {
    renderPanel({
      user: USERS.stageOwner,
      faults: [
        {
          method: "retrieveMultipleRecords",
          entity: "deploymentstagerun",
          when: (call) => "options" in call && (call.options ?? "").includes("&$top=1"),
          error: new Error("boom"),
        },
      ],
    });
    await loadedPanel();
    const checks = screen.getByRole("region", { name: s("Section_Checks") });
    await within(checks).findByText(s("Check_targetUnavailable"));
    expect(within(checks).getByText(s("Check_validationWarnings_one").replace("{0}", "1"))).toBeInTheDocument();
    expect(screen.getByRole("button", { name: s("Decision_Approve") })).not.toHaveAttribute("aria-disabled", "true");
    expect(within(screen.getByRole("region", { name: s("Section_History") })).getAllByRole("row").length).toBeGreaterThan(1);
  });
});
