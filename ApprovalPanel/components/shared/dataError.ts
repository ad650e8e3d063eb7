import type { DataError } from "../../domain/types";
import { countText } from "./counts";
import { formatText, type Translate, type ResxKey } from "./text";

/** A sentence saying why a read failed, in the user's words. */
/** `locale` picks the plural form of "seconds"; without it Intl uses the browser's language. */
export function dataErrorText(error: DataError, t: Translate, locale?: string): string {
  // A typed template key: a new kind without words does not compile. A kind no file knows (the key comes back) reads as unknown.
  const key: ResxKey = `Common_DataError_${error.kind}`;
  const text = t(key);
  const base = text === key ? t("Common_DataError_unknown") : text;
  if (error.kind === "throttled" && error.retryAfterSeconds !== undefined) {
    return `${base} ${countText(t, locale, "Common_RetryAfter", error.retryAfterSeconds)}`;
  }
  return base;
}

/** The server's own message, prefixed, or null when there is none. */
export function serverMessageText(error: DataError, t: Translate): string | null {
  return error.serverMessage ? formatText(t("Common_ServerSaid"), error.serverMessage) : null;
}
