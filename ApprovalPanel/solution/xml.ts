/**
 * The little XML the solution reader needs: a guarded parser, child lookups, and a canonical fingerprint.
 *
 * The parser is the reader's own, not DOMParser: DOMParser reads a whole file in one task (2.5 s for a 20 MB
 * customizations.xml, with the page frozen), cannot be paused, and is not available in a worker, so a worker would need a
 * parser like this one anyway. Parsing and the walks over the tree are jobs (generators) that yield often: runJob runs one
 * to the end at once, runChunked on the main thread gives the page the event loop back every few tens of milliseconds.
 */

import { sortedJson } from "../domain/json";

export interface XmlElement {
  readonly localName: string;
  readonly children: ArrayLike<XmlElement>;
  readonly childNodes: ArrayLike<{ readonly nodeType: number; readonly nodeValue: string | null }>;
  readonly attributes: ArrayLike<{ readonly name: string; readonly value: string }>;
  readonly textContent: string | null;
}

export type SolutionReadProblem = "entities" | "malformed" | "notSolution";

export interface SolutionReadError {
  problem: SolutionReadProblem;
  /** Which file, when it was not the main one (a path from the solution zip). */
  file?: string;
  detail?: string;
}

export type ReadResult<T> = { ok: true; value: T } | { ok: false; error: SolutionReadError };

/** Work that pauses at each yield; see runJob and runChunked. */
export type Job<T> = Generator<void, T, void>;

/** Runs a job to its end in one go. */
export function runJob<T>(job: Job<T>): T {
  for (;;) {
    const step = job.next();
    if (step.done) return step.value;
  }
}

const SLICE_MS = 40;
/** A message rather than a timer where there is one: timers are clamped to 4 ms when nested and slowed to 1 s in a hidden tab. */
export const yieldToPage = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof MessageChannel !== "function") return void setTimeout(resolve, 0);
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

/** Runs a job on the main thread, giving the page the event loop back every SLICE_MS of work; null when the signal aborts it. */
export async function runChunked<T>(job: Job<T>, signal?: AbortSignal): Promise<T | null> {
  for (let until = performance.now() + SLICE_MS; ;) {
    const step = job.next();
    if (step.done) return step.value;
    if (performance.now() < until) continue;
    await yieldToPage();
    if (signal?.aborted) return null;
    until = performance.now() + SLICE_MS;
  }
}

type Text = { readonly nodeType: 3 | 4; readonly nodeValue: string };

/** An element is its own node (type 1) in its parent's childNodes. Whitespace-only text is not kept: canonical drops it and text() trims. */
class Element implements XmlElement {
  readonly nodeType = 1;
  readonly nodeValue = null;
  readonly children: Element[] = [];
  readonly childNodes: (Element | Text)[] = [];
  constructor(
    readonly name: string,
    readonly localName: string,
    readonly attributes: { name: string; value: string }[],
  ) {}
  /** Without recursion, as the DOM's: a deeply nested file must not overflow the stack. */
  get textContent(): string {
    const out: string[] = [];
    for (const stack: (Element | Text)[] = [this]; stack.length;) {
      const n = stack.pop()!;
      if (n.nodeType === 1) for (let i = n.childNodes.length; i--;) stack.push(n.childNodes[i]);
      else out.push(n.nodeValue);
    }
    return out.join("");
  }
}

const NAME = "[A-Za-z_:\\u00C0-\\uFFFF][\\w.:\\u00B7-\\uFFFF-]*";
const START = new RegExp(`<(${NAME})`, "y");
const ATTRIBUTE = new RegExp(`\\s+(${NAME})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, "y");
const TAG_END = /\s*(\/?)>/y;
const END = new RegExp(`</(${NAME})\\s*>`, "y");
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Line ends normalized (in attributes, white space made spaces) and references replaced; null for an unknown or bad reference. */
function decode(raw: string, attribute: boolean): string | null {
  let value = raw.indexOf("\r") < 0 ? raw : raw.replace(/\r\n?/g, "\n");
  if (attribute) value = value.replace(/[\t\n]/g, " ");
  if (value.indexOf("&") < 0) return value;
  let bad = false;
  value = value.replace(/&([^;&]*)(;?)/g, (_, ref: string, semicolon: string) => {
    const digits = /^#(?:x([\da-fA-F]{1,6})|(\d{1,7}))$/.exec(ref);
    const code = digits ? parseInt(digits[1] ?? digits[2], digits[1] ? 16 : 10) : -1;
    const out = !semicolon
      ? undefined
      : digits
        ? code > 0 && code < 0x110000 && (code < 0xd800 || code > 0xdfff)
          ? String.fromCodePoint(code)
          : undefined
        : Object.prototype.hasOwnProperty.call(NAMED, ref)
          ? NAMED[ref]
          : undefined;
    if (out === undefined) bad = true;
    return out ?? "";
  });
  return bad ? null : value;
}

/**
 * Parses the XML a solution holds. A DOCTYPE or ENTITY declaration is refused ("entities"): solution files never declare one,
 * and only the five predefined and numeric references are known, so nothing can be expanded. Other errors are "malformed" with
 * what and where (a character offset) as detail. Namespaces are not resolved: localName is the name after its prefix.
 */
export function* parseJob(source: string, file?: string): Job<ReadResult<XmlElement>> {
  const fail = (problem: SolutionReadProblem, detail?: string): ReadResult<XmlElement> => ({ ok: false, error: { problem, file, detail } });
  const s = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const stack: Element[] = [];
  let root: Element | null = null;
  let i = 0;
  const bad = (what: string): ReadResult<XmlElement> => fail("malformed", `${what} at ${i}`);
  for (let count = 0; i < s.length; count++) {
    if ((count & 255) === 255) yield;
    const top = stack[stack.length - 1] as Element | undefined;
    const lt = s.indexOf("<", i);
    const end = lt < 0 ? s.length : lt;
    if (end > i) {
      const raw = s.slice(i, end);
      if (/\S/.test(raw)) {
        if (!top) return bad("text outside the root element");
        const value = decode(raw, false);
        if (value === null) return bad("unknown or bad reference");
        top.childNodes.push({ nodeType: 3, nodeValue: value });
      }
      i = end;
      continue;
    }
    const closing = (mark: string, skip: number): number => {
      const at = s.indexOf(mark, i + skip);
      return at < 0 ? at : at + mark.length;
    };
    let next: number;
    if (s.startsWith("<!--", i)) next = closing("-->", 4);
    else if (s.startsWith("<?", i)) next = closing("?>", 2);
    else if (s.startsWith("<![CDATA[", i)) {
      next = closing("]]>", 9);
      if (!top) return bad("CDATA outside the root element");
      if (next > 0) top.childNodes.push({ nodeType: 4, nodeValue: s.slice(i + 9, next - 3) });
    } else if (s[i + 1] === "!") return /^<!(DOCTYPE|ENTITY)/i.test(s.slice(i, i + 9)) ? fail("entities") : bad("declaration");
    else if (s[i + 1] === "/") {
      END.lastIndex = i;
      const m = END.exec(s);
      if (!m || !top || m[1] !== top.name) return bad(top ? `end tag for <${top.name.slice(0, 50)}> expected` : "end tag without start");
      stack.pop();
      next = END.lastIndex;
    } else {
      START.lastIndex = i;
      const m = START.exec(s);
      if (!m) return bad("bad tag");
      if (root && !top) return bad("second root element");
      const attributes: { name: string; value: string }[] = [];
      let j = START.lastIndex;
      for (let a: RegExpExecArray | null; (ATTRIBUTE.lastIndex = j), (a = ATTRIBUTE.exec(s)); j = ATTRIBUTE.lastIndex) {
        const [, name, double, single] = a;
        const value = decode(double ?? single, true);
        if (value === null || attributes.some((x) => x.name === name)) return bad("bad attribute");
        attributes.push({ name, value });
      }
      TAG_END.lastIndex = j;
      const t = TAG_END.exec(s);
      if (!t) return bad("unterminated tag");
      const el = new Element(m[1], m[1].slice(m[1].indexOf(":") + 1), attributes);
      if (top) {
        top.children.push(el);
        top.childNodes.push(el);
      } else root = el;
      if (!t[1]) stack.push(el);
      next = TAG_END.lastIndex;
    }
    if (next < 0) return bad("unterminated markup");
    i = next;
  }
  if (stack.length) return bad(`<${stack[stack.length - 1].name.slice(0, 50)}> not closed`);
  return root ? { ok: true, value: root } : fail("malformed", "no root element");
}

/** Parses at once (small files, tests); fromZip runs parseJob in chunks. */
export function parseXml(text: string, file?: string): ReadResult<XmlElement> {
  return runJob(parseJob(text, file));
}

/** Element names are matched case-insensitively: exports spell some in lower case (optionsets, connectionreferences) and tools differ. */
export function kids(el: XmlElement | null | undefined, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  if (!el) return out;
  for (let i = 0; i < el.children.length; i++) {
    const c = el.children[i];
    if (name === undefined || c.localName.toLowerCase() === name) out.push(c);
  }
  return out;
}

export function kid(el: XmlElement | null | undefined, name: string): XmlElement | null {
  if (!el) return null;
  for (let i = 0; i < el.children.length; i++) if (el.children[i].localName.toLowerCase() === name) return el.children[i];
  return null;
}

/** The element at a path of child names ("EntityInfo/entity"), lower case. */
export function at(el: XmlElement | null | undefined, path: string): XmlElement | null {
  let current = el ?? null;
  for (const name of path.split("/")) current = kid(current, name);
  return current;
}

export function attr(el: XmlElement | null | undefined, name: string): string | null {
  if (!el) return null;
  for (let i = 0; i < el.attributes.length; i++) if (el.attributes[i].name.toLowerCase() === name) return el.attributes[i].value;
  return null;
}

/** Trimmed text of a child element (or of the element itself with no name); null when absent or empty. */
export function text(el: XmlElement | null | undefined, name?: string): string | null {
  const target = name === undefined ? el : kid(el, name);
  const value = target?.textContent?.trim();
  return value ? value : null;
}

/** Ids are written with and without braces, in either case. */
export function guid(value: string | null | undefined): string | null {
  const v = value
    ?.trim()
    .replace(/^\{|\}$/g, "")
    .toLowerCase();
  return v ? v : null;
}

/**
 * Names whose values change on every export without the component changing: the version a component was introduced in,
 * solution version stamps, and the time a row was last written. Matched case-insensitively, as element or attribute.
 * IsCustomizable is kept: it is managed-property data that changes what the target may do.
 */
const VOLATILE = new Set(["introducedversion", "solutionversion", "versionnumber", "overwritetime"]);

const TEXT_NODE = 3;
const CDATA_NODE = 4;

function escape(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
}

/**
 * The element as a canonical string: attributes sorted, volatile names left out, text trimmed and whitespace-only text dropped,
 * comments and processing instructions ignored. `skip` leaves out child elements that are components of their own (a table's columns).
 * A job: it yields as it starts and every 1024 nodes, without recursion, so a deep or large component does not hold the page.
 */
export function* canonicalJob(el: XmlElement, skip?: ReadonlySet<XmlElement>): Job<string> {
  const parts: string[] = [];
  /** Open elements: the element, its next child node, its next child element. */
  const stack: [XmlElement, number, number][] = [];
  const open = (e: XmlElement): void => {
    const attrs: string[] = [];
    for (let i = 0; i < e.attributes.length; i++) {
      const a = e.attributes[i];
      if (!VOLATILE.has(a.name.toLowerCase()) && !a.name.startsWith("xmlns")) attrs.push(` ${a.name}="${escape(a.value)}"`);
    }
    parts.push(`<${e.localName}${attrs.sort().join("")}>`);
    stack.push([e, 0, 0]);
  };
  open(el);
  for (let count = 0; stack.length; count++) {
    if ((count & 1023) === 0) yield;
    const top = stack[stack.length - 1];
    const [e, i] = top;
    if (i >= e.childNodes.length) {
      parts.push(`</${e.localName}>`);
      stack.pop();
      continue;
    }
    top[1]++;
    const node = e.childNodes[i];
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_NODE) {
      const t = (node.nodeValue ?? "").trim();
      if (t) parts.push(escape(t));
    } else if (node.nodeType === 1) {
      const child = e.children[top[2]++];
      if (!VOLATILE.has(child.localName.toLowerCase()) && !skip?.has(child)) open(child);
    }
  }
  return parts.join("");
}

export function canonical(el: XmlElement, skip?: ReadonlySet<XmlElement>): string {
  return runJob(canonicalJob(el, skip));
}

/** JSON with keys sorted, so a definition file that is only reformatted keeps its fingerprint. Text that is not JSON is used trimmed. */
export function canonicalJson(textValue: string): string {
  try {
    return sortedJson(JSON.parse(textValue.replace(/^\uFEFF/, "")));
  } catch {
    return textValue.trim();
  }
}

/** Two 32-bit FNV-1a passes with different offsets, as 16 hex digits: enough to tell versions of one component apart. */
export function hash(value: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ value.length;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}
