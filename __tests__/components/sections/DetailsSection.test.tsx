import { describe, expect, it } from "@jest/globals";
import * as React from "react";
import { fireEvent, screen, within } from "@testing-library/react";
import { DetailsSection } from "../../../ApprovalPanel/components/sections/DetailsSection";
import type { Stage } from "../../../ApprovalPanel/domain/types";
import { formatDateTime, HOSTILE, makeRun, makeRunWithoutUnconfirmedColumns, renderInFluent, valueOf } from "./helpers";
import { t, tf } from "./strings";

const stage: Stage = {
  id: "2b4d6f8a-1c3e-4a5b-9d7f-0e2c4a6b8d15",
  name: "Test",
  pipeline: { id: "3f6a9c2e-5b8d-4e1a-a7c4-9d2b6e8f1a30", name: "Contoso ALM" },
  owner: { id: "5d0c2a1e-7b3f-4e8a-9c61-2f4d8b7a1e03", name: "Omar Owner" },
  isDelegated: true,
  delegationType: { value: 1, label: "Stage Owner" },
};

function region(): HTMLElement {
  return screen.getByRole("region", { name: "Details" });
}

describe("DetailsSection", () => {
  it("lists what is deployed, where to, by whom and how far the run got", () => {
    renderInFluent(<DetailsSection run={makeRun()} stage={stage} t={t} formatDateTime={formatDateTime} />);
    const section = region();
    expect(valueOf(section, t("Request_Solution"))).toBe("ContosoExpenses");
    expect(valueOf(section, t("Request_Version"))).toBe("1.0.0.4");
    expect(valueOf(section, t("Request_SourceVersion"))).toBe("1.0.0.5");
    expect(valueOf(section, t("Request_Pipeline"))).toBe("Contoso ALM");
    expect(valueOf(section, t("Request_Stage"))).toBe("Test");
    expect(valueOf(section, t("Request_SourceEnvironment"))).toBe("Contoso Dev");
    expect(valueOf(section, t("Request_TargetEnvironment"))).toBe("Contoso Test");
    expect(valueOf(section, t("Request_RequestedBy"))).toBe("Riya Maker");
    expect(valueOf(section, t("Request_RequestedOn"))).toBe("on 2024-05-01 at 09:15 UTC");
    expect(valueOf(section, t("Request_StartTime"))).toBe("on 2024-05-01 at 09:16 UTC");
  });

  it("folds the technical fields away, with the raw values an admin compares with the host", () => {
    renderInFluent(<DetailsSection run={makeRun()} stage={stage} t={t} formatDateTime={formatDateTime} />);
    const section = region();
    const toggle = within(section).getByRole("button", { name: t("Details_Technical") });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(valueOf(section, t("Request_Operation"))).toBeNull();
    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    expect(valueOf(section, t("Request_RunStatus"))).toBe("Pending Approval (200000005)");
    expect(valueOf(section, t("Request_Operation"))).toBe("Deploy (200000202)");
    expect(valueOf(section, t("Request_SubOperation"))).toBe("Waiting for approval (200000105)");
    expect(valueOf(section, t("Request_OperationStatus"))).toBe("Pending (200000004)");
    expect(valueOf(section, t("Request_ApprovalStatus"))).toBe("Pending approval (10)");
    expect(valueOf(section, t("Details_RunId"))).toBe(makeRun().id);
  });

  it("leaves out empty columns and columns the host does not have", () => {
    renderInFluent(
      <DetailsSection
        run={makeRunWithoutUnconfirmedColumns({ endTime: null, artifactDevCurrentVersion: null, targetEnvironment: null })}
        t={t}
        formatDateTime={formatDateTime}
      />,
    );
    const section = region();
    // Empty: no "Not set" rows.
    expect(valueOf(section, t("Request_EndTime"))).toBeNull();
    expect(valueOf(section, t("Request_SourceVersion"))).toBeNull();
    expect(valueOf(section, t("Request_TargetEnvironment"))).toBeNull();
    expect(within(section).queryByText(t("Common_NotSet"))).toBeNull();
    // Absent in this host: not listed at all.
    fireEvent.click(within(section).getByRole("button", { name: t("Details_Technical") }));
    expect(valueOf(section, t("Request_ScheduledTime"))).toBeNull();
    expect(valueOf(section, t("Request_SubOperation"))).toBeNull();
    expect(valueOf(section, t("Request_OperationStatus"))).toBeNull();
    expect(valueOf(section, t("Request_ApprovalStatus"))).toBeNull();
    // No stage given: the pipeline is not known, so it is not listed.
    expect(valueOf(section, t("Request_Pipeline"))).toBeNull();
  });

  it("shows the scheduled time only when there is one", () => {
    const { rerender } = renderInFluent(<DetailsSection run={makeRun({ scheduledTime: null })} t={t} formatDateTime={formatDateTime} />);
    expect(valueOf(region(), t("Request_ScheduledTime"))).toBeNull();
    rerender(<DetailsSection run={makeRun({ scheduledTime: "2024-05-02T22:00:00Z" })} t={t} formatDateTime={formatDateTime} />);
    expect(valueOf(region(), t("Request_ScheduledTime"))).toBe("on 2024-05-02 at 22:00 UTC");
  });

  it("shows 'Unknown value (n)' when the host gave no label for a choice", () => {
    renderInFluent(
      <DetailsSection
        run={makeRun({ operation: { value: 200000299, label: null }, stageRunStatus: { value: 200000042, label: null } })}
        t={t}
        formatDateTime={formatDateTime}
      />,
    );
    fireEvent.click(within(region()).getByRole("button", { name: t("Details_Technical") }));
    expect(valueOf(region(), t("Request_Operation"))).toBe(tf("Common_UnknownValue", 200000299));
    expect(valueOf(region(), t("Request_RunStatus"))).toBe("Unknown value (200000042)");
  });

  it("shows an approved or rejected decision and an unknown approval value with the host's label", () => {
    const { rerender } = renderInFluent(
      <DetailsSection run={makeRun({ approvalStatus: { value: 20, label: "Approved" } })} t={t} formatDateTime={formatDateTime} />,
    );
    fireEvent.click(within(region()).getByRole("button", { name: t("Details_Technical") }));
    expect(valueOf(region(), t("Request_ApprovalStatus"))).toBe("Approved (20)");
    // rerender replaces the test's provider wrapper, so the section mounts anew (folded again).
    rerender(<DetailsSection run={makeRun({ approvalStatus: { value: 40, label: "Escalated" } })} t={t} formatDateTime={formatDateTime} />);
    fireEvent.click(within(region()).getByRole("button", { name: t("Details_Technical") }));
    expect(valueOf(region(), t("Request_ApprovalStatus"))).toBe("Escalated (40)");
  });

  it("renders hostile names as inert text", () => {
    const { container } = renderInFluent(
      <DetailsSection
        run={makeRun({ artifactName: HOSTILE, requestedBy: { id: "9a7e4c12-0d5b-4f3e-a8c2-6b1e9d3f7a54", name: HOSTILE } })}
        stage={{ ...stage, pipeline: { id: stage.pipeline!.id, name: HOSTILE } }}
        t={t}
        formatDateTime={formatDateTime}
      />,
    );
    expect(within(region()).getAllByText(HOSTILE)).toHaveLength(3);
    expect(container.querySelector("img")).toBeNull();
  });

  it("names a lookup without a display name instead of leaving it blank", () => {
    renderInFluent(
      <DetailsSection run={makeRun({ sourceEnvironment: { id: "6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c41", name: null } })} t={t} formatDateTime={formatDateTime} />,
    );
    expect(valueOf(region(), t("Request_SourceEnvironment"))).toBe(t("Common_Unnamed"));
  });
});
