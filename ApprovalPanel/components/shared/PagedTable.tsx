import * as React from "react";
import { makeStyles, shorthands, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from "@fluentui/react-components";
import { ShowMoreFooter, usePaging, PAGE_SIZE } from "./paging";
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
  cell: {
    overflowWrap: "anywhere",
    whiteSpace: "pre-wrap",
    verticalAlign: "top",
  },
  cards: {
    listStyleType: "none",
    ...shorthands.margin(0),
    ...shorthands.padding(0),
    display: "flex",
    flexDirection: "column",
    ...shorthands.gap(tokens.spacingVerticalS),
  },
  card: {
    ...shorthands.padding(tokens.spacingVerticalS, tokens.spacingHorizontalM),
    ...shorthands.border(tokens.strokeWidthThin, "solid", tokens.colorNeutralStroke2),
    ...shorthands.borderRadius(tokens.borderRadiusMedium),
  },
  pairs: {
    display: "flex",
    flexDirection: "column",
    ...shorthands.gap(tokens.spacingVerticalXS),
    ...shorthands.margin(0),
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

export interface PagedColumn<Row> {
  id: string;
  header: string;
  render: (row: Row) => React.ReactNode;
}

export interface PagedTableProps<Row> {
  columns: Array<PagedColumn<Row>>;
  rows: Row[];
  /** Id of the heading that names the table. */
  labelledBy: string;
  t: Translate;
  pageSize?: number;
  /** Phones: each row becomes a card with a definition list instead of a table row (no sideways scrolling). */
  stacked?: boolean;
}

/** A table (or, stacked, a list of cards) that renders one page of rows at a time and grows with "Show more". */
export function PagedTable<Row>({ columns, rows, labelledBy, t, pageSize = PAGE_SIZE, stacked = false }: PagedTableProps<Row>): React.ReactElement {
  const styles = useStyles();
  const paging = usePaging(rows.length, pageSize);
  const visibleRows = rows.slice(0, paging.visible);
  if (stacked) {
    return (
      <div className={styles.root}>
        <ul className={styles.cards} aria-labelledby={labelledBy}>
          {visibleRows.map((row, index) => (
            <li key={index} className={styles.card}>
              <dl className={styles.pairs}>
                {columns.map((column) => (
                  <div key={column.id}>
                    <dt className={styles.term}>{column.header}</dt>
                    <dd className={styles.value}>{column.render(row)}</dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
        <ShowMoreFooter paging={paging} total={rows.length} t={t} />
      </div>
    );
  }
  return (
    <div className={styles.root}>
      <div className={styles.scroller}>
        <Table size="small" aria-labelledby={labelledBy}>
          <TableHeader>
            <TableRow>
              {columns.map((column) => (
                <TableHeaderCell key={column.id}>{column.header}</TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {visibleRows.map((row, index) => (
              <TableRow key={index}>
                {columns.map((column) => (
                  <TableCell key={column.id} className={styles.cell}>
                    {column.render(row)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <ShowMoreFooter paging={paging} total={rows.length} t={t} />
    </div>
  );
}
