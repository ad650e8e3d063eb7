/**
 * One table of contract cases for the fake host (cases/*.ts, by concern), run through its surfaces: in process
 * (context.webAPI and fetch over fakehost/, as the jest tests use it) and over HTTP (the playground server on a free
 * port). A case that passes on one surface and fails on the other means the two have drifted apart.
 */
import { createFakeHost, createFetch, hostileArtifact, webApiOverFetch } from "../../fakehost/index.cjs";
import type { Playground } from "../browser/helpers/playground";
import { onBothFronts } from "./bothFronts";
import { artifactCases } from "./cases/artifacts";
import { fidelityCases } from "./cases/fidelity";
import { r1Cases, r2Cases, r3Cases } from "./cases/metadata";
import { policyCases } from "./cases/policies";
import { r5Cases, r6r7Cases } from "./cases/security";
import { CLIENT_URL, type Caller, type ContractCase, type Surface } from "./cases/surface";
import { webApiCases } from "./cases/webApi";
import { jestContextSurface } from "./jestContext";

jest.setTimeout(60_000);

/** Where jest's context (support/mockContext.ts) answers otherwise than the playground's host, and why. */
const JEST_CONTEXT_DIFFERS: Array<[RegExp, string]> = [
  [/^fault:|^latency|faults on reads|no-chunking switch|chunking-refused switch/, "its faults are its own (Fault), not the core's FaultSpec"],
  [
    /(deploymentstagerun with|the run→stage|each navigation name|\$metadata|labelled by the).*legacy host|older host/,
    "it has no older host: a test declares the missing columns instead",
  ],
  [/RetrieveUserPrivileges(?!: the answer's)|caller without read privilege|Approval Policy Reader/, "the core gets no role privileges from it"],
  [/UpdateApprovalStatus: (someone else|a person on|a run already decided)|no deployment type/, "its action rules are its own (mockHostApi.ts)"],
  [/hostile variant/, "it serves no file registered at run time"],
];
const jestContextDiffers = (c: ContractCase) => JEST_CONTEXT_DIFFERS.find(([pattern]) => pattern.test(c.name))?.[1];

const CASES: ContractCase[] = [
  ...webApiCases(),
  ...r1Cases(),
  ...r2Cases(),
  ...r3Cases(),
  ...r5Cases(),
  ...r6r7Cases(),
  ...fidelityCases(),
  ...artifactCases(),
  ...policyCases(),
];

// ---- the two surfaces ------------------------------------------------------------------------------

function inProcessSurface(): Surface & { close(): void } {
  const host = createFakeHost({ deployDelayMs: 60_000 });
  return {
    webAPI: (caller) => webApiOverFetch(createFetch(host, { ...caller, clientUrl: CLIENT_URL }), { clientUrl: CLIENT_URL }),
    fetch: (caller) => createFetch(host, { ...caller, clientUrl: CLIENT_URL }),
    setFaults: async (faults) => host.faults.set(faults),
    reset: async () => host.reset(),
    putHostile: async (artifactId, variant) => {
      host.artifacts.put(artifactId, hostileArtifact(variant), { fileName: `${variant}.zip` });
    },
    close: () => host.close(),
  };
}

function httpSurface(pg: Playground): Surface {
  // Requests written for the client URL go to the playground, with its sign-in cookies.
  const fetchAs =
    (caller: Caller): typeof fetch =>
    async (input, init) => {
      const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
      const headers = new Headers(init?.headers);
      headers.set("Cookie", [`pp_user=${caller.userId}`, caller.host ? `pp_host=${caller.host}` : ""].filter(Boolean).join("; "));
      return fetch(`${pg.url}${url.pathname}${url.search}`, { ...init, headers });
    };
  return {
    webAPI: (caller) => webApiOverFetch(fetchAs(caller), { clientUrl: CLIENT_URL }),
    fetch: fetchAs,
    // The helper's Fault type predates the no-chunking switch; the endpoint takes every FaultSpec.
    setFaults: (faults) => pg.setFaults(faults as Parameters<Playground["setFaults"]>[0]),
    reset: () => pg.reset(),
    putHostile: async (artifactId, variant) => {
      const res = await fetch(`${pg.url}/__playground/artifacts?artifactId=${artifactId}&variant=${variant}`, { method: "POST" });
      if (!res.ok) throw new Error(`POST /__playground/artifacts: ${res.status} ${await res.text()}`);
    },
  };
}

onBothFronts(CASES, {
  inProcess: inProcessSurface,
  close: (surface) => surface.close(),
  overHttp: httpSurface,
  resetHttp: (_pg, surface) => surface.reset(),
  jestContext: { create: jestContextSurface, differs: jestContextDiffers },
});
