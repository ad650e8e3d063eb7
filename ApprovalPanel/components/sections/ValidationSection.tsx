import * as React from "react";
import { makeStyles, shorthands, Text, tokens, useId } from "@fluentui/react-components";
import { parseValidationResults, type ValidationMessage } from "../../domain/validationResults";
import type { StatusTone } from "../../domain/status";
import { ShowMoreFooter, usePaging } from "../shared/paging";
import { DataText } from "../shared/fields";
import { ParsedJsonSection, type ParsedJsonSectionKeys } from "../shared/ParsedJsonSection";
import { StatusBadge } from "../shared/StatusBadge";
import { INLINE_ROW, STACKED_LIST } from "../shared/styles";
import { SubSection } from "../shared/SubHeading";
import { formatNumber } from "../shared/counts";
import { formatText, type Translate } from "../shared/text";

const VALIDATION_KEYS: ParsedJsonSectionKeys = {
  title: "Section_Validation",
  none: "Validation_None",
  unreadable: "Validation_Unreadable",
  problems: { invalidJson: "Validation_Problem_invalidJson", wrongShape: "Validation_Problem_wrongShape" },
  skipped: "Validation_Skipped",
};

const useStyles = makeStyles({
  overall: {
    ...INLINE_ROW,
    ...shorthands.gap(tokens.spacingHorizontalS),
  },
  list: {
    ...STACKED_LIST,
    ...shorthands.gap(tokens.spacingVerticalS),
  },
  message: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "baseline",
    ...shorthands.gap(tokens.spacingHorizontalS, tokens.spacingVerticalXXS),
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
  /** The user's locale (plural forms). */
  locale?: string;
  headingLevel?: 2 | 3;
}

function MessageList({
  messages,
  t,
  locale,
  labelledBy,
}: {
  messages: ValidationMessage[];
  t: Translate;
  locale: string | undefined;
  labelledBy: string;
}): React.ReactElement {
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
      <ShowMoreFooter paging={paging} total={messages.length} t={t} locale={locale} />
    </>
  );
}

function DependencyList({
  items,
  t,
  locale,
  labelledBy,
}: {
  items: string[];
  t: Translate;
  locale: string | undefined;
  labelledBy: string;
}): React.ReactElement {
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
      <ShowMoreFooter paging={paging} total={items.length} t={t} locale={locale} />
    </>
  );
}

/** The solution checks the host ran before deploying. */
function ValidationSectionView({ validationResults, t, locale, headingLevel = 2 }: ValidationSectionProps): React.ReactElement {
  const styles = useStyles();
  const messagesId = useId("apnl-validation-messages-");
  const dependenciesId = useId("apnl-validation-deps-");
  const parsed = React.useMemo(() => parseValidationResults(validationResults), [validationResults]);

  return (
    <ParsedJsonSection
      keys={VALIDATION_KEYS}
      t={t}
      locale={locale}
      headingLevel={headingLevel}
      parsed={parsed}
      summary={({ status }) => (
        <div className={styles.overall}>
          <Text weight="semibold">{t("Validation_OverallStatus")}</Text>
          <StatusBadge tone={toneOfText(status)} label={status ?? t("Common_NotSet")} />
        </div>
      )}
    >
      {({ messages, missingDependencies }) => (
        <>
          <SubSection
            level={headingLevel}
            headingId={messagesId}
            title={formatText(t("Validation_Messages"), formatNumber(locale, messages.length))}
            emptyText={messages.length === 0 ? t("Validation_NoMessages") : null}
          >
            <MessageList messages={messages} t={t} locale={locale} labelledBy={messagesId} />
          </SubSection>
          {missingDependencies.length > 0 ? (
            <SubSection
              level={headingLevel}
              headingId={dependenciesId}
              title={formatText(t("Validation_MissingDependencies"), formatNumber(locale, missingDependencies.length))}
            >
              <DependencyList items={missingDependencies} t={t} locale={locale} labelledBy={dependenciesId} />
            </SubSection>
          ) : null}
        </>
      )}
    </ParsedJsonSection>
  );
}

/** Memoized: the panel re-renders on every status change, and this section only needs to when its own props change. */
export const ValidationSection = React.memo(ValidationSectionView);
