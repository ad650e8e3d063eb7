import type { GriffelStyle } from "@fluentui/react-components";

/** Read by screen readers, not shown: the usual clip pattern (no spacing token applies to a 1 px box). */
export const VISUALLY_HIDDEN: GriffelStyle = {
  position: "absolute",
  width: "1px",
  height: "1px",
  overflow: "hidden",
  clip: "rect(0 0 0 0)",
  clipPath: "inset(50%)",
  whiteSpace: "nowrap",
};
