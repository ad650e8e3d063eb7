/**
 * Runs one table of contract cases on the fronts of the fake host: in process (a fresh host per case), over HTTP (one
 * playground for the file, reset before each case) and, where a file gives it, jest's context (the mock context the
 * component tests use). A case that passes on one front and fails on another means they have drifted apart.
 */
import { createFetch, type createFakeHost } from "../../fakehost/index.cjs";
import { Playground, startPlayground } from "../browser/helpers/playground";

export type Row = Record<string, unknown>;
/** A Web API answer: status, headers and the parsed JSON body ({} when empty). */
export type Answer = { status: number; headers: Headers; body: Row };
export type WebApiCall = (user: string, method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Answer>;

const CLIENT_URL = "https://contoso.crm.dynamics.com";
const HEADERS = { "Content-Type": "application/json", Accept: "application/json", "OData-Version": "4.0", "OData-MaxVersion": "4.0" };

/** A Web API call as a user, in process: through the fake host's fetch, as the jest tests' context uses it. */
export const callInProcess =
  (host: ReturnType<typeof createFakeHost>): WebApiCall =>
  async (user, method, path, body, headers = {}) => {
    const res = await createFetch(host, { userId: user, clientUrl: CLIENT_URL })(`${CLIENT_URL}/api/data/v9.2/${path}`, {
      method,
      headers: { ...HEADERS, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : {}) as Row };
  };

/** The same call over HTTP, through the playground (its sign-in cookie). */
export const callOverHttp =
  (pg: Playground): WebApiCall =>
  async (user, method, path, body, headers = {}) => {
    const r = await pg.api(path, { method, user, body, headers });
    return { status: r.status, headers: r.headers, body: (r.body ?? {}) as Row };
  };

export interface ContractCase<F> {
  name: string;
  run(front: F): Promise<unknown>;
  /** When given, what run() must answer, compared with toEqual. */
  expected?: unknown;
}

export function onBothFronts<F, P extends F = F>(
  cases: ReadonlyArray<ContractCase<F>>,
  fronts: {
    /** A fresh in-process front (one per case). */
    inProcess(): P;
    /** Closes an in-process front after its case. */
    close(front: P): void;
    /** The HTTP front over a started playground. */
    overHttp(pg: Playground): F;
    /** Back to the seed before each HTTP case (the playground's reset, and whatever the file's cases assume). */
    resetHttp(pg: Playground, front: F): Promise<void>;
    /**
     * The third front: jest's context over the same seed (one per case). `differs` names why it answers a case
     * otherwise than the playground's host, for the cases where it does: those are checked to still differ, so the
     * list shrinks as the two configurations come together.
     */
    jestContext?: { create(): F; differs(c: ContractCase<F>): string | undefined };
  },
): void {
  const check = async (c: ContractCase<F>, front: F) => {
    const answer = await c.run(front);
    if ("expected" in c) expect(answer).toEqual(c.expected);
  };

  describe("in process", () => {
    let front: P;
    beforeEach(() => {
      front = fronts.inProcess();
    });
    afterEach(() => fronts.close(front));
    test.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
      await check(c, front);
    });
  });

  if (fronts.jestContext) {
    const { create, differs } = fronts.jestContext;
    describe("jest's context", () => {
      const same = cases.filter((c) => differs(c) === undefined);
      const otherwise = cases.filter((c) => differs(c) !== undefined);
      test.each(same.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
        await check(c, create());
      });
      test.each(otherwise.map((c) => [c.name, differs(c), c] as const))("%s: still differs (%s)", async (_name, _why, c) => {
        await expect(check(c, create())).rejects.toThrow();
      });
    });
  }

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
