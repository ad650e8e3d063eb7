export declare class VersionError extends Error {}
export declare function parseVersion(text: string): number[];
export declare function compareVersions(a: string, b: string): -1 | 0 | 1;
export declare function toThreePart(text: string): string;
export declare function toFourPart(text: string): string;
export declare function versionFiles(rootDir: string): { packageJson: string; manifest: string; versionTs: string; solutionXml: string };
export declare function setVersion(options: { rootDir: string; version: string; force?: boolean }): {
  previous: string;
  version: string;
  solutionVersion: string;
};
