/**
 * The policy's two counted sentences, its expiry in hours and the approvals a stage-owner stage cannot count, take the
 * plural form of the user's language (Arabic: a dual for 2, a plural for 3 to 10, a singular after 11 and more),
 * and read in English exactly as before they had plural forms.
 */
import { describe, expect, it } from "@jest/globals";
import { policyProblemText, policySummaryText } from "../../ApprovalPanel/components/decision/PolicyParts";
import { formatNumber } from "../../ApprovalPanel/components/shared/counts";
import { formatText, type Translate } from "../../ApprovalPanel/components/shared/text";
import type { ApprovalPolicy } from "../../ApprovalPanel/domain/policy";
import { LOCALES, resxFiles, stringsOf } from "./resxFiles";

const translate =
  (lcid: number): Translate =>
  (key) =>
    stringsOf(lcid).get(key) ?? key;

const policy = (expiryHours: number): ApprovalPolicy => ({
  id: "7a7a7a7a-1111-4222-8333-444455556666",
  name: null,
  requiredApprovals: 2,
  commentOnApprove: false,
  commentOnReject: false,
  allowSelfApproval: false,
  approverTeam: null,
  checklist: [],
  expiryHours,
});

/** The summary's last part: the expiry. */
const expiryText = (hours: number, lcid: number): string =>
  policySummaryText(policy(hours), "UAT", translate(lcid), LOCALES[lcid]).split(" · ").pop() as string;
const quorumText = (required: number, lcid: number): string => policyProblemText({ kind: "quorumNeedsRelay", required }, translate(lcid), LOCALES[lcid]);

describe("counted policy strings", () => {
  it("English reads as it did", () => {
    expect(expiryText(72, 1033)).toBe("expires 72 h after the request");
    expect(expiryText(1, 1033)).toBe("expires 1 h after the request");
    expect(quorumText(5, 1033)).toBe(
      "It asks for 5 approvals, but this stage takes a single decision: only the decision relay of a service-principal stage can count several. One approval completes it.",
    );
  });

  it("Arabic: a dual for two, a plural for three to ten, a singular from eleven", () => {
    expect(quorumText(2, 1025)).toContain("موافقتين");
    expect(quorumText(3, 1025)).toContain("موافقات");
    expect(quorumText(5, 1025)).not.toContain("موافقتين");
    expect(expiryText(1, 1025)).toContain("ساعة واحدة");
    expect(expiryText(2, 1025)).toContain("ساعتين");
    expect(expiryText(3, 1025)).toContain("ساعات");
    expect(expiryText(24, 1025)).not.toMatch(/ساعات|ساعتين/);
  });

  describe.each(resxFiles.map((f): [string, number] => [f.name, f.lcid]))("%s", (_name, lcid) => {
    const strings = stringsOf(lcid);
    const locale = LOCALES[lcid];
    it.each([1, 2, 3, 5, 11, 24, 100, 8760])("%d: the form of its plural category, with the count in the user's digits", (n) => {
      const category = new Intl.PluralRules(locale).select(n);
      const form = (base: string): string => formatText(strings.get(`${base}_${category}`) ?? `no ${base}_${category}`, formatNumber(locale, n));
      expect(expiryText(n, lcid)).toBe(form("Policy_Expiry"));
      expect(quorumText(n, lcid)).toBe(form("Policy_Problem_quorumNeedsRelay"));
    });
  });
});
