/**
 * The layer rule of eslint.config.mjs bites: a file of the pure layers that imports an outer layer or React fails lint,
 * and the same import in a component passes. The project's own ESLint on text given on standard input (no file is
 * written; ESLint loads its flat config with a dynamic import, which jest's module runtime does not offer in process).
 */
import { execFile } from "child_process";
import * as path from "path";

jest.setTimeout(120_000);

const ROOT = path.join(__dirname, "..", "..");
const ESLINT = path.join(ROOT, "node_modules", "eslint", "bin", "eslint.js");

function restrictedImports(code: string, file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [ESLINT, "--stdin", "--stdin-filename", file, "--format", "json"],
      { cwd: ROOT, maxBuffer: 10_000_000 },
      (error, stdout) => {
        // Exit code 1 means "lint errors found": the JSON report is still on stdout.
        if (error && error.code !== 1) return reject(error);
        const [result] = JSON.parse(stdout) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>;
        resolve(result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message));
      },
    );
    child.stdin?.end(code);
  });
}

const HOOK_IMPORT = 'import { useDecision } from "../hooks/useDecision";\nexport const x = useDecision;\n';

test("a pure layer importing an outer layer or React fails lint; a component may import the same", async () => {
  const [domain, solution, artifact, component] = await Promise.all([
    restrictedImports(HOOK_IMPORT, "ApprovalPanel/domain/layerProbe.ts"),
    restrictedImports(
      'import { createDataverseRepository } from "../data/DataverseRepository";\nexport const x = createDataverseRepository;\n',
      "ApprovalPanel/solution/layerProbe.ts",
    ),
    restrictedImports('import * as React from "react";\nexport const x = React;\n', "ApprovalPanel/artifact/layerProbe.ts"),
    restrictedImports(HOOK_IMPORT, "ApprovalPanel/components/layerProbe.ts"),
  ]);
  expect(domain).toEqual([expect.stringMatching(/^'\.\.\/hooks\/useDecision' import is restricted.*The pure layers import no outer layer\.$/)]);
  expect(solution).toEqual([expect.stringContaining("The pure layers import no outer layer.")]);
  expect(artifact).toEqual([expect.stringContaining("The pure layers import no UI library.")]);
  expect(component).toEqual([]);
});
