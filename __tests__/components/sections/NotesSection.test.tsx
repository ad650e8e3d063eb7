import { describe, expect, it } from "@jest/globals";
import * as React from "react";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { NotesSection } from "../../../ApprovalPanel/components/sections/NotesSection";
import { HOSTILE, renderInFluent } from "./helpers";
import { t } from "./strings";

function region(): HTMLElement {
  return screen.getByRole("region", { name: "Deployment notes" });
}

describe("NotesSection", () => {
  it("shows the requester's notes and the AI-generated notes with line breaks kept", () => {
    renderInFluent(<NotesSection deploymentNotes={"Line one\nLine two"} aiGeneratedNotes={"Adds a table.\nRemoves a flow."} t={t} />);
    const section = region();
    expect(within(section).getByRole("heading", { name: t("Notes_FromRequester") })).toBeInTheDocument();
    const notes = within(section).getByText((_content, element) => element?.textContent === "Line one\nLine two" && element.children.length === 0);
    expect(getComputedStyle(notes).whiteSpace).toBe("pre-wrap");
    expect(within(section).getByRole("heading", { name: t("Notes_AiGenerated") })).toBeInTheDocument();
    expect(within(section).getByText(t("Notes_AiCaveat"))).toBeInTheDocument();
  });

  it("leaves out AI-generated notes when the host has no such column, and says when notes are empty", () => {
    renderInFluent(<NotesSection deploymentNotes={null} t={t} />);
    const section = region();
    expect(within(section).getByText(t("Notes_None"))).toBeInTheDocument();
    expect(within(section).queryByRole("heading", { name: t("Notes_AiGenerated") })).toBeNull();
  });

  it("says when the AI-generated notes column exists but is empty", () => {
    renderInFluent(<NotesSection deploymentNotes="Notes" aiGeneratedNotes={null} t={t} />);
    expect(within(region()).getByText(t("Notes_AiNone"))).toBeInTheDocument();
  });

  it("shows hostile notes as text and creates no element from them", () => {
    const { container } = renderInFluent(<NotesSection deploymentNotes={HOSTILE} aiGeneratedNotes={`<b>bold</b>${HOSTILE}`} t={t} />);
    expect(within(region()).getByText(HOSTILE)).toBeInTheDocument();
    expect(within(region()).getByText(`<b>bold</b>${HOSTILE}`)).toBeInTheDocument();
    expect(container.querySelector("img, b")).toBeNull();
  });

  it("collapses long notes behind Show all and expands them again with Show less", async () => {
    const long = "a".repeat(2000) + "THE-END";
    renderInFluent(<NotesSection deploymentNotes={long} t={t} />);
    const section = region();
    expect(within(section).queryByText(/THE-END/)).toBeNull();
    const user = userEvent.setup();
    const showAll = within(section).getByRole("button", { name: t("Common_ShowAll") });
    expect(showAll).toHaveAttribute("aria-expanded", "false");
    await user.click(showAll);
    expect(within(section).getByText(/THE-END$/)).toBeInTheDocument();
    const showLess = within(section).getByRole("button", { name: t("Common_ShowLess") });
    expect(showLess).toHaveAttribute("aria-expanded", "true");
    await user.click(showLess);
    expect(within(section).queryByText(/THE-END/)).toBeNull();
  });

  it("shows notes up to the limit in full without a Show all button", () => {
    renderInFluent(<NotesSection deploymentNotes={"b".repeat(2000)} t={t} />);
    expect(within(region()).queryByRole("button")).toBeNull();
    expect(within(region()).getByText("b".repeat(2000))).toBeInTheDocument();
  });
});
