import { describe, expect, it } from "@jest/globals";
import * as React from "react";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ValidationSection } from "../../../ApprovalPanel/components/sections/ValidationSection";
import { HOSTILE, renderInFluent } from "./helpers";
import { t, tf } from "./strings";

const RESULTS = {
  ValidationStatus: "Failed",
  SolutionValidationResults: [
    { SolutionValidationResultType: "Error", Message: "The solution needs the Contoso Core solution.", ErrorCode: "0x80048036" },
    { SolutionValidationResultType: "Warning", Message: "A flow is turned off.", ErrorCode: null },
  ],
  SolutionDetails: {},
  MissingDependencies: ["contoso_CoreTable (Entity)"],
};

function region(): HTMLElement {
  return screen.getByRole("region", { name: "Validation results" });
}

describe("ValidationSection", () => {
  it("shows the overall status, each message with its type and code, and missing dependencies", () => {
    // The host stores this column JSON-encoded twice.
    renderInFluent(<ValidationSection validationResults={JSON.stringify(JSON.stringify(RESULTS))} t={t} />);
    const section = region();
    expect(within(section).getByText("Failed")).toBeInTheDocument();
    const messages = within(section).getByRole("list", { name: tf("Validation_Messages", 2) });
    const items = within(messages).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent("Error");
    expect(items[0]).toHaveTextContent("The solution needs the Contoso Core solution.");
    expect(items[0]).toHaveTextContent(tf("Validation_ErrorCode", "0x80048036"));
    expect(items[1]).toHaveTextContent("Warning");
    expect(items[1]).not.toHaveTextContent(tf("Validation_ErrorCode", ""));
    const dependencies = within(section).getByRole("list", { name: tf("Validation_MissingDependencies", 1) });
    expect(within(dependencies).getByText("contoso_CoreTable (Entity)")).toBeInTheDocument();
  });

  it("says so when there are no validation results", () => {
    renderInFluent(<ValidationSection validationResults={null} t={t} />);
    expect(within(region()).getByText(t("Validation_None"))).toBeInTheDocument();
  });

  it("says so when validation passed without messages", () => {
    renderInFluent(<ValidationSection validationResults={JSON.stringify({ ValidationStatus: "Succeeded", SolutionValidationResults: [] })} t={t} />);
    expect(within(region()).getByText(t("Validation_NoMessages"))).toBeInTheDocument();
    expect(within(region()).queryByRole("list")).toBeNull();
  });

  it("degrades to a message when the results cannot be read", () => {
    renderInFluent(<ValidationSection validationResults={"{not json"} t={t} />);
    expect(within(region()).getByText(tf("Validation_Unreadable", t("Validation_Problem_invalidJson")))).toBeInTheDocument();
  });

  it("pages long message lists", async () => {
    const many = Array.from({ length: 250 }, (_unused, index) => ({ SolutionValidationResultType: "Info", Message: `Message ${index}`, ErrorCode: null }));
    renderInFluent(<ValidationSection validationResults={JSON.stringify({ ValidationStatus: "Succeeded", SolutionValidationResults: many })} t={t} />);
    const list = within(region()).getByRole("list", { name: tf("Validation_Messages", 250) });
    expect(within(list).getAllByRole("listitem")).toHaveLength(100);
    await userEvent.setup().click(within(region()).getByRole("button", { name: t("Common_ShowMore") }));
    expect(within(list).getAllByRole("listitem")).toHaveLength(200);
  });

  it("shows hostile messages as inert text", () => {
    const { container } = renderInFluent(
      <ValidationSection
        validationResults={JSON.stringify({
          ValidationStatus: HOSTILE,
          SolutionValidationResults: [{ SolutionValidationResultType: HOSTILE, Message: HOSTILE, ErrorCode: HOSTILE }],
          MissingDependencies: [HOSTILE],
        })}
        t={t}
      />,
    );
    expect(within(region()).getAllByText(HOSTILE)).toHaveLength(4);
    expect(container.querySelector("img")).toBeNull();
  });
});
