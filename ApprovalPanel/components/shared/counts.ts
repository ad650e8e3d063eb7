import { formatText, type CountedKey, type ResxKey, type Translate } from "./text";

/**
 * Counted strings. A resx base key such as "Check_validationErrors" has one entry per plural category the language
 * needs (CLDR: English and German _one/_other, French and Spanish _one/_many/_other, Japanese _other, Arabic
 * _zero/_one/_two/_few/_many/_other); __tests__/i18n/resx.test.ts requires exactly that set in each file.
 * {0} is always the count, formatted for the locale; `args` follow as {1}, {2}, ... (an array, not a rest parameter: that compiles
 * to a loop over `arguments` for the Safari 15 target).
 */
export function countText(t: Translate, locale: string | undefined, baseKey: CountedKey, count: number, args?: ReadonlyArray<string | number>): string {
  const category = pluralCategory(locale, count);
  // Not every language has every category; the resx test holds each file to its own set.
  const key = `${baseKey}_${category}` as ResxKey;
  const template = t(key);
  // A language file without this category (a missing translation) falls back to _other rather than showing a key.
  const text = template === key || template === "" ? t(`${baseKey}_other` as ResxKey) : template;
  return formatText(text, formatNumber(locale, count), ...(args ?? []));
}

export function pluralCategory(locale: string | undefined, count: number): Intl.LDMLPluralRule {
  try {
    return new Intl.PluralRules(locale).select(count);
  } catch {
    return "other";
  }
}

export function formatNumber(locale: string | undefined, value: number): string {
  try {
    return new Intl.NumberFormat(locale).format(value);
  } catch {
    return String(value);
  }
}

const MINUTE_MS = 60_000;

/** "just now", "5 minutes ago", "3 hours ago", "4 days ago" from resx; future times (clock skew) read as "just now". */
export function relativeTimeText(t: Translate, locale: string | undefined, iso: string, now: number): string | null {
  const then = Date.parse(iso);
  if (!Number.isFinite(then)) return null;
  const minutes = Math.floor((now - then) / MINUTE_MS);
  if (minutes < 1) return t("Time_JustNow");
  if (minutes < 60) return countText(t, locale, "Time_MinutesAgo", minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return countText(t, locale, "Time_HoursAgo", hours);
  return countText(t, locale, "Time_DaysAgo", Math.floor(hours / 24));
}
