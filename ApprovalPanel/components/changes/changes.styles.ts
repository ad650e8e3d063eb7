import { makeStyles, shorthands, tokens } from "@fluentui/react-components";
import { COLUMN_STACK, INLINE_ROW, STACKED_LIST, TECHNICAL_TEXT, VALUE_TEXT } from "../shared/styles";
import { VISUALLY_HIDDEN } from "../shared/visuallyHidden";

/** The What changes section's classes, shared by its parts so their lists look alike. */
export const useChangesStyles = makeStyles({
  body: {
    ...COLUMN_STACK,
    ...shorthands.gap(tokens.spacingVerticalM),
  },
  text: VALUE_TEXT,
  hidden: VISUALLY_HIDDEN,
  actions: {
    ...INLINE_ROW,
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
  },
  part: {
    ...COLUMN_STACK,
    ...shorthands.gap(tokens.spacingVerticalXS),
  },
  list: {
    ...STACKED_LIST,
    ...shorthands.gap(tokens.spacingVerticalXS),
  },
  summary: {
    cursor: "pointer",
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: "anywhere",
    // A target of at least 24 px (WCAG 2.2 target size): the summary line is the only thing that opens the kind.
    minHeight: tokens.spacingVerticalXXL,
  },
  kindBody: {
    display: "flex",
    flexDirection: "column",
    ...shorthands.gap(tokens.spacingVerticalS),
    paddingTop: tokens.spacingVerticalXS,
    paddingInlineStart: tokens.spacingHorizontalL,
    minWidth: 0,
  },
  groupHeading: {
    ...shorthands.margin(0),
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
  },
  components: {
    ...STACKED_LIST,
    ...shorthands.gap(tokens.spacingVerticalXXS),
  },
  component: {
    ...INLINE_ROW,
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalNone,
    minWidth: 0,
  },
  changedComponent: {
    ...COLUMN_STACK,
    ...shorthands.gap(tokens.spacingVerticalXXS),
    paddingBottom: tokens.spacingVerticalXS,
  },
  name: { minWidth: 0, overflowWrap: "anywhere" },
  technical: {
    ...TECHNICAL_TEXT,
    color: tokens.colorNeutralForeground3,
  },
  riskDetails: {
    ...STACKED_LIST,
    ...shorthands.gap(tokens.spacingVerticalXXS),
    paddingTop: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  privileges: {
    ...STACKED_LIST,
    paddingInlineStart: tokens.spacingHorizontalL,
    minWidth: 0,
  },
  detail: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: "anywhere",
  },
  impact: {
    fontWeight: tokens.fontWeightSemibold,
  },
  validationNotes: {
    ...STACKED_LIST,
    ...shorthands.gap(tokens.spacingVerticalXXS),
    paddingInlineStart: tokens.spacingHorizontalL,
    minWidth: 0,
  },
  validationNote: {
    ...VALUE_TEXT,
    color: tokens.colorNeutralForeground2,
  },
});

export type ChangesStyles = ReturnType<typeof useChangesStyles>;
