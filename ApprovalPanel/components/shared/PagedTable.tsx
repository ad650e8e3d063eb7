import * as React from "react";
import { makeStyles, mergeClasses, shorthands, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from "@fluentui/react-components";
import { ShowMoreFooter, usePaging, PAGE_SIZE } from "./paging";
import { ITEM_CARD, STACKED_LIST, TERM_TEXT, VALUE_TEXT } from "./styles";
import type { Translate } from "./text";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    ...shorthands.gap(tokens.spacingVerticalS),
    minWidth: 0,
  },
  scroller: {
    // Wide tables scroll inside the section instead of widening the form.
    overflowX: "auto",
    maxWidth: "100%",
  },
  wideTable: {
    // Many columns keep a readable width; the scroller takes the overflow.
    minWidth: "48rem",
  },
  cell: {
    overflowWrap: "anywhere",
    whiteSpace: "pre-wrap",
    verticalAlign: "top",
  },
  currentRow: {
    backgroundColor: tokens.colorBrandBackground2,
    // Windows high contrast drops background colours: an outline keeps the current row visible (the caller's badge says it too).
    "@media (forced-colors: active)": {
      ...shorthands.outline(tokens.strokeWidthThick, "solid", "Highlight"),
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
    },
  },
  cards: {
    ...STACKED_LIST,
    ...shorthands.gap(tokens.spacingVerticalS),
  },
  card: ITEM_CARD,
  pairs: {
    display: "flex",
    flexDirection: "column",
    ...shorthands.gap(tokens.spacingVerticalXS),
    ...shorthands.margin(0),
  },
  term: TERM_TEXT,
  value: VALUE_TEXT,
});

export interface PagedColumn<Row> {
  id: string;
  header: string;
  render: (row: Row) => React.ReactNode;
}

export interface PagedTableProps<Row> {
  /** Keep the array stable (useMemo) where rows are many: a row renders again only when its data or the columns change. */
  columns: Array<PagedColumn<Row>>;
  rows: Row[];
  /** Id of the heading that names the table. */
  labelledBy: string;
  t: Translate;
  /** The user's locale for the row counts. */
  locale?: string;
  pageSize?: number;
  /** Phones: each row becomes a card with a definition list instead of a table row (no sideways scrolling). */
  stacked?: boolean;
  /** A stable React key per row (an id); without it rows are keyed by position, which suits lists that never reorder. */
  rowKey?: (row: Row) => string;
  /** The row the form shows (aria-current and a highlight that survives high contrast). */
  isCurrent?: (row: Row) => boolean;
  /** Many columns: the table keeps a minimum width and scrolls sideways in a group keyboard users can focus. */
  wide?: boolean;
  /**
   * Rows the caller pages itself (the history's "Load more" reads the next page from the server): every row
   * given is shown, and this footer replaces the local "Show more".
   */
  footer?: React.ReactNode;
  /** Added to every table cell (e.g. the history's tighter padding). */
  cellClassName?: string;
}

interface RowProps<Row> {
  row: Row;
  columns: Array<PagedColumn<Row>>;
  current: boolean;
  className: string | undefined;
  cellClassName: string;
}

/** Memoized: when more rows are appended, the rows already shown do not render again. */
const PagedTableRow = React.memo(function PagedTableRow<Row>({ row, columns, current, className, cellClassName }: RowProps<Row>): React.ReactElement {
  return (
    <TableRow aria-current={current ? "true" : undefined} className={className}>
      {columns.map((column) => (
        <TableCell key={column.id} className={cellClassName}>
          {column.render(row)}
        </TableCell>
      ))}
    </TableRow>
  );
}) as <Row>(props: RowProps<Row>) => React.ReactElement;

interface CardProps<Row> extends RowProps<Row> {
  pairsClassName: string;
  termClassName: string;
}

/** One row as a card with a definition list; memoized like the table row. */
const PagedCard = React.memo(function PagedCard<Row>(props: CardProps<Row>): React.ReactElement {
  const { row, columns, current, className, cellClassName, pairsClassName, termClassName } = props;
  return (
    <li aria-current={current ? "true" : undefined} className={className}>
      <dl className={pairsClassName}>
        {columns.map((column) => (
          <div key={column.id}>
            <dt className={termClassName}>{column.header}</dt>
            <dd className={cellClassName}>{column.render(row)}</dd>
          </div>
        ))}
      </dl>
    </li>
  );
}) as <Row>(props: CardProps<Row>) => React.ReactElement;

/** A table (or, stacked, a list of cards) that renders one page of rows at a time and grows with "Show more". */
export function PagedTable<Row>(props: PagedTableProps<Row>): React.ReactElement {
  const { columns, rows, labelledBy, t, locale, pageSize = PAGE_SIZE, stacked = false, rowKey, isCurrent, wide = false, footer } = props;
  const styles = useStyles();
  const pagedByCaller = footer !== undefined;
  const paging = usePaging(rows.length, pageSize);
  const visibleRows = pagedByCaller ? rows : rows.slice(0, paging.visible);
  const keyOf = (row: Row, index: number): string => (rowKey ? rowKey(row) : String(index));
  const currentOf = (row: Row): boolean => (isCurrent ? isCurrent(row) : false);
  const pagingFooter = pagedByCaller ? footer : <ShowMoreFooter paging={paging} total={rows.length} t={t} locale={locale} />;

  if (stacked) {
    const currentCard = mergeClasses(styles.card, styles.currentRow);
    return (
      <div className={styles.root}>
        <ul className={styles.cards} aria-labelledby={labelledBy}>
          {visibleRows.map((row, index) => {
            const current = currentOf(row);
            return (
              <PagedCard
                key={keyOf(row, index)}
                row={row}
                columns={columns}
                current={current}
                className={current ? currentCard : styles.card}
                cellClassName={styles.value}
                pairsClassName={styles.pairs}
                termClassName={styles.term}
              />
            );
          })}
        </ul>
        {pagingFooter}
      </div>
    );
  }
  const cellClassName = mergeClasses(styles.cell, props.cellClassName);
  const table = (
    <Table size="small" className={wide ? styles.wideTable : undefined} aria-labelledby={labelledBy}>
      <TableHeader>
        <TableRow>
          {columns.map((column) => (
            <TableHeaderCell key={column.id}>{column.header}</TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {visibleRows.map((row, index) => {
          const current = currentOf(row);
          return (
            <PagedTableRow
              key={keyOf(row, index)}
              row={row}
              columns={columns}
              current={current}
              className={current ? styles.currentRow : undefined}
              cellClassName={cellClassName}
            />
          );
        })}
      </TableBody>
    </Table>
  );
  return (
    <div className={styles.root}>
      {wide ? (
        // Focusable so keyboard users can scroll the table sideways.
        <div className={styles.scroller} role="group" aria-labelledby={labelledBy} tabIndex={0}>
          {table}
        </div>
      ) : (
        <div className={styles.scroller}>{table}</div>
      )}
      {pagingFooter}
    </div>
  );
}
