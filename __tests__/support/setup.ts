import "@testing-library/jest-dom";
import { afterEach } from "@jest/globals";
import { resetPageSession } from "../../ApprovalPanel/pageSession";

// Each test starts a new page session: a role answer (or a hung role request) of one test must not reach the next.
afterEach(() => {
  resetPageSession();
});
