/**
 * A stable sort that pauses: a merge sort whose merges yield every few thousand steps, so a list of tens of thousands of
 * components (a 50 MB solution's columns) is not one long task when a Slicer runs it. Each item's sort key is made once, in
 * steps too; comparing two keys is then a plain string comparison, not a lowering of both at every comparison.
 */
import type { Job } from "./xml/jobs";

/** Steps (keys made, items merged) between two yields. */
const STEPS = 4096;
/** Runs of this length are sorted with Array.prototype.sort first: short, so each is one quick step. */
const RUN = 32;

/** The items in a new array, ordered by compare over their keys; equal keys keep the items' order. */
export function* sortJob<T, K>(items: readonly T[], keyOf: (item: T) => K, compare: (a: K, b: K) => number): Job<T[]> {
  const n = items.length;
  let src: { key: K; item: T }[] = new Array(n);
  for (let i = 0; i < n; i++) {
    src[i] = { key: keyOf(items[i]), item: items[i] };
    if ((i + 1) % STEPS === 0) yield;
  }
  const byKey = (a: { key: K }, b: { key: K }): number => compare(a.key, b.key);
  for (let lo = 0; lo < n; lo += RUN) {
    const run = src.slice(lo, lo + RUN).sort(byKey);
    for (let k = 0; k < run.length; k++) src[lo + k] = run[k];
    if ((lo / RUN + 1) % (STEPS / RUN) === 0) yield;
  }
  let dst: { key: K; item: T }[] = new Array(n);
  let steps = 0;
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        // The right run's item goes first only when strictly before: equal keys keep their order.
        dst[k++] = compare(src[j].key, src[i].key) < 0 ? src[j++] : src[i++];
        if (++steps % STEPS === 0) yield;
      }
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    [src, dst] = [dst, src];
  }
  const out: T[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = src[i].item;
  return out;
}

/** Plain string order, the same in every browser language (not localeCompare). */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
