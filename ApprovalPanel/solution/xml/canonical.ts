/** A component's canonical text and fingerprint: what two versions of it are compared by. */
import { sortedJson } from "../../domain/json";
import { runJob, type Job } from "./jobs";
import type { XmlElement } from "./parse";

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
