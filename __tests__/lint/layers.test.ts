/**
 * The guard rails of eslint.config.mjs bite: each layer rule refuses the import it names, the same import passes where it
 * is allowed, and a forgotten promise in the panel fails lint. The project's own ESLint, in one child process that
 * lints probe texts without writing a file (ESLint loads its flat config with a dynamic import, which jest's module
 * runtime does not offer in process). The probes reuse a few file names: the default project that reads them takes
 * only a handful of distinct files.
 */
import { execFile } from "child_process";
import * as path from "path";

jest.setTimeout(180_000);

const ROOT = path.join(__dirname, "..", "..");

interface Probe {
  file: string;
  code: string;
}
type Found = Array<{ ruleId: string | null; message: string }>;

const LINT_PROBES = `
const { ESLint } = require("eslint");
const probes = JSON.parse(process.argv[1]);
(async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const out = [];
  for (const p of probes) {
    const [result] = await eslint.lintText(p.code, { filePath: p.file });
    out.push(result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message })));
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(2); });
`;

function lintProbes(probes: Probe[]): Promise<Found[]> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["-e", LINT_PROBES, JSON.stringify(probes)], { cwd: ROOT, maxBuffer: 10_000_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${error.message}\n${stderr}`));
      resolve(JSON.parse(stdout) as Found[]);
    });
  });
}

const restricted = (found: Found): string[] => found.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);

const HOOK_IMPORT = 'import { useDecision } from "../hooks/useDecision";\nexport const x = useDecision;\n';
const DATA_IMPORT = 'import { createDataverseRepository } from "../data/DataverseRepository";\nexport const x = createDataverseRepository;\n';
const REACT_IMPORT = 'import * as React from "react";\nexport const x = React;\n';

test("each layer rule refuses what it names and allows the same import where it belongs", async () => {
  const found = await lintProbes([
    { file: "ApprovalPanel/domain/lintProbe.ts", code: HOOK_IMPORT },
    { file: "ApprovalPanel/solution/lintProbe.ts", code: DATA_IMPORT },
    { file: "ApprovalPanel/artifact/lintProbe.ts", code: REACT_IMPORT },
    { file: "ApprovalPanel/components/panel/lintProbe.ts", code: DATA_IMPORT.replace("../data/", "../../data/") },
    { file: "ApprovalPanel/app/lintProbe.ts", code: REACT_IMPORT },
    { file: "ApprovalPanel/app/lintProbe.ts", code: HOOK_IMPORT },
    { file: "ApprovalPanel/components/lintProbe.ts", code: HOOK_IMPORT },
    { file: "ApprovalPanel/app/lintProbe.ts", code: DATA_IMPORT },
    { file: "ApprovalPanel/domain/lintProbe.ts", code: 'import { createPanelLoader } from "../app/panelLoader";\nexport const x = createPanelLoader;\n' },
  ]);
  const [domain, solution, artifact, componentToData, appToReact, appToHooks, componentToHooks, appToData, domainToApp] = found.map(restricted);
  expect(domain).toEqual([expect.stringMatching(/^'\.\.\/hooks\/useDecision' import is restricted.*The pure layers import no outer layer\.$/)]);
  expect(solution).toEqual([expect.stringContaining("The pure layers import no outer layer.")]);
  expect(artifact).toEqual([expect.stringContaining("The pure layers import no UI library.")]);
  expect(componentToData).toEqual([expect.stringContaining("Components import no data module")]);
  expect(appToReact).toEqual([expect.stringContaining("app/ imports no UI library.")]);
  expect(appToHooks).toEqual([expect.stringContaining("app/ imports no UI layer.")]);
  expect(componentToHooks).toEqual([]);
  expect(appToData).toEqual([]);
  expect(domainToApp).toEqual([expect.stringContaining("The pure layers import no outer layer.")]);
});

test("a promise the panel neither awaits nor handles fails lint; a file past 300 lines warns", async () => {
  const floating = "export function send(run: () => Promise<void>): void {\n  run();\n}\n";
  const handled = "export function send(run: () => Promise<void>): void {\n  void run().catch(() => undefined);\n}\n";
  const long = Array.from({ length: 301 }, (_, i) => `export const line${i} = ${i};`).join("\n") + "\n";
  const [forgotten, kept, tooLong] = await lintProbes([
    { file: "ApprovalPanel/app/lintProbe.ts", code: floating },
    { file: "ApprovalPanel/app/lintProbe.ts", code: handled },
    { file: "ApprovalPanel/app/lintProbe.ts", code: long },
  ]);
  expect(forgotten.map((m) => m.ruleId)).toContain("@typescript-eslint/no-floating-promises");
  expect(kept.map((m) => m.ruleId)).not.toContain("@typescript-eslint/no-floating-promises");
  expect(tooLong.map((m) => m.ruleId)).toEqual(["max-lines"]);
});
