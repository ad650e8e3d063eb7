import * as React from "react";
import { makeStyles, shorthands, Text, tokens, useId } from "@fluentui/react-components";
import { parseValidationResults, type ValidationMessage } from "../../domain/validationResults";
import type { StatusTone } from "../../domain/status";
import { ShowMoreFooter, usePaging } from "../shared/paging";
import { DataText } from "../shared/fields";
import { ParsedJsonSection } from "../shared/ParsedJsonSection";
import { StatusBadge } from "../shared/StatusBadge";
import { SubHeading } from "../shared/SubHeading";
import { formatText, type Translate } from "../shared/text";

const useStyles = makeStyles({
  part: {
    display: "flex",
    flexDirection: "column",
    ...shorthands.gap(tokens.spacingVerticalXS),
    minWidth: 0,
  },
  overall: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    ...shorthands.gap(tokens.spacingHorizontalS),
  },
  list: {
    listStyleType: "none",
    ...shorthands.margin(0),
    ...shorthands.padding(0),
    display: "flex",
    flexDirection: "column",
    ...shorthands.gap(tokens.spacingVerticalS),
  },
  message: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "baseline",
    ...shorthands.gap(tokens.spacingVerticalXXS, tokens.spacingHorizontalS),
    minWidth: 0,
  },
  messageText: {
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
    flexBasis: "20rem",
    flexGrow: 1,
    minWidth: 0,
  },
  plainList: {
    ...shorthands.margin(0),
    paddingInlineStart: tokens.spacingHorizontalXL,
    overflowWrap: "anywhere",
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** The host writes free text here (e.g. "Succeeded", "Failed", "Warning"); its tone is a guess from the words. */
function toneOfText(text: string | null): StatusTone {
  if (text === null) return "subtle";
  if (/fail|error/i.test(text)) return "danger";
  if (/warn/i.test(text)) return "warning";
  if (/succe|pass|^ok$/i.test(text)) return "success";
  return "informative";
}

export interface ValidationSectionProps {
  /** validationresults as the host stores it (possibly JSON encoded twice). */
  validationResults: string | null | undefined;
  t: Translate;
  headingLevel?: 2 | 3;
}

function MessageList({ messages, t, labelledBy }: { messages: ValidationMessage[]; t: Translate; labelledBy: string }): React.ReactElement {
  const styles = useStyles();
  const paging = usePaging(messages.length);
  return (
    <>
      <ul className={styles.list} aria-labelledby={labelledBy}>
        {messages.slice(0, paging.visible).map((message, index) => (
          <li key={index} className={styles.message}>
            <StatusBadge tone={toneOfText(message.type)} label={message.type ?? t("Validation_TypeUnknown")} />
            <span className={styles.messageText} dir="auto">
              {message.message}
            </span>
            {message.errorCode ? (
              <Text size={200} className={styles.muted}>
                {formatText(t("Validation_ErrorCode"), message.errorCode)}
              </Text>
            ) : null}
          </li>
        ))}
      </ul>
      <ShowMoreFooter paging={paging} total={messages.length} t={t} />
    </>
  );
}

function DependencyList({ items, t, labelledBy }: { items: string[]; t: Translate; labelledBy: string }): React.ReactElement {
  const styles = useStyles();
  const paging = usePaging(items.length);
  return (
    <>
      <ul className={styles.plainList} aria-labelledby={labelledBy}>
        {items.slice(0, paging.visible).map((item, index) => (
          <li key={index}>
            <DataText text={item} />
          </li>
        ))}
      </ul>
      <ShowMoreFooter paging={paging} total={items.length} t={t} />
    </>
  );
}

/** The solution checks the host ran before deploying. */
function ValidationSectionView({ validationResults, t, headingLevel = 2 }: ValidationSectionProps): React.ReactElement {
  const styles = useStyles();
  const messagesId = useId("apnl-validation-messages-");
  const dependenciesId = useId("apnl-validation-deps-");
  const parsed = React.useMemo(() => parseValidationResults(validationResults), [validationResults]);

  return (
    <ParsedJsonSection
      title={t("Section_Validation")}
      headingLevel={headingLevel}
      parsed={parsed}
      noneText={t("Validation_None")}
      unreadableText={(problem) => formatText(t("Validation_Unreadable"), t(`Validation_Problem_${problem}`))}
      skippedText={(count) => formatText(t("Validation_Skipped"), count)}
      summary={({ status }) => (
        <div className={styles.overall}>
          <Text weight="semibold">{t("Validation_OverallStatus")}</Text>
          <StatusBadge tone={toneOfText(status)} label={status ?? t("Common_NotSet")} />
        </div>
      )}
    >
      {({ messages, missingDependencies }) => (
        <>
          <div className={styles.part}>
            <SubHeading level={headingLevel} id={messagesId}>
              {formatText(t("Validation_Messages"), messages.length)}
            </SubHeading>
            {messages.length === 0 ? (
              <Text className={styles.muted}>{t("Validation_NoMessages")}</Text>
            ) : (
              <MessageList messages={messages} t={t} labelledBy={messagesId} />
            )}
          </div>
          {missingDependencies.length > 0 ? (
            <div className={styles.part}>
              <SubHeading level={headingLevel} id={dependenciesId}>
                {formatText(t("Validation_MissingDependencies"), missingDependencies.length)}
              </SubHeading>
              <DependencyList items={missingDependencies} t={t} labelledBy={dependenciesId} />
            </div>
          ) : null}
        </>
      )}
    </ParsedJsonSection>
  );
}

/** Memoized: the panel re-renders on every status change, and this section only needs to when its own props change. */
export const ValidationSection = React.memo(ValidationSectionView);
