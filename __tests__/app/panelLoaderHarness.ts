/** The panel loader without React, for the app/ tests: what it asks the repository for and each state it hands on. */
import { createPanelLoader } from "../../ApprovalPanel/app/panelLoader";
import type { PanelLoader, PanelLoadInputs, PanelLoadState } from "../../ApprovalPanel/app/panelLoadState";
import type { CurrentUser, HistoryPage, PanelConfig, Result } from "../../ApprovalPanel/domain/types";
import { createFakeRepository, FAKE, fakeLoadedRun, type FakeRepository } from "../support/fakeRepository";

export const user: CurrentUser = { id: "5d0c2a1e-7b3f-4e8a-9c61-2f4d8b7a1e03", name: "Megan Bowen", securityRoleIds: ["a4b3c2d1-e0f9-4a8b-9c7d-6e5f4a3b2c13"] };

export const baseConfig: PanelConfig = {
  requireRejectComment: true,
  requireApproveComment: false,
  allowSelfApproval: false,
  historyPageSize: 2,
  decisionRelayTable: null,
  approvalPolicyTable: null,
};

export interface LoaderProbe {
  loader: PanelLoader;
  /** Every state the loader handed on, in order. */
  states: PanelLoadState[];
  /** The latest state. */
  readonly state: PanelLoadState;
  /** Loads again with these inputs changed, as the hook does on each render (new objects, maybe the same values). */
  load(over?: Partial<PanelLoadInputs>): void;
}

/**
 * A loader for the fake repository, started for run A, the user and the base configuration unless told otherwise.
 * `observe` sees each state as it is handed on, where the hook would render it.
 */
export function startLoader(repository: FakeRepository, over: Partial<PanelLoadInputs> = {}, observe?: (state: PanelLoadState) => void): LoaderProbe {
  const states: PanelLoadState[] = [];
  const loader = createPanelLoader((state) => {
    states.push(state);
    observe?.(state);
  });
  let inputs: PanelLoadInputs = { repository, runId: FAKE.runA, user, config: baseConfig, ...over };
  const load = (change: Partial<PanelLoadInputs> = {}): void => {
    inputs = { ...inputs, user: { ...inputs.user }, config: { ...inputs.config }, ...change };
    loader.load(inputs);
  };
  load();
  return {
    loader,
    states,
    get state() {
      return loader.state;
    },
    load,
  };
}

/** Lets the answers already given reach the loader. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** A loader for run A over a new fake repository (with these inputs changed), once run A has loaded. */
export async function startWithRun(over: Partial<PanelLoadInputs> = {}) {
  const fake = createFakeRepository();
  const probe = startLoader(fake.repo, over);
  fake.runs.get(FAKE.runA)!.resolve({ ok: true, value: fakeLoadedRun(FAKE.runA) });
  await flush();
  return { ...fake, probe };
}

/** A loader for run A over a new fake repository, once run A has loaded and the first history page has answered `page`. */
export async function startLoaded(page: Result<HistoryPage>) {
  const started = await startWithRun();
  started.histories[0].answer.resolve(page);
  await flush();
  return started;
}
