import type { ArtifactDiffFailure } from "../../hooks/useArtifactDiff";
import { formatText, type Translate } from "../shared/text";

/**
 * Failures another attempt can fix: the network, the host's time, a permission granted meanwhile, the unexpected.
 * A file too large (or a zip bomb), a damaged zip, an unreadable solution or a DOCTYPE stay as they are: the same bytes
 * fail the same way, so those offer no Retry.
 */
export const RETRYABLE_FAILURES: ReadonlySet<ArtifactDiffFailure> = new Set<ArtifactDiffFailure>(["forbidden", "offline", "timeout", "other"]);

/** Problem names the zip and solution readers put before the file they were reading ("tooLarge: customizations.xml"). */
const READER_PROBLEM = /^[a-z][A-Za-z]*: (.+)$/;
const READER_CODE = /^[a-z][A-Za-z]*$/;

/**
 * The failure's details for a person: the file inside the solution zip as a sentence, a host's own message as it came;
 * a bare reader code says nothing more than the failure's sentence, so it is left out. null: nothing to add.
 */
export function failureDetailText(reason: ArtifactDiffFailure, detail: string | undefined, t: Translate): string | null {
  if (detail === undefined || detail.trim() === "") return null;
  const text = detail.trim();
  const file = READER_PROBLEM.exec(text);
  if (file !== null && reason !== "other") return formatText(t("changes.failure.inFile"), file[1]);
  if (READER_CODE.test(text) && reason !== "other") return null;
  return formatText(t("Changes_Detail"), text);
}
