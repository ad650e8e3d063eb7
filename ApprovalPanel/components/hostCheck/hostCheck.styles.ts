import { makeStyles, shorthands, tokens } from "@fluentui/react-components";
import { COLUMN_STACK, INLINE_ROW, ITEM_CARD, STACKED_LIST, TECHNICAL_TEXT, TERM_TEXT, VALUE_TEXT } from "../shared/styles";

/** The host check's styles, shared by the view and its report. */
export const useHostCheckStyles = makeStyles({
  body: {
    ...COLUMN_STACK,
    ...shorthands.gap(tokens.spacingVerticalM),
  },
  text: VALUE_TEXT,
  summary: { ...VALUE_TEXT, fontWeight: tokens.fontWeightSemibold },
  group: {
    ...COLUMN_STACK,
    ...shorthands.gap(tokens.spacingVerticalS),
  },
  groupHeading: {
    ...shorthands.margin(0),
  },
  list: {
    ...STACKED_LIST,
    ...shorthands.gap(tokens.spacingVerticalXS),
  },
  item: {
    ...ITEM_CARD,
    display: "flex",
    flexDirection: "column",
    ...shorthands.gap(tokens.spacingVerticalXXS),
  },
  head: {
    ...INLINE_ROW,
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    minWidth: 0,
  },
  badge: {
    // Fluent's Badge has a fixed height; translated words may wrap.
    height: "auto",
    minHeight: tokens.lineHeightBase200,
    paddingTop: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXXS,
    flexShrink: 0,
  },
  technical: TECHNICAL_TEXT,
  term: { ...TERM_TEXT, marginInlineEnd: tokens.spacingHorizontalXS },
  values: {
    ...INLINE_ROW,
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalNone,
    minWidth: 0,
  },
  value: { minWidth: 0, overflowWrap: "anywhere" },
  actions: {
    ...INLINE_ROW,
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
  },
  report: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  confirmedGroup: {
    ...shorthands.borderTop(tokens.strokeWidthThin, "solid", tokens.colorNeutralStroke2),
    paddingTop: tokens.spacingVerticalS,
  },
  confirmedSummary: {
    cursor: "pointer",
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    // A target of at least 24 px (WCAG 2.2 target size): the summary line is the only thing that opens the group.
    minHeight: tokens.spacingVerticalXXL,
  },
  confirmedList: {
    ...STACKED_LIST,
    ...shorthands.gap(tokens.spacingVerticalXXS),
    paddingTop: tokens.spacingVerticalXS,
    paddingInlineStart: tokens.spacingHorizontalL,
  },
  confirmedRow: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalNone,
    minWidth: 0,
  },
});
