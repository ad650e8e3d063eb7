import type { HostFacts, HostProbe } from "../../domain/hostCheck";
import { probeHost, type HostProbeInput } from "../hostProbe";
import type { HostProber } from "../PipelinesRepository";
import type { DataverseContext } from "./context";

/** The admin's host check: its metadata reads, and what it found kept for the page session. */
export function createHostProber(ctx: DataverseContext): HostProber {
  return {
    probeHost: (input: HostProbeInput, signal?: AbortSignal): Promise<HostProbe> => probeHost(ctx.fetchDeps(), input, signal),
    adoptHostFacts: (facts: HostFacts): void => {
      ctx.session.hostFacts = facts;
      // Admin answers were reached without what the check found (e.g. a template id): ask again next time.
      ctx.session.admin.clear();
    },
  };
}
