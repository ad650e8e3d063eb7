/** The page-session cache of index.ts is reset after each test (support/setup.ts): the second test sees no leak. */
import { afterEach, expect, it } from "@jest/globals";
import { render, waitFor } from "@testing-library/react";
import { adminCheckCalls, createControl, removeGlobalFetch } from "./panel";

afterEach(removeGlobalFetch);

const roleLookupsOfNewControl = async (): Promise<number> => {
  const { host, control } = createControl();
  const view = render(control.updateView(host.context));
  await waitFor(() => expect(adminCheckCalls(host).length).toBeGreaterThan(0));
  view.unmount();
  control.destroy();
  return adminCheckCalls(host).length;
};

it("a first test asks for the roles once", async () => {
  expect(await roleLookupsOfNewControl()).toBe(1);
});

it("the next test starts a new page session and asks again", async () => {
  expect(await roleLookupsOfNewControl()).toBe(1);
});
