/**
 * Every language file says everything the English one says, with the same placeholders, and the manifest lists
 * every file (a resx the manifest does not list never reaches the host: pcf-scripts copies only listed resources).
 */
import { describe, expect, it } from "@jest/globals";
import * as fs from "fs";
import * as path from "path";
import { commentedKeys, ENGLISH, LOCALES, resx, resxFiles as files, STRINGS } from "./resxFiles";

const MANIFEST = path.resolve(__dirname, "../../ApprovalPanel/ControlManifest.Input.xml");
/** The languages the panel ships: English, German, French, Spanish, Japanese, Arabic. */
const SHIPPED_LANGUAGES = [1033, 1031, 1036, 3082, 1041, 1025];

const placeholders = (text: string): string[] => [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();

const PLURAL = /^(.+)_(zero|one|two|few|many|other)$/;

/** Counted strings: a base key whose English file has an _other form; its other forms depend on the language. */
function pluralBases(keys: Iterable<string>): Set<string> {
  const bases = new Set<string>();
  for (const key of keys) {
    const match = PLURAL.exec(key);
    if (match && match[2] === "other") bases.add(match[1]);
  }
  return bases;
}

function pluralBaseOf(key: string, bases: Set<string>): string | null {
  const match = PLURAL.exec(key);
  return match && bases.has(match[1]) ? match[1] : null;
}

function categoriesOf(lcid: number): string[] {
  return [...new Intl.PluralRules(LOCALES[lcid]).resolvedOptions().pluralCategories].sort();
}

/** The English text a key is translated from: the key itself, or the _other form of a counted string. */
function englishFor(key: string, bases: Set<string>): string | undefined {
  const base = pluralBaseOf(key, bases);
  return english.get(base === null ? key : `${base}_other`);
}

const english = resx.get(ENGLISH) ?? new Map<string, string>();

describe("resx files", () => {
  it("ships the six languages", () => {
    expect(files.map((f) => f.lcid).sort((a, b) => a - b)).toEqual([...SHIPPED_LANGUAGES].sort((a, b) => a - b));
    expect(english.size).toBeGreaterThan(100);
  });

  it("the manifest lists exactly the resx files that exist", () => {
    const manifest = fs.readFileSync(MANIFEST, "utf8");
    const listed = [...manifest.matchAll(/<resx\s+path="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(listed).toEqual(files.map((f) => `strings/${f.name}`).sort());
  });

  const bases = pluralBases(english.keys());

  it.each(files.map((f) => [f.name]))("%s: every string with placeholders says what they stand for", (name) => {
    const commented = commentedKeys(path.join(STRINGS, name));
    const strings = resx.get(files.find((f) => f.name === name)?.lcid ?? 0) as Map<string, string>;
    expect([...strings].filter(([key, value]) => placeholders(value).length > 0 && !commented.has(key)).map(([key]) => key)).toEqual([]);
  });

  describe.each(files)("$name: counted strings", ({ lcid }) => {
    const strings = resx.get(lcid) as Map<string, string>;

    it("has exactly the plural forms its language needs for every counted string", () => {
      expect(bases.size).toBeGreaterThan(5);
      const expected = categoriesOf(lcid);
      const wrong = [...bases]
        .map((base) => ({
          base,
          forms: [...strings.keys()]
            .map((key) => PLURAL.exec(key))
            .filter((m) => m !== null && m[1] === base)
            .map((m) => (m as RegExpExecArray)[2])
            .sort(),
        }))
        .filter(({ forms }) => forms.join() !== expected.join())
        .map(({ base, forms }) => `${base}: ${forms.join(",")} (needs ${expected.join(",")})`);
      expect(wrong).toEqual([]);
    });

    it("puts the count, {0}, in every plural form", () => {
      expect([...strings].filter(([key, value]) => pluralBaseOf(key, bases) !== null && !value.includes("{0}")).map(([key]) => key)).toEqual([]);
    });
  });

  describe.each(files.filter((f) => f.lcid !== ENGLISH))("$name", ({ lcid }) => {
    const strings = resx.get(lcid) as Map<string, string>;

    it("has every English key and no other (counted strings: checked by their forms above)", () => {
      const plain = (keys: Iterable<string>) => [...keys].filter((key) => pluralBaseOf(key, bases) === null);
      expect(plain(english.keys()).filter((key) => !strings.has(key))).toEqual([]);
      expect(plain(strings.keys()).filter((key) => !english.has(key))).toEqual([]);
    });

    it("keeps the English placeholders of every string", () => {
      const differing = [...strings].filter(([key, value]) => {
        const source = englishFor(key, bases);
        return source !== undefined && placeholders(value).join() !== placeholders(source).join();
      });
      expect(differing.map(([key]) => key)).toEqual([]);
    });

    it("translates: no value is empty, and sentences are not left in English", () => {
      expect([...strings].filter(([, value]) => value.trim() === "").map(([key]) => key)).toEqual([]);
      // Values of three words or more are sentences a translator would change; shorter ones ("Pipeline", "{0}/{1}") may match.
      const untranslated = [...strings].filter(([key, value]) => value.split(/\s+/).length >= 3 && englishFor(key, bases) === value).map(([key]) => key);
      expect(untranslated).toEqual([]);
    });
  });
});
