/**
 * French typography in ApprovalPanel.1036.resx: a no-break space (U+00A0, the one character used throughout) before
 * : ; ? ! and inside « », so that the browser never wraps the mark alone onto the next line; never a plain space, no
 * space, or another kind of space there. And one apostrophe, the straight one, as in most of the file.
 * A colon inside a token (a URL, "{0}:{1}", a time) is not punctuation and is left alone; so are URLs as a whole.
 */
import { describe, expect, it } from "@jest/globals";
import { stringsOf } from "./resxFiles";

const FRENCH = 1036;
const NBSP = "\u00A0";
const HIGH_MARKS = ":;?!";
const URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s«»]+/gi;
const describeChar = (c: string | undefined): string =>
  c === undefined ? "nothing" : c === " " ? "a plain space" : /\s/.test(c) ? `U+${c.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0")}` : "no space";

/** What is wrong with the spacing of one French value, one entry per mark. */
function spacingProblems(value: string): string[] {
  const text = value.replace(URL, "URL");
  const problems: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const mark = text[i];
    const before = i > 0 ? text[i - 1] : undefined;
    const after = i + 1 < text.length ? text[i + 1] : undefined;
    if (HIGH_MARKS.includes(mark)) {
      if (before === undefined || before === NBSP || HIGH_MARKS.includes(before)) continue;
      const glued = !/\s/.test(before);
      // "a:b", "{0}:{1}", "10:30": a mark inside a token is not punctuation.
      if (glued && after !== undefined && !/[\s»)"'’.,]/.test(after)) continue;
      problems.push(`${describeChar(before)} before "${mark}"`);
    } else if (mark === "«" && after !== NBSP) {
      problems.push(`${describeChar(after)} after "«"`);
    } else if (mark === "»" && before !== NBSP) {
      problems.push(`${describeChar(before)} before "»"`);
    }
  }
  return problems;
}

describe("French typography", () => {
  const french = stringsOf(FRENCH);

  it("the check catches each kind of mistake and leaves tokens alone", () => {
    expect(spacingProblems("Approuver ce déploiement ?")).toEqual(['a plain space before "?"']);
    expect(spacingProblems("Bloquant:")).toEqual(['no space before ":"']);
    expect(spacingProblems("Bloquant\u202F: voir ci-dessous")).toEqual(['U+202F before ":"']);
    expect(spacingProblems("la propriété « Table de relais »")).toEqual(['a plain space after "«"', 'a plain space before "»"']);
    expect(spacingProblems("«Table»")).toEqual(['no space after "«"', 'no space before "»"']);
    expect(spacingProblems("Vraiment\u00A0?!")).toEqual([]);
    expect(spacingProblems("{0}:{1} · voir https://learn.microsoft.com/fr-fr/power-platform?tab=a;b ou 10:30")).toEqual([]);
    expect(spacingProblems("Colonnes\u00A0: {0}\u00A0; la «\u00A0Table\u00A0»\u00A0?")).toEqual([]);
  });

  it("has values to check", () => {
    expect([...french.values()].filter((v) => /[:;?!«»]/.test(v)).length).toBeGreaterThan(100);
  });

  it("puts a no-break space (U+00A0) before : ; ? ! and inside « » in every value", () => {
    const wrong = [...french].flatMap(([key, value]) => spacingProblems(value).map((p) => `${key}: ${p}`));
    expect(wrong).toEqual([]);
  });

  it("uses the straight apostrophe throughout", () => {
    expect([...french].filter(([, value]) => value.includes("’")).map(([key]) => key)).toEqual([]);
  });
});
