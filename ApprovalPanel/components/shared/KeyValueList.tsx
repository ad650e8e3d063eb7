import * as React from "react";
import { makeStyles, shorthands, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  list: {
    display: "grid",
    // Wraps to fewer columns on narrow forms.
    gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 14rem), 1fr))",
    ...shorthands.gap(tokens.spacingVerticalM, tokens.spacingHorizontalL),
    ...shorthands.margin(0),
  },
  item: {
    display: "flex",
    flexDirection: "column",
    ...shorthands.gap(tokens.spacingVerticalXXS),
    minWidth: 0,
  },
  term: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  value: {
    ...shorthands.margin(0),
    overflowWrap: "anywhere",
    whiteSpace: "pre-wrap",
  },
});

export interface KeyValueItem {
  /** Stable React key. */
  id: string;
  label: string;
  value: React.ReactNode;
}

/** A description list laid out as a wrapping grid. */
export function KeyValueList({ items, ariaLabel }: { items: KeyValueItem[]; ariaLabel?: string }): React.ReactElement {
  const styles = useStyles();
  return (
    <dl className={styles.list} aria-label={ariaLabel}>
      {items.map((item) => (
        <div key={item.id} className={styles.item}>
          <dt className={styles.term}>{item.label}</dt>
          <dd className={styles.value}>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
