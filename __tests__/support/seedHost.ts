/**
 * The real repository over the fake host core with the playground's seed, in process: for tests that check the data
 * layer end to end (the host check's probe, artifact downloads, the component diff). Hosts close after each test.
 * Node-environment tests that read solution XML also get jsdom's DOMParser (Node has none).
 */
import { afterEach, beforeAll } from "@jest/globals";
import { createDataverseRepository, createSessionCache, type SessionCache } from "../../ApprovalPanel/data/DataverseRepository";
import { createFakeHost, createFetch, webApiOverFetch } from "../../fakehost/index.cjs";

export const SEED_CLIENT_URL = "https://contoso.crm.dynamics.com";

export type FakeHost = ReturnType<typeof createFakeHost>;

/** Registers the hooks: close every host a test made; give the Node environment a DOMParser. */
export function seedHostSuite(): void {
  beforeAll(async () => {
    // Only in the Node environment: importing jsdom inside jsdom's own environment fails (no TextEncoder there).
    if (typeof (globalThis as { DOMParser?: unknown }).DOMParser === "undefined") {
      const { JSDOM } = await import("jsdom");
      (globalThis as { DOMParser?: unknown }).DOMParser = new JSDOM("").window.DOMParser;
    }
  });
  afterEach(() => {
    for (const h of opened.splice(0)) h.close();
  });
}

const opened: FakeHost[] = [];

/** A fresh seeded host and the repository a user's panel would have over it. */
export function seedRepository(userId: string, options: { host?: "current" | "legacy"; session?: SessionCache } = {}) {
  const fake = createFakeHost();
  opened.push(fake);
  const fetchFn = createFetch(fake, { userId, host: options.host, clientUrl: SEED_CLIENT_URL });
  const webAPI = webApiOverFetch(fetchFn, { clientUrl: SEED_CLIENT_URL }) as unknown as ComponentFramework.WebApi;
  const session = options.session ?? createSessionCache();
  return { fake, fetchFn, session, repo: createDataverseRepository({ webAPI, clientUrl: SEED_CLIENT_URL, fetchFn, session }) };
}
