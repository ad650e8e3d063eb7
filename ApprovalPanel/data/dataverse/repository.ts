import type { PipelinesRepository } from "../PipelinesRepository";
import { createAdministratorCheck } from "./admin";
import { createAction } from "./action";
import { createArtifacts } from "./artifacts";
import { createDataverseContext, type DataverseRepositoryDeps } from "./context";
import { createHistory } from "./history";
import { createHostProber } from "./hostCheck";
import { createPolicy } from "./policy";
import { createRelay } from "./relay";
import { createRuns } from "./runs";

/**
 * PipelinesRepository over context.webAPI (reads, relay rows) and fetch (the UpdateApprovalStatus action), one
 * module per concern over one shared context. Every method resolves. A caller's abort resolves with request.ts
 * ABORTED ({ kind: "unknown" }); the app's loader and session ignore answers after they abort.
 */
export function createDataverseRepository(deps: DataverseRepositoryDeps): PipelinesRepository {
  const ctx = createDataverseContext(deps);
  const admin = createAdministratorCheck(ctx);
  return {
    ...createRuns(ctx, (user) => void admin.isAdministrator(user)),
    ...admin,
    ...createHistory(ctx),
    ...createAction(ctx),
    ...createRelay(ctx),
    ...createPolicy(ctx),
    ...createArtifacts(ctx),
    ...createHostProber(ctx),
  };
}
