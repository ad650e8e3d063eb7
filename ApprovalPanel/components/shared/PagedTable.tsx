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
}

/** A table that renders one page of rows at a time and grows with "Show more". */
export function PagedTable<Row>({ columns, rows, labelledBy, t, pageSize = PAGE_SIZE }: PagedTableProps<Row>): React.ReactElement {
  const styles = useStyles();
  const paging = usePaging(rows.length, pageSize);
  const visibleRows = rows.slice(0, paging.visible);
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
