/**
 * What a deployment changes: the components of this deployment's solution against the one last deployed to the same stage.
 */
import { COMPONENT_KINDS, compareText, type ComponentKind, type SolutionComponent, type SolutionContents } from "./components";

export interface ComponentChange {
  baseline: SolutionComponent;
  current: SolutionComponent;
}

export interface KindDiff {
  added: SolutionComponent[];
  removed: SolutionComponent[];
  /** Same key, different fingerprint. */
  changed: ComponentChange[];
  /** Same key and fingerprint; kept for rules that look at the whole baseline (connectors in use). */
  unchanged: SolutionComponent[];
  counts: { added: number; removed: number; changed: number; unchanged: number };
}

export interface SolutionDiff {
  /** No baseline: the first deployment of this solution to the stage, so everything is "added". */
  first: boolean;
  kinds: Record<ComponentKind, KindDiff>;
  totals: { added: number; removed: number; changed: number };
}

const byName = (a: SolutionComponent, b: SolutionComponent): number => compareText(a.name, b.name) || compareText(a.key, b.key);

/** An unchanged component has no detail lines: its facets are let go, so a large solution's comparison keeps little. */
function withoutFacets(c: SolutionComponent): SolutionComponent {
  if (!c.details?.facets) return c;
  const details = { ...c.details };
  delete details.facets;
  return { ...c, details };
}

export function diffSolutions(baseline: SolutionContents | null, current: SolutionContents): SolutionDiff {
  const kinds = {} as Record<ComponentKind, KindDiff>;
  const totals = { added: 0, removed: 0, changed: 0 };
  for (const kind of COMPONENT_KINDS) {
    const before = new Map((baseline?.components[kind] ?? []).map((c) => [c.key, c]));
    const diff: KindDiff = { added: [], removed: [], changed: [], unchanged: [], counts: { added: 0, removed: 0, changed: 0, unchanged: 0 } };
    for (const c of current.components[kind] ?? []) {
      const b = before.get(c.key);
      before.delete(c.key);
      if (!b) diff.added.push(c);
      else if (b.fingerprint !== c.fingerprint) diff.changed.push({ baseline: b, current: c });
      else diff.unchanged.push(withoutFacets(c));
    }
    diff.removed = [...before.values()];
    diff.added.sort(byName);
    diff.removed.sort(byName);
    diff.unchanged.sort(byName);
    diff.changed.sort((x, y) => byName(x.current, y.current));
    diff.counts = { added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length, unchanged: diff.unchanged.length };
    totals.added += diff.counts.added;
    totals.removed += diff.counts.removed;
    totals.changed += diff.counts.changed;
    kinds[kind] = diff;
  }
  return { first: baseline === null, kinds, totals };
}
