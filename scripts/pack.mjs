// `npm run pack`: production build, then the unmanaged and managed solution zips in Solutions/bin/,
// built without Microsoft's packer (see scripts/lib/solution-pack.cjs).
//   node scripts/pack.mjs                 build, then pack
//   node scripts/pack.mjs --skip-build    pack the existing out/ (fails when it is missing)
//   --built <dir> --source <dir> --out <dir>   other folders (tests use fixture folders)
import { spawnSync } from "node:child_process";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PackError, packSolutions } from "./lib/solution-pack.cjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** @param {string[]} argv */
function parseArgs(argv) {
  const options = {
    build: true,
    builtControlDir: join(root, "out", "controls", "ApprovalPanel"),
    solutionSourceDir: join(root, "Solutions", "src"),
    outDir: join(root, "Solutions", "bin"),
  };
  /** @type {Record<string, "builtControlDir" | "solutionSourceDir" | "outDir">} */
  const folders = { "--built": "builtControlDir", "--source": "solutionSourceDir", "--out": "outDir" };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === "--skip-build") options.build = false;
    else if (arg in folders) {
      const value = argv[i + 1];
      if (!value || value.startsWith("--")) throw new PackError(`${arg} needs a folder.`);
      options[folders[arg]] = resolve(value);
      i += 1;
    } else throw new PackError(`Unknown argument "${arg}". Use --skip-build, --built <dir>, --source <dir>, --out <dir>.`);
  }
  return options;
}

try {
  const options = parseArgs(process.argv.slice(2));
  if (options.build) {
    const build = spawnSync(process.execPath, [join(root, "scripts", "build.mjs")], { cwd: root, stdio: "inherit" });
    if (build.status !== 0) throw new PackError(`The production build failed (exit ${build.status ?? build.signal}); no solution was packed.`);
  }
  for (const result of packSolutions(options)) {
    console.log(`${result.managed ? "Managed  " : "Unmanaged"}: ${relative(process.cwd(), result.zipPath)} (${result.schemaName}, ${result.version})`);
  }
} catch (error) {
  if (!(error instanceof PackError)) throw error;
  console.error(`pack: ${error.message}`);
  process.exitCode = 1;
}
