import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { detailsOfChange } from "../../solution/changeDetail";
import type { ComponentKind } from "../../solution/components";
import type { ComponentChange } from "../../solution/diff";
import { countText } from "../shared/counts";
import type { Translate } from "../shared/text";
import { detailLineText } from "./detailText";

/** Lines listed under one component; "and n more" says how many it does not (a form may move hundreds of fields). */
export const MAX_DETAIL_LINES = 20;

const useStyles = makeStyles({
  list: {
    margin: 0,
    marginTop: tokens.spacingVerticalXXS,
    paddingInlineStart: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  line: { overflowWrap: "anywhere" },
});

export interface ChangeDetailsProps {
  kind: ComponentKind;
  change: ComponentChange;
  t: Translate;
  locale?: string;
}

/** What changed inside one changed component, one line each, in the approver's words. */
export function ChangeDetails({ kind, change, t, locale }: ChangeDetailsProps): React.ReactElement {
  const styles = useStyles();
  const items = React.useMemo(() => detailsOfChange(change), [change]);
  const shown = items.slice(0, MAX_DETAIL_LINES);
  return (
    <ul className={styles.list} data-change-details={change.current.key}>
      {shown.map((item, index) => (
        <li key={index} className={styles.line} data-detail={item.aspect} data-detail-change={item.change} dir="auto">
          {detailLineText(kind, item, t, locale)}
        </li>
      ))}
      {items.length > shown.length ? <li className={styles.line}>{countText(t, locale, "Changes_AndMore", items.length - shown.length)}</li> : null}
    </ul>
  );
}
