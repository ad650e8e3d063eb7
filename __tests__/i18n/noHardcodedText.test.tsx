/**
 * Every word the panel shows comes from the resx (so it can be translated) or from the host's data.
 * The whole panel is rendered through the mock host with strings that mark themselves ("⟦Key {0}⟧") and data that
 * marks itself ("‹value›": the host's labels, names, notes, JSON values, dates). Whatever is left once both kinds of
 * marks are removed must be punctuation, digits or spaces: an English word typed into a component would remain.
 */
import "@testing-library/jest-dom/jest-globals";
import { afterEach, describe, expect, it, jest } from "@jest/globals";
import * as React from "react";
import { cleanup, configure, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMockContext, dataverseErrorResponse, resxStrings, webApiError, type MockContextOptions } from "../support/mockContext";
import { createFixtureTables, FORMATTED, IDS, USERS, type Row } from "../support/fixtures";
import { rootFor } from "../support/panel";

jest.setTimeout(60000);
configure({ asyncUtilTimeout: 10000 });

const ENGLISH = resxStrings();

/** "⟦Key {0} {1}⟧": the key, and the English placeholders so the inserted values stay inside the mark. */
const MARKED_STRINGS: Record<string, string> = Object.fromEntries(
  Object.entries(ENGLISH).map(([key, value]) => {
    const slots = [...new Set(value.match(/\{\d+\}/g) ?? [])];
    return [key, `⟦${[key, ...slots].join(" ")}⟧`];
  }),
);
const m = (key: string): string => MARKED_STRINGS[key];

const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T/;
const JSON_COLUMNS = new Set(["deploymentsettingsjson", "validationresults", "approvalproperties"]);
/** Tables whose texts the panel shows. Roles stay as they are: the administrator check compares their names. */
const SHOWN_TABLES = ["deploymentstagerun", "deploymentstage", "deploymentpipeline", "deploymentenvironment", "apnl_approvaldecision"];

const mark = (text: string): string => `‹${text}›`;

/** Marks every string leaf of a JSON value (and the keys too when asked: approval properties show their keys). */
function markJson(value: unknown, keys: boolean): unknown {
  if (typeof value === "string") return value === "" ? value : mark(value);
  if (Array.isArray(value)) return value.map((v) => markJson(v, keys));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [keys ? mark(k) : k, markJson(v, keys)]));
  }
  return value;
}

function markColumn(column: string, value: string): string {
  if (JSON_COLUMNS.has(column)) {
    try {
      const parsed: unknown = JSON.parse(value);
      // Some hosts store JSON encoded twice: keep the encoding, mark the inside.
      if (typeof parsed === "string") return JSON.stringify(markColumn(column, parsed));
      return JSON.stringify(markJson(parsed, column === "approvalproperties"));
    } catch {
      return mark(value);
    }
  }
  if (value.trimStart().startsWith("<")) return value.replace(/>([^<]+)</g, (_w, inner: string) => `>${mark(inner)}<`);
  return mark(value);
}

/** The fixture tables with every shown text marked as data. Ids, dates, numbers and flags are left alone. */
function markedTables(): Record<string, Row[]> {
  const tables = createFixtureTables();
  for (const table of SHOWN_TABLES) {
    tables[table] = (tables[table] ?? []).map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([key, value]) => {
          if (typeof value !== "string" || value === "") return [key, value];
          if (key.endsWith(FORMATTED)) return [key, ISO_DATE.test(String(row[key.slice(0, -FORMATTED.length)] ?? "")) ? value : mark(value)];
          if (key.includes("@") || GUID.test(value) || ISO_DATE.test(value)) return [key, value];
          return [key, markColumn(key, value)];
        }),
      ),
    );
  }
  return tables;
}

function renderPanel(options: MockContextOptions = {}): void {
  const host = createMockContext({
    tables: markedTables(),
    strings: MARKED_STRINGS,
    // Dates are data too.
    formatTime: (value: Date) => mark(value.toISOString()),
    ...options,
  });
  render(rootFor(host));
}

async function loaded(): Promise<void> {
  await screen.findByText(m("Load_Done"));
  await waitFor(() => expect(screen.queryByText(m("History_Loading"))).not.toBeInTheDocument());
}

/** Removes marks, innermost first (a string may hold another string or data). */
function unmarked(text: string): string {
  let rest = text;
  for (;;) {
    const next = rest.replace(/⟦[^⟦⟧]*⟧/g, " ").replace(/‹[^‹›]*›/g, " ");
    if (next === rest) return rest;
    rest = next;
  }
}

const LEFTOVER_OK = /^[\s\p{P}\p{S}\p{N}]*$/u;
const NAMING_ATTRIBUTES = ["aria-label", "aria-description", "aria-valuetext", "title", "placeholder", "alt"];

/** Text a person sees or hears in the document (panel and portaled dialogs) that is neither a resx string nor data. */
function strayText(): string[] {
  const stray: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent === null || parent.closest("style, script") !== null) continue;
    const text = node.textContent ?? "";
    if (!LEFTOVER_OK.test(unmarked(text))) stray.push(text.trim());
  }
  // Joined per element too: a word split over two text nodes ("Appro" + "ved") is still a word.
  for (const element of Array.from(document.body.querySelectorAll("*"))) {
    for (const attribute of NAMING_ATTRIBUTES) {
      const value = element.getAttribute(attribute);
      if (value !== null && !LEFTOVER_OK.test(unmarked(value))) stray.push(`[${attribute}] ${value}`);
    }
    if (element.children.length === 0) continue;
    const joined = element.textContent ?? "";
    if (!LEFTOVER_OK.test(unmarked(joined)) && !stray.some((s) => joined.includes(s))) stray.push(`(in <${element.tagName.toLowerCase()}>) ${joined.trim()}`);
  }
  return [...new Set(stray)];
}

afterEach(() => {
  cleanup();
});

describe("every visible text comes from the resx or the data", () => {
  it("the marking itself works: a plain English word is reported, marked strings and data are not", () => {
    const { container } = render(
      <div>
        <p>{m("Decision_Approve")}</p>
        <p>{`${m("Relay_PendingRow").replace("{0}", mark("Megan")).replace("{1}", m("Relay_DecisionApproved")).replace("{2}", mark("2025"))}`}</p>
        <p>{mark("ContosoExpenses")} (12)</p>
        <button aria-label={m("History_OpenRun")}>1.4</button>
      </div>,
    );
    expect(strayText()).toEqual([]);
    const extra = document.createElement("span");
    extra.textContent = "Approved";
    container.appendChild(extra);
    const label = document.createElement("span");
    label.setAttribute("aria-label", "Close");
    container.appendChild(label);
    expect(strayText()).toEqual(["Approved", "[aria-label] Close"]);
  });

  it("stage owner on a pending run: the form, the gate, settings, validation and history", async () => {
    renderPanel();
    await loaded();
    expect(screen.getByRole("button", { name: m("Decision_Approve") })).toBeInTheDocument();
    expect(strayText()).toEqual([]);
  });

  it("the confirmation dialog, and a refusal with the server's message", async () => {
    const user = userEvent.setup();
    renderPanel({ actionHandler: () => dataverseErrorResponse(403, "0x80040220", mark("Only the owner may decide.")) });
    await loaded();
    await user.type(screen.getByRole("textbox", { name: m("Decision_CommentLabel") }), mark("Ship it"));
    await user.type(screen.getByRole("textbox", { name: m("Decision_AdminNoteLabel") }), mark("CAB 12"));
    await user.click(screen.getByRole("button", { name: m("Decision_Approve") }));
    const dialog = await screen.findByRole("alertdialog", { hidden: true });
    expect(within(dialog).getByText(m("Confirm_ApproveTitle"))).toBeInTheDocument();
    expect(strayText()).toEqual([]);
    await user.click(within(dialog).getByRole("button", { name: m("Confirm_Confirm"), hidden: true }));
    await screen.findByText(m("Refusal_Title"));
    expect(strayText()).toEqual([]);
  });

  it("a comment that is required but missing", async () => {
    const user = userEvent.setup();
    renderPanel();
    await loaded();
    await user.click(screen.getByRole("button", { name: m("Decision_Reject") }));
    await screen.findByText(m("Decision_CommentRequired_Reject"));
    expect(strayText()).toEqual([]);
  });

  it("the requester's own request (read-only outcome)", async () => {
    renderPanel({ user: USERS.requester });
    await loaded();
    expect(screen.getByRole("region", { name: m("Section_Outcome") })).toBeInTheDocument();
    expect(strayText()).toEqual([]);
  });

  it("an administrator on an approved run: comments and approval properties", async () => {
    renderPanel({ user: USERS.admin, recordId: IDS.runs.approved });
    await loaded();
    await screen.findByText(m("Outcome_AdminProperties"));
    expect(strayText()).toEqual([]);
  });

  it("a failed run with a raw fault, its details opened", async () => {
    const user = userEvent.setup();
    renderPanel({ recordId: IDS.runs.failedFault });
    await loaded();
    await user.click(screen.getByRole("button", { name: m("Error_ShowDetails") }));
    expect(strayText()).toEqual([]);
  });

  it("malformed settings and validation results", async () => {
    renderPanel({ recordId: IDS.runs.malformed });
    await loaded();
    expect(strayText()).toEqual([]);
  });

  it("a service principal stage without relay, and a stage without approval", async () => {
    renderPanel({ recordId: IDS.runs.pendingSpn });
    await loaded();
    expect(strayText()).toEqual([]);
    cleanup();
    renderPanel({ recordId: IDS.runs.nonDelegated });
    await loaded();
    expect(strayText()).toEqual([]);
  });

  it("a phone-width form: stacked history and settings", async () => {
    renderPanel({ allocatedWidth: 375, isRTL: true, languageId: 1025 });
    await loaded();
    expect(strayText()).toEqual([]);
  });

  it("no host, and a run that cannot be read", async () => {
    renderPanel({ omit: ["webAPI"] });
    await screen.findByText(m("Panel_NoHost"));
    expect(strayText()).toEqual([]);
    cleanup();
    renderPanel({
      faults: [{ method: "retrieveRecord", entity: "deploymentstagerun", error: webApiError({ code: "0x80040217", message: mark("Not found"), status: 404 }) }],
    });
    await screen.findByText(m("Panel_LoadFailed"));
    expect(strayText()).toEqual([]);
  });
});
