/**
 * No English word left in a translation. Some English stays on purpose: the names the panel must match or the host
 * shows in English (security roles, which Dataverse does not translate and the panel looks up by name; the Deployment
 * Artifact table; the solution's own app and column, whose names ship in English only; product and protocol names). Those are removed first; what is left must not contain, as a whole
 * word, any of the common English words of the panel's UI.
 */
import { describe, expect, it } from "@jest/globals";
import { ENGLISH, resxFiles, stringsOf } from "./resxFiles";

/** Names that stay in English in every language, longest first so that a longer name goes before its parts. */
const KEPT_NAMES = [
  // The solution's own app and the request table's run id column: their display names ship in English only.
  "Deployment Approvals",
  "Stage Run Id",
  "Deployment Pipeline Administrator",
  "Deployment Pipeline User",
  "Approval Policy Reader",
  "Deployment Approver",
  "Deployment Artifact",
  "Power Platform Pipelines",
  "Power Platform",
  "Power Automate",
  "Power Apps",
  "Microsoft Teams",
  "UpdateApprovalStatus",
  "ApprovalPanel",
  "Dataverse",
  "Web API",
  "Teams",
  "OData",
  "JSON",
  "GUID",
  "DOCTYPE",
];

/** Common English words of the panel's UI: none of them is the word a translation should use. */
const ENGLISH_UI_WORDS = [
  "approve",
  "approved",
  "approval",
  "approvals",
  "approver",
  "approvers",
  "reject",
  "rejected",
  "rejection",
  "stage",
  "stages",
  "request",
  "requests",
  "requested",
  "requester",
  "relay",
  "panel",
  "deploy",
  "deploys",
  "deployed",
  "deployment",
  "deployments",
  "comment",
  "comments",
  "decision",
  "decisions",
  "policy",
  "policies",
  "pending",
  "expires",
  "expired",
  "checklist",
  "settings",
  "owner",
  "run",
  "runs",
  "history",
  "warning",
  "warnings",
  "error",
  "errors",
  "required",
  "the",
  "and",
  "with",
  "this",
  "your",
  "you",
  "not",
  "from",
];

/** Words of the list that are also ordinary words of a language (Spanish "panel" and "error", French "comment" = how). */
const NATIVE_WORDS: Record<number, string[]> = { 3082: ["panel", "error"], 1036: ["comment"] };

/** Tokens that are not words of any language: placeholders, logical names, OData options, URLs. */
const TOKENS = /\{\d+\}|\b[a-z][a-z0-9+.-]*:\/\/\S+|[$\w]*[_$][$\w]*/giu;
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The English UI words one value still holds once the kept names and tokens are removed. */
function englishWordsIn(value: string, lcid: number): string[] {
  let text = value.replace(TOKENS, " ");
  for (const name of KEPT_NAMES) text = text.split(name).join(" ");
  const native = new Set(NATIVE_WORDS[lcid] ?? []);
  const words = ENGLISH_UI_WORDS.filter((w) => !native.has(w));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(${words.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}])`, "giu");
  return [...text.matchAll(pattern)].map((m) => m[1]);
}

describe("no English left in a translation", () => {
  it("the check finds a leftover word and leaves the kept names alone", () => {
    expect(englishWordsIn("Für Dienstprinzipal-Phasen wendet der Relay-Flow die Richtlinie an.", 1031)).toEqual(["Relay"]);
    expect(englishWordsIn("Nur das Entscheidungs-Relay kann mehrere zählen.", 1031)).toEqual(["Relay"]);
    expect(englishWordsIn("La stage est en attente: approve it", 1036)).toEqual(["stage", "approve"]);
    expect(
      englishWordsIn("Bitten Sie um die Rolle „Approval Policy Reader“ oder „Deployment Approver“ (Deployment Artifact, apnl_approvaldecision).", 1031),
    ).toEqual([]);
    expect(englishWordsIn("Este panel necesita un host de Power Platform Pipelines.", 3082)).toEqual([]);
    expect(englishWordsIn("Ce panel attend.", 1036)).toEqual(["panel"]);
    expect(englishWordsIn("パネルは {0} 経由でステージの情報を取得します ($expand)。", 1041)).toEqual([]);
  });

  it.each(resxFiles.filter((f) => f.lcid !== ENGLISH).map((f): [string, number] => [f.name, f.lcid]))("%s", (_name, lcid) => {
    const strings = stringsOf(lcid);
    expect(strings.size).toBeGreaterThan(100);
    const left = [...strings].flatMap(([key, value]) => englishWordsIn(value, lcid).map((word) => `${key}: ${word}`));
    expect(left).toEqual([]);
  });
});
