/** LCID → BCP 47 for the languages the panel ships strings for; others let Intl pick the browser's locale. */
const LOCALES: Readonly<Record<number, string>> = { 1033: "en-US", 1031: "de-DE", 1036: "fr-FR", 3082: "es-ES", 1041: "ja-JP", 1025: "ar-SA" };

export function localeOf(languageId: number | undefined): string | undefined {
  return languageId !== undefined ? LOCALES[languageId] : undefined;
}
