import { describe, expect, it } from "@jest/globals";
import { riskFacts, riskNames, riskText } from "../../../ApprovalPanel/components/changes/changeText";
import type { RiskComponent } from "../../../ApprovalPanel/solution/risks";
import { t } from "../sections/strings";

const column: RiskComponent = { kind: "columns", key: "sb_travelrequest.sb_hotelname", name: "Hotel Name", change: "removed", table: "sb_travelrequest" };

describe("risk line text", () => {
  it("names a column with its table, and says what to check", () => {
    expect(riskNames([column], t, "en-US")).toBe("Hotel Name in sb_travelrequest");
    expect(riskText({ id: "columnsRemoved", severity: "high", components: [column] }, t, "en-US")).toBe(
      "Columns removed, with their data: Hotel Name in sb_travelrequest. Check that no form, view, flow or report still uses them.",
    );
  });

  it("gives the facts behind a line: old name, lowered privileges, step and new filtering columns, connector before and after, values removed", () => {
    expect(
      riskFacts(
        {
          kind: "roles",
          key: "r",
          name: "Travel Coordinator",
          change: "changed",
          previousName: "Travel Agent",
          lowered: [
            { name: "prvDeletesb_FlightBookings", from: "Global", to: "Local" },
            { name: "prvAppendsb_Leg", from: "Local", to: null },
          ],
        },
        t,
        "en-US",
      ),
    ).toEqual([
      "renamed from Travel Agent",
      "prvDeletesb_FlightBookings lowered from Organization to Business unit",
      "prvAppendsb_Leg lowered from Business unit to None",
    ]);
    expect(
      riskFacts(
        {
          kind: "pluginSteps",
          key: "s",
          name: "Validate",
          change: "changed",
          step: { message: "Update", table: "p365i_opportunity", stage: 40, synchronous: false, filteringAttributesAdded: ["p365i_tax"] },
        },
        t,
        "en-US",
      ),
    ).toEqual(["Update of p365i_opportunity, post-operation, asynchronous", "now also runs when these columns change: p365i_tax"]);
    expect(
      riskFacts(
        {
          kind: "connectionReferences",
          key: "c",
          name: "Mail",
          change: "changed",
          connector: "shared_commondataserviceforapps",
          previousConnector: "shared_office365",
        },
        t,
        "en-US",
      ),
    ).toEqual(["connector: shared_commondataserviceforapps (was shared_office365)"]);
    expect(
      riskFacts({ kind: "optionSets", key: "o", name: "Source", change: "changed", choiceValues: [{ value: "446310008", label: "Other" }] }, t, "en-US"),
    ).toEqual(["values removed: Other (446310008)"]);
  });
});
