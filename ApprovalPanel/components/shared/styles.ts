import { shorthands, tokens, type GriffelStyle } from "@fluentui/react-components";

/*
 * Style fragments several components share, so the panel keeps one look for lists, cards and labels.
 * Spread them into a makeStyles rule and add what differs (usually the gap).
 */

/** 44 px, the smallest comfortable touch target (WCAG 2.5.5), built from tokens: 32 px + 12 px. */
export const TOUCH_TARGET = `calc(${tokens.spacingVerticalXXXL} + ${tokens.spacingVerticalM})`;

/** A list without bullets or indent whose items stack. */
export const STACKED_LIST: GriffelStyle = {
  listStyleType: "none",
  ...shorthands.margin(0),
  ...shorthands.padding(0),
  display: "flex",
  flexDirection: "column",
};

/** A bordered box around one item of a list (a run on a phone, a relayed decision). */
export const ITEM_CARD: GriffelStyle = {
  ...shorthands.padding(tokens.spacingVerticalS, tokens.spacingHorizontalM),
  ...shorthands.border(tokens.strokeWidthThin, "solid", tokens.colorNeutralStroke2),
  ...shorthands.borderRadius(tokens.borderRadiusMedium),
  minWidth: 0,
};

/** The label above a value: smaller and quieter than the value. */
export const TERM_TEXT: GriffelStyle = {
  color: tokens.colorNeutralForeground3,
  fontSize: tokens.fontSizeBase200,
  lineHeight: tokens.lineHeightBase200,
};

/** A value that may be long free text: wraps anywhere and keeps its line breaks. */
export const VALUE_TEXT: GriffelStyle = {
  ...shorthands.margin(0),
  overflowWrap: "anywhere",
  whiteSpace: "pre-wrap",
};

/** Badges and short texts side by side, wrapping on narrow forms. */
export const INLINE_ROW: GriffelStyle = {
  display: "flex",
  flexWrap: "wrap",
  alignItems: "center",
};

/** A column of parts that stack, never wider than their container (add the gap). */
export const COLUMN_STACK: GriffelStyle = {
  display: "flex",
  flexDirection: "column",
  minWidth: 0,
};

/** A technical name or value from the host or a file (logical names, ids, types): monospace, small, wraps anywhere. */
export const TECHNICAL_TEXT: GriffelStyle = {
  fontFamily: tokens.fontFamilyMonospace,
  fontSize: tokens.fontSizeBase200,
  lineHeight: tokens.lineHeightBase200,
  overflowWrap: "anywhere",
  minWidth: 0,
};
