import { describe, expect, it } from "@jest/globals";
import { formatDateTime, formatWithPattern, type DateTimeHost } from "../../ApprovalPanel/host/formatDateTime";

const EN_US = {
  shortDatePattern: "M/d/yyyy",
  shortTimePattern: "h:mm tt",
  amDesignator: "AM",
  pmDesignator: "PM",
  dateSeparator: "/",
  timeSeparator: ":",
};
const DE_DE = { shortDatePattern: "dd.MM.yyyy", shortTimePattern: "HH:mm", dateSeparator: ".", timeSeparator: ":" };

/** A host without formatting.formatTime: the fallback from the user's settings is what is tested. */
function settingsOnly(offset: (date: Date) => number, info: Record<string, string> = EN_US, languageId = 1033): DateTimeHost {
  return { formatting: null, userSettings: { languageId, getTimeZoneOffsetMinutes: (date?: Date) => offset(date ?? new Date()), dateFormattingInfo: info } };
}

/** Pacific time in 2025: PDT (−7 h) from 9 March 10:00 UTC to 2 November 09:00 UTC, PST (−8 h) otherwise. */
function pacific(date: Date): number {
  const t = date.getTime();
  return t >= Date.UTC(2025, 2, 9, 10) && t < Date.UTC(2025, 10, 2, 9) ? -420 : -480;
}

describe("formatDateTime", () => {
  it("uses the host's formatTime with the user-local behaviour when there is one", () => {
    const seen: Array<{ iso: string; behavior: number }> = [];
    const host: DateTimeHost = {
      formatting: {
        formatTime: (value, behavior) => {
          seen.push({ iso: value.toISOString(), behavior });
          return "host says 14/03/2025 10:12";
        },
      },
      userSettings: { getTimeZoneOffsetMinutes: () => 0, dateFormattingInfo: EN_US },
    };
    expect(formatDateTime("2025-03-14T09:12:33Z", host)).toBe("host says 14/03/2025 10:12");
    expect(seen).toEqual([{ iso: "2025-03-14T09:12:33.000Z", behavior: 1 }]);
  });

  it.each([
    ["UTC", 0, "3/14/2025 9:12 AM"],
    ["+05:30 (India)", 330, "3/14/2025 2:42 PM"],
    ["-08:00 (Pacific standard time)", -480, "3/14/2025 1:12 AM"],
  ])("shows a UTC time in the user's zone: %s", (_zone, offset, expected) => {
    expect(
      formatDateTime(
        "2025-03-14T09:12:33Z",
        settingsOnly(() => offset),
      ),
    ).toBe(expected);
  });

  it("moves to the next day (and year) when the offset crosses midnight", () => {
    expect(
      formatDateTime(
        "2025-12-31T23:30:00Z",
        settingsOnly(() => 330),
      ),
    ).toBe("1/1/2026 5:00 AM");
    expect(
      formatDateTime(
        "2025-01-01T03:00:00Z",
        settingsOnly(() => -480),
      ),
    ).toBe("12/31/2024 7:00 PM");
  });

  it("gives each date the offset in force at that date across a daylight-saving change", () => {
    const host = settingsOnly(pacific);
    // One hour apart in UTC, but the clocks jumped from 2:00 to 3:00 in between.
    expect(formatDateTime("2025-03-09T09:30:00Z", host)).toBe("3/9/2025 1:30 AM");
    expect(formatDateTime("2025-03-09T10:30:00Z", host)).toBe("3/9/2025 3:30 AM");
    // A summer date keeps its summer offset even when the panel is looked at in winter.
    expect(formatDateTime("2025-07-01T19:00:00Z", host)).toBe("7/1/2025 12:00 PM");
    expect(formatDateTime("2025-11-02T08:30:00Z", host)).toBe("11/2/2025 1:30 AM");
    expect(formatDateTime("2025-11-02T09:30:00Z", host)).toBe("11/2/2025 1:30 AM");
  });

  it("uses the user's own date and time patterns (24-hour German here)", () => {
    expect(
      formatDateTime(
        "2025-03-14T09:12:33Z",
        settingsOnly(() => 60, DE_DE, 1031),
      ),
    ).toBe("14.03.2025 10:12");
  });

  it("falls back to Intl in the user's language when the host gives an offset but no patterns", () => {
    const text = formatDateTime(
      "2025-03-14T09:12:33Z",
      settingsOnly(() => 330, {}, 1031),
    );
    expect(text).toContain("14.03.25");
    expect(text).toContain("14:42");
  });

  it("falls back when formatTime throws or returns nothing", () => {
    const throwing: DateTimeHost = {
      formatting: {
        formatTime: () => {
          throw new Error("not supported");
        },
      },
      userSettings: settingsOnly(() => -480).userSettings,
    };
    expect(formatDateTime("2025-03-14T09:12:33Z", throwing)).toBe("3/14/2025 1:12 AM");
    const empty: DateTimeHost = { formatting: { formatTime: () => "" }, userSettings: settingsOnly(() => 330).userSettings };
    expect(formatDateTime("2025-03-14T09:12:33Z", empty)).toBe("3/14/2025 2:42 PM");
  });

  it("still shows a date when the host gives neither formatting nor an offset", () => {
    const text = formatDateTime("2025-03-14T09:12:33Z", { userSettings: { languageId: 1033 } });
    expect(text).not.toBe("2025-03-14T09:12:33Z");
    expect(text).toMatch(/3\/1[45]\/25/);
  });

  it("returns text that is not a date unchanged", () => {
    const host = settingsOnly(() => 0);
    expect(formatDateTime("not a date", host)).toBe("not a date");
    expect(formatDateTime("", host)).toBe("");
  });
});

describe("formatWithPattern", () => {
  const wall = new Date(Date.UTC(2025, 2, 4, 15, 7, 9));
  it("knows the .NET pattern letters and quoted literals", () => {
    const info = {
      ...EN_US,
      monthNames: ["January", "February", "March"],
      abbreviatedMonthNames: ["Jan", "Feb", "Mar"],
      dayNames: ["Sunday", "Monday", "Tuesday"],
    };
    expect(formatWithPattern(wall, "dddd, MMMM d, yyyy 'at' HH:mm:ss", info)).toBe("Tuesday, March 4, 2025 at 15:07:09");
    expect(formatWithPattern(wall, "yy-MM-dd h:m t", info)).toBe("25-03-04 3:7 P");
    expect(formatWithPattern(wall, "yyyy/MM/dd", { dateSeparator: "." })).toBe("2025.03.04");
  });
  it("writes Japanese and Arabic designators as the user's settings give them", () => {
    expect(formatWithPattern(wall, "yyyy/MM/dd tt h:mm", { amDesignator: "午前", pmDesignator: "午後" })).toBe("2025/03/04 午後 3:07");
    expect(formatWithPattern(wall, "dd/MM/yyyy hh:mm tt", { amDesignator: "ص", pmDesignator: "م" })).toBe("04/03/2025 03:07 م");
  });
});
