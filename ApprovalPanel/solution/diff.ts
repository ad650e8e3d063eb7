/**
 * What a deployment changes: the components of this deployment's solution against the one last deployed to the same stage.
 */
import { COMPONENT_KINDS, type ComponentKind, type SolutionComponent, type SolutionContents } from "./components";
import { compareStrings, sortJob } from "./sortJob";
import { runJob, type Job } from "./xml/jobs";

export interface ComponentChange {
  baseline: SolutionComponent;
  current: SolutionComponent;
}

export interface KindDiff {
  added: SolutionComponent[];
  removed: SolutionComponent[];
  /** Same key, different fingerprint. */
  changed: ComponentChange[];
  /** Same key and fingerprint, in the reader's order (by key); kept for rules that look at the whole baseline (connectors in use). */
  unchanged: SolutionComponent[];
  counts: { added: number; removed: number; changed: number; unchanged: number };
}

export interface SolutionDiff {
  /** No baseline: the first deployment of this solution to the stage, so everything is "added". */
  first: boolean;
  kinds: Record<ComponentKind, KindDiff>;
  totals: { added: number; removed: number; changed: number };
}

/** compareText's order by name, then by key (case-insensitive first, then exact), with each string lowered once. */
type NameKey = [string, string, string, string];
const nameKey = (c: SolutionComponent): NameKey => [c.name.toLowerCase(), c.name, c.key.toLowerCase(), c.key];
const byNameKey = (a: NameKey, b: NameKey): number =>
  compareStrings(a[0], b[0]) || compareStrings(a[1], b[1]) || compareStrings(a[2], b[2]) || compareStrings(a[3], b[3]);

/** An unchanged component has no detail lines: its facets are let go, so a large solution's comparison keeps little. */
function withoutFacets(c: SolutionComponent): SolutionComponent {
  if (!c.details?.facets) return c;
  const details = { ...c.details };
  delete details.facets;
  return { ...c, details };
}

/** Components handled between two yields of diffJob. */
const STEPS = 2048;

/**
 * The diff as a job that yields every few thousand components, sorting included: a 50 MB solution's columns, tens of
 * thousands of them, were one task of 150-350 ms when a kind was diffed and sorted at once. Unchanged components stay in the
 * reader's order (by key): nothing shows them in order.
 */
export function* diffJob(baseline: SolutionContents | null, current: SolutionContents): Job<SolutionDiff> {
  const kinds = {} as Record<ComponentKind, KindDiff>;
  const totals = { added: 0, removed: 0, changed: 0 };
  let steps = 0;
  for (const kind of COMPONENT_KINDS) {
    const before = new Map<string, SolutionComponent>();
    for (const c of baseline?.components[kind] ?? []) {
      before.set(c.key, c);
      if (++steps % STEPS === 0) yield;
    }
    const added: SolutionComponent[] = [];
    const changed: ComponentChange[] = [];
    const unchanged: SolutionComponent[] = [];
    for (const c of current.components[kind] ?? []) {
      const b = before.get(c.key);
      before.delete(c.key);
      if (!b) added.push(c);
      else if (b.fingerprint !== c.fingerprint) changed.push({ baseline: b, current: c });
      else unchanged.push(withoutFacets(c));
      if (++steps % STEPS === 0) yield;
    }
    const diff: KindDiff = {
      added: yield* sortJob(added, nameKey, byNameKey),
      removed: yield* sortJob([...before.values()], nameKey, byNameKey),
      changed: yield* sortJob(changed, (x) => nameKey(x.current), byNameKey),
      unchanged,
      counts: { added: added.length, removed: before.size, changed: changed.length, unchanged: unchanged.length },
    };
    totals.added += diff.counts.added;
    totals.removed += diff.counts.removed;
    totals.changed += diff.counts.changed;
    kinds[kind] = diff;
    yield;
  }
  return { first: baseline === null, kinds, totals };
}

/** The diff at once (tests, small solutions); fromZip runs diffJob in slices. */
export function diffSolutions(baseline: SolutionContents | null, current: SolutionContents): SolutionDiff {
  return runJob(diffJob(baseline, current));
}
