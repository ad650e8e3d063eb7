import "@testing-library/jest-dom/jest-globals";
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import { cleanup, configure, render, screen, within } from "@testing-library/react";
import { ApprovalPanel } from "../../ApprovalPanel/index";
import { createMockContext, resxStrings, type MockContextOptions, type MockHost } from "../support/mockContext";
import { APPROVAL_PROPERTIES_JSON, buildRun, IDS, USERS } from "../support/fixtures";

// Rendering the whole panel with Fluent in jsdom takes seconds per test on a busy machine.
jest.setTimeout(30000);
configure({ asyncUtilTimeout: 5000 });

const S = resxStrings();
const s = (key: string): string => {
  const value = S[key];
  if (value === undefined) throw new Error(`Missing resx key ${key}`);
  return value;
};

const roleLookups = (host: MockHost) => host.calls.filter((call) => call.entity === "role");

/** A form opening a record: a new control instance, init, first updateView. The bundle (and its module state) stays. */
function openForm(options: MockContextOptions): { host: MockHost; control: ApprovalPanel } {
  const host = createMockContext(options);
  (globalThis as { fetch?: typeof fetch }).fetch = host.fetchFn;
  const control = new ApprovalPanel();
  control.init(host.context);
  render(control.updateView(host.context));
  return { host, control };
}

afterEach(() => {
  delete (globalThis as { fetch?: typeof fetch }).fetch;
});

describe("one page session, several records", () => {
  it("asks for the administrator's roles once, and the next record's panel still shows the admin details", async () => {
    const tables = { deploymentstagerun: [buildRun({ id: IDS.runs.approved, approvalStatus: 20, approvalComments: "Fine.", approvalProperties: APPROVAL_PROPERTIES_JSON })] };

    const first = openForm({ user: USERS.admin, tables, recordId: IDS.runs.approved });
    const outcome = await screen.findByRole("region", { name: s("Section_Outcome") });
    expect(await within(outcome).findByText(s("Outcome_AdminProperties"))).toBeInTheDocument();
    expect(roleLookups(first.host)).toHaveLength(1);
    first.control.destroy();
    cleanup();

    // The form opens the same record again (navigation.openForm from the run history): a new control instance.
    const second = openForm({ user: USERS.admin, tables, recordId: IDS.runs.approved });
    const again = await screen.findByRole("region", { name: s("Section_Outcome") });
    expect(await within(again).findByText(s("Outcome_AdminProperties"))).toBeInTheDocument();
    expect(roleLookups(second.host)).toHaveLength(0);
    second.control.destroy();
  });
});
