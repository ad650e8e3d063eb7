/** @jest-environment node */
// Node for DecompressionStream (jsdom lacks it); the XML reader's DOMParser comes from jsdom.
/**
 * What this deployment changes, below the view: the repository finds the run's artifact and the stage's last
 * deployment, downloads both solution files from the fake host core (the playground's seed, in Range chunks), and
 * the pure readers compare them. The panel does not show this yet; these tests hold the pieces together.
 */
import { describe, expect, test } from "@jest/globals";
import { downloadArtifactFile } from "../../ApprovalPanel/data/artifactFiles";
import { compareArtifacts } from "../../ApprovalPanel/solution/fromZip";
import { EXPENSES_ARTIFACTS, RUNS, USERS, createFetch } from "../../fakehost/index.cjs";
import { SEED_CLIENT_URL, seedHostSuite, seedRepository } from "../support/seedHost";

const CLIENT_URL = SEED_CLIENT_URL;
seedHostSuite();
const repositoryFor = (userId: string) => seedRepository(userId);

async function compareRun(runId: string) {
  const { repo } = repositoryFor(USERS.avery);
  const loaded = await repo.loadRun(runId);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
  const run = loaded.value.run;
  const last = await repo.loadLastDeployment(run);
  if (!last.ok || last.value === null) throw new Error("no last deployment");
  const current = await repo.downloadArtifact(run.artifact?.id ?? "");
  const baseline = await repo.downloadArtifact(last.value.artifact?.id ?? "");
  if (!current.ok || !baseline.ok) throw new Error("download failed");
  const compared = await compareArtifacts(baseline.value.bytes, current.value.bytes);
  if (!compared.ok) throw new Error(JSON.stringify(compared.error));
  return { run, last: last.value, compared: compared.value };
}

describe("the seed's Contoso Expenses in Production", () => {
  test("1.4.2.0 against the 1.4.1.0 last deployed: ordinary changes, no column or table removed", async () => {
    const { run, last, compared } = await compareRun(RUNS.ownerPendingMine);
    expect(run.artifact?.id).toBe(EXPENSES_ARTIFACTS["1.4.2.0"]);
    expect(last.artifact?.id).toBe(EXPENSES_ARTIFACTS["1.4.1.0"]);
    expect(compared.baseline?.version).toBe("1.4.1.0");
    expect(compared.current.version).toBe("1.4.2.0");
    expect(compared.diff.totals.added + compared.diff.totals.changed).toBeGreaterThan(0);
    expect(compared.risks.map((r) => r.id)).not.toContain("columnsRemoved");
    expect(compared.risks.map((r) => r.id)).not.toContain("tablesRemoved");
  });

  test("1.4.2.2, the risky version: a removed column, a raised role privilege, a synchronous plug-in step and a new connector are flagged", async () => {
    const { compared } = await compareRun(RUNS.doubleEncoded);
    expect(compared.current.version).toBe("1.4.2.2");
    const ids = compared.risks.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(["columnsRemoved", "rolePrivilegesRaised", "pluginStepAdded", "connectorNew"]));
    const removed = compared.risks.find((r) => r.id === "columnsRemoved");
    expect(removed?.components.map((c) => c.key)).toEqual(expect.arrayContaining([expect.stringContaining("contoso_legacycode")]));
  });

  test("a file larger than one chunk arrives in Range chunks, reassembled, with progress", async () => {
    const { repo, fake } = repositoryFor(USERS.avery);
    const whole = await repo.downloadArtifact(EXPENSES_ARTIFACTS["1.4.2.2"]);
    if (!whole.ok) throw new Error("download failed");
    const progress: number[] = [];
    // A small chunk size (the data layer's default is Learn's 4 MB) so that this 8 KB file takes several requests.
    const fetchFn = createFetch(fake, { userId: USERS.avery, clientUrl: CLIENT_URL });
    const chunked = await downloadArtifactFile({ fetchFn, clientUrl: CLIENT_URL, chunkBytes: 1024 }, EXPENSES_ARTIFACTS["1.4.2.2"], {
      onProgress: (received) => progress.push(received),
    });
    expect(chunked.ok && Buffer.from(chunked.value.bytes).equals(Buffer.from(whole.value.bytes))).toBe(true);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress[progress.length - 1]).toBe(whole.value.size);
  });
});

test("a user without read access on Deployment Artifact gets a typed refusal, not a broken panel", async () => {
  const { repo } = repositoryFor(USERS.quinn);
  expect(await repo.downloadArtifact(EXPENSES_ARTIFACTS["1.4.2.0"])).toMatchObject({ ok: false, error: { kind: "forbidden" } });
});
