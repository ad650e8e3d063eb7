import { describe, expect, it } from "@jest/globals";
import * as React from "react";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ErrorSection } from "../../../ApprovalPanel/components/sections/ErrorSection";
import { HOSTILE, renderInFluent } from "./helpers";
import { t } from "./strings";

const FAULT = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Client</faultcode>
<faultstring xml:lang="en-US">Import failed: the solution is missing dependencies.</faultstring>
<detail><OrganizationServiceFault><ErrorCode>-2147188685</ErrorCode><Message>Import failed: the solution is missing dependencies.</Message>
<TraceText>at ImportSolution step 3</TraceText></OrganizationServiceFault></detail></s:Fault></s:Body></s:Envelope>`;

function region(): HTMLElement {
  return screen.getByRole("region", { name: "Error" });
}

describe("ErrorSection", () => {
  it("renders nothing when the run has no error", () => {
    const { container } = renderInFluent(<ErrorSection errorMessage={null} t={t} />);
    expect(screen.queryByRole("region", { name: "Error" })).toBeNull();
    expect(container.querySelector("section")).toBeNull();
  });

  it("creates no element from markup in a raw error", () => {
    const { container } = renderInFluent(<ErrorSection errorMessage={`<Message>Deploy failed ${HOSTILE}</Message>`} t={t} />);
    expect(within(region()).getByText(/Deploy failed/)).toBeInTheDocument();
    expect(container.querySelector("img")).toBeNull();
  });

  it("shows a plain error message as the summary without a details button", () => {
    renderInFluent(<ErrorSection errorMessage="Deployment timed out." t={t} />);
    expect(within(region()).getByText("Deployment timed out.")).toBeInTheDocument();
    expect(within(region()).queryByRole("button")).toBeNull();
  });

  it("shows the message of a raw fault and keeps the rest behind Show details", async () => {
    renderInFluent(<ErrorSection errorMessage={FAULT} t={t} />);
    const section = region();
    expect(within(section).getByText("Import failed: the solution is missing dependencies.")).toBeInTheDocument();
    expect(section).not.toHaveTextContent("<faultstring");
    const toggle = within(section).getByRole("button", { name: t("Error_ShowDetails") });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    const details = document.getElementById(toggle.getAttribute("aria-controls") ?? "") as HTMLElement;
    expect(details).not.toBeVisible();
    await userEvent.setup().click(toggle);
    expect(details).toBeVisible();
    expect(within(section).getByRole("group", { name: t("Error_DetailsLabel") })).toBe(details);
    expect(details).toHaveTextContent("-2147188685");
    expect(details).toHaveTextContent("at ImportSolution step 3");
    expect(within(section).getByRole("button", { name: t("Error_HideDetails") })).toHaveAttribute("aria-expanded", "true");
  });

  it("shows a hostile error message as inert text", () => {
    const { container } = renderInFluent(
      <ErrorSection errorMessage={JSON.stringify({ error: { code: "0x80040265", message: `Failed: ${HOSTILE}` } })} t={t} />,
    );
    expect(within(region()).getByText(`Failed: ${HOSTILE}`)).toBeInTheDocument();
    expect(container.querySelector("img")).toBeNull();
  });
});
