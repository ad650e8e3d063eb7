import * as React from "react";
import { Button, Text } from "@fluentui/react-components";
import { copyText } from "../shared/clipboard";
import { SubHeading } from "../shared/SubHeading";
import { formatText, type FormatDateTime, type Translate } from "../shared/text";
import type { ChangesStyles } from "./changes.styles";
import { buildReport, type ReportInput } from "./report/reportModel";
import { reportFileName, reportHtml, reportPlainText } from "./report/reportWriters";

type Outcome = "copied" | "copyFailed" | "downloaded" | null;

/** Saves text as a file through a link to an object URL (no request leaves the page). */
function saveFile(content: string, type: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; a later revoke lets slow browsers finish.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/**
 * "Copy as text" and "Download report": the whole comparison for the audit, built only when asked, in the approver's
 * language. The download is one HTML file (escaped text, no script) because it opens, prints and files anywhere, keeps
 * lists and right-to-left text as shown, and HTML escaping is exact where Markdown's is not.
 */
export function ReportActions({
  input,
  styles,
  t,
  locale,
  formatDateTime,
}: {
  input: ReportInput;
  styles: ChangesStyles;
  t: Translate;
  locale: string | undefined;
  formatDateTime: FormatDateTime;
}): React.ReactElement {
  const [outcome, setOutcome] = React.useState<Outcome>(null);
  const build = () => buildReport(input, t, locale, formatDateTime, new Date().toISOString());
  const onCopy = async (): Promise<void> => {
    setOutcome((await copyText(reportPlainText(build()))) ? "copied" : "copyFailed");
  };
  const onDownload = (): void => {
    const report = build();
    const name = formatText(t("changes.report.fileName"), input.run.artifactName || input.comparison.current.uniqueName, input.comparison.current.version);
    saveFile(reportHtml(report, locale), "text/html;charset=utf-8", reportFileName(name));
    setOutcome("downloaded");
  };
  return (
    <div className={styles.part} data-changes-report="">
      <SubHeading level={2}>{t("changes.report.heading")}</SubHeading>
      <Text className={styles.text}>{t("changes.report.intro")}</Text>
      <div className={styles.actions}>
        <Button onClick={() => void onCopy()}>{t("changes.report.copy")}</Button>
        <Button onClick={onDownload}>{t("changes.report.download")}</Button>
      </div>
      <Text className={styles.text} role="status" aria-live="polite">
        {outcome !== null ? t(`changes.report.${outcome}`) : ""}
      </Text>
    </div>
  );
}
