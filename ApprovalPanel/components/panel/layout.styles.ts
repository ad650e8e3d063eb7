import { makeStyles, shorthands, tokens } from "@fluentui/react-components";
import { COLUMN_STACK, TOUCH_TARGET } from "../shared/styles";
import { VISUALLY_HIDDEN } from "../shared/visuallyHidden";

const DECISION_COLUMN_MIN = "20rem";
const DECISION_COLUMN_MAX = "26rem";

export const useLayoutStyles = makeStyles({
  panel: {
    ...COLUMN_STACK,
    ...shorthands.gap(tokens.spacingVerticalM),
  },
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 320px), 1fr))",
    ...shorthands.gap(tokens.spacingHorizontalM, tokens.spacingVerticalM),
    alignItems: "start",
  },
  narrow: {
    gridTemplateColumns: "minmax(0, 1fr)",
  },
  // Phones are used with fingers: every button and switch gets a touch-sized hit area.
  touch: {
    "& button": { minHeight: TOUCH_TARGET, minWidth: TOUCH_TARGET },
    "& .fui-Switch": { minHeight: TOUCH_TARGET, alignItems: "center" },
    // A touch-sized link inside a message's sentence would stretch the line it sits on: give it its own line.
    "& .fui-MessageBarBody button.fui-Link": { display: "block", marginInlineStart: 0, textAlign: "start" },
  },
  cell: { minWidth: 0 },
  layout: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr)",
    ...shorthands.gap(tokens.spacingHorizontalM, tokens.spacingVerticalM),
    alignItems: "start",
  },
  // Wide forms: checks and details on the left, the decision beside them (and sticky while the details scroll).
  layoutWide: {
    gridTemplateColumns: `minmax(0, 1fr) minmax(${DECISION_COLUMN_MIN}, ${DECISION_COLUMN_MAX})`,
    gridTemplateAreas: '"checks side" "details side"',
    gridTemplateRows: "auto 1fr",
  },
  checksArea: { gridArea: "checks" },
  detailsArea: { gridArea: "details" },
  sideArea: {
    gridArea: "side",
    position: "sticky",
    top: 0,
  },
  column: {
    display: "flex",
    flexDirection: "column",
    ...shorthands.gap(tokens.spacingVerticalM),
    minWidth: 0,
  },
  hidden: VISUALLY_HIDDEN,
  status: {
    minHeight: tokens.lineHeightBase300,
    ...shorthands.outline(0),
  },
  statusFocus: {
    ":focus-visible": {
      ...shorthands.outline(tokens.strokeWidthThick, "solid", tokens.colorStrokeFocus2),
    },
  },
  loading: {
    display: "flex",
    justifyContent: "flex-start",
  },
});
