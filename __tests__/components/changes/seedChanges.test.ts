/** @jest-environment node */
// Node for DecompressionStream (jsdom lacks it); the XML reader's DOMParser comes from jsdom.
/**
 * The section's data end to end, without mocks: runArtifactDiff over the real repository and the fake host core (the
 * playground's seed), then the words the section would show for what it found, from the English resx.
 */
import { describe, expect, test } from "@jest/globals";
import { kindSummaryText, riskText } from "../../../ApprovalPanel/components/changes/changeText";
import { runArtifactDiff, type ArtifactDiffProgress } from "../../../ApprovalPanel/hooks/useArtifactDiff";
import { COMPONENT_KINDS } from "../../../ApprovalPanel/solution/components";
import { EXPENSES_ARTIFACTS, RUNS, USERS } from "../../../fakehost/index.cjs";
import { seedHostSuite, seedRepository } from "../../support/seedHost";
import { t } from "../sections/strings";

seedHostSuite();
const repositoryFor = (userId: string) => seedRepository(userId).repo;

async function runsOf(userId: string, runId: string) {
  const repo = repositoryFor(userId);
  const loaded = await repo.loadRun(runId);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
  const last = await repo.loadLastDeployment(loaded.value.run);
  if (!last.ok) throw new Error(JSON.stringify(last.error));
  return { repo, run: loaded.value.run, last: last.value };
}

describe("What changes, over the seed's Contoso Expenses", () => {
  test("1.4.2.2 against the version last deployed: progress, then risks with words and names", async () => {
    const { repo, run, last } = await runsOf(USERS.avery, RUNS.doubleEncoded);
    const progress: ArtifactDiffProgress[] = [];
    const result = await runArtifactDiff(repo, run, last, (p) => progress.push(p), new AbortController().signal);
    if (result.status !== "done") throw new Error(JSON.stringify(result));
    // Compared with the last deployment's own file.
    expect(result.comparison.baseline?.version).toBe(last?.artifactVersion);
    expect(result.comparison.current.version).toBe("1.4.2.2");
    expect(progress[progress.length - 1]).toEqual({ status: "reading" });
    const downloads = progress.filter((p) => p.status === "downloading");
    expect(downloads.length).toBeGreaterThan(1);

    const removed = result.comparison.risks.find((r) => r.id === "columnsRemoved");
    expect(removed).toBeDefined();
    const text = riskText(removed!, t, "en-US");
    expect(text.startsWith(t("changes.risk.columnsRemoved").split("{0}")[0])).toBe(true);
    expect(text).not.toContain("{0}");
    for (const flag of result.comparison.risks) expect(riskText(flag, t, "en-US")).not.toMatch(/\{\d\}/);
    const kinds = COMPONENT_KINDS.filter((k) => {
      const c = result.comparison.diff.kinds[k].counts;
      return c.added + c.removed + c.changed > 0;
    });
    expect(kinds).toContain("columns");
    for (const kind of kinds) expect(kindSummaryText(kind, result.comparison.diff.kinds[kind].counts, t, "en-US")).toContain(t(`Changes_Kind_${kind}`));
  });

  test("the same file as its own baseline changes nothing", async () => {
    const { repo, run } = await runsOf(USERS.avery, RUNS.ownerPendingMine);
    const result = await runArtifactDiff(repo, run, run, () => undefined, new AbortController().signal);
    if (result.status !== "done") throw new Error(JSON.stringify(result));
    expect(result.comparison.diff.totals).toEqual({ added: 0, removed: 0, changed: 0 });
    expect(result.comparison.risks).toEqual([]);
  });

  test("a user without read on Deployment Artifact: forbidden, on this deployment's file", async () => {
    const repo = repositoryFor(USERS.quinn);
    const run = { id: RUNS.ownerPendingMine, artifact: { id: EXPENSES_ARTIFACTS["1.4.2.0"], name: null } } as Parameters<typeof runArtifactDiff>[1];
    expect(await runArtifactDiff(repo, run, null, () => undefined, new AbortController().signal)).toEqual({
      status: "failed",
      reason: "forbidden",
      side: "current",
    });
  });
});
