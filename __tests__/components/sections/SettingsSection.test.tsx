import { describe, expect, it } from "@jest/globals";
import * as React from "react";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { SettingsSection } from "../../../ApprovalPanel/components/sections/SettingsSection";
import { ValidationSection } from "../../../ApprovalPanel/components/sections/ValidationSection";
import { HOSTILE, renderInFluent } from "./helpers";
import { t, tf } from "./strings";

const SETTINGS = JSON.stringify({
  EnvironmentVariables: [
    { SchemaName: "contoso_ApiUrl", Value: "https://api.contoso.test" },
    { SchemaName: "contoso_Region", Value: "" },
  ],
  ConnectionReferences: [{ LogicalName: "contoso_sharedsql", ConnectionId: "0a1b2c3d", ConnectorId: "/providers/Microsoft.PowerApps/apis/shared_sql" }],
});

function region(): HTMLElement {
  return screen.getByRole("region", { name: "Deployment settings" });
}

function tableNamed(name: RegExp): HTMLElement {
  return within(region()).getByRole("table", { name });
}

function bodyRows(table: HTMLElement): HTMLElement[] {
  return within(table).getAllByRole("row").slice(1);
}

describe("SettingsSection", () => {
  it('gives values written in the pipeline their own text direction (English in an Arabic form), not the headers or "Not set"', () => {
    renderInFluent(<SettingsSection deploymentSettingsJson={SETTINGS} t={t} />);
    const variables = tableNamed(/^Environment variables/);
    expect(within(variables).getByText("https://api.contoso.test")).toHaveAttribute("dir", "auto");
    expect(within(variables).getByText("contoso_ApiUrl")).toHaveAttribute("dir", "auto");
    expect(within(variables).getByText(t("Common_NotSet")).closest("[dir=auto]")).toBeNull();
    for (const header of within(variables).getAllByRole("columnheader")) expect(header.querySelector("[dir=auto]")).toBeNull();
  });

  it("shows environment variables and connection references in two tables", () => {
    renderInFluent(<SettingsSection deploymentSettingsJson={SETTINGS} t={t} />);
    const variables = tableNamed(/^Environment variables/);
    expect(
      within(variables)
        .getAllByRole("columnheader")
        .map((cell) => cell.textContent),
    ).toEqual([t("Settings_SchemaName"), t("Settings_Value")]);
    expect(
      bodyRows(variables).map((row) =>
        within(row)
          .getAllByRole("cell")
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      ["contoso_ApiUrl", "https://api.contoso.test"],
      ["contoso_Region", t("Common_NotSet")],
    ]);
    const references = tableNamed(/^Connection references/);
    expect(
      bodyRows(references).map((row) =>
        within(row)
          .getAllByRole("cell")
          .map((cell) => cell.textContent),
      ),
    ).toEqual([["contoso_sharedsql", "0a1b2c3d", "/providers/Microsoft.PowerApps/apis/shared_sql"]]);
  });

  it("says so when there are no deployment settings", () => {
    const { rerender } = renderInFluent(<SettingsSection deploymentSettingsJson={null} t={t} />);
    expect(within(region()).getByText(t("Settings_None"))).toBeInTheDocument();
    rerender(<SettingsSection deploymentSettingsJson={JSON.stringify({ EnvironmentVariables: [], ConnectionReferences: [] })} t={t} />);
    expect(within(region()).getByText(t("Settings_None"))).toBeInTheDocument();
    expect(within(region()).queryByRole("table")).toBeNull();
  });

  it("degrades only this section when the JSON is malformed", () => {
    renderInFluent(
      <>
        <SettingsSection deploymentSettingsJson={'{"EnvironmentVariables": [ {"SchemaName": "x", '} t={t} />
        <ValidationSection validationResults={JSON.stringify({ ValidationStatus: "Succeeded", SolutionValidationResults: [] })} t={t} />
      </>,
    );
    const message = tf("Settings_Unreadable", t("Settings_Problem_invalidJson"));
    expect(message.startsWith("The deployment settings could not be read: ")).toBe(true);
    expect(within(region()).getByText(message)).toBeInTheDocument();
    expect(within(region()).queryByRole("table")).toBeNull();
    // The neighbouring section is untouched.
    const validation = screen.getByRole("region", { name: "Validation results" });
    expect(within(validation).getByText("Succeeded")).toBeInTheDocument();
  });

  it("explains JSON of the wrong shape", () => {
    renderInFluent(<SettingsSection deploymentSettingsJson={"[1,2,3]"} t={t} />);
    expect(within(region()).getByText(tf("Settings_Unreadable", t("Settings_Problem_wrongShape")))).toBeInTheDocument();
  });

  it("says how many entries were skipped and still lists the readable ones", () => {
    renderInFluent(
      <SettingsSection
        deploymentSettingsJson={JSON.stringify({ EnvironmentVariables: [{ SchemaName: "ok_one", Value: "1" }, { Value: "no name" }, 42] })}
        t={t}
      />,
    );
    expect(within(region()).getByText(tf("Settings_Skipped_other", 2))).toBeInTheDocument();
    expect(bodyRows(tableNamed(/^Environment variables/))).toHaveLength(1);
    expect(within(region()).getByText(t("Settings_NoConnectionReferences"))).toBeInTheDocument();
  });

  it("says '1 entry', not '1 entries'", () => {
    renderInFluent(
      <SettingsSection deploymentSettingsJson={JSON.stringify({ EnvironmentVariables: [{ SchemaName: "ok_one", Value: "1" }, 42] })} t={t} locale="en-US" />,
    );
    expect(within(region()).getByText(tf("Settings_Skipped_one", 1))).toBeInTheDocument();
  });

  it("renders 5000 environment variables one page at a time, counting in the user's locale", async () => {
    const many = Array.from({ length: 5000 }, (_unused, index) => ({ SchemaName: `contoso_Var${index}`, Value: `value ${index}` }));
    renderInFluent(<SettingsSection deploymentSettingsJson={JSON.stringify({ EnvironmentVariables: many })} t={t} locale="de-DE" />);
    const table = tableNamed(/^Environment variables/);
    expect(bodyRows(table)).toHaveLength(100);
    expect(within(table).getByText("contoso_Var99")).toBeInTheDocument();
    expect(within(table).queryByText("contoso_Var100")).toBeNull();
    expect(within(region()).getByText(tf("Common_ShowingCount", 100, "5.000"))).toBeInTheDocument();

    await userEvent.setup().click(within(region()).getByRole("button", { name: t("Common_ShowMore") }));
    expect(bodyRows(table)).toHaveLength(200);
    expect(within(table).getByText("contoso_Var199")).toBeInTheDocument();
    expect(within(region()).getByText(tf("Common_ShowingCount", 200, "5.000"))).toBeInTheDocument();
  });

  it("hides Show more once every row is shown", async () => {
    const some = Array.from({ length: 150 }, (_unused, index) => ({ SchemaName: `v${index}`, Value: "x" }));
    renderInFluent(<SettingsSection deploymentSettingsJson={JSON.stringify({ EnvironmentVariables: some })} t={t} />);
    await userEvent.setup().click(within(region()).getByRole("button", { name: t("Common_ShowMore") }));
    expect(bodyRows(tableNamed(/^Environment variables/))).toHaveLength(150);
    expect(within(region()).queryByRole("button", { name: t("Common_ShowMore") })).toBeNull();
  });

  it("shows hostile names and values as inert text", () => {
    const { container } = renderInFluent(
      <SettingsSection
        deploymentSettingsJson={JSON.stringify({
          EnvironmentVariables: [{ SchemaName: HOSTILE, Value: HOSTILE }],
          ConnectionReferences: [{ LogicalName: HOSTILE, ConnectionId: HOSTILE, ConnectorId: HOSTILE }],
        })}
        t={t}
      />,
    );
    expect(within(region()).getAllByText(HOSTILE)).toHaveLength(5);
    expect(container.querySelector("img")).toBeNull();
  });
});
