import { describe, expect, it } from "@jest/globals";
import { MAX_PRIVILEGES, riskText } from "../../../ApprovalPanel/components/changes/changeText";
import { buildReport } from "../../../ApprovalPanel/components/changes/report/reportModel";
import { riskDetails } from "../../../ApprovalPanel/components/changes/riskDetails";
import type { PrivilegeChange, RiskComponent, RiskFlag } from "../../../ApprovalPanel/solution/risks";
import { formatDateTime, makeRun } from "../sections/helpers";
import { t, tf } from "../sections/strings";
import { compare, component } from "./fixtures";

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

describe("a role's privilege changes behind a risk line", () => {
  const ROLE = "5a0d3e2c-0000-4000-8000-000000000001";
  const role = (privileges: Record<string, string>) =>
    component("roles", ROLE, "Expense Approver", JSON.stringify(privileges), {
      privileges: Object.entries(privileges).map(([name, depth]) => ({ name, depth })),
    });
  // Reads expenses organization-wide (was business unit), expense categories only in its business unit (was organization-wide).
  const comparison = compare(
    [role({ prvReadcontoso_expense: "Local", prvReadcontoso_expensecategory: "Global" })],
    [role({ prvReadcontoso_expense: "Global", prvReadcontoso_expensecategory: "Local" })],
  );
  const flag = comparison.risks.find((f) => f.id === "rolePrivilegesRaised") as RiskFlag;
  const [organization, businessUnit] = [t("Changes_Depth_Global"), t("Changes_Depth_Local")];

  it("are one list, raised first, each with its name and the words around it; none is left among the facts", () => {
    const [detail] = riskDetails(flag, t, "en-US");
    expect(detail.privileges).toEqual([
      { name: "prvReadcontoso_expense", direction: "raised", before: "", after: tf("changes.risk.privilegeRaised", "", businessUnit, organization) },
      {
        name: "prvReadcontoso_expensecategory",
        direction: "lowered",
        before: "",
        after: tf("changes.risk.privilegeLowered", "", organization, businessUnit),
      },
    ]);
    expect(detail.facts.join("\n")).not.toContain("prvRead");
  });

  it("the report writes raised and lowered alike: the words, then the privilege's name", () => {
    const report = buildReport(
      {
        comparison,
        run: makeRun(),
        baselineRun: null,
        baselineUnknown: false,
        targetName: "Contoso Production",
        settingsDiff: null,
        validation: null,
        fingerprint: null,
      },
      t,
      "en-US",
      formatDateTime,
      "2024-05-01T10:00:00Z",
    );
    const risks = report.blocks.find((b) => b.heading === t("Changes_RisksHeading"));
    expect(risks?.lines[0].children).toEqual([
      { text: tf("changes.risk.privilegeRaised", "", businessUnit, organization).trim(), code: "prvReadcontoso_expense" },
      { text: tf("changes.risk.privilegeLowered", "", organization, businessUnit).trim(), code: "prvReadcontoso_expensecategory" },
    ]);
  });

  it(`lists the first ${MAX_PRIVILEGES} of either direction, then how many more`, () => {
    const changes: PrivilegeChange[] = [
      ...Array.from({ length: 8 }, (_, i): PrivilegeChange => ({ direction: "raised", name: `prvRead${i}`, from: "Basic", to: "Global" })),
      ...Array.from({ length: 5 }, (_, i): PrivilegeChange => ({ direction: "lowered", name: `prvWrite${i}`, from: "Global", to: null })),
    ];
    const component: RiskComponent = { kind: "roles", key: ROLE, name: "Expense Approver", change: "changed", privileges: changes };
    const [detail] = riskDetails({ id: "rolePrivilegesRaised", severity: "high", components: [component] }, t, "en-US");
    expect(detail.privileges.map((p) => p.direction)).toEqual([...Array(8).fill("raised"), "lowered", "lowered"]);
    expect(detail.more).toBe(tf("Changes_AndMore_other", 3));
  });
});
