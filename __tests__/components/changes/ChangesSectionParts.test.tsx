import { describe, expect, it } from "@jest/globals";
import axe from "axe-core";
import { within } from "@testing-library/react";
import type { ArtifactDiffState } from "../../../ApprovalPanel/hooks/useArtifactDiff";
import type { RiskFlag } from "../../../ApprovalPanel/solution/risks";
import { diffDeploymentSettings } from "../../../ApprovalPanel/solution/settingsDiff";
import { t, tf } from "../sections/strings";
import { comparison, openKind, renderChanges } from "./sectionHelpers";

describe("ChangesSection: the deployment settings against the last deployment's", () => {
  const settingsDiff = diffDeploymentSettings(
    {
      environmentVariables: [
        { schemaName: "contoso_ApiUrl", value: "https://old.example" },
        { schemaName: "contoso_Gone", value: "x" },
      ],
      connectionReferences: [{ logicalName: "contoso_sp", connectionId: "c1", connectorId: "shared_sharepointonline" }],
    },
    {
      environmentVariables: [
        { schemaName: "contoso_ApiUrl", value: "https://new.example" },
        { schemaName: "contoso_New", value: null },
      ],
      connectionReferences: [{ logicalName: "contoso_sp", connectionId: "c1", connectorId: "shared_sharepointonline" }],
    },
  );

  it("names each variable added, changed (old → new) or removed; unchanged references are left out", () => {
    const { region } = renderChanges({ status: "done", comparison: comparison() }, { settingsDiff });
    const part = region.querySelector("[data-settings-changes]") as HTMLElement;
    expect(part).toHaveAttribute("data-settings-changes", "changed");
    const lines = Array.from(part.querySelectorAll("[data-setting-change]")).map((l) => [l.getAttribute("data-setting-change"), l.textContent]);
    expect(lines).toEqual([
      ["added", `${t("Changes_Group_added")}: contoso_New ${t("Common_NotSet")}`],
      ["changed", `${t("Changes_Group_changed")}: contoso_ApiUrl ${tf("Changes_SettingChanged", "https://old.example", "https://new.example")}`],
      ["removed", `${t("Changes_Group_removed")}: contoso_Gone`],
    ]);
    expect(within(part).queryByText(t("Changes_SettingsReferences"))).toBeNull();
  });

  it("says so when nothing changed, and when the settings could not be compared", () => {
    const same = diffDeploymentSettings({ environmentVariables: [], connectionReferences: [] }, { environmentVariables: [], connectionReferences: [] });
    const first = renderChanges({ status: "done", comparison: comparison() }, { settingsDiff: same });
    expect(within(first.region).getByText(t("Changes_SettingsSame"))).toBeInTheDocument();
    first.view.unmount();
    const unknown = renderChanges({ status: "done", comparison: comparison() }, { settingsDiff: null });
    expect(within(unknown.region).getByText(t("Changes_SettingsUnknown"))).toBeInTheDocument();
  });
});

describe("ChangesSection accessibility", () => {
  const rules = { "color-contrast": { enabled: false }, region: { enabled: false } };
  const states: Array<[string, ArtifactDiffState]> = [
    ["idle", { status: "idle" }],
    ["downloading", { status: "downloading", received: 10, total: 100 }],
    ["reading", { status: "reading" }],
    ["failed", { status: "failed", reason: "forbidden", side: "current" }],
    ["cancelled", { status: "cancelled" }],
  ];
  it.each(states)("%s: axe finds nothing", async (_name, state) => {
    const { view } = renderChanges(state);
    const result = await axe.run(view.container, { rules });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" | ")}`)).toEqual([]);
  });

  it("done, with risks and an open kind: axe finds nothing", async () => {
    const risk: RiskFlag = { id: "columnsRemoved", severity: "high", components: [{ kind: "columns", key: "c", name: "Old total", change: "removed" }] };
    const { view, region } = renderChanges({ status: "done", comparison: comparison([risk]) });
    await openKind(region, "columns");
    const result = await axe.run(view.container, { rules });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" | ")}`)).toEqual([]);
  });
});
