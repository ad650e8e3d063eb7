/**
 * A changed component before and after, line by line, with the lines that differ marked: computed only when the approver
 * asks for it.
 *
 * The text is the component's canonical facts, one per line ("name: ...", "requiredLevel: required", "privilege prvReadAccount:
 * Global"), in a fixed order: what the readers keep of every component instead of its XML, so the comparison holds no
 * customizations.xml in memory after the read and needs no second download or parse to show this. Values kept only as a
 * fingerprint (secrets, file contents, a flow action's inputs) read as masked, and are still compared in full.
 */
import type { SolutionComponent } from "./components";
import type { ComponentChange } from "./diff";
import { OPAQUE, type DetailAspect, type Facets } from "./details/facets";

export interface SideBySideLine {
  /** null: the other side has a line this side has not. */
  before: string | null;
  after: string | null;
  differs: boolean;
}

export interface SideBySide {
  lines: SideBySideLine[];
  /** More lines than shown (a form with thousands of fields): the first MAX_LINES rows. */
  truncated: boolean;
}

/** What a masked value reads as; never any part of the value or its fingerprint. */
export const MASKED = "•••";
export const MAX_LINES = 2000;
/** Above this many cells the middle of the two texts is not aligned line by line: it reads as all removed, then all added. */
const MAX_CELLS = 250_000;

interface Line {
  /** What is compared: the whole value, fingerprints included. */
  key: string;
  /** What is shown. */
  text: string;
}

function shown(value: string): string {
  const at = value.indexOf(OPAQUE);
  if (at < 0) return value;
  return at === 0 ? MASKED : `${value.slice(0, at)} ${MASKED}`;
}

/** A component's canonical lines: its name, then its facets by aspect and subject. */
export function canonicalLines(component: SolutionComponent): Line[] {
  const facets: Facets = { ...component.details?.facets };
  if (component.details?.privileges) facets.privilege = component.details.privileges.map((p): [string, string] => [p.name, p.depth]);
  const lines: Line[] = [{ key: `name: ${component.name}`, text: `name: ${component.name}` }];
  for (const aspect of (Object.keys(facets) as DetailAspect[]).sort()) {
    const value = facets[aspect];
    if (typeof value === "string") lines.push({ key: `${aspect}: ${value}`, text: `${aspect}: ${shown(value)}` });
    else for (const [subject, v] of value ?? []) lines.push({ key: `${aspect} ${subject}: ${v}`, text: `${aspect} ${subject}: ${shown(v)}` });
  }
  return lines;
}

/**
 * Two texts' lines aligned: common lines side by side, and in each run of differences the removed lines opposite the added
 * ones. A longest common subsequence over the part between the common start and end, bounded by MAX_CELLS.
 */
export function lineDiff(before: readonly Line[], after: readonly Line[]): SideBySideLine[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start].key === after[start].key) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1].key === after[endA - 1].key) {
    endB--;
    endA--;
  }
  const n = endB - start;
  const m = endA - start;
  const same = (b: Line, a: Line): SideBySideLine => ({ before: b.text, after: a.text, differs: false });
  const rows: SideBySideLine[] = before.slice(0, start).map((b, i) => same(b, after[i]));

  // Which lines of the middle are common: an LCS table when small enough, else none.
  const keepB = new Uint8Array(n);
  const keepA = new Uint8Array(m);
  if (n > 0 && m > 0 && n * m <= MAX_CELLS) {
    const table = new Uint32Array((n + 1) * (m + 1));
    const w = m + 1;
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        table[i * w + j] =
          before[start + i].key === after[start + j].key ? table[(i + 1) * w + j + 1] + 1 : Math.max(table[(i + 1) * w + j], table[i * w + j + 1]);
    for (let i = 0, j = 0; i < n && j < m;) {
      if (before[start + i].key === after[start + j].key) {
        keepB[i++] = 1;
        keepA[j++] = 1;
      } else if (table[(i + 1) * w + j] >= table[i * w + j + 1]) i++;
      else j++;
    }
  }
  for (let i = 0, j = 0; i < n || j < m;) {
    const removed: string[] = [];
    const added: string[] = [];
    while (i < n && !keepB[i]) removed.push(before[start + i++].text);
    while (j < m && !keepA[j]) added.push(after[start + j++].text);
    for (let r = 0; r < Math.max(removed.length, added.length); r++) rows.push({ before: removed[r] ?? null, after: added[r] ?? null, differs: true });
    if (i < n && j < m) rows.push(same(before[start + i++], after[start + j++]));
  }
  for (let i = endB, j = endA; i < before.length; i++, j++) rows.push(same(before[i], after[j]));
  return rows;
}

export function sideBySide(change: ComponentChange, maxLines?: number): SideBySide {
  const lines = lineDiff(canonicalLines(change.baseline), canonicalLines(change.current));
  const max = maxLines ?? MAX_LINES;
  return { lines: lines.slice(0, max), truncated: lines.length > max };
}
