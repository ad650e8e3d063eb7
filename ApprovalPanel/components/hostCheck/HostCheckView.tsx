import * as React from "react";
import { Button, Field, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, Textarea } from "@fluentui/react-components";
import type { HostCheckState } from "../../domain/hostCheck";
import { SectionCard } from "../shared/SectionCard";
import type { FormatDateTime, Translate } from "../shared/text";
import { useHostCheckStyles as useStyles } from "./hostCheck.styles";
import { reportText } from "./hostCheckText";
import { ReportView } from "./ReportView";

export type { HostCheckState };

export interface HostCheckViewProps {
  state: HostCheckState;
  t: Translate;
  locale: string | undefined;
  formatDateTime: FormatDateTime;
  panelVersion: string;
  recordId: string | null;
  languageId: number;
  onRun(): void;
  onClose(): void;
  /** Puts the text on the clipboard; false (or a rejection) when the host would not. */
  copyText(text: string): Promise<boolean>;
}

type CopyStatus = "none" | "copied" | "failed";
/**
 * The host check: what the panel assumes about this environment against its metadata, with a report to copy into a
 * support ticket. Plain props; the root runs the check and owns the clipboard.
 */
function HostCheckViewImpl({
  state,
  t,
  locale,
  formatDateTime,
  panelVersion,
  recordId,
  languageId,
  onRun,
  onClose,
  copyText,
}: HostCheckViewProps): React.ReactElement {
  const styles = useStyles();
  const mounted = React.useRef(true);
  const reportArea = React.useRef<HTMLTextAreaElement>(null);
  React.useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const report = state.status === "done" ? state.report : null;
  const checkedOn = state.status === "done" ? state.checkedOn : null;
  const text = React.useMemo(
    () => (report !== null && checkedOn !== null ? reportText(report, { checkedOn, panelVersion, recordId, languageId }, t) : ""),
    [report, checkedOn, panelVersion, recordId, languageId, t],
  );
  // The outcome of copying belongs to the text that was copied: a new run (or a late answer about an old one) shows none.
  const [copied, setCopied] = React.useState<{ text: string; status: CopyStatus } | null>(null);
  const copy: CopyStatus = state.status === "done" && copied !== null && copied.text === text ? copied.status : "none";
  // When copying failed, the report is selected so that one keystroke copies it.
  React.useEffect(() => {
    if (copy === "failed") reportArea.current?.select();
  }, [copy]);

  const onCopy = (): void => {
    const copying = text;
    const settle = (ok: boolean): void => {
      if (mounted.current) setCopied({ text: copying, status: ok ? "copied" : "failed" });
    };
    copyText(copying).then(settle, () => settle(false));
  };

  const close = (
    <Button appearance="secondary" onClick={onClose}>
      {t("HostCheck_Close")}
    </Button>
  );

  return (
    <SectionCard title={t("HostCheck_Title")}>
      <div className={styles.body} data-host-check-status={state.status}>
        <Text className={styles.text}>{t("HostCheck_Intro")}</Text>
        {state.status === "idle" ? (
          <div className={styles.actions}>
            <Button appearance="primary" onClick={onRun}>
              {t("HostCheck_Run")}
            </Button>
            {close}
          </div>
        ) : null}
        {state.status === "running" ? <Spinner size="tiny" labelPosition="after" label={t("HostCheck_Running")} /> : null}
        {state.status === "failed" ? (
          <>
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{t("HostCheck_Failed")}</MessageBarTitle>
                <span className={styles.text}>{state.message}</span>
              </MessageBarBody>
            </MessageBar>
            <div className={styles.actions}>
              <Button appearance="primary" onClick={onRun}>
                {t("HostCheck_TryAgain")}
              </Button>
              {close}
            </div>
          </>
        ) : null}
        {state.status === "done" ? (
          <>
            <ReportView
              report={state.report}
              checkedOn={state.checkedOn}
              t={t}
              locale={locale}
              formatDateTime={formatDateTime}
              actions={
                <div className={styles.actions}>
                  <Button appearance="primary" onClick={onCopy}>
                    {t("HostCheck_Copy")}
                  </Button>
                  <Button appearance="secondary" onClick={onRun}>
                    {t("HostCheck_RunAgain")}
                  </Button>
                  {close}
                </div>
              }
            />
          </>
        ) : null}
        <div role="status" aria-live="polite" aria-atomic="true">
          {copy === "copied" ? <Text>{t("HostCheck_Copied")}</Text> : null}
          {copy === "failed" ? <Text>{t("HostCheck_CopyFailed")}</Text> : null}
        </div>
        {state.status === "done" && copy === "failed" ? (
          <Field label={t("HostCheck_ReportLabel")}>
            <Textarea ref={reportArea} readOnly value={text} resize="vertical" rows={12} textarea={{ dir: "ltr", className: styles.report }} />
          </Field>
        ) : null}
      </div>
    </SectionCard>
  );
}

export const HostCheckView = React.memo(HostCheckViewImpl);
