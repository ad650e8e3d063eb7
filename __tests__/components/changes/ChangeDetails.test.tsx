import { describe, expect, it } from "@jest/globals";
import * as React from "react";
import { ChangeDetails, MAX_DETAIL_LINES } from "../../../ApprovalPanel/components/changes/ChangeDetails";
import { detailLineText, formTypeText } from "../../../ApprovalPanel/components/changes/detailText";
import type { SolutionComponent } from "../../../ApprovalPanel/solution/components";
import type { ComponentChange } from "../../../ApprovalPanel/solution/diff";
import { HOSTILE, renderInFluent } from "../sections/helpers";
import { t } from "../sections/strings";

const component = (name: string, details: SolutionComponent["details"]): SolutionComponent => ({
  kind: "roles",
  key: "627090ff-40a3-4053-8790-584edc5be201",
  name,
  fingerprint: name,
  details,
});

const roleChange: ComponentChange = {
  baseline: component("Travel Agent", {
    privileges: [
      { name: "prvDeletesb_FlightBookings", depth: "Global" },
      { name: "prvReadsb_TravelRequest", depth: "Basic" },
    ],
  }),
  current: component("Travel Coordinator", {
    privileges: [
      { name: "prvDeletesb_FlightBookings", depth: "Local" },
      { name: "prvReadsb_TravelRequest", depth: "Global" },
    ],
  }),
};

describe("ChangeDetails", () => {
  it("lists what changed inside a role: the old name, a raised and a lowered privilege with their depths", () => {
    const { container } = renderInFluent(<ChangeDetails kind="roles" change={roleChange} t={t} locale="en-US" />);
    const lines = [...container.querySelectorAll("[data-detail]")].map((li) => li.textContent);
    expect(lines).toEqual([
      "Role name changed from Travel Agent to Travel Coordinator",
      "Privilege prvDeletesb_FlightBookings lowered from Organization to Business unit",
      "Privilege prvReadsb_TravelRequest raised from User to Organization",
    ]);
  });

  it("shows names from the files as text, never as markup", () => {
    const change: ComponentChange = { baseline: component(HOSTILE, {}), current: component("Safe", {}) };
    const { container } = renderInFluent(<ChangeDetails kind="forms" change={change} t={t} />);
    expect(container.querySelector("img, script")).toBeNull();
    expect(container.textContent).toContain(HOSTILE);
  });

  it("lists the first lines and says how many more there are", () => {
    const fields = (n: number): [string, string][] => Array.from({ length: n }, (_, i) => [`cr_field${String(i).padStart(3, "0")}`, "general"]);
    const form = (n: number): SolutionComponent => ({
      kind: "forms",
      key: "f",
      name: "Information",
      fingerprint: String(n),
      details: { facets: { formField: fields(n) } },
    });
    const { container } = renderInFluent(
      <ChangeDetails kind="forms" change={{ baseline: form(0), current: form(MAX_DETAIL_LINES + 3) }} t={t} locale="en-US" />,
    );
    expect(container.querySelectorAll("[data-detail]")).toHaveLength(MAX_DETAIL_LINES);
    expect(container.textContent).toContain("3 more");
  });
});

describe("detailLineText", () => {
  it("words switches, modes and secrets without showing a value", () => {
    expect(detailLineText("tables", { aspect: "tableSwitch", change: "changed", subject: "auditing", before: "false", after: "true" }, t)).toBe(
      "Auditing changed from Off to On",
    );
    expect(detailLineText("pluginSteps", { aspect: "stepMode", change: "changed", before: "sync", after: "async" }, t)).toBe(
      "Execution mode changed from synchronous to asynchronous",
    );
    expect(detailLineText("environmentVariables", { aspect: "variableDefault", change: "changed" }, t)).toBe("Default value changed");
    expect(detailLineText("pluginSteps", { aspect: "stepFilteringAttributes", change: "added", subject: "p365i_tax" }, t)).toBe(
      "Filtering column p365i_tax added",
    );
    expect(detailLineText("columns", { aspect: "choiceValue", change: "removed", subject: "3", before: "First" }, t)).toBe(
      "Choice value 3 removed (was First)",
    );
    expect(formTypeText("quickCreate", t)).toBe("Quick create form");
    expect(detailLineText("relationships", { aspect: "cascade", change: "changed", subject: "delete", before: "RemoveLink", after: "Cascade" }, t)).toBe(
      "On delete changed from Remove link to Cascade all",
    );
    expect(detailLineText("tables", { aspect: "ownership", change: "changed", before: "UserOwned", after: "OrganizationOwned" }, t)).toBe(
      "Ownership changed from User or team to Organization",
    );
  });

  it("names a canvas app's screens and data sources with their connector", () => {
    expect(detailLineText("canvasApps", { aspect: "canvasAppScreen", change: "added", subject: "EditDetailsScreen" }, t)).toBe(
      "Screen EditDetailsScreen added",
    );
    const where = "shared_sharepointonline · https://contoso.sharepoint.com/sites/gym · 0a1b";
    expect(detailLineText("canvasApps", { aspect: "canvasAppDataSource", change: "added", subject: "ListVariables", after: where }, t)).toBe(
      `Data source ListVariables added: ${where}`,
    );
    expect(detailLineText("canvasApps", { aspect: "canvasAppDataSource", change: "removed", subject: "Bookings", before: "cr_booking" }, t)).toBe(
      "Data source Bookings removed (was cr_booking)",
    );
  });
});
