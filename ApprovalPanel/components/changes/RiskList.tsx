import * as React from "react";
import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import type { RiskFlag } from "../../solution/risks";
import { SubHeading } from "../shared/SubHeading";
import type { Translate } from "../shared/text";
import type { ChangesStyles } from "./changes.styles";
import { riskText, SEVERITY_INTENT, severityTextKey } from "./changeText";
import { riskDetails, type PrivilegeLine } from "./riskDetails";

/**
 * One privilege a role gains or loses, drawn the same either way: its name as code where the words put it. The words' own
 * space beside the name stays in the text, for a copy and a screen reader; on screen the row's gap spaces them (a flex
 * row draws no text that is only white space).
 */
function PrivilegeChangeItem({ line, styles }: { line: PrivilegeLine; styles: ChangesStyles }): React.ReactElement {
  const before = line.before.trim();
  const after = line.after.trim();
  return (
    <li className={styles.component} data-privilege={line.direction}>
      {before !== "" ? <span className={styles.text}>{before}</span> : null}
      {before !== "" && /\s$/.test(line.before) ? " " : null}
      <code className={styles.technical} dir="ltr">
        {line.name}
      </code>
      {after !== "" && /^\s/.test(line.after) ? " " : null}
      {after !== "" ? <span className={styles.text}>{after}</span> : null}
    </li>
  );
}

/** What a role gains and loses, where a step runs, which connector: the facts behind a risk line, for the first few components. */
function RiskDetails({
  flag,
  styles,
  t,
  locale,
}: {
  flag: RiskFlag;
  styles: ChangesStyles;
  t: Translate;
  locale: string | undefined;
}): React.ReactElement | null {
  const details = riskDetails(flag, t, locale);
  if (details.length === 0) return null;
  return (
    <ul className={styles.riskDetails}>
      {details.map((d) => (
        <li key={d.key} className={styles.name} data-risk-component={d.key}>
          {d.name !== null ? <span className={styles.text}>{d.name}</span> : null}
          {d.code !== undefined ? (
            <>
              {" "}
              <code className={styles.technical} dir="ltr">
                {d.code}
              </code>
            </>
          ) : null}
          {d.facts.length > 0 || d.privileges.length > 0 ? (
            <ul className={styles.privileges}>
              {d.privileges.map((p) => (
                <PrivilegeChangeItem key={`${p.direction}:${p.name}`} line={p} styles={styles} />
              ))}
              {d.more !== undefined ? <li className={styles.text}>{d.more}</li> : null}
              {d.facts.map((fact, index) => (
                <li key={`f${index}`} className={styles.text} dir="auto">
                  {fact}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** "Risks": high before medium, each a message bar whose severity is also said in words (not by colour alone). */
export function RiskList({
  risks,
  styles,
  t,
  locale,
}: {
  risks: RiskFlag[];
  styles: ChangesStyles;
  t: Translate;
  locale: string | undefined;
}): React.ReactElement {
  return (
    <div className={styles.part}>
      <SubHeading level={2}>{t("Changes_RisksHeading")}</SubHeading>
      <ul className={styles.list}>
        {risks.length === 0 ? (
          <li data-risk="none">
            <MessageBar intent="success" layout="multiline">
              <MessageBarBody>{t("Changes_NoRisks")}</MessageBarBody>
            </MessageBar>
          </li>
        ) : null}
        {risks.map((flag) => (
          <li key={flag.id} data-risk={flag.id} data-severity={flag.severity}>
            <MessageBar intent={SEVERITY_INTENT[flag.severity]} layout="multiline">
              <MessageBarBody>
                <span className={styles.hidden}>{t(severityTextKey(flag.severity))} </span>
                <span className={styles.text} data-risk-text="">
                  {riskText(flag, t, locale)}
                </span>
                <RiskDetails flag={flag} styles={styles} t={t} locale={locale} />
              </MessageBarBody>
            </MessageBar>
          </li>
        ))}
      </ul>
    </div>
  );
}
