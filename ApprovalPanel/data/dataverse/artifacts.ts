import type { Guid, Result } from "../../domain/types";
import { downloadArtifactFile, type ArtifactFile, type DownloadOptions } from "../artifactFiles";
import type { ArtifactSource } from "../PipelinesRepository";
import { resultOf } from "../request";
import type { DataverseContext } from "./context";

/** The artifact's solution file (managed by default), in Range chunks; every failure a typed result. */
export function createArtifacts(ctx: DataverseContext): ArtifactSource {
  const downloadArtifact = (artifactId: Guid, options?: DownloadOptions): Promise<Result<ArtifactFile>> =>
    resultOf(() => downloadArtifactFile(ctx.fetchDeps(), artifactId, options));
  return { downloadArtifact };
}
