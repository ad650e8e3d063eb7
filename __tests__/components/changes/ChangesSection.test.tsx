import { describe, expect, it } from "@jest/globals";
import { fireEvent, within } from "@testing-library/react";
import { PAGE_SIZE } from "../../../ApprovalPanel/components/changes/ChangesSection";
import { RISK_TEXT_KEYS } from "../../../ApprovalPanel/components/changes/changeText";
import { diffSolutions } from "../../../ApprovalPanel/solution/diff";
import type { ArtifactComparison } from "../../../ApprovalPanel/solution/fromZip";
import type { RiskFlag, RiskId } from "../../../ApprovalPanel/solution/risks";
import { formatDateTime, HOSTILE, makeRun } from "../sections/helpers";
import { t, tf } from "../sections/strings";
import { baselineRun, comparison, component, contents, manifest, openKind, renderChanges, TARGET } from "./sectionHelpers";

describe("ChangesSection", () => {
  it("idle: says what it compares, and starts only on the approver's click", () => {
    const { region, onStart, status } = renderChanges({ status: "idle" });
    expect(status).toBe("idle");
    expect(within(region).getByText(tf("Changes_Intro", TARGET))).toBeTruthy();
    fireEvent.click(within(region).getByRole("button", { name: t("Changes_Show") }));
    expect(onStart).toHaveBeenCalledTimes(1);
  });

  it("idle without an earlier deployment says it is the first", () => {
    const { region } = renderChanges({ status: "idle" }, { baselineRun: null });
    expect(within(region).getByText(t("Changes_IntroFirst"))).toBeTruthy();
  });

  it("downloading: a progress bar with sizes in KB and MB, and Cancel", () => {
    const { region, onCancel, status } = renderChanges({ status: "downloading", received: 512 * 1024, total: 3 * 1024 * 1024 });
    expect(status).toBe("downloading");
    expect(within(region).getByText(tf("Changes_Downloading", tf("Changes_SizeKB", "512"), tf("Changes_SizeMB", "3")))).toBeTruthy();
    expect(within(region).getByRole("progressbar")).toBeTruthy();
    fireEvent.click(within(region).getByRole("button", { name: t("Changes_Cancel") }));
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it("downloading before the host said the size: what has arrived so far", () => {
    const { region } = renderChanges({ status: "downloading", received: 1536, total: null });
    expect(within(region).getByText(tf("Changes_DownloadingSize", tf("Changes_SizeKB", "1.5")))).toBeTruthy();
  });

  it("reading: a spinner with its words", () => {
    const { region, status } = renderChanges({ status: "reading" });
    expect(status).toBe("reading");
    expect(within(region).getByText(t("Changes_Reading"))).toBeTruthy();
  });

  it("done: the baseline line, no risks, then the summary by kind with its counts and components, listed when opened", async () => {
    const { region, status } = renderChanges({ status: "done", comparison: comparison() });
    expect(status).toBe("done");
    expect(within(region).getByText(tf("Changes_ComparedWithBy", "1.0.0.4", formatDateTime("2024-04-29T11:00:00Z"), TARGET, "Riya Maker"))).toBeTruthy();
    expect(within(region).getByText(t("Changes_NoRisks"))).toBeTruthy();
    const columns = region.querySelector('[data-kind="columns"]') as HTMLElement;
    const counts = [tf("Changes_Count_added_one", "1"), tf("Changes_Count_removed_one", "1"), tf("Changes_Count_changed_other", "2")].join(", ");
    expect(within(columns).getByText(tf("Changes_KindSummary", t("Changes_Kind_columns"), counts))).toBeTruthy();
    expect(region.querySelector('[data-kind="tables"]')).toBeNull();
    // Folded, a kind renders no list: at 50 MB every kind's lists made the result one long task.
    expect(columns.querySelector("[data-group]")).toBeNull();
    await openKind(region, "columns");
    const changed = columns.querySelector('[data-group="changed"]') as HTMLElement;
    expect(within(changed).getByText(t("Changes_Group_changed"))).toBeTruthy();
    expect(within(changed).getByText("Amount")).toBeTruthy();
    const logical = within(changed).getByText("contoso_expense.contoso_amount");
    expect(logical.tagName).toBe("CODE");
    expect(logical.getAttribute("dir")).toBe("ltr");
    expect(within(columns.querySelector('[data-group="removed"]') as HTMLElement).getByText("Old total")).toBeTruthy();
  });

  it("a baseline later than this request: a warning that approving puts the older version back", () => {
    const ordinary = renderChanges({ status: "done", comparison: comparison() });
    expect(ordinary.region.querySelector('[data-baseline="newer"]')).toBeNull();
    ordinary.view.unmount();
    const later = makeRun({ ...baselineRun, artifactVersion: "1.0.0.6" });
    const backwards: ArtifactComparison = { ...comparison(), baseline: manifest("1.0.0.6") };
    const { region } = renderChanges({ status: "done", comparison: backwards }, { baselineRun: later });
    const warning = region.querySelector('[data-baseline="newer"]') as HTMLElement;
    expect(warning).not.toBeNull();
    expect(within(warning).getByText(tf("Changes_BaselineNewer", TARGET, "1.0.0.6", "1.0.0.5"))).toBeTruthy();
  });

  it("the baseline line without a known requester names the version, the target and the date", () => {
    const anonymous = makeRun({ ...baselineRun, requestedBy: null });
    const { region } = renderChanges({ status: "done", comparison: comparison() }, { baselineRun: anonymous });
    expect(within(region).getByText(tf("Changes_ComparedWith", "1.0.0.4", formatDateTime("2024-04-29T11:00:00Z"), TARGET))).toBeTruthy();
  });

  it("names from the solution file stay text, never markup", async () => {
    const hostile: RiskFlag = { id: "cloudFlowAdded", severity: "medium", components: [{ kind: "cloudFlows", key: "f1", name: HOSTILE, change: "added" }] };
    const { region } = renderChanges({ status: "done", comparison: comparison([hostile]) });
    await openKind(region, "columns");
    expect(region.querySelector("img")).toBeNull();
    expect(within(region.querySelector('[data-group="added"]') as HTMLElement).getByText(HOSTILE)).toBeTruthy();
    expect(within(region.querySelector('[data-risk="cloudFlowAdded"]') as HTMLElement).getByText(tf("changes.risk.cloudFlowAdded", HOSTILE))).toBeTruthy();
  });

  it("first deployment: lists the contents of this version", () => {
    const { region } = renderChanges({ status: "done", comparison: comparison([], true) }, { baselineRun: null });
    expect(within(region).getByText(tf("Changes_FirstContents", "1.0.0.5"))).toBeTruthy();
    expect(region.querySelector('[data-kind="tables"]')).not.toBeNull();
  });

  it("a last deployment whose file is gone: says when it was deployed and that its file is not kept, not 'first deployment'", () => {
    const noFile = makeRun({ ...baselineRun, artifact: null });
    const expected = tf("Changes_BaselineNoFile", "1.0.0.4", TARGET, formatDateTime("2024-04-29T11:00:00Z"));
    const idle = renderChanges({ status: "idle" }, { baselineRun: noFile });
    expect(within(idle.region).getByText(expected)).toBeTruthy();
    expect(within(idle.region).queryByText(t("Changes_IntroFirst"))).toBeNull();
    idle.view.unmount();
    const { region } = renderChanges({ status: "done", comparison: comparison([], true) }, { baselineRun: noFile });
    expect(within(region).getByText(expected)).toBeTruthy();
    expect(within(region).queryByText(tf("Changes_FirstContents", "1.0.0.5"))).toBeNull();
    expect(region.querySelector('[data-kind="tables"]')).not.toBeNull();
  });

  it("one comparison kept for the same artifacts is worded for the baseline of the run it is shown for", () => {
    // The session keeps comparisons by artifact pair: Test's (a first deployment there) is found again for Production.
    const noFile = makeRun({ ...baselineRun, artifact: null });
    const cached = { status: "done", comparison: comparison([], true) } as const;
    const here = renderChanges(cached, { baselineRun: noFile });
    expect(within(here.region).getByText(tf("Changes_BaselineNoFile", "1.0.0.4", TARGET, formatDateTime("2024-04-29T11:00:00Z")))).toBeTruthy();
    here.view.unmount();
    const first = renderChanges(cached, { baselineRun: null });
    expect(within(first.region).getByText(tf("Changes_FirstContents", "1.0.0.5"))).toBeTruthy();
  });

  it("a last deployment that could not be read: the contents, and why it is not a comparison", () => {
    const { region } = renderChanges({ status: "done", comparison: comparison([], true) }, { baselineRun: null, baselineUnknown: true });
    expect(within(region).getByText(tf("Changes_BaselineUnknown", TARGET))).toBeTruthy();
    expect(within(region).queryByText(tf("Changes_FirstContents", "1.0.0.5"))).toBeNull();
  });

  it("every risk id has its own words, and risks come before the summary, with the severity read out", () => {
    const ids = Object.keys(RISK_TEXT_KEYS) as RiskId[];
    const risks: RiskFlag[] = ids.map((id, i) => ({
      id,
      severity: i % 2 === 0 ? "high" : "medium",
      components: [{ kind: "tables", key: `k${i}`, name: `Name ${i}`, change: "added" }],
    }));
    const { region } = renderChanges({ status: "done", comparison: comparison(risks) });
    for (const [i, id] of ids.entries()) {
      const line = region.querySelector(`[data-risk="${id}"]`) as HTMLElement;
      expect(within(line).getByText(tf(RISK_TEXT_KEYS[id], `Name ${i}`))).toBeTruthy();
      expect(line.textContent).toContain(t(i % 2 === 0 ? "Changes_Severity_high" : "Changes_Severity_medium"));
    }
    expect(new Set(ids.map((id) => t(RISK_TEXT_KEYS[id]))).size).toBe(ids.length);
    const firstRisk = region.querySelector("[data-risk]") as HTMLElement;
    const firstKind = region.querySelector("[data-kind]") as HTMLElement;
    expect(firstRisk.compareDocumentPosition(firstKind) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it("a risk names five components, then how many more", () => {
    const components = Array.from({ length: 8 }, (_, i) => ({ kind: "tables" as const, key: `t${i}`, name: `Table ${i}`, change: "removed" as const }));
    const { region } = renderChanges({ status: "done", comparison: comparison([{ id: "tablesRemoved", severity: "high", components }]) });
    const names = `Table 0, Table 1, Table 2, Table 3, Table 4 ${tf("Changes_AndMore_other", "3")}`;
    expect(within(region.querySelector('[data-risk="tablesRemoved"]') as HTMLElement).getByText(tf("changes.risk.tablesRemoved", names))).toBeTruthy();
  });

  it("the facts behind a risk: what a role gains and loses, where a step runs and on which new columns, which connector", () => {
    const risks: RiskFlag[] = [
      {
        id: "rolePrivilegesRaised",
        severity: "high",
        components: [
          {
            kind: "roles",
            key: "r1",
            name: "Expense approver",
            change: "changed",
            privileges: [
              { direction: "raised", name: "prvReadcontoso_expense", from: "Basic", to: "Global" },
              { direction: "raised", name: "prvDeletecontoso_expense", from: null, to: "Local" },
              { direction: "lowered", name: "prvWritecontoso_expense", from: "Global", to: "Basic" },
            ],
          },
        ],
      },
      {
        id: "pluginStepChanged",
        severity: "high",
        components: [
          {
            kind: "pluginSteps",
            key: "s1",
            name: "Totals",
            change: "changed",
            step: { message: "Update", table: "contoso_expense", stage: 20, synchronous: true, filteringAttributesAdded: ["contoso_costcenter"] },
          },
        ],
      },
      {
        id: "connectorNew",
        severity: "high",
        components: [{ kind: "connectionReferences", key: "c1", name: "SQL", change: "added", connectorId: "/providers/Microsoft.PowerApps/apis/shared_sql" }],
      },
      {
        id: "connectionReferenceNew",
        severity: "medium",
        components: [
          {
            kind: "connectionReferences",
            key: "c2",
            name: "Mail",
            change: "added",
            connectorId: "/providers/Microsoft.PowerApps/apis/shared_office365",
            connector: "Office 365 Outlook",
          },
        ],
      },
    ];
    const { region } = renderChanges({ status: "done", comparison: comparison(risks) });
    const role = region.querySelector('[data-risk="rolePrivilegesRaised"] [data-risk-component="r1"]') as HTMLElement;
    expect(within(role).getByText("prvReadcontoso_expense").getAttribute("dir")).toBe("ltr");
    expect(within(role).getByText(tf("changes.risk.privilegeRaised", "", t("Changes_Depth_Basic"), t("Changes_Depth_Global")).trim())).toBeTruthy();
    expect(within(role).getByText(tf("changes.risk.privilegeRaised", "", t("Changes_Depth_none"), t("Changes_Depth_Local")).trim())).toBeTruthy();
    // Raised and lowered are one list drawn alike: each privilege's name as code, its words beside it, raised first.
    const privileges = Array.from(role.querySelectorAll("[data-privilege]"));
    expect(privileges.map((li) => li.getAttribute("data-privilege"))).toEqual(["raised", "raised", "lowered"]);
    const drawn = (li: Element) => [li.parentElement, li.className, Array.from(li.children, (c) => `${c.tagName} ${c.className} ${c.getAttribute("dir")}`)];
    expect(privileges.map(drawn)).toEqual([drawn(privileges[0]), drawn(privileges[0]), drawn(privileges[0])]);
    expect(privileges[0].querySelector("code")?.getAttribute("dir")).toBe("ltr");
    expect(privileges[2].querySelector("code")?.textContent).toBe("prvWritecontoso_expense");
    expect(privileges[2].textContent).toBe(tf("changes.risk.privilegeLowered", "prvWritecontoso_expense", t("Changes_Depth_Global"), t("Changes_Depth_Basic")));
    // As the browser tests read it: raised and lowered in the same words, the raised first.
    expect(role.textContent).toMatch(/prvReadcontoso_expense raised from User to Organization.*prvWritecontoso_expense lowered from Organization to User/);
    const step = region.querySelector('[data-risk="pluginStepChanged"]') as HTMLElement;
    expect(step.textContent).toContain(tf("Changes_StepDetail", "Update", "contoso_expense", t("Changes_StepStage_20"), t("Changes_StepSync")));
    expect(within(step).getByText(tf("changes.risk.filteringAdded", "contoso_costcenter"))).toBeTruthy();
    // A connector with a name is named, not shown as its path.
    const named = region.querySelector('[data-risk="connectionReferenceNew"]') as HTMLElement;
    expect(within(named).getByText(tf("changes.risk.connector", "Office 365 Outlook"))).toBeTruthy();
    expect(named.textContent).not.toContain("/providers/");
    const connector = region.querySelector('[data-risk="connectorNew"]') as HTMLElement;
    expect(within(connector).getByText("/providers/Microsoft.PowerApps/apis/shared_sql").tagName).toBe("CODE");
  });

  it(`a long group lists ${PAGE_SIZE} components, then Show more`, async () => {
    const many = Array.from({ length: PAGE_SIZE + 3 }, (_, i) => component("webResources", `contoso_/r${String(i).padStart(3, "0")}.js`));
    const after = contents("1.0.0.5", many);
    const diff = diffSolutions(contents("1.0.0.4", []), after);
    const { region } = renderChanges({
      status: "done",
      comparison: { diff, risks: [], baseline: manifest("1.0.0.4"), current: manifest("1.0.0.5") },
    });
    await openKind(region, "webResources");
    const group = region.querySelector('[data-kind="webResources"] [data-group="added"]') as HTMLElement;
    expect(group.querySelectorAll("li")).toHaveLength(PAGE_SIZE);
    fireEvent.click(within(group).getByRole("button", { name: t("Common_ShowMore") }));
    expect(group.querySelectorAll("li")).toHaveLength(PAGE_SIZE + 3);
    expect(within(group).queryByRole("button", { name: t("Common_ShowMore") })).toBeNull();
  });

  it.each([
    ["forbidden", "Changes_Failed_forbidden"],
    ["offline", "Changes_Failed_offline"],
    ["timeout", "Changes_Failed_timeout"],
    ["other", "Changes_Failed_unexpected"],
  ] as const)("failed (%s): its message, and Retry, since another attempt can succeed", (reason, key) => {
    const { region, onRetry, status } = renderChanges({ status: "failed", reason, side: "baseline" });
    expect(status).toBe("failed");
    expect(within(region).getByText(t(key))).toBeTruthy();
    expect(region.textContent).toContain(t("Changes_Side_baseline"));
    fireEvent.click(within(region).getByRole("button", { name: t("Common_Retry") }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it.each([
    ["notFound", "Changes_Failed_notFound"],
    ["tooLarge", "Changes_Failed_tooLarge"],
    ["zip", "Changes_Failed_zip"],
    ["solution", "Changes_Failed_solution"],
    ["entities", "Changes_Failed_entities"],
  ] as const)("failed (%s): its message and no Retry, since the same file fails the same way", (reason, key) => {
    const { region } = renderChanges({ status: "failed", reason, side: "current" });
    expect(within(region).getByText(t(key))).toBeTruthy();
    expect(within(region).queryByRole("button", { name: t("Common_Retry") })).toBeNull();
  });

  it("failed with no artifact: nothing to retry; a file named by the reader is a sentence, never its code", () => {
    const { region, view } = renderChanges({ status: "failed", reason: "noArtifact", side: "current" });
    expect(within(region).getByText(t("Changes_Failed_noArtifact"))).toBeTruthy();
    expect(within(region).queryByRole("button")).toBeNull();
    view.unmount();
    const other = renderChanges({ status: "failed", reason: "tooLarge", detail: `tooLarge: ${HOSTILE}` }).region;
    expect(within(other).getByText(tf("changes.failure.inFile", HOSTILE))).toBeTruthy();
    expect(other.textContent).not.toContain("tooLarge");
  });

  it("failed for an unexpected reason: the host's own words are kept as details", () => {
    const { region } = renderChanges({ status: "failed", reason: "other", detail: "Network request failed" });
    expect(within(region).getByText(tf("Changes_Detail", "Network request failed"))).toBeTruthy();
  });

  it("cancelled: says so, and offers to start again", () => {
    const { region, onStart, status } = renderChanges({ status: "cancelled" });
    expect(status).toBe("cancelled");
    expect(within(region).getByText(t("Changes_Cancelled"))).toBeTruthy();
    fireEvent.click(within(region).getByRole("button", { name: t("Changes_Show") }));
    expect(onStart).toHaveBeenCalledTimes(1);
  });
});
