export declare class PackError extends Error {}
export interface PackOptions {
  /** out/controls/<Control>: the built manifest, bundle.js and the resources it names. */
  builtControlDir: string;
  /** Solutions/src: holds Other/Solution.xml, Other/Customizations.xml, Other/Relationships.xml. */
  solutionSourceDir: string;
  outDir: string;
  managed: boolean;
}
export interface PackResult {
  zipPath: string;
  fileName: string;
  schemaName: string;
  version: string;
  uniqueName: string;
  entryNames: string[];
}
export declare function packSolution(options: PackOptions): PackResult;
export declare function packSolutions(options: Omit<PackOptions, "managed">): Array<PackResult & { managed: boolean }>;
export declare function buildSolutionEntries(options: Omit<PackOptions, "outDir">): {
  fileName: string;
  entries: Record<string, Uint8Array>;
  schemaName: string;
  version: string;
  uniqueName: string;
};
export declare function readBuiltControl(builtControlDir: string): {
  manifestPath: string;
  namespace: string;
  constructorName: string;
  version: string;
  resourceFiles: Array<{ relative: string; absolute: string }>;
};
export declare function readSolutionSource(solutionSourceDir: string): { uniqueName: string; version: string; prefix: string; languages: string[] };
