export declare class PackError extends Error {}
export interface PackOptions {
  /** out/controls/<Control>: the built manifest, bundle.js and the resources it names. */
  builtControlDir: string;
  /**
   * Solutions/src in SolutionPackager's layout: Other/Solution.xml, Other/Customizations.xml (connection references),
   * Other/Relationships.xml + Other/Relationships/*.xml, Other/FieldSecurityProfiles.xml (optional),
   * Entities/<SchemaName>/Entity.xml, Roles/*.xml, Workflows/<Name>-<GUID>.json + .json.data.xml,
   * AppModules/<UniqueName>/AppModule.xml, AppModuleSiteMaps/<UniqueName>/AppModuleSiteMap.xml,
   * environmentvariabledefinitions/<schemaname>/environmentvariabledefinition.xml.
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
  /** Its forms (<FormXml>): ids lower case without braces, and the custom controls each form's descriptions name. */
  forms: SourceForm[];
  /** Its views (<SavedQueries>): ids lower case without braces. */
  views: SourceView[];
}
export interface SourceForm {
  id: string;
  /** The <forms type> the form sits in, e.g. main. */
  type: string;
  customControls: Array<{
    name: string;
    formFactor: string;
    /** The control's uniqueid on the form, lower case without braces. */
    forControl: string;
    /** Parameters that bind a column (not static="true"), by parameter name. */
    bound: Record<string, string>;
  }>;
}
export interface SourceView {
  id: string;
  name: string;
  queryType: string;
  isDefault: boolean;
}
export interface SourceEnvironmentVariable {
  schemaName: string;
  displayName: string;
  /** environmentvariabledefinition.type, e.g. 100000000 (String). */
  type: string;
  typeName: string;
}
export interface SourceSiteMap {
  uniqueName: string;
  /** Tables its subareas open (logical names). */
  tables: string[];
  /** Views its subareas open by Url (ids lower case without braces). */
  views: string[];
}
export interface SourceAppModule {
  uniqueName: string;
  /** The site map's unique name (its one <AppModuleComponent type="62">). */
  siteMap: string;
  tables: string[];
  views: string[];
  forms: string[];
  /** Role map: the solution's roles and platform role templates, ids lower case without braces. */
  roleIds: string[];
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
  /** environmentvariabledefinitions/ (root components of type 380; each its own file in the zip). */
  environmentVariables: SourceEnvironmentVariable[];
  /** AppModuleSiteMaps/ (root components of type 62). */
  siteMaps: SourceSiteMap[];
  /** AppModules/ (root components of type 80). */
  appModules: SourceAppModule[];
};
