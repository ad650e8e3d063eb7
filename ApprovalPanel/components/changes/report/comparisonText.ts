import { sortedJson } from "../../../domain/json";
import { COMPONENT_KINDS } from "../../../solution/components";
import type { ArtifactComparison } from "../../../solution/fromZip";

/**
 * The whole comparison in a form that does not depend on the approver's language, for the review fingerprint: both
 * versions, every added, removed and changed component by key with its fingerprints (a component's fingerprint is the hash
 * of its canonical XML, so it stands for every detail line), and the risks with their components. Kinds without changes
 * are left out, so the text grows with the change, not with the solution.
 */
export function comparisonText(comparison: ArtifactComparison): string {
  const kinds: Record<string, unknown> = {};
  for (const kind of COMPONENT_KINDS) {
    const d = comparison.diff.kinds[kind];
    if (d === undefined || d.counts.added + d.counts.removed + d.counts.changed === 0) continue;
    kinds[kind] = {
      added: d.added.map((c) => [c.key, c.fingerprint]),
      removed: d.removed.map((c) => [c.key, c.fingerprint]),
      changed: d.changed.map((x) => [x.current.key, x.baseline.fingerprint, x.current.fingerprint]),
    };
  }
  return sortedJson({
    baselineVersion: comparison.baseline?.version ?? null,
    version: comparison.current.version,
    managed: comparison.current.managed,
    first: comparison.diff.first,
    kinds,
    risks: comparison.risks.map((r) => [r.id, r.severity, r.components.map((c) => [c.kind, c.key, c.change])]),
  });
}
