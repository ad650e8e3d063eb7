/**
 * The little XML the solution reader needs: a guarded parser that reads text as it comes, child lookups, and a canonical
 * fingerprint. Parsing and the walks over the tree are jobs (generators) that yield often: runJob runs one to the end at
 * once; on the main thread a Slicer (runChunked) gives the page the event loop back every few tens of milliseconds.
 */
import { runJob } from "./xml/jobs";
import { parseJob, type ReadResult, type XmlElement } from "./xml/parse";

export { runChunked, runJob, Slicer, yieldToPage, type Job } from "./xml/jobs";
export { parseJob, xmlStream, type ReadResult, type SolutionReadError, type SolutionReadProblem, type XmlElement, type XmlStream } from "./xml/parse";
export { at, attr, guid, kid, kids, text } from "./xml/tree";
export { canonical, canonicalJob, canonicalJson, hash } from "./xml/canonical";

/** Parses at once (small files, tests); fromZip streams the file through xmlStream in slices. */
export function parseXml(text: string, file?: string): ReadResult<XmlElement> {
  return runJob(parseJob(text, file));
}
