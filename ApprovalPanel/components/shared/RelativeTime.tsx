import * as React from "react";
import { makeStyles, shorthands, tokens } from "@fluentui/react-components";
import { relativeTimeText } from "./counts";
import { formatText, type FormatDateTime, type Translate } from "./text";
import { VISUALLY_HIDDEN } from "./visuallyHidden";

const useStyles = makeStyles({
  time: {
    ...shorthands.borderRadius(tokens.borderRadiusSmall),
    ":focus-visible": {
      ...shorthands.outline(tokens.strokeWidthThick, "solid", tokens.colorStrokeFocus2),
    },
  },
  hidden: VISUALLY_HIDDEN,
  absolute: { color: tokens.colorNeutralForeground2 },
});

export interface RelativeTimeProps {
  iso: string;
  now: number;
  t: Translate;
  locale: string | undefined;
  formatDateTime: FormatDateTime;
}

/**
 * "2 hours ago", with the absolute time in the user's time zone beside it on hover or keyboard focus. Screen
 * readers always get both. Inline rather than a Tooltip: a tooltip is a portal, outside the panel's theme.
 */
export function RelativeTime({ iso, now, t, locale, formatDateTime }: RelativeTimeProps): React.ReactElement {
  const styles = useStyles();
  const [revealed, setRevealed] = React.useState(false);
  const absolute = formatDateTime(iso);
  const relative = relativeTimeText(t, locale, iso, now) ?? absolute;
  const absoluteText = formatText(t("Summary_AbsoluteTime"), absolute);
  const show = (): void => setRevealed(true);
  const hide = (): void => setRevealed(false);
  return (
    <time
      dateTime={iso}
      tabIndex={0}
      aria-label={`${relative} ${absoluteText}`}
      className={styles.time}
      onMouseEnter={show}
      onMouseLeave={hide}
      onFocus={show}
      onBlur={hide}
    >
      {relative}
      <span className={revealed ? styles.absolute : styles.hidden}> {absoluteText}</span>
    </time>
  );
}
