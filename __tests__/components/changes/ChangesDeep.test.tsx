import { afterEach, describe, expect, it, jest } from "@jest/globals";
import * as React from "react";
import { act, fireEvent, screen, within } from "@testing-library/react";
import { ChangesSection, type ChangesSectionProps } from "../../../ApprovalPanel/components/changes/ChangesSection";
import type { ValidationSummary } from "../../../ApprovalPanel/domain/validationResults";
import { formatDateTime, HOSTILE, makeRun, renderInFluent } from "../sections/helpers";
import { t, tf } from "../sections/strings";
import { AFTER, BEFORE, compare } from "./fixtures";
import { openKind } from "./sectionHelpers";

const TARGET = "Contoso Production";
const baselineRun = makeRun({
  id: "1b2c3d4e-5f60-4172-9b8c-9d0e1f2a3b02",
  artifactVersion: "1.0.0.4",
  endTime: "2024-04-29T11:00:00Z",
  artifact: { id: "a1", name: null },
});
const run = makeRun({ artifactVersion: "1.0.0.5", artifact: { id: "a2", name: null } });

function renderDone(over: Partial<ChangesSectionProps> = {}, managed = true) {
  renderInFluent(
    <ChangesSection
      state={{ status: "done", comparison: compare(BEFORE, AFTER, managed) }}
      targetName={TARGET}
      baselineRun={baselineRun}
      run={run}
      fingerprint={"sha256:" + "a".repeat(64)}
      t={t}
      locale="en-US"
      formatDateTime={formatDateTime}
      onStart={jest.fn()}
      onCancel={jest.fn()}
      onRetry={jest.fn()}
      {...over}
    />,
  );
  return screen.getByRole("region", { name: tf("Changes_Title", TARGET) });
}

describe("What changes, deeper", () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it("says first whether approving deletes anything: here the removed column, with its table", () => {
    const region = renderDone();
    const impact = region.querySelector("[data-impact]") as HTMLElement;
    expect(impact.getAttribute("data-impact")).toBe("deletes");
    expect(impact.textContent).toContain(tf("changes.impact.inTable", "Legacy Code", "contoso_expense"));
    // Before the baseline line and the risks.
    const first = region.querySelector("[data-impact], [data-risk], p, span");
    expect(impact.contains(first) || first === impact).toBe(true);
  });

  it("puts each validation line beside the change it names, and nowhere else", async () => {
    const validation: ValidationSummary = {
      status: "Warning",
      messages: [{ type: "Warning", message: "The column Amount has a new maximum that existing rows exceed.", errorCode: null }],
      missingDependencies: [`contoso_costcenterlookup (Attribute) ← ${HOSTILE}`, "contoso_costcenter (Attribute) ← contoso_expense"],
    };
    const region = renderDone({ validation });
    await openKind(region, "columns");
    const costCenter = region.querySelector('[data-component="contoso_expense.contoso_costcenter"]') as HTMLElement;
    expect(within(costCenter).getByText(tf("changes.validation.dependency", "contoso_costcenter (Attribute) ← contoso_expense"))).toBeTruthy();
    // A longer name that only starts with the column's is not about it.
    expect(costCenter.textContent).not.toContain("contoso_costcenterlookup");
    const amount = region.querySelector('[data-component="contoso_expense.contoso_amount"]') as HTMLElement;
    expect(within(amount).getByText(tf("changes.validation.message", "Warning", validation.messages[0].message))).toBeTruthy();
    const legacy = region.querySelector('[data-component="contoso_expense.contoso_legacycode"]') as HTMLElement;
    expect(legacy.querySelector("[data-validation-notes]")).toBeNull();
  });

  it("shows a changed component side by side only when asked, with the versions and the differing lines marked in words", async () => {
    const region = renderDone();
    await openKind(region, "columns");
    const amount = region.querySelector('[data-component="contoso_expense.contoso_amount"]') as HTMLElement;
    expect(amount.querySelector("table")).toBeNull();
    fireEvent.click(within(amount).getByRole("button", { name: tf("changes.sideBySide.showLabel", "Amount") }));
    const table = within(amount).getByRole("table");
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual([tf("changes.sideBySide.before", "1.0.0.4"), tf("changes.sideBySide.after", "1.0.0.5")]);
    // The maximum length differs and is marked in words; the required level is the same and is not.
    const differing = Array.from(table.querySelectorAll("tr[data-differs]"));
    expect(differing.map((row) => row.textContent)).toEqual(["−maxLength: 100+maxLength: 200"]);
    expect(within(differing[0] as HTMLElement).getByRole("img", { name: t("changes.sideBySide.removedLine") })).toBeTruthy();
    expect(within(differing[0] as HTMLElement).getByRole("img", { name: t("changes.sideBySide.addedLine") })).toBeTruthy();
    expect(within(table).getAllByText("requiredLevel: none")[0].closest("tr")?.hasAttribute("data-differs")).toBe(false);
    fireEvent.click(within(amount).getByRole("button", { name: t("changes.sideBySide.hide") }));
    expect(amount.querySelector("table")).toBeNull();
  });

  it("copies the report as text: the sentence read first, the risks, every change and the fingerprint", async () => {
    const writeText = jest.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const region = renderDone();
    await act(async () => {
      fireEvent.click(within(region).getByRole("button", { name: t("changes.report.copy") }));
    });
    const text = writeText.mock.calls[0][0];
    expect(text).toContain((region.querySelector("[data-impact]") as HTMLElement).textContent as string);
    for (const risk of Array.from(region.querySelectorAll("[data-risk-text]"))) expect(text).toContain(risk.textContent as string);
    expect(text).toContain("Cost Center");
    expect(text).toContain(tf("changes.report.fingerprint", "sha256:" + "a".repeat(64)));
    expect(within(region).getByRole("status").textContent).toBe(t("changes.report.copied"));
  });

  it("downloads the report as one HTML file named after the solution and version", async () => {
    const blobs: Blob[] = [];
    const createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return "blob:report";
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const clicked: string[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    const region = renderDone();
    fireEvent.click(within(region).getByRole("button", { name: t("changes.report.download") }));
    expect(clicked).toEqual([`${tf("changes.report.fileName", "ContosoExpenses", "1.0.0.5")}.html`]);
    expect(blobs[0].type).toBe("text/html;charset=utf-8");
    expect(within(region).getByRole("status").textContent).toBe(t("changes.report.downloaded"));
  });
});
