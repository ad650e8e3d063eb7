/**
 * Two versions of one component in exported customizations.xml shape, read and compared: the change detailsOfChange reads.
 * `inner` is what an export writes under ImportExportXml (Entities, Roles, Workflows, ...); `files` other files of the zip.
 */
import { detailsOfChange, type DetailItem } from "../../../ApprovalPanel/solution/changeDetail";
import { readComponents, type ComponentKind, type SolutionContents } from "../../../ApprovalPanel/solution/components";
import { diffSolutions, type ComponentChange } from "../../../ApprovalPanel/solution/diff";

export function contents(inner: string, files?: Record<string, string>): SolutionContents {
  const xml = `<?xml version="1.0" encoding="utf-8"?>\n<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" OrganizationVersion="9.2">${inner}<Languages><Language>1033</Language></Languages></ImportExportXml>`;
  const result = readComponents(xml, null, files);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

/** The one changed component of a kind between two versions; fails when there is not exactly one. */
export function changeOf(kind: ComponentKind, before: string, after: string, files?: [Record<string, string>, Record<string, string>]): ComponentChange {
  const changed = diffSolutions(contents(before, files?.[0]), contents(after, files?.[1])).kinds[kind].changed;
  if (changed.length !== 1) throw new Error(`${changed.length} ${kind} changed`);
  return changed[0];
}

export const detailsOf = (kind: ComponentKind, before: string, after: string, files?: [Record<string, string>, Record<string, string>]): DetailItem[] =>
  detailsOfChange(changeOf(kind, before, after, files));

/** A label list as exports write them. */
export const labels = (tag: string, text: string): string => `<${tag}s><${tag} description="${text}" languagecode="1033" /></${tag}s>`;
