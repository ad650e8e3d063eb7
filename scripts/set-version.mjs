// `npm run version -- <x.y.z> [--force]`: the one place to change the version. Writes package.json "version",
// the control manifest's version, ApprovalPanel/version.ts and Solutions/src/Other/Solution.xml (x.y.z.0).
// The control's version must rise on every release, or Dataverse keeps serving the old bundle.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { VersionError, setVersion } from "./lib/version.cjs";

const usage = "Usage: npm run version -- <x.y.z> [--force]";

try {
  const args = process.argv.slice(2);
  let rootDir = join(dirname(fileURLToPath(import.meta.url)), "..");
  let force = false;
  const positional = [];
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === "--force") force = true;
    else if (args[i] === "--root") {
      // Another checkout's root; the tests use a temporary copy so the repository's version never changes.
      if (!args[i + 1]) throw new VersionError("--root needs a folder.");
      rootDir = resolve(args[i + 1]);
      i += 1;
    } else if (args[i].startsWith("--")) throw new VersionError(`Unknown option "${args[i]}". ${usage}`);
    else positional.push(args[i]);
  }
  if (positional.length !== 1) throw new VersionError(usage);
  const result = setVersion({ rootDir, version: positional[0], force });
  console.log(`Version ${result.previous} → ${result.version} (solution ${result.solutionVersion}). Build and pack to release it.`);
} catch (error) {
  if (!(error instanceof VersionError)) throw error;
  console.error(`version: ${error.message}`);
  process.exitCode = 1;
}
