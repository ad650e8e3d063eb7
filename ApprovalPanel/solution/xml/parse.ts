/**
 * The reader's own XML parser, not DOMParser: DOMParser reads a whole file in one task (2.5 s for a 20 MB
 * customizations.xml, with the page frozen), cannot be paused, and is not available in a worker. This one reads text as it
 * comes (xmlStream: a chunk at a time, as the zip reader inflates and decodes it) and yields every few hundred nodes.
 */
import type { Job } from "./jobs";

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
/** Markup still unfinished after this many characters is not waited for: it is malformed. */
const MAX_PENDING = 1 << 20;
/** Long enough to tell <!DOCTYPE, <!ENTITY, <!-- and <![CDATA[ apart. */
const DECLARATION = 9;

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

/** XML read a piece at a time: each write parses what its text completes, the rest waits for the next piece. */
export interface XmlStream {
  /** null while the text so far can still be a document; the failure, once it cannot (later writes return it again). */
  write(text: string): Job<ReadResult<XmlElement> | null>;
  /** After the last write: the document, or why it is not one. */
  end(): Job<ReadResult<XmlElement>>;
}

/** A sentinel for markup cut by the end of a piece: it is parsed again when the next piece comes. */
const WAIT = "wait";

/**
 * Parses the XML a solution holds. A DOCTYPE or ENTITY declaration is refused ("entities"): solution files never declare one,
 * and only the five predefined and numeric references are known, so nothing can be expanded. Other errors are "malformed" with
 * what and where (a character offset) as detail. Namespaces are not resolved: localName is the name after its prefix.
 * `take`: told of each element two levels under the root as it closes (a component in its container); when it takes the
 * element, the element leaves the tree, so a large file is never held whole as a tree (fromZip reads components as they close).
 */
export function xmlStream(file?: string, take?: (el: XmlElement, parent: XmlElement, root: XmlElement) => boolean): XmlStream {
  const fail = (problem: SolutionReadProblem, detail?: string): ReadResult<XmlElement> => ({ ok: false, error: { problem, file, detail } });
  const stack: Element[] = [];
  let root: Element | null = null;
  /** The text not parsed yet starts at s[i]; `offset` characters came before s. */
  let s = "";
  let i = 0;
  let offset = 0;
  let started = false;
  let failed: ReadResult<XmlElement> | null = null;
  let count = 0;

  function closed(el: Element): void {
    const holder = stack[1];
    if (take && stack.length === 2 && take(el, holder, stack[0])) {
      holder.children.pop();
      holder.childNodes.pop();
    }
  }

  function* parse(final: boolean): Job<ReadResult<XmlElement> | null> {
    const bad = (what: string): ReadResult<XmlElement> => fail("malformed", `${what} at ${offset + i}`);
    /** Markup that did not parse: cut by the end of this piece, or malformed. */
    const unfinished = (what: string): ReadResult<XmlElement> | typeof WAIT => (!final && s.length - i < MAX_PENDING ? WAIT : bad(what));
    while (i < s.length) {
      if ((++count & 255) === 0) yield;
      const top = stack[stack.length - 1] as Element | undefined;
      const lt = s.indexOf("<", i);
      if (lt < 0 && !final) return null;
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
      const next = markup(top, unfinished, bad);
      if (next === WAIT) return null;
      if (typeof next !== "number") return next;
      i = next;
    }
    return null;
  }

  /** The markup at s[i]: where it ends, WAIT, or the failure. */
  function markup(
    top: Element | undefined,
    unfinished: (what: string) => ReadResult<XmlElement> | typeof WAIT,
    bad: (what: string) => ReadResult<XmlElement>,
  ): number | ReadResult<XmlElement> | typeof WAIT {
    const closing = (mark: string, skip: number): number => {
      const at = s.indexOf(mark, i + skip);
      return at < 0 ? at : at + mark.length;
    };
    if (s.length - i < DECLARATION && s[i + 1] === "!") {
      const cut = unfinished("declaration");
      if (cut === WAIT) return cut;
    }
    let next: number;
    if (s.startsWith("<!--", i)) next = closing("-->", 4);
    else if (s.startsWith("<?", i)) next = closing("?>", 2);
    else if (s.startsWith("<![CDATA[", i)) {
      next = closing("]]>", 9);
      if (!top) return bad("CDATA outside the root element");
      if (next > 0) top.childNodes.push({ nodeType: 4, nodeValue: s.slice(i + 9, next - 3) });
    } else if (s[i + 1] === "!") return /^<!(DOCTYPE|ENTITY)/i.test(s.slice(i, i + DECLARATION)) ? fail("entities") : bad("declaration");
    else if (s[i + 1] === "/") {
      END.lastIndex = i;
      const m = END.exec(s);
      if (!m) return unfinished(top ? `end tag for <${top.name.slice(0, 50)}> expected` : "end tag without start");
      if (!top || m[1] !== top.name) return bad(top ? `end tag for <${top.name.slice(0, 50)}> expected` : "end tag without start");
      closed(stack.pop()!);
      return END.lastIndex;
    } else {
      START.lastIndex = i;
      const m = START.exec(s);
      if (!m) return unfinished("bad tag");
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
      if (!t) return unfinished("unterminated tag");
      const el = new Element(m[1], m[1].slice(m[1].indexOf(":") + 1), attributes);
      if (top) {
        top.children.push(el);
        top.childNodes.push(el);
      } else root = el;
      if (!t[1]) stack.push(el);
      else closed(el);
      return TAG_END.lastIndex;
    }
    return next < 0 ? unfinished("unterminated markup") : next;
  }

  return {
    *write(text) {
      if (failed) return failed;
      if (!started && text !== "") {
        started = true;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      offset += i;
      s = i < s.length ? s.slice(i) + text : text;
      i = 0;
      failed = yield* parse(false);
      return failed;
    },
    *end() {
      if (failed) return failed;
      failed = yield* parse(true);
      if (failed) return failed;
      if (stack.length) return fail("malformed", `<${stack[stack.length - 1].name.slice(0, 50)}> not closed at ${offset + i}`);
      return root ? { ok: true, value: root } : fail("malformed", "no root element");
    },
  };
}

/** The whole text at once (small files, tests): the stream with one piece. */
export function* parseJob(source: string, file?: string): Job<ReadResult<XmlElement>> {
  const stream = xmlStream(file);
  return (yield* stream.write(source)) ?? (yield* stream.end());
}
