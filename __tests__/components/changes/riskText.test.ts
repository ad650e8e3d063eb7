import { describe, expect, it } from "@jest/globals";
import { join } from "path";
import { privilegeChangeText, riskFacts, riskNames, riskText } from "../../../ApprovalPanel/components/changes/changeText";
import type { RiskComponent } from "../../../ApprovalPanel/solution/risks";
import { STRINGS, readResx } from "../../i18n/resxFiles";
import { t } from "../sections/strings";

const column: RiskComponent = { kind: "columns", key: "sb_travelrequest.sb_hotelname", name: "Hotel Name", change: "removed", table: "sb_travelrequest" };

describe("risk line text", () => {
  it("names a column with its table, and says what to check", () => {
    expect(riskNames([column], t, "en-US")).toBe("Hotel Name in sb_travelrequest");
    expect(riskText({ id: "columnsRemoved", severity: "high", components: [column] }, t, "en-US")).toBe(
      "Columns removed, with their data: Hotel Name in sb_travelrequest. Check that no form, view, flow or report still uses them.",
    );
  });

  it("gives the facts behind a line: old name, step and new filtering columns, connector before and after, values removed", () => {
    expect(
      riskFacts(
        {
          kind: "roles",
          key: "r",
          name: "Travel Coordinator",
          change: "changed",
          previousName: "Travel Agent",
          privileges: [{ direction: "lowered", name: "prvDeletesb_FlightBookings", from: "Global", to: "Local" }],
        },
        t,
        "en-US",
      ),
    ).toEqual(["renamed from Travel Agent"]);
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

describe("privilege change text", () => {
  it("words a raised and a lowered privilege around the name, with the depths before and after", () => {
    expect(privilegeChangeText({ direction: "raised", name: "prvReadsb_TravelRequest", from: "Basic", to: "Global" }, t)).toEqual({
      before: "",
      after: " raised from User to Organization",
    });
    expect(privilegeChangeText({ direction: "raised", name: "prvReadsb_Leg", from: null, to: "Local" }, t).after).toBe(" raised from None to Business unit");
    const lowered = privilegeChangeText({ direction: "lowered", name: "prvAppendsb_Leg", from: "Local", to: null }, t);
    expect(lowered).toEqual({ before: "", after: " lowered from Business unit to None" });
    // Put back together around the name, the words are the sentence the resx gives.
    expect(`${lowered.before}prvAppendsb_Leg${lowered.after}`).toBe("prvAppendsb_Leg lowered from Business unit to None");
  });

  it("cuts the sentence where the language puts the name: in Arabic after the verb", () => {
    const ar = readResx(join(STRINGS, "ApprovalPanel.1025.resx"));
    const arabic = (key: string): string => ar.get(key) ?? t(key);
    const { before, after } = privilegeChangeText({ direction: "lowered", name: "prvAppendsb_Leg", from: "Global", to: "Local" }, arabic);
    expect(`${before}{0}${after}`).toBe(
      (ar.get("changes.risk.privilegeLowered") ?? "").replace("{1}", arabic("Changes_Depth_Global")).replace("{2}", arabic("Changes_Depth_Local")),
    );
    expect(before.trim()).not.toBe("");
    expect(after.trim()).not.toBe("");
  });
});
