import * as React from "react";
import { makeStyles, Text, tokens } from "@fluentui/react-components";
import type { Parsed, ParseProblem } from "../../domain/json";
import { SectionCard } from "./SectionCard";
import { SectionMessage } from "./SectionMessage";
import { countText } from "./counts";
import { formatText, type CountedKey, type ResxKey, type Translate } from "./text";

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Resource keys of one parsed section; a map rather than a key prefix, so each key is written out and checkable. */
export interface ParsedJsonSectionKeys {
  title: ResxKey;
  /** The column is empty, or holds nothing to show. */
  none: ResxKey;
  /** The column could not be read at all: "{0}" is the problem's text. */
  unreadable: ResxKey;
  problems: Record<Exclude<ParseProblem, "empty">, ResxKey>;
  /** Some entries could not be read (the others are shown): a counted string (plural forms), "{0}" their count. */
  skipped: CountedKey;
}

export interface ParsedJsonSectionProps<T> {
  keys: ParsedJsonSectionKeys;
  t: Translate;
  /** The user's locale, for the plural form and the number of skipped entries. */
  locale?: string;
  headingLevel?: 2 | 3;
  /** The column as its parser read it. */
  parsed: Parsed<T>;
  /** Read, but nothing to show: the none text stands for the content (unless entries were skipped). */
  isEmpty?: (value: T) => boolean;
  /** Shown before the skipped-entries warning (e.g. the overall validation status). */
  summary?: (value: T) => React.ReactNode;
  children: (value: T) => React.ReactNode;
}

/**
 * The skeleton of a section that shows a JSON column the host stores as free text: nothing there, unreadable,
 * some entries skipped, or the content. The parser never throws, so every state has words.
 */
export function ParsedJsonSection<T>(props: ParsedJsonSectionProps<T>): React.ReactElement {
  const { keys, t, locale, headingLevel, parsed, isEmpty, summary, children } = props;
  const styles = useStyles();
  const none = <Text className={styles.muted}>{t(keys.none)}</Text>;

  let body: React.ReactNode;
  if (!parsed.ok) {
    body = parsed.problem === "empty" ? none : <SectionMessage intent="warning" message={formatText(t(keys.unreadable), t(keys.problems[parsed.problem]))} />;
  } else if (parsed.skippedEntries === 0 && isEmpty?.(parsed.value)) {
    body = none;
  } else {
    body = (
      <>
        {summary?.(parsed.value)}
        {parsed.skippedEntries > 0 ? <SectionMessage intent="warning" message={countText(t, locale, keys.skipped, parsed.skippedEntries)} /> : null}
        {children(parsed.value)}
      </>
    );
  }

  return (
    <SectionCard title={t(keys.title)} headingLevel={headingLevel}>
      {body}
    </SectionCard>
  );
}
