import * as React from "react";
import { Link, makeStyles, MessageBar, MessageBarBody, shorthands, Spinner, Text, tokens } from "@fluentui/react-components";
import { nothingToWarn } from "../../domain/checks";
import type { CheckResult, CheckTarget } from "../../domain/checkTypes";
import type { Guid } from "../../domain/types";
import { SectionCard } from "../shared/SectionCard";
import type { FormatDateTime, Translate } from "../shared/text";
import { STACKED_LIST } from "../shared/styles";
import { VISUALLY_HIDDEN } from "../shared/visuallyHidden";
import { checkText, SEVERITY_INTENT, severityTextKey, targetLinkText } from "./checkText";

const useStyles = makeStyles({
  list: {
    ...STACKED_LIST,
    ...shorthands.gap(tokens.spacingVerticalXS),
  },
  hidden: VISUALLY_HIDDEN,
  link: { marginInlineStart: tokens.spacingHorizontalS },
  summary: { fontWeight: tokens.fontWeightSemibold },
});

/** Sections of the panel a check can send the approver to. */
export type CheckSection = "validation" | "settings" | "history";

export interface ChecksSectionProps {
  result: CheckResult;
  t: Translate;
  locale: string | undefined;
  formatDateTime: FormatDateTime;
  /** The target environment (or stage) name used in the sentences. */
  targetName: string;
  onOpenRun(id: Guid): void;
  onShowSection(section: CheckSection): void;
}

/**
 * "Before you decide": one line per check, most severe first, each with the place it refers to. The server still
 * decides: these lines only advise (a blocker says so in its own words).
 */
function ChecksSectionView({ result, t, locale, formatDateTime, targetName, onOpenRun, onShowSection }: ChecksSectionProps): React.ReactElement {
  const styles = useStyles();
  const context = { t, locale, formatDateTime, targetName };
  const follow = (target: CheckTarget): void => {
    if (target.kind === "run") onOpenRun(target.run.id);
    else onShowSection(target.section);
  };
  return (
    <SectionCard title={t("Section_Checks")}>
      <ul className={styles.list}>
        {nothingToWarn(result) ? (
          <li>
            <Text className={styles.summary}>{t("Checks_NoWarnings")}</Text>
          </li>
        ) : null}
        {result.checks.map((check) => (
          <li key={`${check.id}:${check.message.key}`} data-check={check.id} data-severity={check.severity}>
            <MessageBar intent={SEVERITY_INTENT[check.severity]} layout="multiline">
              <MessageBarBody>
                <span className={styles.hidden}>{t(severityTextKey(check.severity))} </span>
                <span>{checkText(check.message, context)}</span>
                {check.target !== undefined ? (
                  <Link as="button" className={styles.link} onClick={() => follow(check.target as CheckTarget)}>
                    {targetLinkText(check.target, t)}
                  </Link>
                ) : null}
              </MessageBarBody>
            </MessageBar>
          </li>
        ))}
        {result.waiting ? (
          <li>
            <Spinner size="extra-tiny" labelPosition="after" label={t("Checks_Waiting")} />
          </li>
        ) : null}
      </ul>
    </SectionCard>
  );
}

export const ChecksSection = React.memo(ChecksSectionView);
