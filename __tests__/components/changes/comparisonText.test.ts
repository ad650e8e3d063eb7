import { describe, expect, it } from "@jest/globals";
import { comparisonText } from "../../../ApprovalPanel/components/changes/report/comparisonText";
import { comparisonSummary } from "../../../ApprovalPanel/solution/fromZip";
import { AFTER, BEFORE, compare } from "./fixtures";

describe("the comparison as the review fingerprint covers it", () => {
  it("two comparisons with the same counts differ when another component changed, though their summaries are equal", () => {
    // The same column changed, to another version: the counts and risks are the same, the change is not.
    const changedElsewhere = AFTER.map((c) => (c.key === "contoso_expense.contoso_amount" ? { ...c, fingerprint: "f3" } : c));
    const a = compare(BEFORE, AFTER);
    const b = compare(BEFORE, changedElsewhere);
    expect(comparisonSummary(b).counts).toEqual(comparisonSummary(a).counts);
    expect(comparisonText(b)).not.toBe(comparisonText(a));
  });

  it("is the same for the same comparison, and names no words of any language, only keys and fingerprints", () => {
    expect(comparisonText(compare(BEFORE, AFTER))).toBe(comparisonText(compare(BEFORE, AFTER)));
    const text = comparisonText(compare(BEFORE, AFTER));
    expect(text).toContain("contoso_expense.contoso_legacycode");
    expect(text).not.toContain("Legacy Code");
  });
});
