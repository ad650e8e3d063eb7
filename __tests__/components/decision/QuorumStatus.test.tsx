import "@testing-library/jest-dom/jest-globals";
import * as React from "react";
import { describe, expect, it } from "@jest/globals";
import { screen } from "@testing-library/react";
import { QuorumStatus } from "../../../ApprovalPanel/components/decision/PolicyParts";
import { formatDateTime, renderInFluent } from "../sections/helpers";
import { t } from "../sections/strings";

describe("QuorumStatus", () => {
  it("names an approver whose name the host did not give as 'Someone', never a resource key", () => {
    const quorum = { required: 2, counted: [{ decidedBy: null, decidedOn: "2024-05-02T10:00:00Z" }], youCounted: false };
    renderInFluent(<QuorumStatus quorum={quorum} t={t} locale="en-US" formatDateTime={formatDateTime} />);
    expect(screen.getByText("Someone approved on 2024-05-02 at 10:00 UTC")).toBeInTheDocument();
  });
});
