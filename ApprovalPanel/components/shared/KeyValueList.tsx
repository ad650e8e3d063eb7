import * as React from "react";
import { makeStyles, mergeClasses, shorthands, tokens } from "@fluentui/react-components";
import { TERM_TEXT, VALUE_TEXT } from "./styles";

const useStyles = makeStyles({
  list: {
    display: "grid",
    // Wraps to fewer columns on narrow forms.
    gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 14rem), 1fr))",
    ...shorthands.gap(tokens.spacingHorizontalL, tokens.spacingVerticalM),
    ...shorthands.margin(0),
  },
  // Two columns of label-over-value pairs, tighter than the wrapping grid (the details of a run).
  twoColumns: {
    gridTemplateColumns: "repeat(2, minmax(0, 1fr))",
    ...shorthands.gap(tokens.spacingHorizontalL, tokens.spacingVerticalS),
  },
  oneColumn: {
    gridTemplateColumns: "minmax(0, 1fr)",
    ...shorthands.gap(tokens.spacingVerticalS),
  },
  item: {
    display: "flex",
    flexDirection: "column",
    ...shorthands.gap(tokens.spacingVerticalXXS),
    minWidth: 0,
  },
  term: TERM_TEXT,
  value: VALUE_TEXT,
});

export interface KeyValueItem {
  /** Stable React key. */
  id: string;
  label: string;
  value: React.ReactNode;
}

/** A description list laid out as a wrapping grid, or in a fixed number of columns. */
export function KeyValueList({ items, ariaLabel, columns }: { items: KeyValueItem[]; ariaLabel?: string; columns?: 1 | 2 }): React.ReactElement {
  const styles = useStyles();
  return (
    <dl className={mergeClasses(styles.list, columns === 2 && styles.twoColumns, columns === 1 && styles.oneColumn)} aria-label={ariaLabel}>
      {items.map((item) => (
        <div key={item.id} className={styles.item}>
          <dt className={styles.term}>{item.label}</dt>
          <dd className={styles.value}>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
