/**
 * solution.xml: ImportExportXml/SolutionManifest, the solution's name, version, publisher and root components.
 */
import { at, attr, guid, kids, parseJob, runJob, text, type Job, type ReadResult } from "./xml";

export interface RootComponent {
  /** Solution component type (Microsoft Learn, "solutioncomponent" table, componenttype choice: 1 table, 29 process, 300 canvas app...). */
  type: number;
  schemaName?: string;
  id?: string;
}

export interface SolutionManifest {
  uniqueName: string;
  version: string;
  managed: boolean;
  publisher: string | null;
  rootComponents: RootComponent[];
  missingDependencies: number;
}

export function readSolutionManifest(xml: string): ReadResult<SolutionManifest> {
  return runJob(manifestJob(xml));
}

export function* manifestJob(xml: string): Job<ReadResult<SolutionManifest>> {
  const parsed = yield* parseJob(xml);
  if (!parsed.ok) return parsed;
  const manifest = parsed.value.localName === "ImportExportXml" ? at(parsed.value, "solutionmanifest") : null;
  const uniqueName = text(manifest, "uniquename");
  if (!manifest || !uniqueName) return { ok: false, error: { problem: "notSolution" } };
  const rootComponents = kids(at(manifest, "rootcomponents"), "rootcomponent").map((rc): RootComponent => {
    const schemaName = attr(rc, "schemaname");
    const id = guid(attr(rc, "id"));
    return { type: Number(attr(rc, "type")), ...(schemaName ? { schemaName } : {}), ...(id ? { id } : {}) };
  });
  return {
    ok: true,
    value: {
      uniqueName,
      version: text(manifest, "version") ?? "",
      // Managed is 0 or 1 in an exported zip.
      managed: text(manifest, "managed") === "1",
      publisher: text(at(manifest, "publisher"), "uniquename"),
      rootComponents,
      missingDependencies: kids(at(manifest, "missingdependencies"), "missingdependency").length,
    },
  };
}
