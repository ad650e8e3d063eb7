/**
 * Keyboard, screen reader, direction, theme and phone layout of the whole panel through the mock host.
 * (The browser test __tests__/browser/accessibility.test.ts repeats the keyboard path with real focus and runs axe.)
 */
import "@testing-library/jest-dom/jest-globals";
import { describe, expect, it, jest } from "@jest/globals";
import { configure, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { webDarkTheme } from "@fluentui/react-components";
import { computeAccessibleName } from "dom-accessibility-api";
import { ACTION_MESSAGES, dataverseErrorResponse, type MockContextOptions, type MockHost } from "../support/mockContext";
import { IDS } from "../support/fixtures";
import { renderPanel as renderWholePanel } from "../support/panel";
import { s } from "../support";
import { expectNoConsoleErrors } from "../support/panel";

jest.setTimeout(60000);
configure({ asyncUtilTimeout: 10000 });

const renderPanel = (options: MockContextOptions = {}): MockHost => renderWholePanel(options).host;

async function loaded(): Promise<void> {
  await screen.findByText(s("Load_Done"));
  await waitFor(() => expect(screen.queryByText(s("History_Loading"))).not.toBeInTheDocument());
}

const actionCalls = (host: MockHost) => host.fetchCalls.filter((call) => call.url.endsWith("/UpdateApprovalStatus"));

/**
 * Moves focus to a control. In jsdom, tabster's dummy elements (Fluent's focus management) keep Tab at the body, so
 * the Tab order itself is checked in Chromium (__tests__/browser/accessibility.test.ts); here every step after
 * reaching a control is done with the keyboard.
 */
async function focusOn(target: HTMLElement): Promise<void> {
  target.focus();
  await waitFor(() => expect(target).toHaveFocus());
}

// Griffel reports classes of the wrong direction and React reports act() problems here.
expectNoConsoleErrors();

describe("keyboard only", () => {
  it("approves with the keyboard alone; focus lands on the announced status", async () => {
    const host = renderPanel();
    const user = userEvent.setup();
    await loaded();
    const comment = screen.getByRole("textbox", { name: s("Decision_CommentLabel") });
    await focusOn(comment);
    await user.keyboard("Tested in UAT");
    await focusOn(screen.getByRole("button", { name: s("Decision_Approve") }));
    await user.keyboard("{Enter}");

    // The dialog takes focus (jsdom: tabster hides it from the accessibility tree, see ApprovalPanel.test.tsx).
    const dialog = await screen.findByRole("alertdialog", { name: s("Confirm_ApproveTitle"), hidden: true });
    await waitFor(() => expect(dialog).toContainElement(document.activeElement as HTMLElement));
    await focusOn(within(dialog).getByRole("button", { name: s("Confirm_Confirm"), hidden: true }));
    await user.keyboard("{Enter}");

    const status = screen.getByRole("status");
    await waitFor(() => expect(status).toHaveTextContent(s("Decision_Status_SentApprove")));
    expect(status).toHaveFocus();
    expect(actionCalls(host)).toHaveLength(1);
    expect(JSON.parse(actionCalls(host)[0].body ?? "")).toMatchObject({ ApprovalStatus: 20, ApprovalComments: "Tested in UAT" });
  });

  it("rejects by keyboard; a refusal takes focus to the message that says why", async () => {
    const host = renderPanel();
    host.setActionHandler(() => dataverseErrorResponse(403, "0x80040220", ACTION_MESSAGES.notOwner));
    const user = userEvent.setup();
    await loaded();
    await focusOn(screen.getByRole("textbox", { name: s("Decision_CommentLabel") }));
    await user.keyboard("Missing the migration notes");
    await focusOn(screen.getByRole("button", { name: s("Decision_Reject") }));
    await user.keyboard("{Enter}");
    const dialog = await screen.findByRole("alertdialog", { name: s("Confirm_RejectTitle"), hidden: true });
    await focusOn(within(dialog).getByRole("button", { name: s("Confirm_Confirm"), hidden: true }));
    await user.keyboard("{Enter}");

    const title = await screen.findByText(s("Refusal_Title"));
    await waitFor(() => expect((document.activeElement as HTMLElement).contains(title)).toBe(true));
    expect(screen.getByRole("status")).toHaveTextContent(s("Decision_Status_NotApplied"));
    // The comment is kept for another try.
    expect(screen.getByRole("textbox", { name: s("Decision_CommentLabel") })).toHaveValue("Missing the migration notes");
  });

  it("Escape closes the confirmation without sending anything", async () => {
    const host = renderPanel();
    const user = userEvent.setup();
    await loaded();
    await focusOn(screen.getByRole("button", { name: s("Decision_Approve") }));
    await user.keyboard("{Enter}");
    await screen.findByRole("alertdialog", { hidden: true });
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("alertdialog", { hidden: true })).not.toBeInTheDocument());
    expect(actionCalls(host)).toHaveLength(0);
  });
});

describe("screen readers", () => {
  it.each([
    ["the stage owner's form", {}],
    ["an approved run", { recordId: IDS.runs.approved }],
    ["a failed run", { recordId: IDS.runs.failedFault }],
  ])("every control in %s has a name", async (_what, options: MockContextOptions) => {
    renderPanel(options);
    await loaded();
    const controls = Array.from(
      document.body.querySelectorAll<HTMLElement>("button, input, textarea, select, a[href], [role='switch'], [tabindex='0']"),
    ).filter((el) => !el.hasAttribute("data-tabster-dummy") && el.closest("[hidden]") === null);
    expect(controls.length).toBeGreaterThan(2);
    expect(controls.filter((el) => computeAccessibleName(el).trim() === "").map((el) => el.outerHTML.slice(0, 120))).toEqual([]);
  });

  it("every section is a named region with a heading", async () => {
    renderPanel();
    await loaded();
    for (const key of ["Section_Details", "Section_Gate", "Decision_Heading", "Section_Notes", "Section_Validation", "Section_Settings", "Section_History"]) {
      const region = screen.getByRole("region", { name: s(key) });
      expect(within(region).getByRole("heading", { name: s(key) })).toBeInTheDocument();
    }
  });
});

describe("direction and theme", () => {
  it("Arabic users get the panel and its dialog right to left", async () => {
    renderPanel({ isRTL: true, languageId: 1025 });
    const user = userEvent.setup();
    await loaded();
    const approve = screen.getByRole("button", { name: s("Decision_Approve") });
    expect(approve.closest("[dir]")).toHaveAttribute("dir", "rtl");
    await user.click(approve);
    const dialog = await screen.findByRole("alertdialog", { hidden: true });
    // The surface is portaled out of the panel: its own provider must carry the direction.
    expect(within(dialog).getByText(s("Confirm_ApproveTitle")).closest("[dir]")).toHaveAttribute("dir", "rtl");
  });

  it("the host's dark theme reaches the panel and the portaled dialog", async () => {
    renderPanel({ fluentDesignLanguage: { tokenTheme: webDarkTheme, isDarkTheme: true } as unknown as ComponentFramework.FluentDesignState });
    const user = userEvent.setup();
    await loaded();
    const darkClasses = (): string[] =>
      // FluentProvider writes its theme variables with insertRule, so they are in the sheets, not in textContent.
      Array.from(document.querySelectorAll("style"))
        .flatMap((style) => [style.textContent ?? "", ...Array.from(style.sheet?.cssRules ?? []).map((rule) => rule.cssText)])
        .filter((css) => css.includes(`--colorNeutralBackground1: ${webDarkTheme.colorNeutralBackground1}`))
        .flatMap((css) => [...css.matchAll(/\.([\w-]+)\s*\{/g)].map((m) => m[1]));
    const themed = (el: Element | null): boolean => {
      const provider = el?.closest(".fui-FluentProvider");
      return provider != null && darkClasses().some((c) => provider.classList.contains(c));
    };
    expect(themed(screen.getByRole("button", { name: s("Decision_Approve") }))).toBe(true);
    await user.click(screen.getByRole("button", { name: s("Decision_Approve") }));
    const dialog = await screen.findByRole("alertdialog", { hidden: true });
    expect(themed(within(dialog).getByText(s("Confirm_ApproveTitle")))).toBe(true);
  });
});

describe("phones", () => {
  it("below 480 px the history and settings tables become lists of cards", async () => {
    renderPanel({ allocatedWidth: 375 });
    await loaded();
    expect(document.querySelector("table")).toBeNull();
    const history = screen.getByRole("region", { name: s("Section_History") });
    const runs = within(history).getAllByRole("listitem");
    expect(runs.length).toBeGreaterThan(1);
    expect(runs.filter((item) => item.getAttribute("aria-current") === "true")).toHaveLength(1);
    // Each card still names its values: the column headings become terms.
    expect(within(runs[0]).getByText(s("History_Status"))).toBeInTheDocument();
    const settings = screen.getByRole("region", { name: s("Section_Settings") });
    expect(within(settings).getAllByText(s("Settings_SchemaName")).length).toBeGreaterThan(0);
  });

  it("at desktop width they stay tables", async () => {
    renderPanel({ allocatedWidth: 1200 });
    await loaded();
    expect(within(screen.getByRole("region", { name: s("Section_History") })).getByRole("table")).toBeInTheDocument();
    expect(within(screen.getByRole("region", { name: s("Section_Settings") })).getAllByRole("table").length).toBeGreaterThan(0);
  });
});
