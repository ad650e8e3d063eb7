import { describe, expect, it, jest } from "@jest/globals";
import * as React from "react";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { GateSection } from "../../../ApprovalPanel/components/sections/GateSection";
import type { DecisionAdvisory, DecisionBlockReason, DecisionEligibility } from "../../../ApprovalPanel/domain/decisionRules";
import type { Result, Stage } from "../../../ApprovalPanel/domain/types";
import { HOSTILE, renderInFluent, valueOf } from "./helpers";
import { t, tf } from "./strings";

const owner = { id: "5d0c2a1e-7b3f-4e8a-9c61-2f4d8b7a1e03", name: "Omar Owner" };

function stageOf(overrides: Partial<Stage> = {}): Result<Stage | null> {
  return {
    ok: true,
    value: {
      id: "2b4d6f8a-1c3e-4a5b-9d7f-0e2c4a6b8d15",
      name: "Test",
      pipeline: { id: "3f6a9c2e-5b8d-4e1a-a7c4-9d2b6e8f1a30", name: "Contoso ALM" },
      owner,
      isDelegated: true,
      delegationType: { value: 1, label: "Stage Owner" },
      servicePrincipalClientId: null,
      ...overrides,
    },
  };
}

const ownerBlocked: DecisionEligibility = {
  canDecide: false,
  route: null,
  blockReason: "notStageOwner",
  advisories: [],
  mode: "stageOwner",
  decider: { kind: "stageOwner", owner },
};

function region(): HTMLElement {
  return screen.getByRole("region", { name: "Approval gate" });
}

describe("GateSection", () => {
  it("says the stage is delegated to its owner and that only the owner can decide", () => {
    renderInFluent(<GateSection eligibility={ownerBlocked} stage={stageOf()} t={t} />);
    const section = region();
    expect(valueOf(section, t("Gate_Delegated"))).toBe(t("Common_Yes"));
    expect(valueOf(section, t("Gate_DeploysAs"))).toBe(tf("Gate_AsStageOwnerNamed", "Omar Owner"));
    expect(valueOf(section, t("Gate_WhoDecides"))).toBe(tf("Gate_WhoStageOwnerNamed", "Omar Owner"));
    expect(within(section).getByText("Only the stage owner, Omar Owner, can approve or reject this deployment.")).toBeInTheDocument();
  });

  it("explains the service principal case and the Decision relay table property", () => {
    const eligibility: DecisionEligibility = {
      canDecide: false,
      route: null,
      blockReason: "servicePrincipalNoRelay",
      advisories: [],
      mode: "servicePrincipal",
      decider: { kind: "servicePrincipal", clientId: "11112222-3333-4444-5555-666677778888" },
    };
    renderInFluent(
      <GateSection
        eligibility={eligibility}
        stage={stageOf({ delegationType: { value: 2, label: "Service Principal" }, servicePrincipalClientId: "11112222-3333-4444-5555-666677778888" })}
        t={t}
      />,
    );
    const section = region();
    expect(valueOf(section, t("Gate_DeploysAs"))).toBe(tf("Gate_AsServicePrincipalWithId", "11112222-3333-4444-5555-666677778888"));
    const reason = within(section).getByText(/approval flow/, { selector: "span" });
    expect(reason).toHaveTextContent('"Decision relay table"');
    expect(reason).toHaveTextContent("administrator");
  });

  it("tells an eligible user they can decide, and how when the decision goes through the relay", () => {
    const canDecide: DecisionEligibility = { ...ownerBlocked, canDecide: true, route: "action", blockReason: null };
    const { rerender } = renderInFluent(<GateSection eligibility={canDecide} stage={stageOf()} t={t} />);
    expect(within(region()).getByText(t("Gate_CanDecide"))).toBeInTheDocument();
    rerender(
      <GateSection
        eligibility={{ ...canDecide, route: "relay", mode: "servicePrincipal", decider: { kind: "servicePrincipal", clientId: null } }}
        stage={stageOf()}
        t={t}
      />,
    );
    expect(within(region()).getByText(t("Gate_CanDecideRelay"))).toBeInTheDocument();
    expect(valueOf(region(), t("Gate_DeploysAs"))).toBe(t("Gate_AsServicePrincipal"));
  });

  const reasons: DecisionBlockReason[] = ["noStage", "notDelegated", "notPending", "ownRequest", "notStageOwner", "servicePrincipalNoRelay"];
  it.each(reasons)("has its own sentence for the block reason %s", (reason) => {
    renderInFluent(<GateSection eligibility={{ ...ownerBlocked, blockReason: reason }} stage={stageOf()} t={t} />);
    const expected = reason === "notStageOwner" ? tf("Gate_Block_notStageOwner", "Omar Owner") : t(`Gate_Block_${reason}`);
    expect(within(region()).getByText(expected)).toBeInTheDocument();
  });

  it("names no one when the stage owner is unknown", () => {
    renderInFluent(<GateSection eligibility={{ ...ownerBlocked, decider: { kind: "stageOwner", owner: null } }} stage={stageOf({ owner: null })} t={t} />);
    expect(within(region()).getByText(t("Gate_Block_notStageOwnerUnnamed"))).toBeInTheDocument();
    expect(valueOf(region(), t("Gate_WhoDecides"))).toBe(t("Gate_WhoStageOwner"));
  });

  it("lists each advisory as a sentence", () => {
    const advisories: DecisionAdvisory[] = ["approvalStatusUnknown", "delegationUnknown"];
    renderInFluent(
      <GateSection
        eligibility={{ canDecide: true, route: "action", blockReason: null, advisories, mode: "unknown", decider: { kind: "unknown" } }}
        stage={stageOf({ isDelegated: null, delegationType: null })}
        t={t}
      />,
    );
    const items = within(region()).getAllByRole("listitem");
    expect(items.map((item) => item.textContent)).toEqual([t("Gate_Advisory_approvalStatusUnknown"), t("Gate_Advisory_delegationUnknown")]);
    expect(valueOf(region(), t("Gate_DeploysAs"))).toBe(t("Gate_AsUnknown"));
    expect(valueOf(region(), t("Gate_Delegated"))).toBe(t("Common_NotSet"));
  });

  it("says nobody needs to decide on a stage that is not delegated", () => {
    renderInFluent(
      <GateSection
        eligibility={{ canDecide: false, route: null, blockReason: "notDelegated", advisories: [], mode: "unknown", decider: { kind: "none" } }}
        stage={stageOf({ isDelegated: false })}
        t={t}
      />,
    );
    expect(valueOf(region(), t("Gate_Delegated"))).toBe(t("Common_No"));
    expect(valueOf(region(), t("Gate_DeploysAs"))).toBeNull();
    expect(valueOf(region(), t("Gate_WhoDecides"))).toBe(t("Gate_WhoNobody"));
  });

  it("shows a stage read error inside the section with a Retry button", async () => {
    const onRetryStage = jest.fn();
    renderInFluent(
      <GateSection
        eligibility={{ canDecide: true, route: "action", blockReason: null, advisories: ["delegationUnknown"], mode: "unknown", decider: { kind: "unknown" } }}
        stage={{ ok: false, error: { kind: "forbidden", serverMessage: "Principal user is missing prvReaddeploymentstage" } }}
        t={t}
        onRetryStage={onRetryStage}
      />,
    );
    const section = region();
    expect(within(section).getByText(t("Gate_StageUnreadable"))).toBeInTheDocument();
    expect(within(section).getByText(t("Common_DataError_forbidden"))).toBeInTheDocument();
    expect(within(section).getByText(tf("Common_ServerSaid", "Principal user is missing prvReaddeploymentstage"))).toBeInTheDocument();
    // The rest of the section still works.
    expect(within(section).getByText(t("Gate_Advisory_delegationUnknown"))).toBeInTheDocument();
    await userEvent.setup().click(within(section).getByRole("button", { name: t("Common_Retry") }));
    expect(onRetryStage).toHaveBeenCalledTimes(1);
  });

  it("renders a hostile owner name as inert text", () => {
    const hostileOwner = { id: owner.id, name: HOSTILE };
    const { container } = renderInFluent(
      <GateSection eligibility={{ ...ownerBlocked, decider: { kind: "stageOwner", owner: hostileOwner } }} stage={stageOf({ owner: hostileOwner })} t={t} />,
    );
    expect(within(region()).getByText(tf("Gate_Block_notStageOwner", HOSTILE))).toBeInTheDocument();
    expect(container.querySelector("img")).toBeNull();
  });
});
