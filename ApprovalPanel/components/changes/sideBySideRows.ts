import type { ComponentChange } from "../../solution/diff";
import { sideBySide, type SideBySideLine } from "../../solution/sideBySide";

/** One line of the side by side: the baseline's text and this version's, null where that side has no such line. */
export type SideBySideRow = SideBySideLine;

/** A changed component before and after, line by line (secrets masked); computed when the approver asks. */
export function sideBySideRows(change: ComponentChange): { rows: SideBySideRow[]; truncated: boolean } {
  const { lines, truncated } = sideBySide(change);
  return { rows: lines, truncated };
}
