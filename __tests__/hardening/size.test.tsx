import "@testing-library/jest-dom/jest-globals";
import { describe, expect, it, jest } from "@jest/globals";
import { configure, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { buildRun, IDS, USERS } from "../support/fixtures";
import { historyPageCalls, lead, loadedPanel, renderPanel, s } from "./support";
import { expectNoConsoleErrors } from "../support/panel";

/**
 * Budgets catch a freeze, not a slowdown: the panel must be usable within RENDER_BUDGET_MS of starting in jsdom
 * (several times what a busy test machine needs; a quadratic parse of 1 MB or rendering 10,000 rows would blow it).
 */
const RENDER_BUDGET_MS = 10_000;
/** Most of this goes to the in-memory host filtering and sorting 10,000 rows per page, which a real server does. */
const HISTORY_BUDGET_MS = 20_000;
jest.setTimeout(60_000);
configure({ asyncUtilTimeout: RENDER_BUDGET_MS });

// React and Fluent report misuse (state after unmount, bad props) through console.error: any is a failure.
expectNoConsoleErrors();

function nested(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { level: depth - i, inner: value };
  return value;
}

async function withinBudget<T>(work: () => Promise<T>, budgetMs = RENDER_BUDGET_MS): Promise<T> {
  const started = Date.now();
  const result = await work();
  expect(Date.now() - started).toBeLessThan(budgetMs);
  return result;
}

describe("large and deep data: the panel renders and stays usable", () => {
  it("1 MB of deployment notes starts collapsed and expands on request", async () => {
    const line = "Adds the mileage table and migrates 2019 data. ";
    const notes = line.repeat(Math.ceil((1024 * 1024) / line.length)).slice(0, 1024 * 1024) + "END-OF-NOTES";
    renderPanel({ tables: { deploymentstagerun: [buildRun({ deploymentNotes: notes })] } });
    const section = await withinBudget(async () => {
      await loadedPanel();
      return screen.getByRole("region", { name: s("Section_Notes") });
    });
    // Only a short part is in the page until the user asks for all of it.
    expect(section.textContent!.length).toBeLessThan(10_000);
    expect(within(section).queryByText(/END-OF-NOTES/)).not.toBeInTheDocument();
    // The decision form is usable meanwhile.
    expect(screen.getByRole("button", { name: s("Decision_Approve") })).not.toHaveAttribute("aria-disabled", "true");
    await withinBudget(async () => {
      await userEvent.setup().click(within(section).getByRole("button", { name: s("Common_ShowAll") }));
      expect(section.textContent).toContain("END-OF-NOTES");
    });
  });

  it("5,000 environment variables render one page at a time", async () => {
    const variables = Array.from({ length: 5000 }, (_, i) => ({ SchemaName: `contoso_Var${i}`, Value: `value ${i}` }));
    renderPanel({
      tables: { deploymentstagerun: [buildRun({ deploymentSettingsJson: JSON.stringify({ EnvironmentVariables: variables, ConnectionReferences: [] }) })] },
    });
    const section = await withinBudget(async () => {
      await loadedPanel();
      return screen.getByRole("region", { name: s("Section_Settings") });
    });
    expect(within(section).getByText("contoso_Var0")).toBeInTheDocument();
    expect(within(section).getByText("contoso_Var99")).toBeInTheDocument();
    expect(within(section).queryByText("contoso_Var100")).not.toBeInTheDocument();
    await userEvent.setup().click(within(section).getByRole("button", { name: s("Common_ShowMore") }));
    expect(within(section).getByText("contoso_Var199")).toBeInTheDocument();
  });

  it("200 levels of nesting in settings and in validation results degrade to readable text", async () => {
    const settings = JSON.stringify({ EnvironmentVariables: [{ SchemaName: "contoso_Deep", Value: nested(200, "bottom") }], ConnectionReferences: [] });
    const validation = JSON.stringify({
      ValidationStatus: "Failed",
      SolutionValidationResults: [{ SolutionValidationResultType: "Error", Message: "Deep dependency", ErrorCode: 1 }],
      MissingDependencies: [nested(200, { DisplayName: "contoso_deep" })],
    });
    renderPanel({ tables: { deploymentstagerun: [buildRun({ deploymentSettingsJson: settings, validationResults: validation })] } });
    await withinBudget(() => loadedPanel());
    const settingsSection = screen.getByRole("region", { name: s("Section_Settings") });
    expect(within(settingsSection).getByText("contoso_Deep")).toBeInTheDocument();
    const validationSection = screen.getByRole("region", { name: s("Section_Validation") });
    expect(within(validationSection).getByText("Deep dependency")).toBeInTheDocument();
    expect(within(validationSection).getByText(lead("Validation_MissingDependencies"), { exact: false })).toBeInTheDocument();
  });

  it("a whole document nested 200 levels deep (no expected shape) degrades only its section", async () => {
    let deep = "[]";
    for (let i = 0; i < 200; i++) deep = `[${deep}]`;
    renderPanel({ tables: { deploymentstagerun: [buildRun({ deploymentSettingsJson: deep, validationResults: deep })] } });
    await withinBudget(() => loadedPanel());
    expect(within(screen.getByRole("region", { name: s("Section_Settings") })).getByText(lead("Settings_Unreadable"), { exact: false })).toBeInTheDocument();
    expect(
      within(screen.getByRole("region", { name: s("Section_Validation") })).getByText(lead("Validation_Unreadable"), { exact: false }),
    ).toBeInTheDocument();
    expect(screen.getByRole("button", { name: s("Decision_Approve") })).toBeInTheDocument();
  });

  it("a history of 10,000 runs is read one page at a time and Load more appends the next", async () => {
    const runs = [buildRun({ id: IDS.runs.pendingOwner })];
    for (let i = 0; i < 10_000; i++) {
      const hex = i.toString(16).padStart(12, "0");
      runs.push(
        buildRun({
          id: `aaaaaaaa-0000-4000-8000-${hex}`,
          artifactVersion: `0.${Math.floor(i / 100)}.${i % 100}.0`,
          requestedOn: new Date(Date.UTC(2024, 0, 1) - i * 60_000).toISOString().replace(".000", ""),
          stageRunStatus: 200000002,
          approvalStatus: 20,
          requestedById: USERS.requester.id,
        }),
      );
    }
    const { host } = renderPanel({ tables: { deploymentstagerun: runs }, parameters: { historyPageSize: 50 } });
    const history = await withinBudget(async () => {
      await loadedPanel();
      const region = screen.getByRole("region", { name: s("Section_History") });
      await within(region).findByRole("button", { name: s("History_LoadMore") }, { timeout: HISTORY_BUDGET_MS });
      return region;
    }, HISTORY_BUDGET_MS);
    const rows = () => within(history).getAllByRole("row").length - 1;
    expect(rows()).toBe(50);
    const pages = () => historyPageCalls(host);
    expect(pages()).toHaveLength(1);
    expect(pages()[0].maxPageSize).toBe(50);

    await withinBudget(async () => {
      await userEvent.setup().click(within(history).getByRole("button", { name: s("History_LoadMore") }));
      await within(history).findByRole("button", { name: s("History_LoadMore") }, { timeout: HISTORY_BUDGET_MS });
    }, HISTORY_BUDGET_MS);
    expect(rows()).toBe(100);
    expect(pages()).toHaveLength(2);
    expect(pages()[1].options).toContain("$skiptoken=");
  });
});
