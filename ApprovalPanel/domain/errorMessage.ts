/**
 * errormessage: raw fault text, SOAP/XML or a Web API JSON error, made readable (text only, never markup).
 */
import { decodeJsonText, isJsonObject, nameText, propertyOf, valueText } from "./json";

export interface ReadableError {
  summary: string;
  details: string | null;
}

export const ERROR_SUMMARY_MAX_LENGTH = 1000;
export const ERROR_DETAILS_MAX_LENGTH = 4000;

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'", nbsp: " " };

/** Decodes XML/HTML character references once (so "&amp;lt;" becomes the text "&lt;"). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g, (whole, body: string) => {
    if (body.charAt(0) === "#") {
      const code = body.charAt(1) === "x" || body.charAt(1) === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\uFFFD";
      return String.fromCodePoint(code);
    }
    const named = NAMED_ENTITIES[body.toLowerCase()];
    return named !== undefined ? named : whole;
  });
}

function foldWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function cap(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1).trimEnd() + "…";
}

/**
 * Markup to text: CDATA content is kept as it is, tags become spaces, entities are decoded.
 * Linear time: `<[^<>]*>` stops at the next "<", and CDATA is found with indexOf.
 */
function markupToText(markup: string): string {
  const parts: string[] = [];
  let position = 0;
  while (position < markup.length) {
    const start = markup.indexOf("<![CDATA[", position);
    const plainEnd = start === -1 ? markup.length : start;
    parts.push(decodeEntities(markup.slice(position, plainEnd).replace(/<[^<>]*>/g, " ")));
    if (start === -1) break;
    const end = markup.indexOf("]]>", start + 9);
    if (end === -1) {
      parts.push(markup.slice(start + 9));
      break;
    }
    parts.push(markup.slice(start + 9, end));
    position = end + 3;
  }
  return parts.join("");
}

function looksLikeMarkup(text: string): boolean {
  return /<\/?[A-Za-z][\w.:-]*(?:\s[^<>]{0,500})?\/?>/.test(text);
}

/** Opening tag of a message element, any namespace prefix; attribute text bounded so a broken tag cannot cost more than 500 steps. */
const MESSAGE_OPEN = /<((?:[\w.-]+:)?(?:Message|faultstring|ErrorMessage))(\s[^<>]{0,500})?>/gi;

interface FoundElement {
  start: number;
  end: number;
  content: string;
}

/** Closing tags by local name; any prefix, since the prefix of a broken document may not match the opening one. */
const MESSAGE_CLOSE: Record<string, RegExp> = {
  message: /<\/(?:[\w.-]+:)?message\s*>/gi,
  faultstring: /<\/(?:[\w.-]+:)?faultstring\s*>/gi,
  errormessage: /<\/(?:[\w.-]+:)?errormessage\s*>/gi,
};

/**
 * The first message element with text. Linear in the input: a name whose closing tag is missing is
 * searched once, and an empty element is skipped whole (with the candidates nested in it).
 */
function findMessageElement(text: string): FoundElement | null {
  const unclosed = new Set<string>();
  MESSAGE_OPEN.lastIndex = 0;
  let open: RegExpExecArray | null;
  while ((open = MESSAGE_OPEN.exec(text)) !== null) {
    const attributes = open[2] ?? "";
    if (attributes.endsWith("/")) continue; // <Message i:nil="true"/>
    const localName = open[1].slice(open[1].indexOf(":") + 1).toLowerCase();
    if (unclosed.has(localName)) continue;
    const close = MESSAGE_CLOSE[localName];
    const contentStart = open.index + open[0].length;
    close.lastIndex = contentStart;
    const closeMatch = close.exec(text);
    if (closeMatch === null) {
      unclosed.add(localName);
      continue;
    }
    const end = closeMatch.index + closeMatch[0].length;
    const content = text.slice(contentStart, closeMatch.index);
    if (foldWhitespace(markupToText(content)) === "") {
      MESSAGE_OPEN.lastIndex = end;
      continue;
    }
    return { start: open.index, end, content };
  }
  return null;
}

function removeAll(text: string, part: string): string {
  return part === "" ? text : text.split(part).join(" ");
}

/** {"error":{"code","message"}} (Web API) or {"message"}: the same error text in JSON form. */
function jsonErrorOf(text: string): ReadableError | null {
  if (text.charAt(0) !== "{") return null;
  const decoded = decodeJsonText(text, 1);
  if (!decoded.ok || !isJsonObject(decoded.value)) return null;
  const inner = propertyOf(decoded.value, "error");
  const source = isJsonObject(inner) ? inner : decoded.value;
  const message = nameText(propertyOf(source, "message"));
  if (message === null) return null;
  const code = nameText(valueText(propertyOf(source, "code")));
  return { summary: cap(foldWhitespace(message), ERROR_SUMMARY_MAX_LENGTH), details: code };
}

/**
 * The errormessage column can hold raw fault text or SOAP/XML (Microsoft Learn, table reference).
 * Returns text only (never markup): the message element as the summary, the rest as details.
 */
export function readableErrorMessage(raw: string | null | undefined): ReadableError | null {
  if (raw === null || raw === undefined) return null;
  const text = raw.trim();
  if (text === "") return null;

  const fromJson = jsonErrorOf(text);
  if (fromJson !== null) return fromJson;

  if (looksLikeMarkup(text)) {
    const element = findMessageElement(text);
    const all = foldWhitespace(markupToText(text));
    if (all === "") return null;
    if (element !== null) {
      const fullSummary = foldWhitespace(markupToText(element.content));
      const rest = markupToText(text.slice(0, element.start) + " " + text.slice(element.end));
      // SOAP faults repeat the message (faultstring and Message): do not show it twice.
      const details = foldWhitespace(removeAll(foldWhitespace(rest), fullSummary));
      return {
        summary: cap(fullSummary, ERROR_SUMMARY_MAX_LENGTH),
        details: details === "" ? null : cap(details, ERROR_DETAILS_MAX_LENGTH),
      };
    }
    return splitLongText(all);
  }
  return splitLongText(foldWhitespace(text));
}

/** Short text is the summary; long text gets a shortened summary and the whole text (capped) as details. */
function splitLongText(text: string): ReadableError {
  if (text.length <= ERROR_SUMMARY_MAX_LENGTH) return { summary: text, details: null };
  return { summary: cap(text, ERROR_SUMMARY_MAX_LENGTH), details: cap(text, ERROR_DETAILS_MAX_LENGTH) };
}
