// The Dataverse implementation of PipelinesRepository lives in dataverse/, one module per concern.
export { createDataverseRepository } from "./dataverse/repository";
export { createSessionCache, type DataverseRepositoryDeps, type SessionCache } from "./dataverse/context";
export { HISTORY_COLUMNS, REREAD_COLUMNS } from "./columns";
