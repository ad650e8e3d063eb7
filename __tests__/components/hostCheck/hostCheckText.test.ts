import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "fs";
import { join } from "path";
import { buildHostReport, HOST_CHECK_GROUPS, type HostCheckEffect, type HostCheckItem } from "../../../ApprovalPanel/domain/hostCheck";
import { effectText, groupTextKey, OUTCOME_REPORT_CODES, reportText } from "../../../ApprovalPanel/components/hostCheck/hostCheckText";
import { resxStrings, t, tf } from "../sections/strings";
import { commentsElsewhereProbe, currentHostProbe, legacyHostProbe, pascalNavigationProbe, privilegesFailedProbe } from "./probes";

const DOMAIN = join(__dirname, "..", "..", "..", "ApprovalPanel", "domain", "hostCheck", "types.ts");
const GERMAN_RESX = join(__dirname, "..", "..", "..", "ApprovalPanel", "strings", "ApprovalPanel.1031.resx");

/** Every HostCheckEffect, read from the type's declaration (so a new effect is tested without editing this file). */
function allEffects(): HostCheckEffect[] {
  const source = readFileSync(DOMAIN, "utf8");
  const block = /export type HostCheckEffect =([\s\S]*?)\n\n/.exec(source)?.[1] ?? "";
  return [...block.matchAll(/\|\s*"([A-Za-z]+)"/g)].map((m) => m[1] as HostCheckEffect);
}

function germanT(): (key: string) => string {
  const xml = readFileSync(GERMAN_RESX, "utf8");
  const map = new Map<string, string>();
  for (const m of xml.matchAll(/<data\s+name="([^"]+)"[^>]*>\s*<value>([\s\S]*?)<\/value>/g)) map.set(m[1], m[2].replace(/&amp;/g, "&"));
  return (key) => {
    const value = map.get(key);
    if (value === undefined) throw new Error(`Missing German key ${key}`);
    return value;
  };
}

const META = { checkedOn: "2026-12-02T05:00:00.000Z", panelVersion: "1.4.2", recordId: "d1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f51", languageId: 1033 };
const item = (effect: HostCheckEffect, effectArg?: string): HostCheckItem => ({
  id: "x",
  group: "columns",
  subject: "s",
  outcome: "missing",
  effect,
  effectArg,
});

describe("effectText", () => {
  const effects = allEffects();

  it("reads the effects from the model", () => {
    expect(effects.length).toBeGreaterThan(30);
    expect(effects).toContain("pipelineAdministratorMissing");
  });

  it.each(allEffects().map((e) => [e]))("%s has its own sentence, with {0} filled in", (effect) => {
    const key = `HostCheck_Effect_${effect}`;
    expect(effectText(item(effect, "ARG_0"), t)).toBe(tf(key, "ARG_0"));
    expect(effectText(item(effect), t)).not.toMatch(/undefined|\{\d\}/);
  });

  it("the resx has no effect sentence the model does not know", () => {
    const keys = [...resxStrings.keys()].filter((k) => k.startsWith("HostCheck_Effect_"));
    expect(keys.map((k) => k.slice("HostCheck_Effect_".length)).sort()).toEqual([...effects].sort());
  });

  it("says what happens without an English Deployment Pipeline Administrator role", () => {
    expect(effectText(item("pipelineAdministratorMissing"), t)).toMatch(/Deployment Pipeline Administrator.*base language.*only System Administrators/);
  });

  it("sentences with {0} carry what the model gives", () => {
    const report = buildHostReport(commentsElsewhereProbe());
    const comments = report.items.find((i) => i.id === "column:deploymentstagerun.approvalcomments") as HostCheckItem;
    expect(effectText(comments, t)).toBe(tf("HostCheck_Effect_commentsElsewhere", "approvalcomment"));
    const nav = buildHostReport(pascalNavigationProbe()).items.find((i) => i.id === "navigation") as HostCheckItem;
    expect(effectText(nav, t)).toBe(tf("HostCheck_Effect_navigationDifferent", "DeploymentStageId"));
  });
});

describe("reportText", () => {
  const lines = (text: string): string[] => text.split("\n");

  it("starts with the title, the panel version, the ISO time, the language and the record", () => {
    const text = reportText(buildHostReport(currentHostProbe()), META, t);
    expect(lines(text)[0]).toBe(tf("HostCheck_ReportHeader", t("HostCheck_Title"), "1.4.2", META.checkedOn, "1033", META.recordId));
    const noRecord = reportText(buildHostReport(currentHostProbe()), { ...META, recordId: null }, t);
    expect(lines(noRecord)[0]).toBe(tf("HostCheck_ReportHeader", t("HostCheck_Title"), "1.4.2", META.checkedOn, "1033", t("HostCheck_NoRecord")));
  });

  it("then the counts and the approval columns", () => {
    const report = buildHostReport(commentsElsewhereProbe());
    const [, counts, columns] = lines(reportText(report, META, t));
    const { confirmed, missing, different, unchecked } = report.counts;
    expect(counts).toBe(tf("HostCheck_Summary", confirmed, missing, different, unchecked));
    expect(columns).toBe(tf("HostCheck_ApprovalColumns", "approvalcomment, approvalproperties, approvalstatus"));
    const legacy = lines(reportText(buildHostReport(legacyHostProbe()), META, t));
    expect(legacy[2]).toBe(tf("HostCheck_ApprovalColumns", t("HostCheck_None")));
  });

  it("groups the item lines under their headings, in the groups' order, one line per item", () => {
    const report = buildHostReport(commentsElsewhereProbe());
    const text = reportText(report, META, t);
    const blocks = text.trimEnd().split("\n\n").slice(1);
    expect(blocks.map((b) => b.split("\n")[0])).toEqual(HOST_CHECK_GROUPS.map((g) => t(groupTextKey(g))));
    for (const [index, group] of HOST_CHECK_GROUPS.entries()) {
      const itemLines = blocks[index].split("\n").slice(1);
      expect(itemLines).toHaveLength(report.items.filter((i) => i.group === group).length);
    }
    expect(text.split("\n").filter((l) => l.startsWith("["))).toHaveLength(report.items.length);
  });

  it("writes each line as [CODE] subject expected: … found: … — sentence", () => {
    const report = buildHostReport(commentsElsewhereProbe());
    const text = reportText(report, META, t);
    const comments = report.items.find((i) => i.id === "column:deploymentstagerun.approvalcomments") as HostCheckItem;
    expect(text).toContain(
      `[DIFFERENT] deploymentstagerun.approvalcomments ${tf("HostCheck_ReportExpected", "Memo")} ${tf("HostCheck_ReportFound", "approvalcomment")} — ${effectText(comments, t)}`,
    );
    // No expected or found when the model has none.
    expect(text).toContain(`[CONFIRMED] deploymentstagerun — ${t("HostCheck_Effect_asAssumed")}`);
  });

  it("uses every outcome code, in English whatever the language", () => {
    const probe = legacyHostProbe();
    probe.privileges = privilegesFailedProbe().privileges;
    probe.stageRelationships = pascalNavigationProbe().stageRelationships;
    const report = buildHostReport(probe);
    for (const text of [reportText(report, META, t), reportText(report, { ...META, languageId: 1031 }, germanT())]) {
      const codes = new Set(text.split("\n").flatMap((l) => /^\[([A-Z ]+)\]/.exec(l)?.[1] ?? []));
      expect([...codes].sort()).toEqual(Object.values(OUTCOME_REPORT_CODES).sort());
    }
    const german = reportText(report, { ...META, languageId: 1031 }, germanT());
    expect(german).toContain("[NOT CHECKED] prvRead deploymentstagerun — Dies konnte nicht geprüft werden");
  });

  it("never prints undefined, null or a placeholder", () => {
    for (const probe of [currentHostProbe(), commentsElsewhereProbe(), legacyHostProbe(), pascalNavigationProbe(), privilegesFailedProbe()]) {
      const text = reportText(buildHostReport(probe), { ...META, recordId: null }, t);
      expect(text).not.toMatch(/undefined|null|\{\d\}|\[object/);
    }
  });

  it("counts in plain digits, whatever the locale", () => {
    const text = reportText(buildHostReport(currentHostProbe()), { ...META, languageId: 1025 }, t);
    expect(lines(text)[1]).toMatch(/^[^٠-٩]*$/);
  });
});
