/** Runs per history page when the maker sets nothing (the manifest's default). */
export const DEFAULT_HISTORY_PAGE_SIZE = 20;
/** The most runs one page may ask for: a page stays one quick request however the control is configured. */
export const MAX_HISTORY_PAGE_SIZE = 250;

/** A usable page size: whole, from 1 to the maximum; anything that is not a finite number becomes the default. */
export function clampHistoryPageSize(size: number): number {
  if (!Number.isFinite(size)) return DEFAULT_HISTORY_PAGE_SIZE;
  return Math.min(MAX_HISTORY_PAGE_SIZE, Math.max(1, Math.round(size)));
}
