/**
 * The third surface of the contract table: the jest tests' PCF context (support/mockContext.ts, the context the
 * component, hook and data-layer tests run against), over the playground's seed. Each caller gets the context a user
 * signed in as them would have; all of them share the one set of tables.
 */
import { createSeed } from "../../fakehost/index.cjs";
import { createMockContext, type MockHost } from "../support/mockContext";
import { CLIENT_URL, type Caller, type Surface } from "./cases/surface";

/** A fresh surface over a fresh copy of the seed. */
export function jestContextSurface(): Surface & { close(): void } {
  let seed = createSeed();
  let contexts = new Map<string, MockHost>();
  const nameOf = (userId: string) => String(seed.tables.systemuser.find((u) => u.systemuserid === userId)?.fullname ?? userId);
  const contextOf = (caller: Caller): MockHost => {
    const key = `${caller.userId}|${caller.host ?? "current"}`;
    let host = contexts.get(key);
    if (!host) {
      host = createMockContext({
        user: { id: caller.userId, name: nameOf(caller.userId), securityRoles: seed.userRoles[caller.userId] ?? [] },
        clientUrl: CLIENT_URL,
        tables: seed.tables,
      });
      contexts.set(key, host);
    }
    return host;
  };
  return {
    webAPI: (caller) => contextOf(caller).context.webAPI,
    fetch: (caller) => contextOf(caller).fetchFn,
    setFaults: async (faults) => {
      // jest's context injects its own faults (mockContext's Fault), not the core's FaultSpec.
      if (faults.length > 0) throw new Error("jest's context takes no FaultSpec");
    },
    reset: async () => {
      seed = createSeed();
      contexts = new Map();
    },
    putHostile: async () => {
      throw new Error("jest's context serves no artifact files");
    },
    close: () => undefined,
  };
}
