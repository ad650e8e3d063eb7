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

const pad = (n: number, width?: number): string => String(n).padStart(width ?? 2, "0");

/**
 * Formats a wall-clock date (its UTC fields hold the user's local time) with a .NET custom pattern such as
 * "M/d/yyyy h:mm tt", the form dateFormattingInfo uses. Unknown letters are kept as they are.
 */
export function formatWithPattern(wall: Date, pattern: string, info: Partial<ComponentFramework.UserSettingApi.DateFormattingInfo>): string {
  const year = wall.getUTCFullYear();
  const month = wall.getUTCMonth();
  const day = wall.getUTCDate();
  const hours = wall.getUTCHours();
  const weekday = wall.getUTCDay();
  const designator = (hours < 12 ? info.amDesignator : info.pmDesignator) ?? (hours < 12 ? "AM" : "PM");
  const names = (list: string[] | undefined, index: number, fallback: string): string => list?.[index] || fallback;

  const token = /'[^']*'|"[^"]*"|\\.|d{1,4}|M{1,4}|y{1,5}|h{1,2}|H{1,2}|m{1,2}|s{1,2}|t{1,2}|f+|F+|[/:]|[\s\S]/g;
  return pattern.replace(token, (part) => {
    const size = part.length;
    // One letter: the number as it is; two: with a leading zero.
    const number = (value: number): string => (size === 1 ? String(value) : pad(value));
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
        return size < 3 ? number(day) : names(size === 3 ? info.abbreviatedDayNames : info.dayNames, weekday, String(day));
      case "M":
        return size < 3 ? number(month + 1) : names(size === 3 ? info.abbreviatedMonthNames : info.monthNames, month, pad(month + 1));
      case "y":
        return size < 3 ? number(year % 100) : pad(year, size);
      case "h":
        return number(hours % 12 || 12);
      case "H":
        return number(hours);
      case "m":
        return number(wall.getUTCMinutes());
      case "s":
        return number(wall.getUTCSeconds());
      case "t":
        return size === 1 ? designator.slice(0, 1) : designator;
      case "f":
      case "F":
        return pad(wall.getUTCMilliseconds(), 3).slice(0, size);
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
