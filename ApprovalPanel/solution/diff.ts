/**
 * What a deployment changes: the components of this deployment's solution against the one last deployed to the same stage.
 */
import { COMPONENT_KINDS, type ComponentKind, type SolutionComponent, type SolutionContents } from "./components";
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
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** The items sorted by name and key; each key is made once, not at every comparison. */
function sortedByName<T>(items: readonly T[], componentOf: (item: T) => SolutionComponent): T[] {
  return items
    .map((item): [NameKey, T] => {
      const c = componentOf(item);
      return [[c.name.toLowerCase(), c.name, c.key.toLowerCase(), c.key], item];
    })
    .sort(([a], [b]) => compare(a[0], b[0]) || compare(a[1], b[1]) || compare(a[2], b[2]) || compare(a[3], b[3]))
    .map(([, item]) => item);
}
const itself = (c: SolutionComponent): SolutionComponent => c;

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
 * The diff as a job that yields every few thousand components: a 50 MB solution's columns, tens of thousands of them,
 * were one task of 150-350 ms when a kind was diffed and sorted at once, each comparison lowering both names. Unchanged
 * components, the most, stay in the reader's order (by key) unsorted: nothing shows them in order. The lists shown are
 * sorted with each name lowered once: 45,000 added columns (a first deployment at 50 MB) sort in one step of tens of ms.
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
      added: sortedByName(added, itself),
      removed: sortedByName([...before.values()], itself),
      changed: sortedByName(changed, (x) => x.current),
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
