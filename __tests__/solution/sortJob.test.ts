import { compareStrings, sortJob } from "../../ApprovalPanel/solution/sortJob";
import { runJob } from "../../ApprovalPanel/solution/xml/jobs";

const sorted = <T>(items: T[], keyOf: (x: T) => string): T[] => runJob(sortJob(items, keyOf, compareStrings));

/** A small deterministic generator, so a failure names the same list every run. */
function words(n: number, seed: number): string[] {
  let x = seed;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out.push(`w${x % 997}`);
  }
  return out;
}

describe("sortJob", () => {
  it.each([0, 1, 2, 31, 32, 33, 64, 100, 1000, 5000])("orders %i items as Array.prototype.sort does", (n) => {
    const items = words(n, n + 7);
    expect(sorted(items, (w) => w)).toEqual([...items].sort(compareStrings));
  });

  it("keeps the order of items with equal keys (stable)", () => {
    const items = words(3000, 11).map((w, index) => ({ w, index }));
    const out = sorted(items, (x) => x.w);
    for (let i = 1; i < out.length; i++) {
      if (out[i - 1].w === out[i].w) expect(out[i - 1].index).toBeLessThan(out[i].index);
    }
  });

  it("leaves its input as it was", () => {
    const items = ["b", "a", "c"];
    sorted(items, (w) => w);
    expect(items).toEqual(["b", "a", "c"]);
  });

  it("gives the page the event loop back on a long list: yields grow with the list, not one step for all", () => {
    const steps = (n: number): number => {
      const job = sortJob(words(n, 3), (w) => w, compareStrings);
      let count = 0;
      while (!job.next().done) count++;
      return count;
    };
    expect(steps(100)).toBe(0);
    // 45,000 keys: each yield follows at most a few thousand steps of work.
    expect(steps(45_000)).toBeGreaterThan(45_000 / 4096);
  });
});
