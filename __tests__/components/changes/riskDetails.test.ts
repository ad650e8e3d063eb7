import { describe, expect, it } from "@jest/globals";
import { riskText } from "../../../ApprovalPanel/components/changes/changeText";
import { riskDetails } from "../../../ApprovalPanel/components/changes/riskDetails";
import type { RiskComponent, RiskFlag } from "../../../ApprovalPanel/solution/risks";
import { t } from "../sections/strings";

const STEP: RiskComponent = {
  kind: "pluginSteps",
  key: "s1",
  name: "Contoso.Expenses.Plugins.ValidateExpense: Create of contoso_expense",
  change: "added",
  table: "contoso_expense",
  step: { message: "Create", table: "contoso_expense", stage: 20, synchronous: true },
};
const occurrences = (text: string, part: string): number => text.split(part).length - 1;

describe("the facts behind a risk line", () => {
  it("a line about one step names it once: the sentence names it, its facts follow without the name again", () => {
    const flag: RiskFlag = { id: "pluginStepAdded", severity: "high", components: [STEP] };
    const shown = [riskText(flag, t, "en-US"), ...riskDetails(flag, t, "en-US").flatMap((d) => [d.name ?? "", ...d.facts])].join("\n");
    expect(occurrences(shown, "ValidateExpense")).toBe(1);
    // The step's name says its table already, so "in contoso_expense" is not added to it.
    expect(occurrences(riskText(flag, t, "en-US"), "contoso_expense")).toBe(1);
    expect(riskDetails(flag, t, "en-US")[0].facts.length).toBeGreaterThan(0);
  });

  it("a line about several steps names each above its own facts, so each fact says whose it is", () => {
    const other: RiskComponent = { ...STEP, key: "s2", name: "Contoso.Expenses.Plugins.CheckLimit: Update of contoso_expense" };
    const details = riskDetails({ id: "pluginStepAdded", severity: "high", components: [STEP, other] }, t, "en-US");
    expect(details.map((d) => d.name)).toEqual([STEP.name, other.name]);
  });
});
