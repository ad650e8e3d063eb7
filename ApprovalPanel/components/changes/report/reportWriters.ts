import type { ChangesReport, ReportLine } from "./reportModel";

/** A line's technical name when it adds to its text. */
const codeOf = (line: ReportLine): string | undefined => (line.code !== line.text && line.code) || undefined;

/** A line's text with its technical name after it. */
const lineText = (line: ReportLine): string => {
  const code = codeOf(line);
  return code !== undefined ? `${line.text} (${code})` : line.text;
};

function textLines(lines: ReportLine[], depth: number, out: string[]): void {
  for (const line of lines) {
    out.push(`${"  ".repeat(depth)}- ${lineText(line)}`);
    if (line.children) textLines(line.children, depth + 1, out);
  }
}

/** The report as plain text (for "Copy as text"): headings underlined, lines as an indented list. */
export function reportPlainText(report: ChangesReport): string {
  const out = [report.title, "=".repeat(Math.min(report.title.length, 80)), ...report.about];
  for (const block of report.blocks) {
    out.push("", block.heading, "-".repeat(Math.min(block.heading.length, 80)));
    textLines(block.lines, 0, out);
  }
  return out.join("\n") + "\n";
}

/** Every character that could start markup or end an attribute, as an entity: names from the files stay text. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function htmlList(lines: ReportLine[]): string {
  const items = lines.map((line) => {
    const code = codeOf(line);
    const codeHtml = code !== undefined ? ` <code dir="ltr">${escapeHtml(code)}</code>` : "";
    const children = line.children && line.children.length > 0 ? htmlList(line.children) : "";
    return `<li><span dir="auto">${escapeHtml(line.text)}</span>${codeHtml}${children}</li>`;
  });
  return `<ul>${items.join("")}</ul>`;
}

/** Languages written right to left among the panel's (Arabic), and their neighbours a host may name. */
const RIGHT_TO_LEFT = /^(ar|he|fa|ur)(-|$)/i;

/**
 * The report as one HTML file (for "Download"): no script, nothing loaded from elsewhere (its own policy says so), every
 * text escaped, the approver's language and direction on the root, so it opens, prints and files anywhere.
 */
export function reportHtml(report: ChangesReport, locale: string | undefined): string {
  const lang = locale && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale) ? locale : "en";
  const dir = RIGHT_TO_LEFT.test(lang) ? "rtl" : "ltr";
  const blocks = report.blocks.map((block) => `<h2>${escapeHtml(block.heading)}</h2>${htmlList(block.lines)}`).join("\n");
  return [
    "<!DOCTYPE html>",
    `<html lang="${escapeHtml(lang)}" dir="${dir}">`,
    '<head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(report.title)}</title>`,
    "<style>body{font-family:system-ui,sans-serif;line-height:1.4}code{font-family:ui-monospace,monospace}</style>",
    "</head><body>",
    `<h1>${escapeHtml(report.title)}</h1>`,
    report.about.map((line) => `<p dir="auto">${escapeHtml(line)}</p>`).join("\n"),
    blocks,
    "</body></html>",
    "",
  ].join("\n");
}

/** A file name from the report's own words, without characters file systems refuse. */
export function reportFileName(name: string): string {
  const safe = Array.from(name, (c) => (c.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(c) ? " " : c))
    .join("")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 120);
  return `${safe || "report"}.html`;
}
