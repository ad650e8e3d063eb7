import { beforeEach, describe, expect, it } from "@jest/globals";
import * as React from "react";
import { fireEvent, screen, within } from "@testing-library/react";
import { ChangesPanel } from "../../../ApprovalPanel/components/changes/ChangesPanel";
import type { PipelinesRepository } from "../../../ApprovalPanel/data/PipelinesRepository";
import { baselineOf, clearArtifactDiffCache } from "../../../ApprovalPanel/hooks/useArtifactDiff";
import type { LastDeploymentState } from "../../../ApprovalPanel/hooks/usePanelData";
import { createFakeRepository, FAKE, fakeRun } from "../../support/fakeRepository";
import { formatDateTime, renderInFluent } from "../sections/helpers";
import { t, tf } from "../sections/strings";

const TARGET = "Contoso Production";
const run = fakeRun(FAKE.runA, { artifact: { id: "art-current", name: null } });
const last = fakeRun(FAKE.runB, { artifact: { id: "art-baseline", name: null } });

beforeEach(() => clearArtifactDiffCache());

function renderPanel(lastDeployment: LastDeploymentState, repository: PipelinesRepository = createFakeRepository().repo) {
  renderInFluent(
    <ChangesPanel repository={repository} run={run} lastDeployment={lastDeployment} targetName={TARGET} t={t} locale="en-US" formatDateTime={formatDateTime} />,
  );
  return screen.getByRole("region", { name: tf("Changes_Title", TARGET) });
}

describe("baselineOf", () => {
  it("maps the panel's last deployment to the hook's baseline", () => {
    expect(baselineOf({ status: "ready", value: last })).toEqual({ baseline: last, unknown: false });
    expect(baselineOf({ status: "ready", value: null })).toEqual({ baseline: null, unknown: false });
    expect(baselineOf({ status: "unavailable" })).toEqual({ baseline: null, unknown: false });
    expect(baselineOf({ status: "error", error: { kind: "server" } })).toEqual({ baseline: null, unknown: true });
    expect(baselineOf({ status: "loading" })).toEqual({ baseline: undefined, unknown: false });
    expect(baselineOf({ status: "idle" })).toEqual({ baseline: undefined, unknown: false });
  });
});

describe("ChangesPanel", () => {
  it("idle until asked: nothing is downloaded on render", () => {
    const { repo } = createFakeRepository();
    const region = renderPanel({ status: "ready", value: last }, repo);
    expect(within(region).getByText(tf("Changes_Intro", TARGET))).toBeTruthy();
    expect(repo.downloadArtifact).not.toHaveBeenCalled();
  });

  it("a run without an artifact says there is nothing to compare, and offers no button that could only fail", () => {
    const { repo } = createFakeRepository();
    renderInFluent(
      <ChangesPanel
        repository={repo}
        run={fakeRun(FAKE.runA, { artifact: null })}
        lastDeployment={{ status: "ready", value: last }}
        targetName={TARGET}
        t={t}
        locale="en-US"
        formatDateTime={formatDateTime}
      />,
    );
    const region = screen.getByRole("region", { name: tf("Changes_Title", TARGET) });
    expect(within(region).getByText(t("Changes_Failed_noArtifact"))).toBeTruthy();
    expect(within(region).queryByRole("button", { name: t("Changes_Show") })).toBeNull();
    expect(repo.downloadArtifact).not.toHaveBeenCalled();
  });

  it("a last deployment that could not be read says so instead of first deployment", () => {
    const region = renderPanel({ status: "error", error: { kind: "server" } });
    expect(within(region).getByText(tf("Changes_BaselineUnknown", TARGET))).toBeTruthy();
    expect(within(region).queryByText(t("Changes_IntroFirst"))).toBeNull();
  });

  it("Show what changes downloads; a refusal reads as forbidden, and Retry asks again", async () => {
    const { repo } = createFakeRepository({ downloadArtifact: async () => ({ ok: false, error: { kind: "forbidden", status: 403 } }) });
    const region = renderPanel({ status: "ready", value: last }, repo);
    fireEvent.click(within(region).getByRole("button", { name: t("Changes_Show") }));
    expect(await within(region).findByText(t("Changes_Failed_forbidden"))).toBeTruthy();
    expect(repo.downloadArtifact).toHaveBeenCalledWith("art-current", expect.objectContaining({ signal: expect.any(AbortSignal) }));
    fireEvent.click(within(region).getByRole("button", { name: t("Common_Retry") }));
    await within(region).findByText(t("Changes_Failed_forbidden"));
    expect(repo.downloadArtifact).toHaveBeenCalledTimes(2);
  });
});
