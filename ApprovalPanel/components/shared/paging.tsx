import { formatNumber } from "./counts";
import * as React from "react";
import { Button, makeStyles, shorthands, Spinner, Text, tokens } from "@fluentui/react-components";
import { formatText, type Translate } from "./text";

/** Rows rendered per page: thousands of rows at once would freeze the form. */
export const PAGE_SIZE = 100;

export interface Paging {
  visible: number;
  hasMore: boolean;
  showMore: () => void;
}

/** How many of `total` items to render; grows by one page per "Show more". */
export function usePaging(total: number, pageSize?: number): Paging {
  pageSize ??= PAGE_SIZE;
  const [count, setCount] = React.useState(pageSize);
  const showMore = React.useCallback(() => setCount((value) => value + pageSize), [pageSize]);
  const visible = Math.min(count, total);
  return { visible, hasMore: visible < total, showMore };
}

const useStyles = makeStyles({
  footer: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    ...shorthands.gap(tokens.spacingHorizontalM),
  },
});

/** "Showing 100 of 5000" and a "Show more" button while rows remain. */
export function ShowMoreFooter({
  paging,
  total,
  t,
  locale,
}: {
  paging: Paging;
  total: number;
  t: Translate;
  locale: string | undefined;
}): React.ReactElement | null {
  const styles = useStyles();
  if (!paging.hasMore) return null;
  return (
    <div className={styles.footer}>
      <Text size={200}>{formatText(t("Common_ShowingCount"), formatNumber(locale, paging.visible), formatNumber(locale, total))}</Text>
      <Button size="small" onClick={paging.showMore}>
        {t("Common_ShowMore")}
      </Button>
    </div>
  );
}

export interface LoadMoreFooterProps {
  /** A page is being read: a spinner instead of the button. */
  loading: boolean;
  /** The server has more rows (and nothing failed). */
  hasMore: boolean;
  onLoadMore: () => void;
  loadingLabel: string;
  loadMoreLabel: string;
}

/** Paging by the server: a spinner while a page loads, else "Load more" while pages remain. */
export function LoadMoreFooter({ loading, hasMore, onLoadMore, loadingLabel, loadMoreLabel }: LoadMoreFooterProps): React.ReactElement | null {
  const styles = useStyles();
  if (!loading && !hasMore) return null;
  return <div className={styles.footer}>{loading ? <Spinner size="tiny" label={loadingLabel} /> : <Button onClick={onLoadMore}>{loadMoreLabel}</Button>}</div>;
}
