import "@testing-library/jest-dom/jest-globals";
import { describe, expect, it, jest } from "@jest/globals";
import * as React from "react";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { HostCheckView, type HostCheckState } from "../../../ApprovalPanel/components/hostCheck/HostCheckView";
import { effectText, reportText } from "../../../ApprovalPanel/components/hostCheck/hostCheckText";
import { buildHostReport, type HostCheckItem, type HostCheckReport, type HostProbe } from "../../../ApprovalPanel/domain/hostCheck";
import type { Translate } from "../../../ApprovalPanel/components/shared/text";
import { formatDateTime } from "../sections/helpers";
import { resxStrings, t, tf } from "../sections/strings";
import { expectNoConsoleErrors } from "../../support/panel";
import { commentsElsewhereProbe, currentHostProbe, legacyHostProbe, pascalNavigationProbe, privilegesFailedProbe } from "./probes";

const CHECKED_ON = "2026-12-02T05:00:00.000Z";
const RECORD = "d1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f51";

/** Every kind of line in one report: the comments elsewhere, the stage navigation renamed, no action, privileges refused. */
function mixedProbe(): HostProbe {
  const probe = commentsElsewhereProbe();
  probe.stageRelationships = pascalNavigationProbe().stageRelationships;
  probe.action = legacyHostProbe().action;
  probe.privileges = privilegesFailedProbe().privileges;
  return probe;
}

const done = (report: HostCheckReport): HostCheckState => ({ status: "done", report, checkedOn: CHECKED_ON });

function renderView(state: HostCheckState, options: { copyText?: (text: string) => Promise<boolean>; t?: Translate; dir?: "ltr" | "rtl" } = {}) {
  const onRun = jest.fn();
  const onClose = jest.fn();
  const copyText = jest.fn(options.copyText ?? (() => Promise.resolve(true)));
  const props = {
    t: options.t ?? t,
    locale: "en-US",
    formatDateTime,
    panelVersion: "1.4.2",
    recordId: RECORD,
    languageId: 1033,
    onRun,
    onClose,
    copyText,
  };
  const view = render(
    <FluentProvider theme={webLightTheme} dir={options.dir ?? "ltr"}>
      <HostCheckView state={state} {...props} />
    </FluentProvider>,
  );
  const rerender = (next: HostCheckState): void =>
    view.rerender(
      <FluentProvider theme={webLightTheme} dir={options.dir ?? "ltr"}>
        <HostCheckView state={next} {...props} />
      </FluentProvider>,
    );
  const region = screen.getByRole("region", { name: (options.t ?? t)("HostCheck_Title") });
  return { onRun, onClose, copyText, region, rerender, container: view.container, unmount: view.unmount };
}

const itemElement = (container: HTMLElement, id: string): HTMLElement => {
  const element = container.querySelector<HTMLElement>(`[data-host-check-item="${CSS.escape(id)}"]`);
  if (element === null) throw new Error(`no item ${id}`);
  return element;
};

const reportOf = (report: HostCheckReport): string =>
  reportText(report, { checkedOn: CHECKED_ON, panelVersion: "1.4.2", recordId: RECORD, languageId: 1033 }, t);

// React (act, updates after unmount) and Griffel (wrong direction) report problems on console.error.
expectNoConsoleErrors();

describe("HostCheckView: before and while checking", () => {
  it("says what the check does, and runs it on request", async () => {
    const { region, onRun, onClose } = renderView({ status: "idle" });
    expect(within(region).getByText(t("HostCheck_Intro"))).toBeInTheDocument();
    await userEvent.click(within(region).getByRole("button", { name: t("HostCheck_Run") }));
    expect(onRun).toHaveBeenCalledTimes(1);
    await userEvent.click(within(region).getByRole("button", { name: t("HostCheck_Close") }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("shows a spinner with its words while running, and no buttons to copy", () => {
    const { region } = renderView({ status: "running" });
    expect(within(region).getByText(t("HostCheck_Running"))).toBeInTheDocument();
    expect(within(region).queryByRole("button", { name: t("HostCheck_Copy") })).not.toBeInTheDocument();
  });

  it("a failed check shows the message and offers to try again", async () => {
    const { region, onRun, onClose } = renderView({ status: "failed", message: "The host took too long to answer." });
    expect(within(region).getByText(t("HostCheck_Failed"))).toBeInTheDocument();
    expect(within(region).getByText("The host took too long to answer.")).toBeInTheDocument();
    await userEvent.click(within(region).getByRole("button", { name: t("HostCheck_TryAgain") }));
    expect(onRun).toHaveBeenCalledTimes(1);
    await userEvent.click(within(region).getByRole("button", { name: t("HostCheck_Close") }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});

describe("HostCheckView: the report", () => {
  it("sums up the outcomes and lists the approval columns", () => {
    const report = buildHostReport(mixedProbe());
    const { region } = renderView(done(report));
    const { confirmed, missing, different, unchecked } = report.counts;
    expect(missing).toBeGreaterThan(0);
    expect(different).toBeGreaterThan(0);
    expect(unchecked).toBeGreaterThan(0);
    expect(within(region).getByText(tf("HostCheck_Summary", confirmed, missing, different, unchecked))).toBeInTheDocument();
    expect(within(region).getByText(tf("HostCheck_ApprovalColumns", "approvalcomment, approvalproperties, approvalstatus"))).toBeInTheDocument();
    expect(within(region).getByText(tf("HostCheck_CheckedOn", formatDateTime(CHECKED_ON)))).toBeInTheDocument();
  });

  it("says none when the run table has no approval columns", () => {
    const { region } = renderView(done(buildHostReport(legacyHostProbe())));
    expect(within(region).getByText(tf("HostCheck_ApprovalColumns", t("HostCheck_None")))).toBeInTheDocument();
  });

  it.each<[string, HostCheckItem["outcome"], string]>([
    ["action", "missing", "HostCheck_Outcome_missing"],
    ["column:deploymentstagerun.approvalcomments", "different", "HostCheck_Outcome_different"],
    ["navigation", "different", "HostCheck_Outcome_different"],
    ["privilege:Read:deploymentstagerun", "unchecked", "HostCheck_Outcome_unchecked"],
  ])("%s: the outcome in words, the subject, and what the panel does", (id, outcome, word) => {
    const report = buildHostReport(mixedProbe());
    const model = report.items.find((i) => i.id === id) as HostCheckItem;
    const { container } = renderView(done(report));
    const element = itemElement(container, id);
    expect(element).toHaveAttribute("data-outcome", outcome);
    expect(within(element).getByText(t(word))).toBeInTheDocument();
    const subject = within(element).getByText(model.subject);
    expect(subject).toHaveAttribute("dir", "ltr");
    expect(within(element).getByText(effectText(model, t))).toBeInTheDocument();
  });

  it("shows expected and found as technical text, only when the model has them", () => {
    const report = buildHostReport(mixedProbe());
    const { container } = renderView(done(report));
    const comments = itemElement(container, "column:deploymentstagerun.approvalcomments");
    expect(within(comments).getByText(t("HostCheck_Expected"))).toBeInTheDocument();
    expect(within(comments).getByText("Memo")).toHaveAttribute("dir", "ltr");
    expect(within(comments).getByText("approvalcomment")).toHaveAttribute("dir", "ltr");
    expect(within(comments).getByText(tf("HostCheck_Effect_commentsElsewhere", "approvalcomment"))).toBeInTheDocument();
    const form = itemElement(container, "form");
    expect(within(form).queryByText(t("HostCheck_Expected"))).not.toBeInTheDocument();
    expect(within(form).queryByText(t("HostCheck_Found"))).not.toBeInTheDocument();
  });

  it("the missing pipeline administrator role says what that means for admins", () => {
    const probe = currentHostProbe();
    probe.pipelineRoles = { ok: true, value: [] };
    const { container } = renderView(done(buildHostReport(probe)));
    const role = itemElement(container, "role:pipelineadministrator");
    expect(role).toHaveAttribute("data-outcome", "missing");
    expect(within(role).getByText(t("HostCheck_Effect_pipelineAdministratorMissing"))).toBeInTheDocument();
  });

  it("what needs attention comes first, with its group named; what holds is folded per group, in the model's order", () => {
    const full = buildHostReport(mixedProbe());
    const report: HostCheckReport = { ...full, items: full.items.filter((i) => i.group === "roles" || i.group === "form" || i.group === "navigation") };
    const { region } = renderView(done(report));
    const headings = within(region)
      .getAllByRole("heading", { level: 3 })
      .map((h) => h.textContent);
    expect(headings).toEqual([t("HostCheck_NeedsAttention")]);
    const attention = region.querySelector('[data-host-check-group="attention"]') as HTMLElement;
    const needing = report.items.filter((i) => i.outcome !== "confirmed");
    expect(needing.length).toBeGreaterThan(0);
    expect(Array.from(attention.querySelectorAll("[data-host-check-item]")).map((e) => e.getAttribute("data-host-check-item"))).toEqual(
      needing.map((i) => i.id),
    );
    for (const item of needing) expect(within(itemElement(region, item.id)).getByText(t(`HostCheck_Group_${item.group}`))).toBeInTheDocument();

    const folded = Array.from(region.querySelectorAll("details")).map((d) => [
      d.getAttribute("data-host-check-group"),
      d.open,
      d.querySelector("summary")?.textContent,
    ]);
    const confirmedIn = (group: string) => report.items.filter((i) => i.group === group && i.outcome === "confirmed").length;
    const expected = ["form", "navigation", "roles"]
      .filter((g) => confirmedIn(g) > 0)
      .map((g) => [g, false, tf("HostCheck_ConfirmedGroup", t(`HostCheck_Group_${g}`), confirmedIn(g))]);
    expect(folded).toEqual(expected);
  });

  it("a confirmed line shows its subject and, for choices, the host's labels; no sentence repeats that it holds", () => {
    const report = buildHostReport(currentHostProbe());
    const { region } = renderView(done(report));
    const options = itemElement(region, "options:deploymentstagerun.approvalstatus");
    expect(options).toHaveAttribute("data-outcome", "confirmed");
    expect(within(options).getByText("deploymentstagerun.approvalstatus")).toHaveAttribute("dir", "ltr");
    expect(options).toHaveTextContent("20 Approved");
    expect(region).not.toHaveTextContent(t("HostCheck_Effect_asAssumed"));
    expect(within(region).getByText(t("HostCheck_NothingNeedsAttention"))).toBeInTheDocument();
  });

  it("runs again and closes on request", async () => {
    const { region, onRun, onClose } = renderView(done(buildHostReport(currentHostProbe())));
    await userEvent.click(within(region).getByRole("button", { name: t("HostCheck_RunAgain") }));
    expect(onRun).toHaveBeenCalledTimes(1);
    await userEvent.click(within(region).getByRole("button", { name: t("HostCheck_Close") }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});

describe("HostCheckView: copying the report", () => {
  it("copies the plain-text report and says so in a polite live region", async () => {
    const report = buildHostReport(mixedProbe());
    const { region, copyText } = renderView(done(report));
    const status = within(region).getByRole("status");
    expect(status).toHaveAttribute("aria-live", "polite");
    expect(status).toBeEmptyDOMElement();
    await userEvent.click(within(region).getByRole("button", { name: t("HostCheck_Copy") }));
    expect(copyText).toHaveBeenCalledWith(reportOf(report));
    await waitFor(() => expect(status).toHaveTextContent(t("HostCheck_Copied")));
    expect(within(region).queryByRole("textbox")).not.toBeInTheDocument();
  });

  it.each<[string, () => Promise<boolean>]>([
    ["the host says no", () => Promise.resolve(false)],
    ["the clipboard throws", () => Promise.reject(new Error("NotAllowedError"))],
  ])("when %s: says how to copy by hand and shows the report, selected", async (_name, copyText) => {
    const report = buildHostReport(mixedProbe());
    const { region } = renderView(done(report), { copyText });
    await userEvent.click(within(region).getByRole("button", { name: t("HostCheck_Copy") }));
    await waitFor(() => expect(within(region).getByRole("status")).toHaveTextContent(t("HostCheck_CopyFailed")));
    const area = within(region).getByRole("textbox", { name: t("HostCheck_ReportLabel") }) as HTMLTextAreaElement;
    expect(area.value).toBe(reportOf(report));
    expect(area).toHaveAttribute("readonly");
    await waitFor(() => expect(area.selectionEnd - area.selectionStart).toBe(area.value.length));
  });

  it("a new run clears the copy status and hides the report text", async () => {
    const { region, rerender } = renderView(done(buildHostReport(mixedProbe())), { copyText: () => Promise.resolve(false) });
    await userEvent.click(within(region).getByRole("button", { name: t("HostCheck_Copy") }));
    await within(region).findByRole("textbox");
    rerender({ status: "running" });
    rerender({ status: "done", report: buildHostReport(currentHostProbe()), checkedOn: "2026-12-02T05:10:00.000Z" });
    expect(within(region).getByRole("status")).toBeEmptyDOMElement();
    expect(within(region).queryByRole("textbox")).not.toBeInTheDocument();
  });

  it("a late answer about an earlier report shows nothing", async () => {
    let answer: (ok: boolean) => void = () => undefined;
    const pending = new Promise<boolean>((resolve) => (answer = resolve));
    const { region, rerender } = renderView(done(buildHostReport(currentHostProbe())), { copyText: () => pending });
    await userEvent.click(within(region).getByRole("button", { name: t("HostCheck_Copy") }));
    rerender({ status: "running" });
    rerender({ status: "done", report: buildHostReport(legacyHostProbe()), checkedOn: "2026-12-02T05:10:00.000Z" });
    await act(async () => {
      answer(true);
      await pending;
    });
    expect(within(region).getByRole("status")).toBeEmptyDOMElement();
  });

  it("an answer after the view is closed logs nothing", async () => {
    let answer: (ok: boolean) => void = () => undefined;
    const pending = new Promise<boolean>((resolve) => (answer = resolve));
    const { region, unmount } = renderView(done(buildHostReport(currentHostProbe())), { copyText: () => pending });
    await userEvent.click(within(region).getByRole("button", { name: t("HostCheck_Copy") }));
    unmount();
    await act(async () => {
      answer(false);
      await pending;
    });
  });
});

describe("HostCheckView: every word from the resx", () => {
  /** Strings that mark themselves, keeping their placeholders so inserted values stay inside the mark. */
  const marked: Translate = (key) => {
    const value = resxStrings.get(key);
    if (value === undefined) throw new Error(`Missing resx key: ${key}`);
    return `⟦${[key, ...new Set(value.match(/\{\d+\}/g) ?? [])].join(" ")}⟧`;
  };

  it.each<[string, HostCheckState]>([
    ["idle", { status: "idle" }],
    ["running", { status: "running" }],
    ["failed", { status: "failed", message: "‹data›" }],
    ["done, after a failed copy, right to left", done(buildHostReport(mixedProbe()))],
  ])("%s: nothing is left but marks, technical names from the model and punctuation", async (name, state) => {
    const { region } = renderView(state, { t: marked, copyText: () => Promise.resolve(false), dir: name.includes("right to left") ? "rtl" : "ltr" });
    if (state.status === "done") {
      await userEvent.click(within(region).getByRole("button", { name: marked("HostCheck_Copy") }));
      await within(region).findByRole("textbox");
    }
    const technical =
      state.status === "done"
        ? [...state.report.approvalColumns, ...state.report.items.flatMap((i) => [i.subject, i.expected ?? "", i.found ?? "", i.effectArg ?? ""])]
        : [];
    // Report codes stay English on purpose (support searches for them); dates come from formatDateTime.
    const allowed = [
      ...technical,
      "[CONFIRMED]",
      "[MISSING]",
      "[DIFFERENT]",
      "[NOT CHECKED]",
      "1.4.2",
      RECORD,
      CHECKED_ON,
      formatDateTime(CHECKED_ON),
      "‹data›",
    ]
      .filter((s) => s !== "")
      .sort((a, b) => b.length - a.length);
    let rest = region.textContent ?? "";
    for (const area of Array.from(region.querySelectorAll("textarea"))) rest += ` ${area.value}`;
    // Technical text first (it may sit inside a mark), then the marks, innermost first (the header holds the title).
    for (const s of allowed) rest = rest.split(s).join(" ");
    for (let next = rest.replace(/⟦[^⟦⟧]*⟧/g, " "); next !== rest; next = rest.replace(/⟦[^⟦⟧]*⟧/g, " ")) rest = next;
    expect(rest).toMatch(/^[\s\p{P}\p{S}\p{N}]*$/u);
    for (const element of Array.from(region.querySelectorAll("[aria-label]"))) expect(element.getAttribute("aria-label")).toMatch(/^⟦/);
  });
});
