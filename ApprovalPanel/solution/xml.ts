/**
 * The little XML the solution reader needs: a guarded parse, child lookups, and a canonical fingerprint.
 * Only parseXml touches the DOM; everything else sees XmlElement, which a DOM Element satisfies.
 */

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

/**
 * DOMParser with "application/xml". A DOCTYPE or ENTITY declaration is refused before parsing, so no entity can be expanded
 * (solution files never declare one). Browsers differ in where they put a parse error: Firefox and jsdom return a
 * <parsererror> root, Chromium inserts it as the root's first child.
 */
export function parseXml(text: string, file?: string): ReadResult<XmlElement> {
  const fail = (problem: SolutionReadProblem, detail?: string): ReadResult<XmlElement> => ({ ok: false, error: { problem, file, detail } });
  if (/<!(DOCTYPE|ENTITY)/i.test(text)) return fail("entities");
  let root: Element | null;
  try {
    root = new DOMParser().parseFromString(text.replace(/^\uFEFF/, ""), "application/xml").documentElement;
  } catch (error) {
    return fail("malformed", error instanceof Error ? error.message : undefined);
  }
  if (!root) return fail("malformed");
  const error = root.localName === "parsererror" ? root : Array.from(root.children).find((c) => c.localName === "parsererror");
  if (error) return fail("malformed", (error.textContent ?? "").trim().slice(0, 200) || undefined);
  return { ok: true, value: root };
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
 */
export function canonical(el: XmlElement, skip?: ReadonlySet<XmlElement>): string {
  const parts: string[] = [];
  const walk = (e: XmlElement): void => {
    const attrs: string[] = [];
    for (let i = 0; i < e.attributes.length; i++) {
      const a = e.attributes[i];
      if (!VOLATILE.has(a.name.toLowerCase()) && !a.name.startsWith("xmlns")) attrs.push(` ${a.name}="${escape(a.value)}"`);
    }
    parts.push(`<${e.localName}${attrs.sort().join("")}>`);
    let k = 0;
    for (let i = 0; i < e.childNodes.length; i++) {
      const node = e.childNodes[i];
      if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_NODE) {
        const t = (node.nodeValue ?? "").trim();
        if (t) parts.push(escape(t));
      } else if (node.nodeType === 1) {
        const child = e.children[k++];
        if (!VOLATILE.has(child.localName.toLowerCase()) && !skip?.has(child)) walk(child);
      }
    }
    parts.push(`</${e.localName}>`);
  };
  walk(el);
  return parts.join("");
}

/** JSON with keys sorted, so a definition file that is only reformatted keeps its fingerprint. Text that is not JSON is used trimmed. */
export function canonicalJson(textValue: string): string {
  const sortKeys = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sortKeys)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
          )
        : v;
  try {
    return JSON.stringify(sortKeys(JSON.parse(textValue.replace(/^\uFEFF/, ""))));
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
