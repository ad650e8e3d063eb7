import { describe, expect, it } from "@jest/globals";
import * as React from "react";
import { screen, within } from "@testing-library/react";
import { OutcomeSection } from "../../../ApprovalPanel/components/sections/OutcomeSection";
import { HOSTILE, makeRun, makeRunWithoutUnconfirmedColumns, renderInFluent, valueOf } from "./helpers";
import { t } from "./strings";

const PROPERTIES = JSON.stringify({
  approverId: "5d0c2a1e-7b3f-4e8a-9c61-2f4d8b7a1e03",
  approverName: "Omar Owner",
  decision: "Approved",
  decisionValue: 20,
  decidedOnUtc: "2024-05-02T08:30:15.250Z",
  panelVersion: "1.0.0",
  adminNote: "Checked with the CAB",
});

const approved = makeRun({ approvalStatus: { value: 20, label: "Approved" }, approvalComments: "Looks good, ship it.", approvalProperties: PROPERTIES });

function region(): HTMLElement {
  return screen.getByRole("region", { name: "Decision" });
}

describe("OutcomeSection", () => {
  it("shows the decision and the comments for the requester", () => {
    renderInFluent(<OutcomeSection run={approved} isAdmin={false} t={t} />);
    const section = region();
    expect(within(section).getByText("Approved")).toBeInTheDocument();
    expect(within(section).getByText("Looks good, ship it.")).toBeInTheDocument();
  });

  it("shows a rejection with its badge text", () => {
    renderInFluent(
      <OutcomeSection run={makeRun({ approvalStatus: { value: 30, label: "Rejected" }, approvalComments: "Fix the tests." })} isAdmin={false} t={t} />,
    );
    expect(within(region()).getByText("Rejected")).toBeInTheDocument();
    expect(within(region()).getByText("Fix the tests.")).toBeInTheDocument();
  });

  it("hides the approval properties from non-admins", () => {
    renderInFluent(<OutcomeSection run={approved} isAdmin={false} t={t} />);
    expect(within(region()).queryByText(t("Outcome_AdminProperties"))).toBeNull();
    expect(region()).not.toHaveTextContent("Checked with the CAB");
    expect(region()).not.toHaveTextContent("approverId");
  });

  it("shows admins the approval properties as a key/value list", () => {
    renderInFluent(<OutcomeSection run={approved} isAdmin={true} t={t} />);
    const section = region();
    expect(within(section).getByRole("heading", { name: t("Outcome_AdminProperties") })).toBeInTheDocument();
    expect(valueOf(section, "approverName")).toBe("Omar Owner");
    expect(valueOf(section, "adminNote")).toBe("Checked with the CAB");
    expect(valueOf(section, "decisionValue")).toBe("20");
  });

  it("shows admins non-JSON properties as recorded text", () => {
    renderInFluent(<OutcomeSection run={{ ...approved, approvalProperties: "https://flow.example/runs/1" }} isAdmin={true} t={t} />);
    expect(valueOf(region(), t("Outcome_RawProperties"))).toBe("https://flow.example/runs/1");
  });

  it("says a pending run has no decision yet", () => {
    renderInFluent(<OutcomeSection run={makeRun()} isAdmin={false} t={t} />);
    expect(within(region()).getByText("Pending approval")).toBeInTheDocument();
    expect(within(region()).getByText(t("Outcome_NotYetDecided"))).toBeInTheDocument();
  });

  it("says when the host does not record the approval status", () => {
    renderInFluent(<OutcomeSection run={makeRunWithoutUnconfirmedColumns()} isAdmin={true} t={t} />);
    expect(within(region()).getByText("Approval status is not recorded by this host.")).toBeInTheDocument();
    expect(within(region()).queryByText(t("Outcome_AdminProperties"))).toBeNull();
  });

  it("says when a decided run has no comments", () => {
    renderInFluent(<OutcomeSection run={{ ...approved, approvalComments: null }} isAdmin={false} t={t} />);
    expect(within(region()).getByText(t("Outcome_NoComments"))).toBeInTheDocument();
  });

  it("shows hostile comments and properties as inert text", () => {
    const { container } = renderInFluent(
      <OutcomeSection run={{ ...approved, approvalComments: HOSTILE, approvalProperties: JSON.stringify({ adminNote: HOSTILE }) }} isAdmin={true} t={t} />,
    );
    expect(within(region()).getAllByText(HOSTILE)).toHaveLength(2);
    expect(container.querySelector("img")).toBeNull();
  });

  describe("a host without a comments column", () => {
    const noColumn = makeRunWithoutUnconfirmedColumns();

    it("shows the comments of the decision recorded through the relay, saying where they come from", () => {
      renderInFluent(<OutcomeSection run={noColumn} relayComments="Approved after the CAB." isAdmin={false} t={t} />);
      expect(within(region()).getByText("Approved after the CAB.")).toBeInTheDocument();
      expect(within(region()).getByText(t("Outcome_CommentsFromRelay"))).toBeInTheDocument();
    });

    it("says plainly that the host does not expose them when nothing holds them", () => {
      renderInFluent(<OutcomeSection run={noColumn} relayComments={null} isAdmin={false} t={t} />);
      expect(within(region()).getByText(t("Outcome_CommentsNotExposed"))).toBeInTheDocument();
    });

    it("a run that has the column ignores the relay's copy", () => {
      renderInFluent(<OutcomeSection run={approved} relayComments="Another text." isAdmin={false} t={t} />);
      expect(within(region()).getByText("Looks good, ship it.")).toBeInTheDocument();
      expect(within(region()).queryByText("Another text.")).toBeNull();
      expect(within(region()).queryByText(t("Outcome_CommentsFromRelay"))).toBeNull();
    });
  });
});
