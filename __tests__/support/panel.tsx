/**
 * The whole panel for component-level tests: the real adapter, repository and root over the typed mock host.
 * Not a test file itself (jest only runs *.test.ts(x)).
 */
import "@testing-library/jest-dom/jest-globals";
import { afterEach, beforeEach, expect, jest } from "@jest/globals";
import * as React from "react";
import { act, render, screen, within, type RenderResult } from "@testing-library/react";
import { ApprovalPanelRoot } from "../../ApprovalPanel/components/ApprovalPanelRoot";
import { createDataverseRepository } from "../../ApprovalPanel/data/DataverseRepository";
import type { PipelinesRepository } from "../../ApprovalPanel/data/PipelinesRepository";
import { createHostAdapter } from "../../ApprovalPanel/host/PcfHostAdapter";
import { ApprovalPanel } from "../../ApprovalPanel/index";
import { createMockContext, resxStrings, type MockContextOptions, type MockHost } from "./mockContext";

const S = resxStrings();
/** An English resx value; a missing key fails the test instead of matching the key text. */
export const s = (key: string): string => {
  const value = S[key];
  if (value === undefined) throw new Error(`Missing resx key ${key}`);
  return value;
};
/** The resx template's text before its first placeholder, for matching formatted sentences. */
export const lead = (key: string): string => s(key).split("{")[0].trim();

export interface PanelOptions extends MockContextOptions {
  /** Per-request timeout of the repository (the control uses 30 s); short values make "never answers" testable. */
  timeoutMs?: number;
}

export interface RenderedPanel {
  host: MockHost;
  dispose: AbortController;
  view: RenderResult;
}

/**
 * The panel's root over the mock host, as index.ts wires it. `adapt` may stand something in for the repository the
 * panel would have (it gets that one).
 */
export function rootFor(
  host: MockHost,
  timeoutMs?: number,
  dispose = new AbortController(),
  adapt: (repository: PipelinesRepository) => PipelinesRepository = (repository) => repository,
): React.ReactElement {
  const adapter = createHostAdapter(host.context);
  const repository = adapt(createDataverseRepository({ webAPI: adapter.webAPI(), clientUrl: adapter.clientUrl(), fetchFn: host.fetchFn, timeoutMs }));
  return (
    <ApprovalPanelRoot
      host={adapter.info()}
      repository={repository}
      getString={(key) => adapter.getString(key)}
      formatDateTime={(iso) => adapter.formatDateTime(iso)}
      openRecord={(table, id) => adapter.openRecord(table, id)}
      openNewRecord={(table, values) => adapter.openNewRecord(table, values)}
      disposeSignal={dispose.signal}
    />
  );
}

export function renderPanel(options: PanelOptions = {}): RenderedPanel {
  const { timeoutMs, ...mockOptions } = options;
  const host = createMockContext(mockOptions);
  const dispose = new AbortController();
  const view = render(rootFor(host, timeoutMs, dispose));
  return { host, dispose, view };
}

/** The PCF control itself (init/updateView/destroy), with the global fetch routed to the mock host. */
export function createControl(options: MockContextOptions = {}): { host: MockHost; control: ApprovalPanel } {
  const host = createMockContext(options);
  (globalThis as { fetch?: typeof fetch }).fetch = host.fetchFn;
  const control = new ApprovalPanel();
  control.init(host.context);
  return { host, control };
}

export function removeGlobalFetch(): void {
  delete (globalThis as { fetch?: typeof fetch }).fetch;
}

export const actionCalls = (host: MockHost) => host.fetchCalls.filter((call) => call.url.endsWith("/UpdateApprovalStatus"));
export const callsTo = (host: MockHost, method: string, entity: string) => host.calls.filter((c) => c.method === method && c.entity === entity);

/** The last successful deployment to the stage: the one `$top=1` run query of wave 2, beside the history. */
const isLastDeploymentQuery = (c: { options?: string }) => (c.options ?? "").includes("&$top=1");
/** Pages of run history the panel asked for (the `$top=1` last-deployment query is not one). */
export const historyPageCalls = (host: MockHost) => callsTo(host, "retrieveMultipleRecords", "deploymentstagerun").filter((c) => !isLastDeploymentQuery(c));
export const lastDeploymentCalls = (host: MockHost) => callsTo(host, "retrieveMultipleRecords", "deploymentstagerun").filter(isLastDeploymentQuery);
/** The administrator check's requests: the user with their roles and their teams' roles, or the two-step form's. */
export const adminCheckCalls = (host: MockHost) =>
  host.calls.filter((call) => call.entity === "systemuser" || call.entity === "role" || call.entity === "team");

export async function loadedPanel(scope: HTMLElement | typeof screen = screen, timeout = 5000): Promise<HTMLElement> {
  return (scope as typeof screen).findByRole("region", { name: s("Section_Details") }, { timeout });
}

/**
 * The open confirmation dialog. jsdom has no layout, so tabster marks the surface aria-hidden
 * (microsoft/fluentui#33897); the dialog is found with hidden: true, as in the component tests.
 */
export async function confirmDialog(name?: string): Promise<HTMLElement> {
  return screen.findByRole("alertdialog", name === undefined ? { hidden: true } : { name, hidden: true });
}
export const dialogButton = (dialog: HTMLElement, name: string): HTMLElement => within(dialog).getByRole("button", { name, hidden: true });

/** Moves the fake clock and lets the promises the timers started settle. */
export async function advance(ms: number): Promise<void> {
  await act(async () => {
    jest.advanceTimersByTime(ms);
  });
  await flushInAct();
}

/** Lets answers already given reach React, a few promise turns each inside act(), without moving any clock. */
export async function flushInAct(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await act(async () => {
      await Promise.resolve();
    });
  }
}

/** Lets pending promise chains (mock host answers) settle under real timers. */
export async function settle(ms = 0): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
}

/**
 * Registers hooks that fail the test when anything writes to console.error during it. `timers`: "fake" runs each
 * test under fake timers, "restore" only puts the real ones back after a test that switched; both end on real ones.
 */
export function expectNoConsoleErrors(timers?: "fake" | "restore"): void {
  let consoleError: ReturnType<typeof jest.spyOn>;
  beforeEach(() => {
    if (timers === "fake") jest.useFakeTimers();
    consoleError = jest.spyOn(console, "error");
  });
  afterEach(() => {
    expect(consoleError).not.toHaveBeenCalled();
    consoleError.mockRestore();
    if (timers !== undefined) jest.useRealTimers();
  });
}
