import { HOST_CHECK_GROUPS, type HostCheckGroup, type HostCheckItem, type HostCheckOutcome, type HostCheckReport } from "../../domain/hostCheck";
import { formatNumber } from "../shared/counts";
import { formatText, type ResxKey, type Translate } from "../shared/text";

/** The outcome as a word, next to its badge colour (the colour alone says nothing to many users). */
export const outcomeTextKey = (outcome: HostCheckOutcome): ResxKey => `HostCheck_Outcome_${outcome}`;

/**
 * The outcome codes of the plain-text report. They stay English in every language, so support can search tickets
 * for them; the rest of the report is in the admin's language.
 */
export const OUTCOME_REPORT_CODES: Readonly<Record<HostCheckOutcome, string>> = {
  confirmed: "CONFIRMED",
  missing: "MISSING",
  different: "DIFFERENT",
  unchecked: "NOT CHECKED",
};

export const groupTextKey = (group: HostCheckGroup): ResxKey => `HostCheck_Group_${group}`;

/**
 * What the panel does about one item, as a sentence: the key is the effect's name, so the compiler rejects a new effect
 * without words. {0} in a sentence is the item's effectArg (absent ones become empty, never "undefined"); sentences
 * without {0} come back as they are.
 */
export function effectText(item: HostCheckItem, t: Translate): string {
  const key: ResxKey = `HostCheck_Effect_${item.effect}`;
  return formatText(t(key), item.effectArg ?? "");
}

/** "Confirmed: 40 · Missing: 2 · Different: 1 · Not checked: 0", numbers in the user's locale. */
export function countsText(report: HostCheckReport, t: Translate, locale: string | undefined): string {
  return summaryText(report, t, (n) => formatNumber(locale, n));
}

function summaryText(report: HostCheckReport, t: Translate, number: (n: number) => string): string {
  const { confirmed, missing, different, unchecked } = report.counts;
  return formatText(t("HostCheck_Summary"), number(confirmed), number(missing), number(different), number(unchecked));
}

/** The run table's approval* columns as the host has them, or "none". */
export function approvalColumnsText(report: HostCheckReport, t: Translate): string {
  return formatText(t("HostCheck_ApprovalColumns"), report.approvalColumns.length > 0 ? report.approvalColumns.join(", ") : t("HostCheck_None"));
}

/** The report's items per group, in HOST_CHECK_GROUPS order, the model's order within a group; empty groups left out. */
export function itemsByGroup(report: HostCheckReport): Array<{ group: HostCheckGroup; items: HostCheckItem[] }> {
  return HOST_CHECK_GROUPS.map((group) => ({ group, items: report.items.filter((i) => i.group === group) })).filter((g) => g.items.length > 0);
}

export interface HostReportMeta {
  /** When the check ran, ISO 8601 UTC (kept as ISO in the report: support compares it with server logs). */
  checkedOn: string;
  panelVersion: string;
  recordId: string | null;
  languageId: number;
}

/** One report line: `[CODE] subject expected: … found: … — sentence`. */
function reportLine(item: HostCheckItem, t: Translate): string {
  const parts = [`[${OUTCOME_REPORT_CODES[item.outcome]}]`, item.subject];
  if (item.expected !== undefined && item.expected !== "") parts.push(formatText(t("HostCheck_ReportExpected"), item.expected));
  if (item.found !== undefined && item.found !== "") parts.push(formatText(t("HostCheck_ReportFound"), item.found));
  return `${parts.join(" ")} — ${effectText(item, t)}`;
}

/**
 * The plain-text report an admin pastes into a support ticket. Pure. It holds only what the model holds: metadata
 * names, types, option labels, role names and template ids, and the record id; no record data, no tokens.
 */
export function reportText(report: HostCheckReport, meta: HostReportMeta, t: Translate): string {
  const lines: string[] = [
    formatText(
      t("HostCheck_ReportHeader"),
      t("HostCheck_Title"),
      meta.panelVersion,
      meta.checkedOn,
      String(meta.languageId),
      // Its own key: "none" for a record takes another gender than for columns in German, French and Spanish.
      meta.recordId ?? t("HostCheck_NoRecord"),
    ),
    // Plain digits in every language: the report is read by support, next to logs.
    summaryText(report, t, String),
    approvalColumnsText(report, t),
  ];
  for (const { group, items } of itemsByGroup(report)) {
    lines.push("", t(groupTextKey(group)));
    for (const item of items) lines.push(reportLine(item, t));
  }
  return `${lines.join("\n")}\n`;
}
