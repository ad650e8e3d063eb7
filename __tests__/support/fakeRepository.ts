/**
 * Fakes of the repository's concerns for the app and hooks tests, with no host behind them: every method is a jest
 * mock. A test that uses one concern takes that fake alone (typed as the narrow interface); createFakeRepository puts
 * them all together for a user of the whole PipelinesRepository.
 *   loadRun and loadHistory answer only when the test releases them (`runs`, `histories`), so a test can order the
 *   answers; the other methods answer at once: not an administrator, no relay rows, the run still pending on a
 *   re-read, the action sent, relay row "r1" created and pending.
 * Override any method with `overrides`, or later with the mock's own mockResolvedValue / mockImplementation.
 */
import { jest } from "@jest/globals";
import type {
  AdministratorCheck,
  ArtifactSource,
  DecisionGateway,
  HostProber,
  LoadedRun,
  PipelinesRepository,
  PolicySource,
  RelayStore,
  RunSource,
} from "../../ApprovalPanel/data/PipelinesRepository";
import type { HistoryPage, HistoryQuery, RelayDecision, Result, StageRun } from "../../ApprovalPanel/domain/types";

export const FAKE = {
  runA: "d1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f51",
  runB: "e2f3a4b5-c6d7-4e8f-9a0b-1c2d3e4f5a62",
  stage: "2b4d6f8a-1c3e-4a5b-9d7f-0e2c4a6b8d15",
  pipeline: "3f6a9c2e-5b8d-4e1a-a7c4-9d2b6e8f1a30",
  relayRow: "r1",
} as const;

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A pending run of the fake stage, named after its id. */
export function fakeRun(id: string, over: Partial<StageRun> = {}): StageRun {
  return {
    id,
    name: `Run ${id.slice(0, 4)}`,
    artifactName: "ContosoExpenses",
    artifactVersion: "1.0.0.4",
    artifactDevCurrentVersion: null,
    stage: { id: FAKE.stage, name: "Test" },
    sourceEnvironment: null,
    targetEnvironment: null,
    requestedBy: null,
    requestedOn: null,
    startTime: null,
    endTime: null,
    stageRunStatus: null,
    operation: null,
    deploymentNotes: null,
    deploymentSettingsJson: null,
    validationResults: null,
    errorMessage: null,
    approvalStatus: { value: 10, label: "Pending" },
    ...over,
  };
}

/** The run as loadRun answers it: with its stage in the fake pipeline. */
export function fakeLoadedRun(id: string, over: Partial<StageRun> = {}): LoadedRun {
  return {
    run: fakeRun(id, over),
    stage: { ok: true, value: { id: FAKE.stage, name: "Test", pipeline: { id: FAKE.pipeline, name: "Contoso ALM" }, owner: null } },
  };
}

export function fakeRelayRow(outcome: RelayDecision["outcome"], message: string | null = null): Result<RelayDecision> {
  return {
    ok: true,
    value: {
      id: FAKE.relayRow,
      stageRunId: FAKE.runA,
      decision: 20,
      comments: "",
      approvalProperties: null,
      outcome,
      outcomeMessage: message,
      outcomeOn: null,
      decidedBy: null,
      decidedOn: null,
    },
  };
}

export interface HistoryRequest {
  query: HistoryQuery;
  next: string | null | undefined;
  answer: Deferred<Result<HistoryPage>>;
}

/** The run and the waves around it; loadRun and loadHistory wait for the test to release them. */
export function fakeRunSource() {
  /** The latest loadRun request of each run id, to release with .resolve(). */
  const runs = new Map<string, Deferred<Result<LoadedRun>>>();
  /** Every loadHistory request, in order. */
  const histories: HistoryRequest[] = [];
  const source: jest.Mocked<RunSource> = {
    loadRun: jest.fn<RunSource["loadRun"]>((id) => {
      const answer = deferred<Result<LoadedRun>>();
      runs.set(id, answer);
      return answer.promise;
    }),
    loadHistory: jest.fn<RunSource["loadHistory"]>((query, next) => {
      const answer = deferred<Result<HistoryPage>>();
      histories.push({ query, next, answer });
      return answer.promise;
    }),
    // No earlier deployment unless a test says otherwise (it answers at once, beside the history).
    loadLastDeployment: jest.fn<RunSource["loadLastDeployment"]>(async () => ({ ok: true, value: null })),
  };
  return { source, runs, histories };
}

export function fakeAdministratorCheck(): jest.Mocked<AdministratorCheck> {
  return { isAdministrator: jest.fn<AdministratorCheck["isAdministrator"]>(async () => ({ ok: true, value: false })) };
}

/** No policy for the stage unless a test says otherwise. */
export function fakePolicySource(): jest.Mocked<PolicySource> {
  return { loadPolicy: jest.fn<PolicySource["loadPolicy"]>(async () => ({ ok: true, value: [] })) };
}

/** The run still pending when read again, and the action sent. */
export function fakeDecisionGateway(): jest.Mocked<DecisionGateway> {
  return {
    rereadRun: jest.fn<DecisionGateway["rereadRun"]>(async (id) => ({ ok: true, value: fakeRun(id) })),
    submitDecision: jest.fn<DecisionGateway["submitDecision"]>(async () => ({ kind: "sent" })),
  };
}

/** No relay rows; a new one is "r1", pending. */
export function fakeRelayStore(): jest.Mocked<RelayStore> {
  return {
    createRelayDecision: jest.fn<RelayStore["createRelayDecision"]>(async () => ({ ok: true, value: FAKE.relayRow })),
    getRelayDecision: jest.fn<RelayStore["getRelayDecision"]>(async () => fakeRelayRow("pending")),
    listRelayDecisions: jest.fn<RelayStore["listRelayDecisions"]>(async () => ({ ok: true, value: [] })),
  };
}

/** A host whose metadata requests all fail: tests of the host check give their own probe. */
export function fakeHostProber(): jest.Mocked<HostProber> {
  return {
    probeHost: jest.fn<HostProber["probeHost"]>(async (input) => {
      const failed = { ok: false as const, error: { kind: "unknown" as const, serverMessage: "No metadata in the fake repository." } };
      return {
        tables: {},
        stageRelationships: failed,
        optionSets: {},
        action: failed,
        privileges: failed,
        pipelineRoles: failed,
        formTable: input.formTable,
        relay: null,
      };
    }),
    adoptHostFacts: jest.fn<HostProber["adoptHostFacts"]>(),
  };
}

/** No artifact file: every download is not found. */
export function fakeArtifactSource(): jest.Mocked<ArtifactSource> {
  return { downloadArtifact: jest.fn<ArtifactSource["downloadArtifact"]>(async () => ({ ok: false, error: { kind: "notFound" } })) };
}

export type FakeRepository = jest.Mocked<PipelinesRepository>;

/** Every concern's fake together, for a user of the whole repository. */
export function createFakeRepository(overrides: Partial<PipelinesRepository> = {}) {
  const { source, runs, histories } = fakeRunSource();
  const repo: FakeRepository = {
    ...source,
    ...fakeAdministratorCheck(),
    ...fakePolicySource(),
    ...fakeDecisionGateway(),
    ...fakeRelayStore(),
    ...fakeHostProber(),
    ...fakeArtifactSource(),
  };
  for (const [name, implementation] of Object.entries(overrides) as Array<[keyof PipelinesRepository, (...args: never[]) => unknown]>) {
    (repo[name] as jest.Mock).mockImplementation(implementation as never);
  }
  return { repo, runs, histories };
}
