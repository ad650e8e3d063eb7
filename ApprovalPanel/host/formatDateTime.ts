import { localeOf } from "./locale";
/**
 * Web API date-times are UTC ("2025-03-14T09:12:33Z"); people read them in their own time zone and format.
 * The host does both in context.formatting.formatTime(date, UserLocal). When a host lacks it (or it throws), the
 * fallback uses the user's settings: the offset in force at that date (getTimeZoneOffsetMinutes(date), so a date
 * on the other side of a daylight-saving change gets its own offset) and the user's short date and time patterns.
 */

/** FormattingApi.Types.DateTimeFieldBehavior.UserLocal: the user's time zone and format. */
export const USER_LOCAL_BEHAVIOR = 1 as ComponentFramework.FormattingApi.Types.DateTimeFieldBehavior;

/** The parts of context.formatting / context.userSettings the formatter reads (all optional: hosts differ). */
export interface DateTimeHost {
  formatting?: { formatTime?: (value: Date, behavior: ComponentFramework.FormattingApi.Types.DateTimeFieldBehavior) => string } | null;
  userSettings?: {
    languageId?: number;
    getTimeZoneOffsetMinutes?: (date?: Date) => number;
    dateFormattingInfo?: Partial<ComponentFramework.UserSettingApi.DateFormattingInfo> | null;
  } | null;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/**
 * Formats a wall-clock date (its UTC fields hold the user's local time) with a .NET custom pattern such as
 * "M/d/yyyy h:mm tt", the form dateFormattingInfo uses. Unknown letters are kept as they are.
 */
export function formatWithPattern(wall: Date, pattern: string, info: Partial<ComponentFramework.UserSettingApi.DateFormattingInfo>): string {
  const year = wall.getUTCFullYear();
  const month = wall.getUTCMonth();
  const day = wall.getUTCDate();
  const hours = wall.getUTCHours();
  const minutes = wall.getUTCMinutes();
  const seconds = wall.getUTCSeconds();
  const weekday = wall.getUTCDay();
  const hours12 = hours % 12 === 0 ? 12 : hours % 12;
  const designator = (hours < 12 ? info.amDesignator : info.pmDesignator) ?? (hours < 12 ? "AM" : "PM");
  const names = (list: string[] | undefined, index: number, fallback: string): string => list?.[index] || fallback;

  const token = /'[^']*'|"[^"]*"|\\.|d{1,4}|M{1,4}|y{1,5}|h{1,2}|H{1,2}|m{1,2}|s{1,2}|t{1,2}|f+|F+|[/:]|[\s\S]/g;
  return pattern.replace(token, (part) => {
    switch (part[0]) {
      case "'":
      case '"':
        return part.slice(1, -1);
      case "\\":
        return part.slice(1);
      case "/":
        return info.dateSeparator ?? "/";
      case ":":
        return info.timeSeparator ?? ":";
      case "d":
        if (part.length === 1) return String(day);
        if (part.length === 2) return pad(day);
        return part.length === 3 ? names(info.abbreviatedDayNames, weekday, String(day)) : names(info.dayNames, weekday, String(day));
      case "M":
        if (part.length === 1) return String(month + 1);
        if (part.length === 2) return pad(month + 1);
        return part.length === 3 ? names(info.abbreviatedMonthNames, month, pad(month + 1)) : names(info.monthNames, month, pad(month + 1));
      case "y":
        if (part.length === 1) return String(year % 100);
        if (part.length === 2) return pad(year % 100);
        return pad(year, part.length);
      case "h":
        return part.length === 1 ? String(hours12) : pad(hours12);
      case "H":
        return part.length === 1 ? String(hours) : pad(hours);
      case "m":
        return part.length === 1 ? String(minutes) : pad(minutes);
      case "s":
        return part.length === 1 ? String(seconds) : pad(seconds);
      case "t":
        return part.length === 1 ? designator.slice(0, 1) : designator;
      case "f":
      case "F":
        return pad(wall.getUTCMilliseconds(), 3).slice(0, part.length);
      default:
        return part;
    }
  });
}

function offsetAt(date: Date, host: DateTimeHost): number | null {
  try {
    const offset = host.userSettings?.getTimeZoneOffsetMinutes?.(date);
    return typeof offset === "number" && Number.isFinite(offset) ? offset : null;
  } catch {
    return null;
  }
}

function fallback(date: Date, host: DateTimeHost): string {
  const offset = offsetAt(date, host);
  const info = host.userSettings?.dateFormattingInfo ?? null;
  const languageId = host.userSettings?.languageId;
  const locale = localeOf(languageId);
  if (offset !== null) {
    // Shift by the user's offset and read the UTC fields: the result is the user's wall-clock time, whatever the browser's zone.
    const wall = new Date(date.getTime() + offset * 60000);
    if (
      info &&
      typeof info.shortDatePattern === "string" &&
      info.shortDatePattern !== "" &&
      typeof info.shortTimePattern === "string" &&
      info.shortTimePattern !== ""
    ) {
      return formatWithPattern(wall, `${info.shortDatePattern} ${info.shortTimePattern}`, info);
    }
    try {
      return new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short", timeZone: "UTC" }).format(wall);
    } catch {
      return wall.toISOString().slice(0, 16).replace("T", " ");
    }
  }
  try {
    // No offset from the host: the browser's own time zone is the best guess left.
    return new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short" }).format(date);
  } catch {
    return date.toISOString();
  }
}

/** An ISO 8601 UTC date-time in the user's time zone and format; input that is not a date comes back unchanged. */
export function formatDateTime(isoUtc: string, host: DateTimeHost): string {
  if (typeof isoUtc !== "string" || isoUtc.trim() === "") return isoUtc;
  const date = new Date(isoUtc);
  if (Number.isNaN(date.getTime())) return isoUtc;
  try {
    const formatted = host.formatting?.formatTime?.(date, USER_LOCAL_BEHAVIOR);
    if (typeof formatted === "string" && formatted.trim() !== "") return formatted;
  } catch {
    // Some hosts (and test harnesses) lack formatting or throw for it: use the user's settings instead.
  }
  return fallback(date, host);
}
