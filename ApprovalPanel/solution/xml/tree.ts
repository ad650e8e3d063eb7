/** Child lookups over a parsed tree, as the solution readers use them. */
import type { XmlElement } from "./parse";

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
