// Writes ApprovalPanel/generated/resxKeys.ts: the keys of the English resx as a type, so that `t("a mistyped key")` fails
// the type check and the build instead of showing the key to an approver. The build and `npm run typecheck` run it first;
// the file is generated (git-ignored), the resx files stay the only source of strings.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const resx = readFileSync(join(root, "ApprovalPanel", "strings", "ApprovalPanel.1033.resx"), "utf8");
const keys = [...resx.matchAll(/<data\s+name="([^"]+)"/g)].map((m) => m[1]).sort();
if (keys.length === 0) throw new Error("The English resx has no strings.");

const out = join(root, "ApprovalPanel", "generated", "resxKeys.ts");
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  [
    "// Generated from ApprovalPanel.1033.resx by scripts/resx-keys.mjs; do not edit.",
    "export type ResxKey =",
    ...keys.map((k, i) => `  | ${JSON.stringify(k)}${i === keys.length - 1 ? ";" : ""}`),
    "",
  ].join("\n"),
);
console.log(`String keys: ${keys.length} (${out.slice(root.length + 1)})`);
