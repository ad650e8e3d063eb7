import { describe, expect, it } from "@jest/globals";
import { escapeHtml, reportFileName, reportHtml, reportPlainText } from "../../../ApprovalPanel/components/changes/report/reportWriters";
import type { ChangesReport } from "../../../ApprovalPanel/components/changes/report/reportModel";
import { HOSTILE } from "../sections/helpers";

const report: ChangesReport = {
  title: "What changes in Contoso Production",
  about: ["Solution: ContosoExpenses 1.4.2.2", "Review fingerprint: sha256:ab"],
  blocks: [
    { heading: "Is this upgrade additive?", lines: [{ text: "Not additive: …" }] },
    {
      heading: "What changed",
      lines: [
        { text: "Roles: 1 changed", children: [{ text: "Changed", children: [{ text: HOSTILE, code: "4d2f9b63", children: [{ text: "Organization" }] }] }] },
      ],
    },
  ],
};

describe("the report's writers", () => {
  it("as text: the title, what it is of, each heading and every line indented under its parent", () => {
    const text = reportPlainText(report);
    expect(text.split("\n")).toEqual([
      "What changes in Contoso Production",
      "==================================",
      "Solution: ContosoExpenses 1.4.2.2",
      "Review fingerprint: sha256:ab",
      "",
      "Is this upgrade additive?",
      "-------------------------",
      "- Not additive: …",
      "",
      "What changed",
      "------------",
      "- Roles: 1 changed",
      "  - Changed",
      `    - ${HOSTILE} (4d2f9b63)`,
      "      - Organization",
      "",
    ]);
  });

  it("as HTML: names from the files are text, never markup; no script; nothing loaded from elsewhere", () => {
    const html = reportHtml(report, "en-US");
    expect(html).not.toContain("<img");
    expect(html).toContain(escapeHtml(HOSTILE));
    expect(html).not.toMatch(/<(script|img|link|iframe|object)\b/i);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('<html lang="en-US" dir="ltr">');
  });

  it("as HTML in Arabic: right to left; a locale that is not a language tag is not written into the file", () => {
    expect(reportHtml(report, "ar-SA")).toContain('<html lang="ar-SA" dir="rtl">');
    expect(reportHtml(report, '"><script>')).toContain('<html lang="en" dir="ltr">');
  });

  it("a file name without the characters file systems refuse", () => {
    expect(reportFileName('What changes Contoso/Expenses: "1.4"')).toBe("What changes Contoso Expenses 1.4.html");
    expect(reportFileName("   ")).toBe("report.html");
  });
});
