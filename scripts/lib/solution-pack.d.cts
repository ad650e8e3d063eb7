export declare class PackError extends Error {}
export interface PackOptions {
  /** out/controls/<Control>: the built manifest, bundle.js and the resources it names. */
  builtControlDir: string;
  /**
   * Solutions/src in SolutionPackager's layout: Other/Solution.xml, Other/Customizations.xml (connection references),
   * Other/Relationships.xml + Other/Relationships/*.xml, Other/FieldSecurityProfiles.xml (optional),
   * Entities/<SchemaName>/Entity.xml, Roles/*.xml, Workflows/<Name>-<GUID>.json + .json.data.xml.
   */
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
export interface SourceConnectionReference {
  logicalName: string;
  /** The connector's name, e.g. shared_commondataserviceforapps (last segment of connectorid). */
  connector: string;
}
export interface SourceEntity {
  schemaName: string;
  logicalName: string;
  entitySetName: string;
  /** Logical names of every column in Entity.xml, system columns included. */
  columns: string[];
  /** The columns Entity.xml marks IsSecured 1 (column-level security). */
  securedColumns: string[];
}
export interface SourceRole {
  id: string;
  name: string;
  privileges: Array<{ name: string; level: string }>;
}
export interface SourceWorkflow {
  id: string;
  name: string;
  /** File name inside Workflows/, e.g. ApplyApprovalDecisions-<GUID>.json. */
  jsonName: string;
}
export declare function readSolutionSource(solutionSourceDir: string): {
  uniqueName: string;
  version: string;
  prefix: string;
  languages: string[];
  connectionReferences: SourceConnectionReference[];
  entities: SourceEntity[];
  relationships: Array<{ name: string }>;
  roles: SourceRole[];
  workflows: SourceWorkflow[];
  /** Other/FieldSecurityProfiles.xml's profiles (root components of type 70). */
  fieldSecurityProfiles: Array<{ id: string; name: string }>;
};
