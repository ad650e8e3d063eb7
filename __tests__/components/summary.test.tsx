import { describe, expect, it } from "@jest/globals";
import * as React from "react";
import { fireEvent, screen, within } from "@testing-library/react";
import { SummaryHeader } from "../../ApprovalPanel/components/summary/SummaryHeader";
import { countText, relativeTimeText } from "../../ApprovalPanel/components/shared/counts";
import type { CountedKey } from "../../ApprovalPanel/components/shared/text";
import { dataErrorText } from "../../ApprovalPanel/components/shared/dataError";
import { formatDateTime, makeRun, renderInFluent } from "./sections/helpers";
import { t, tf } from "./sections/strings";

const NOW = Date.parse("2024-05-01T11:15:00Z"); // two hours after makeRun's request (09:15)
const summary = () => screen.getByRole("region", { name: t("Summary_Label") });

describe("SummaryHeader", () => {
  it("says what is deployed, from where to where, who asked and how long ago", () => {
    renderInFluent(<SummaryHeader run={makeRun()} decidedBy={null} t={t} locale="en-US" formatDateTime={formatDateTime} now={NOW} />);
    expect(within(summary()).getByRole("heading", { name: "ContosoExpenses 1.0.0.4" })).toBeInTheDocument();
    expect(summary()).toHaveTextContent(tf("Summary_Route", "Contoso Dev", "Contoso Test"));
    expect(summary()).toHaveTextContent(tf("Summary_RequestedBy", "Riya Maker"));
    expect(within(summary()).getByText(tf("Time_HoursAgo_other", "2"))).toBeInTheDocument();
  });

  it("shows the absolute time in the user's format on focus, and always to screen readers", () => {
    renderInFluent(<SummaryHeader run={makeRun()} decidedBy={null} t={t} locale="en-US" formatDateTime={formatDateTime} now={NOW} />);
    const time = summary().querySelector("time") as HTMLElement;
    const absolute = tf("Summary_AbsoluteTime", "on 2024-05-01 at 09:15 UTC");
    expect(time).toHaveAttribute("aria-label", `${tf("Time_HoursAgo_other", "2")} ${absolute}`);
    expect(time).toHaveAttribute("tabindex", "0");
    const hiddenClass = within(time).getByText(absolute).className;
    fireEvent.focus(time);
    expect(within(time).getByText(absolute).className).not.toBe(hiddenClass);
    fireEvent.blur(time);
    expect(within(time).getByText(absolute).className).toBe(hiddenClass);
  });

  it("names who decided a decided run, when the panel knows", () => {
    const run = makeRun({ approvalStatus: { value: 20, label: "Approved" }, stageRunStatus: { value: 200000002, label: "Succeeded" } });
    renderInFluent(<SummaryHeader run={run} decidedBy="Avery Owner" t={t} locale="en-US" formatDateTime={formatDateTime} now={NOW} />);
    expect(summary()).toHaveTextContent(tf("Summary_ApprovedBy", "Avery Owner"));
    expect(within(summary()).getByText("Succeeded")).toBeInTheDocument();
    expect(within(summary()).getByText(t("Status_Approved"))).toBeInTheDocument();
  });

  it("does not repeat the same words when the host's run status already says 'Pending Approval'", () => {
    renderInFluent(<SummaryHeader run={makeRun()} decidedBy={null} t={t} locale="en-US" formatDateTime={formatDateTime} now={NOW} />);
    expect(within(summary()).getAllByText(/pending approval/i)).toHaveLength(1);
  });
});

describe("counted strings", () => {
  // Arabic forms as the resx holds them are tested in the i18n suite; here the choice of form.
  const forms: Record<string, string> = {
    X_zero: "zero {0}",
    X_one: "one {0}",
    X_two: "two {0}",
    X_few: "few {0}",
    X_many: "many {0}",
    X_other: "other {0}",
  };
  const tr = (key: string): string => forms[key] ?? key;

  it.each([
    ["en-US", 1, "one 1"],
    ["en-US", 1234, "other 1,234"],
    ["ar-SA", 0, "zero ٠"],
    ["ar-SA", 2, "two ٢"],
    ["ar-SA", 5, "few ٥"],
    ["ar-SA", 11, "many ١١"],
    ["ja-JP", 1, "other 1"],
    ["fr-FR", 1000000, "many 1 000 000"],
  ])("%s %d → %s", (locale, n, expected) => {
    expect(countText(tr, locale, "X" as CountedKey, n).replace(/\u202f|\u00a0/g, " ")).toBe(expected);
  });

  it("says 'Try again in 1 second.', not '1 seconds'", () => {
    expect(dataErrorText({ kind: "throttled", retryAfterSeconds: 1 }, t, "en-US")).toBe(
      `${t("Common_DataError_throttled")} ${tf("Common_RetryAfter_one", "1")}`,
    );
    expect(dataErrorText({ kind: "throttled", retryAfterSeconds: 1200 }, t, "en-US")).toBe(
      `${t("Common_DataError_throttled")} ${tf("Common_RetryAfter_other", "1,200")}`,
    );
  });

  it("falls back to _other when a language file lacks a form", () => {
    expect(countText((key: string) => (key === "Y_other" ? "other {0}" : key), "en-US", "Y" as CountedKey, 1)).toBe("other 1");
  });

  it("reads recent times in minutes, hours, then days; a future time (clock skew) as just now", () => {
    const now = Date.parse("2024-05-10T12:00:00Z");
    expect(relativeTimeText(t, "en-US", "2024-05-10T11:59:30Z", now)).toBe(t("Time_JustNow"));
    expect(relativeTimeText(t, "en-US", "2024-05-10T12:05:00Z", now)).toBe(t("Time_JustNow"));
    expect(relativeTimeText(t, "en-US", "2024-05-10T11:59:00Z", now)).toBe(tf("Time_MinutesAgo_one", "1"));
    expect(relativeTimeText(t, "en-US", "2024-05-09T12:00:00Z", now)).toBe(tf("Time_HoursAgo_other", "24"));
    expect(relativeTimeText(t, "en-US", "2024-05-08T12:00:00Z", now)).toBe(tf("Time_DaysAgo_other", "2"));
    expect(relativeTimeText(t, "en-US", "not a date", now)).toBeNull();
  });
});
