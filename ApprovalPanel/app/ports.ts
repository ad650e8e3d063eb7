/**
 * The repository's interface as the components see it: they take a repository in their props and hand it on, and
 * import no data module themselves (the layer rule: components import no data).
 */
export type { LoadedRun, PipelinesRepository } from "../data/PipelinesRepository";
