/**
 * One spelling per term in each language: glossary/<language>.json lists, per term, the word the translation uses
 * (Microsoft's UI word, or the file's own where Microsoft has none) and the variants that must not appear in any value.
 * Variants are matched as whole words and with their case in languages written with spaces (German capitalises nouns,
 * so the noun „Genehmigende“ is not the adjective of „genehmigende Person“); inside words in Japanese and Arabic
 * (no spaces between words, or prefixes written on the word). Arabic diacritics are ignored on both sides.
 */
import { describe, expect, it } from "@jest/globals";
import * as fs from "fs";
import * as path from "path";
import { ENGLISH, resxFiles, stringsOf } from "./resxFiles";

interface GlossaryTerm {
  term: string;
  preferred: string;
  forbidden: string[];
  source: string;
  note?: string;
}

interface Glossary {
  language: string;
  lcid: number;
  wholeWords: boolean;
  terms: GlossaryTerm[];
}

const GLOSSARY_DIR = path.resolve(__dirname, "glossary");

/** Arabic harakat, tanwin, shadda, sukun and the superscript alef: spelling marks that do not change the word. */
const ARABIC_MARKS = /[\u064B-\u065F\u0670]/g;
const normalise = (text: string): string => text.normalize("NFC").replace(ARABIC_MARKS, "");
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The forbidden variants one value contains, as "variant (term)". */
function forbiddenIn(value: string, glossary: Glossary): string[] {
  const text = normalise(value);
  const found: string[] = [];
  for (const term of glossary.terms) {
    for (const variant of term.forbidden) {
      const body = escapeRegExp(normalise(variant));
      const pattern = glossary.wholeWords ? new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, "u") : new RegExp(body, "u");
      if (pattern.test(text)) found.push(`${variant} (${term.term})`);
    }
  }
  return found;
}

const glossaries: Glossary[] = fs
  .readdirSync(GLOSSARY_DIR)
  .filter((name) => name.endsWith(".json"))
  .map((name) => JSON.parse(fs.readFileSync(path.join(GLOSSARY_DIR, name), "utf8")) as Glossary);

describe("glossaries", () => {
  it("every translation has one", () => {
    const translated = resxFiles.map((f) => f.lcid).filter((lcid) => lcid !== ENGLISH);
    expect(glossaries.map((g) => g.lcid).sort()).toEqual(translated.sort());
  });

  it.each(glossaries.map((g): [string, Glossary] => [g.language, g]))(
    "%s: every term names its preferred word, its variants and a Microsoft Learn source",
    (_language, glossary) => {
      expect(glossary.terms.length).toBeGreaterThan(0);
      for (const term of glossary.terms) {
        expect(term.term.trim()).not.toBe("");
        expect(term.preferred.trim()).not.toBe("");
        expect(term.forbidden.length).toBeGreaterThan(0);
        expect(term.source).toMatch(/^https:\/\/learn\.microsoft\.com\/[a-z]{2}-[a-z]{2}\//i);
        // A variant that is part of the preferred spelling would forbid the preferred word itself.
        expect(forbiddenIn(term.preferred, { ...glossary, terms: [term] })).toEqual([]);
      }
    },
  );

  it("the matcher finds a variant and leaves the preferred word and longer words alone", () => {
    const de = glossaries.find((g) => g.lcid === 1031) as Glossary;
    expect(forbiddenIn("Das Panel zählt 2.", de)).toEqual(["Panel (panel (the control))"]);
    expect(forbiddenIn("Der Entscheidungs-Relay-Flow", de)).toContain("Relay (decision relay)");
    expect(forbiddenIn("Importieren Sie die ApprovalPanel-Lösung. Die genehmigende Person sieht den Antragstext nicht.", de)).toEqual([]);
    const ar = glossaries.find((g) => g.lcid === 1025) as Glossary;
    // Inside a word, and with or without diacritics.
    expect(forbiddenIn("تعليقات المعتمِد", ar)).toContain("المعتمد (approver)");
    expect(forbiddenIn("الذي تم نشره", ar)).toContain("نشر (deploy / deployment)");
  });

  describe.each(glossaries.map((g): [string, Glossary] => [g.language, g]))("%s resx", (_language, glossary) => {
    it("uses the glossary's word for every term (no value holds a forbidden variant)", () => {
      const strings = stringsOf(glossary.lcid);
      const found = [...strings].flatMap(([key, value]) => forbiddenIn(value, glossary).map((variant) => `${key}: ${variant}`));
      expect(found).toEqual([]);
    });
  });
});
