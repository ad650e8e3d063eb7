import { createSessionCache, type SessionCache } from "./data/DataverseRepository";

/**
 * One per page session: the host loads the bundle once per page and creates a new control instance for each record
 * the form opens (navigation.openForm), so answers that cannot change within the session are kept here.
 * Its own module (not index.ts, which may export only the control class) so that tests can start a new session.
 */
let current: SessionCache = createSessionCache();

export function pageSession(): SessionCache {
  return current;
}

/** A new page session. For tests: jest keeps module state between the tests of one file, a page reload would not. */
export function resetPageSession(): void {
  current = createSessionCache();
}
