// Production build that fails when the bundle is missing.
// pcf-scripts exits 0 even when the build fails, so its exit code alone proves nothing.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bundle = join(root, "out", "controls", "ApprovalPanel", "bundle.js");

// The string keys' type first: a mistyped key must fail this build.
const keys = spawnSync(process.execPath, [join(root, "scripts", "resx-keys.mjs")], { cwd: root, stdio: "inherit" });
if (keys.status !== 0) process.exit(keys.status ?? 1);

rmSync(join(root, "out", "controls"), { recursive: true, force: true });
const result = spawnSync(process.execPath, [join(root, "node_modules", "pcf-scripts", "bin", "pcf-scripts.js"), "build", "--buildMode", "production"], {
  cwd: root,
  encoding: "utf8",
  stdio: ["ignore", "pipe", "pipe"],
});
process.stdout.write(result.stdout ?? "");
process.stderr.write(result.stderr ?? "");
const succeeded = result.status === 0 && /\[build\] Succeeded/.test(result.stdout ?? "") && existsSync(bundle);
if (!succeeded) {
  console.error(`Build failed: ${existsSync(bundle) ? "pcf-scripts did not report success" : `${bundle} was not written`}.`);
  process.exit(1);
}
console.log(`Bundle: ${bundle}`);
