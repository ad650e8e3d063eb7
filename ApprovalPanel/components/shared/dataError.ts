import type { DataError, DataErrorKind } from "../../domain/types";
import { countText } from "./counts";
import { formatText, keysOf, type Translate, type ResxKey } from "./text";

const keyOf: Readonly<Record<DataErrorKind, ResxKey>> = keysOf("Common_DataError_", [
  "noHost",
  "notFound",
  "unauthorized",
  "forbidden",
  "badRequest",
  "throttled",
  "offline",
  "timeout",
  "server",
  "unknown",
]);

/** A sentence saying why a read failed, in the user's words. */
/** `locale` picks the plural form of "seconds"; without it Intl uses the browser's language. */
export function dataErrorText(error: DataError, t: Translate, locale?: string): string {
  const base = t(keyOf[error.kind] ?? keyOf.unknown);
  if (error.kind === "throttled" && error.retryAfterSeconds !== undefined) {
    return `${base} ${countText(t, locale, "Common_RetryAfter", error.retryAfterSeconds)}`;
  }
  return base;
}

/** The server's own message, prefixed, or null when there is none. */
export function serverMessageText(error: DataError, t: Translate): string | null {
  return error.serverMessage ? formatText(t("Common_ServerSaid"), error.serverMessage) : null;
}
