/**
 * Runs one table of contract cases on both fronts of the fake host: in process (a fresh host per case) and over HTTP
 * (one playground for the file, reset before each case). A case that passes on one front and fails on the other means
 * the two have drifted apart.
 */
import { Playground, startPlayground } from "../browser/helpers/playground";

export interface ContractCase<F> {
  name: string;
  run(front: F): Promise<unknown>;
  /** When given, what run() must answer, compared with toEqual. */
  expected?: unknown;
}

export function onBothFronts<F>(
  cases: ReadonlyArray<ContractCase<F>>,
  fronts: {
    /** A fresh in-process front and how to close it. */
    inProcess(): { front: F; close(): void };
    /** The HTTP front over a started playground. */
    overHttp(pg: Playground): F;
    /** Back to the seed before each HTTP case (the playground's reset, and whatever the file's cases assume). */
    resetHttp(pg: Playground, front: F): Promise<void>;
  },
): void {
  const check = async (c: ContractCase<F>, front: F) => {
    const answer = await c.run(front);
    if ("expected" in c) expect(answer).toEqual(c.expected);
  };

  describe("in process", () => {
    let opened: { front: F; close(): void };
    beforeEach(() => {
      opened = fronts.inProcess();
    });
    afterEach(() => opened.close());
    test.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
      await check(c, opened.front);
    });
  });

  describe("over HTTP", () => {
    let pg: Playground;
    let front: F;
    beforeAll(async () => {
      pg = await startPlayground();
      front = fronts.overHttp(pg);
    });
    afterAll(async () => {
      await pg?.close();
    });
    beforeEach(async () => {
      await fronts.resetHttp(pg, front);
    });
    test.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
      await check(c, front);
    });
  });
}
