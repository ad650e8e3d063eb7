import { describe, expect, it } from "@jest/globals";
import { diffJob, diffSolutions } from "../../ApprovalPanel/solution/diff";
import type { SolutionComponent, SolutionContents } from "../../ApprovalPanel/solution/components";
import { read } from "./build";

describe("diffSolutions", () => {
  const current = read({
    canvasApps: [
      ["cr_b", "beta"],
      ["cr_a", "Alpha"],
      ["cr_c", "Émile"],
      ["cr_d", "alpha"],
    ],
    appModules: [["cr_Admin", "Admin"]],
  });

  it("first deployment: everything is added, and the diff says it is the first", () => {
    const diff = diffSolutions(null, current);
    expect(diff.first).toBe(true);
    expect(diff.kinds.canvasApps.counts).toEqual({ added: 4, removed: 0, changed: 0, unchanged: 0 });
    expect(diff.totals).toEqual({ added: 5, removed: 0, changed: 0 });
  });

  it("a later deployment is not the first, and the same solution changes nothing", () => {
    const diff = diffSolutions(current, current);
    expect(diff.first).toBe(false);
    expect(diff.totals).toEqual({ added: 0, removed: 0, changed: 0 });
    expect(diff.kinds.canvasApps.unchanged).toHaveLength(4);
  });

  it("sorts by name without the browser's locale: case-insensitive, then exact, then by key", () => {
    const names = diffSolutions(null, current).kinds.canvasApps.added.map((c) => c.name);
    expect(names).toEqual(["Alpha", "alpha", "beta", "Émile"]);
  });

  it("lists added, removed and changed each sorted by name, with counts", () => {
    const baseline = read({
      canvasApps: [
        ["cr_z", "Zulu"],
        ["cr_y", "Yankee"],
        ["cr_b", "beta", "2020-01-01T00:00:00Z"],
        ["cr_a", "Alpha"],
      ],
    });
    const diff = diffSolutions(baseline, current).kinds.canvasApps;
    expect(diff.added.map((c) => c.name)).toEqual(["alpha", "Émile"]);
    expect(diff.removed.map((c) => c.name)).toEqual(["Yankee", "Zulu"]);
    expect(diff.changed.map((c) => [c.baseline.name, c.current.name])).toEqual([["beta", "beta"]]);
    expect(diff.unchanged.map((c) => c.name)).toEqual(["Alpha"]);
    expect(diff.counts).toEqual({ added: 2, removed: 2, changed: 1, unchanged: 1 });
  });
});

describe("diffSolutions, memory", () => {
  it("keeps the facts for detail lines of changed components only, not of unchanged ones", () => {
    const before = read({ tables: [{ name: "cr_Trip", columns: ["cr_A", ["cr_B", "B", "none"]] }] });
    const after = read({ tables: [{ name: "cr_Trip", columns: ["cr_A", ["cr_B", "B", "required"]] }] });
    const columns = diffSolutions(before, after).kinds.columns;
    expect(columns.unchanged.map((c) => [c.key, c.details])).toEqual([["cr_trip.cr_a", { table: "cr_trip" }]]);
    expect(columns.changed[0].current.details?.facets?.requiredLevel).toBe("required");
  });

  it("yields while it diffs a kind of tens of thousands of components, with the same result as at once", () => {
    const columns = (n: number, changedEvery: number): SolutionContents => {
      const list: SolutionComponent[] = [];
      for (let i = 0; i < n; i++) {
        const key = `cr_t${i % 500}.cr_c${String(i).padStart(5, "0")}`;
        list.push({ kind: "columns", key, name: `Column ${(i * 7919) % n}`, fingerprint: changedEvery > 0 && i % changedEvery === 0 ? "new" : "same" });
      }
      return { manifest: null, components: { columns: list } as SolutionContents["components"] };
    };
    const before = columns(40_000, 0);
    const after = columns(40_000, 9);
    const job = diffJob(before, after);
    let yields = 0;
    let step = job.next();
    for (; !step.done; step = job.next()) yields++;
    // At least one yield per few thousand components: no single step walks or sorts the whole kind.
    expect(yields).toBeGreaterThan(40_000 / 2048);
    expect(step.value).toEqual(diffSolutions(before, after));
    expect(step.value.kinds.columns.counts).toEqual({ added: 0, removed: 0, changed: 4445, unchanged: 35_555 });
  });
});
