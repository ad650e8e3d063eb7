/** Hostile input shared by the hardening tests; the panel helpers live in ../support/panel. */
export * from "../support/panel";

declare global {
  // Set by a hostile payload if it ever runs.
  var __pwned: number | undefined;
}

/** Payloads that would create an element or run a handler if any of them reached the DOM as markup. */
export const PAYLOADS = [
  `<img src=x onerror="globalThis.__pwned=1">`,
  `<script>globalThis.__pwned=2</script>`,
  `"><svg onload="globalThis.__pwned=3">`,
  `<a href="javascript:globalThis.__pwned=4">click</a>`,
  `<iframe src="data:text/html,<script>parent.__pwned=5</script>"></iframe>`,
  `{{constructor.constructor('globalThis.__pwned=6')()}}`,
] as const;

/** One payload per field, tagged so a test can find where each one landed. */
export const hostile = (field: string, i = 0): string => `${field}:${PAYLOADS[i % PAYLOADS.length]}`;

/** Nothing from a payload became an element, an attribute handler or a link with an unsafe scheme. */
export function expectNoInjection(root: HTMLElement = document.body): void {
  expect(globalThis.__pwned).toBeUndefined();
  expect(root.querySelectorAll("img, script, iframe, object, embed")).toHaveLength(0);
  expect(root.querySelectorAll("[onerror], [onload], [onclick], [onmouseover]")).toHaveLength(0);
  for (const a of Array.from(root.querySelectorAll("[href], [src], [action], [formaction]"))) {
    for (const attr of ["href", "src", "action", "formaction"]) {
      const value = (a.getAttribute(attr) ?? "").trim().toLowerCase();
      expect(value.startsWith("javascript:") || value.startsWith("data:") || value.startsWith("vbscript:")).toBe(false);
    }
  }
}
