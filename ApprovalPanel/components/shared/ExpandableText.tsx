import * as React from "react";
import { Button, makeStyles, shorthands, tokens } from "@fluentui/react-components";
import type { Translate } from "./text";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    ...shorthands.gap(tokens.spacingVerticalXS),
    minWidth: 0,
  },
  text: {
    // Keeps the author's line breaks; the text is inserted as a text node, never as HTML.
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    ...shorthands.margin(0),
    maxWidth: "100%",
  },
});

export const DEFAULT_COLLAPSE_AT = 2000;

function cut(text: string, limit: number): string {
  let end = limit;
  // Do not split a surrogate pair (emoji and other astral characters).
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

export interface ExpandableTextProps {
  text: string;
  t: Translate;
  /** Texts longer than this many characters start collapsed. */
  collapseAt?: number;
}

/** Plain text with line breaks kept; long text starts collapsed behind "Show all". */
export function ExpandableText({ text, t, collapseAt = DEFAULT_COLLAPSE_AT }: ExpandableTextProps): React.ReactElement {
  const styles = useStyles();
  const [expanded, setExpanded] = React.useState(false);
  const collapsible = text.length > collapseAt;
  const shown = collapsible && !expanded ? cut(text, collapseAt) + t("Common_TruncatedSuffix") : text;
  return (
    <div className={styles.root}>
      {/* Written by people (notes, comments): the paragraph's direction follows the text, not the form's language. */}
      <div className={styles.text} dir="auto">
        {shown}
      </div>
      {collapsible ? (
        <Button size="small" appearance="secondary" aria-expanded={expanded} onClick={() => setExpanded((value) => !value)}>
          {expanded ? t("Common_ShowLess") : t("Common_ShowAll")}
        </Button>
      ) : null}
    </div>
  );
}
