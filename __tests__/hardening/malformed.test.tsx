import "@testing-library/jest-dom/jest-globals";
import { describe, expect, it, jest } from "@jest/globals";
import { configure, fireEvent, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { buildRun, lookup, SETTINGS_JSON, USERS } from "../support/fixtures";
import { actionCalls, callsTo, lead, loadedPanel, renderPanel, s } from "./support";
import { expectNoConsoleErrors } from "../support/panel";

jest.setTimeout(30000);
configure({ asyncUtilTimeout: 5000 });

// React and Fluent report misuse (state after unmount, bad props) through console.error: any is a failure.
expectNoConsoleErrors();

const region = (key: string): HTMLElement => screen.getByRole("region", { name: s(key) });

/** The value next to a label in a section's key/value list. */
function valueOf(section: HTMLElement, label: string): string | null {
  const dt = Array.from(section.querySelectorAll("dt")).find((d) => d.textContent === label);
  return dt?.nextElementSibling?.textContent ?? null;
}

describe("settings and validation JSON that cannot be used degrade only their own section", () => {
  const cases: Array<{ name: string; text: string | null; settings: RegExp | string; validation: RegExp | string }> = [
    { name: "invalid JSON", text: '{"EnvironmentVariables": [', settings: lead("Settings_Unreadable"), validation: lead("Validation_Unreadable") },
    { name: "the wrong shape (a number)", text: "42", settings: lead("Settings_Unreadable"), validation: lead("Validation_Unreadable") },
    { name: "the wrong shape (a list)", text: "[1, 2, 3]", settings: lead("Settings_Unreadable"), validation: lead("Validation_Unreadable") },
    { name: "an empty string", text: "", settings: s("Settings_None"), validation: s("Validation_None") },
    { name: "only whitespace", text: "  \n ", settings: s("Settings_None"), validation: s("Validation_None") },
    { name: "null", text: null, settings: s("Settings_None"), validation: s("Validation_None") },
    { name: "the JSON literal null", text: "null", settings: s("Settings_None"), validation: s("Validation_None") },
  ];
  it.each(cases)("$name", async ({ text, settings, validation }) => {
    renderPanel({ tables: { deploymentstagerun: [buildRun({ deploymentSettingsJson: text, validationResults: text })] } });
    await loadedPanel();
    expect(within(region("Section_Settings")).getByText(settings, { exact: false })).toBeInTheDocument();
    expect(within(region("Section_Validation")).getByText(validation, { exact: false })).toBeInTheDocument();
    // Everything else is there and the decision can still be made.
    expect(region("Section_Notes")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: s("Decision_Approve") })).not.toHaveAttribute("aria-disabled", "true");
  });

  it("settings encoded twice (a JSON string holding JSON) are read", async () => {
    renderPanel({ tables: { deploymentstagerun: [buildRun({ deploymentSettingsJson: JSON.stringify(SETTINGS_JSON) })] } });
    await loadedPanel();
    expect(within(region("Section_Settings")).getByText("contoso_ApiBaseUrl")).toBeInTheDocument();
  });
});

describe("lookups, choices and dates the panel cannot resolve", () => {
  it("a stage id that does not exist: the gate says the stage could not be read, offers Retry, and the server decides", async () => {
    const dangling = "0badbad0-0000-4000-8000-000000000000";
    const { host } = renderPanel({
      tables: { deploymentstagerun: [buildRun({ overrides: lookup("deploymentstageid", { id: dangling, name: "Deleted stage" }, "deploymentstage") })] },
    });
    await loadedPanel();
    const gate = region("Section_Gate");
    expect(within(gate).getByText(s("Gate_StageUnreadable"))).toBeInTheDocument();
    expect(within(gate).getByText(s("Common_DataError_notFound"))).toBeInTheDocument();
    expect(screen.getByRole("button", { name: s("Decision_Approve") })).not.toHaveAttribute("aria-disabled", "true");
    const stageReads = () => callsTo(host, "retrieveRecord", "deploymentstage").length;
    expect(stageReads()).toBe(1);
    await userEvent.setup().click(within(gate).getByRole("button", { name: s("Common_Retry") }));
    await within(region("Section_Gate")).findByText(s("Gate_StageUnreadable"));
    expect(stageReads()).toBe(2);
    // History falls back to this stage's runs (the pipeline is unknown) instead of failing.
    expect(within(region("Section_History")).queryByText(s("History_LoadFailed"))).not.toBeInTheDocument();
  });

  it("every lookup empty: no stage means nothing to approve; names show as not set", async () => {
    const { host } = renderPanel({
      tables: {
        deploymentstagerun: [
          buildRun({
            stageId: null,
            overrides: {
              ...lookup("createdby", null, "systemuser"),
              ...lookup("devdeploymentenvironment", null, "deploymentenvironment"),
              ...lookup("targetdeploymentenvironment", null, "deploymentenvironment"),
            },
          }),
        ],
      },
    });
    await loadedPanel();
    const request = region("Section_Details");
    // Empty lookups are left out of the details, not shown as "Not set".
    expect(valueOf(request, s("Request_RequestedBy"))).toBeNull();
    expect(valueOf(request, s("Request_Stage"))).toBeNull();
    expect(within(region("Section_Gate")).getByText(s("Gate_Block_noStage"))).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: s("Decision_Approve") })).not.toBeInTheDocument();
    expect(actionCalls(host)).toHaveLength(0);
  });

  it("a lookup with an id but no name, and choice values without a label", async () => {
    renderPanel({
      tables: {
        deploymentstagerun: [
          buildRun({
            overrides: {
              _createdby_value: USERS.requester.id,
              "_createdby_value@OData.Community.Display.V1.FormattedValue": undefined,
              stagerunstatus: 987654321,
              "stagerunstatus@OData.Community.Display.V1.FormattedValue": undefined,
              operation: 123,
              "operation@OData.Community.Display.V1.FormattedValue": "",
            },
          }),
        ],
      },
    });
    await loadedPanel();
    const request = region("Section_Details");
    expect(valueOf(request, s("Request_RequestedBy"))).toBe(s("Common_Unnamed"));
    fireEvent.click(within(request).getByRole("button", { name: s("Details_Technical") }));
    expect(valueOf(request, s("Request_RunStatus"))).toBe(s("Common_UnknownValue").replace("{0}", "987654321"));
    expect(valueOf(request, s("Request_Operation"))).toBe(s("Common_UnknownValue").replace("{0}", "123"));
  });

  it("an approval status value the panel does not know: shown with its number, the run is treated as not pending", async () => {
    const { host } = renderPanel({
      tables: { deploymentstagerun: [buildRun({ overrides: { approvalstatus: 40, "approvalstatus@OData.Community.Display.V1.FormattedValue": undefined } })] },
    });
    await loadedPanel();
    fireEvent.click(within(region("Section_Details")).getByRole("button", { name: s("Details_Technical") }));
    expect(valueOf(region("Section_Details"), s("Request_ApprovalStatus"))).toBe(`${s("Common_UnknownValue").replace("{0}", "40")} (40)`);
    expect(screen.queryByRole("button", { name: s("Decision_Approve") })).not.toBeInTheDocument();
    expect(actionCalls(host)).toHaveLength(0);
  });

  it("missing and invalid dates: 'Not set' or the stored text, never 'Invalid Date' and never a crash", async () => {
    renderPanel({
      tables: {
        deploymentstagerun: [
          buildRun({
            overrides: {
              createdon: "not a date",
              "createdon@OData.Community.Display.V1.FormattedValue": undefined,
              starttime: null,
              endtime: "2025-13-45T99:99:99Z",
              scheduledtime: "",
            },
          }),
        ],
      },
    });
    await loadedPanel();
    const request = region("Section_Details");
    expect(valueOf(request, s("Request_RequestedOn"))).toBe("not a date");
    expect(valueOf(request, s("Request_StartTime"))).toBeNull();
    expect(valueOf(request, s("Request_EndTime"))).toBe("2025-13-45T99:99:99Z");
    expect(valueOf(request, s("Request_ScheduledTime"))).toBeNull();
    expect(document.body.textContent).not.toMatch(/Invalid Date|NaN/);
  });
});

describe("the record itself", () => {
  it("a record id that does not exist: a clear panel message and a Retry that reads once more", async () => {
    const missing = "12345678-1234-4123-8123-123456789abc";
    const { host } = renderPanel({ recordId: missing });
    expect(await screen.findByText(s("Panel_LoadFailed"))).toBeInTheDocument();
    expect(screen.getByText(s("Common_DataError_notFound"))).toBeInTheDocument();
    const reads = () => callsTo(host, "retrieveRecord", "deploymentstagerun").length;
    expect(reads()).toBe(1);
    await userEvent.setup().click(screen.getByRole("button", { name: s("Panel_Retry") }));
    await screen.findByText(s("Panel_LoadFailed"));
    expect(reads()).toBe(2);
  });

  it("a record id that is not a GUID sends no request", async () => {
    const { host } = renderPanel({ recordId: "1; DROP TABLE deploymentstagerun" });
    expect(await screen.findByText(s("Panel_SaveFirst"))).toBeInTheDocument();
    expect(host.calls).toHaveLength(0);
  });

  it("the table name in another casing is still this table", async () => {
    renderPanel({ entityTypeName: "DeploymentStageRun" });
    await loadedPanel();
  });
});
