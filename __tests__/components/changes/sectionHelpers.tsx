import * as React from "react";
import { jest } from "@jest/globals";
import { act, screen } from "@testing-library/react";
import { ChangesSection, type ChangesSectionProps } from "../../../ApprovalPanel/components/changes/ChangesSection";
import type { ArtifactDiffState } from "../../../ApprovalPanel/hooks/useArtifactDiff";
import { COMPONENT_KINDS, type ComponentKind, type SolutionComponent, type SolutionContents } from "../../../ApprovalPanel/solution/components";
import { diffSolutions } from "../../../ApprovalPanel/solution/diff";
import type { ArtifactComparison } from "../../../ApprovalPanel/solution/fromZip";
import type { SolutionManifest } from "../../../ApprovalPanel/solution/manifest";
import type { RiskFlag } from "../../../ApprovalPanel/solution/risks";
import { formatDateTime, HOSTILE, makeRun, renderInFluent } from "../sections/helpers";
import { t, tf } from "../sections/strings";

/** The section rendered over a small comparison: columns 1 added, 1 removed, 2 changed; one table unchanged. */

export const TARGET = "Contoso Production";
export const baselineRun = makeRun({
  id: "1b2c3d4e-5f60-4172-9b8c-9d0e1f2a3b02",
  artifactVersion: "1.0.0.4",
  endTime: "2024-04-29T11:00:00Z",
  artifact: { id: "a1", name: null },
});

export const manifest = (version: string): SolutionManifest => ({
  uniqueName: "ContosoExpenses",
  version,
  managed: true,
  publisher: null,
  rootComponents: [],
  missingDependencies: 0,
});
export const component = (kind: ComponentKind, key: string, name = key, fingerprint = "f1"): SolutionComponent => ({
  kind,
  key,
  name,
  logicalName: key,
  fingerprint,
});

export function contents(version: string, list: SolutionComponent[]): SolutionContents {
  const components = Object.fromEntries(COMPONENT_KINDS.map((kind) => [kind, [] as SolutionComponent[]])) as SolutionContents["components"];
  for (const c of list) components[c.kind].push(c);
  for (const kind of COMPONENT_KINDS) components[kind].sort((a, b) => a.key.localeCompare(b.key));
  return { manifest: manifest(version), components };
}

/** Columns: 1 added, 1 removed, 2 changed; one table unchanged. */
export function comparison(risks: RiskFlag[] = [], first = false): ArtifactComparison {
  const before = contents("1.0.0.4", [
    component("tables", "contoso_expense", "Expense"),
    component("columns", "contoso_expense.contoso_old", "Old total"),
    component("columns", "contoso_expense.contoso_amount", "Amount"),
    component("columns", "contoso_expense.contoso_note", "Note"),
  ]);
  const after = contents("1.0.0.5", [
    component("tables", "contoso_expense", "Expense"),
    component("columns", "contoso_expense.contoso_amount", "Amount", "f2"),
    component("columns", "contoso_expense.contoso_note", "Note", "f2"),
    component("columns", "contoso_expense.contoso_new", HOSTILE),
  ]);
  const diff = diffSolutions(first ? null : before, after);
  return { diff, risks, baseline: first ? null : before.manifest, current: after.manifest as SolutionManifest };
}

export function renderChanges(state: ArtifactDiffState, over: Partial<ChangesSectionProps> = {}) {
  const onStart = jest.fn();
  const onCancel = jest.fn();
  const onRetry = jest.fn();
  const view = renderInFluent(
    <ChangesSection
      state={state}
      targetName={TARGET}
      baselineRun={baselineRun}
      t={t}
      locale="en-US"
      formatDateTime={formatDateTime}
      onStart={onStart}
      onCancel={onCancel}
      onRetry={onRetry}
      {...over}
    />,
  );
  const region = screen.getByRole("region", { name: tf("Changes_Title", TARGET) });
  return { onStart, onCancel, onRetry, region, view, status: region.querySelector("[data-changes-status]")?.getAttribute("data-changes-status") };
}

/**
 * Opens a kind's fold as a reader does, and waits for the browser's toggle event (jsdom fires it from a timer, as browsers
 * queue it): a kind's lists are rendered when it is first opened.
 */
export async function openKind(region: HTMLElement, kind: string): Promise<HTMLElement> {
  const details = region.querySelector(`[data-kind="${kind}"]`) as HTMLDetailsElement;
  details.open = true;
  await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  return details;
}
