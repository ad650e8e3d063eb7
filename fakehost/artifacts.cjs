"use strict";
// Solution files of the fake host's deployment artifacts, and their download (file column `$value`).
// Documented [Learn, "Download Files" of file columns; pipelines reference]: GET deploymentartifacts(id)/artifactfile/$value
// (or artifactfileunmanaged) answers the bytes with x-ms-file-size, x-ms-file-name and mimetype; with
// `Range: bytes=a-b` it answers 206 PartialContent with that slice and x-ms-chunk-size, "a recommended chunk size in
// bytes" (4194304 in Learn's example, so here on every slice, whatever its length). A file not in file storage
// (on-premises, self-managed key) cannot be read in chunks: a Range gets 0x80090017 "Downloading in multiple chunks is
// not supported…" (the "chunking-refused" switch; "no-chunking" plays a host that ignores Range instead). The
// emulator's own: 416 for a malformed or unsatisfiable range, the Content-Range header, status 400 for the refusal
// (Learn gives none), the message for an artifact without a file, and where the bytes come from (the unpacked folders
// under playground/artifacts/, zipped in memory at start).
const { readdirSync, readFileSync, statSync } = require("node:fs");
const { join, relative, sep } = require("node:path");
const { strFromU8, strToU8, zipSync } = require("fflate");
const { ODataError } = require("./query.cjs");

/** The unpacked solutions the seed's ContosoExpenses artifacts are built from: <solution>/<version>/… */
const ARTIFACT_DIR = join(__dirname, "..", "playground", "artifacts");
/** The chunk size the reference gives for Range reads (4 MB), and the x-ms-chunk-size of every 206 answer. */
const CHUNK_SIZE = 4 * 1024 * 1024;
const FILE_COLUMNS = ["artifactfile", "artifactfileunmanaged"];
/** A fixed date for every zip entry: the same folder always zips to the same bytes. */
const MTIME = new Date(Date.UTC(2025, 0, 1));

/** @typedef {{ name: string, bytes: Uint8Array, mimetype: string }} StoredFile */

/** Every file under a folder, by its path in the zip (forward slashes). @param {string} dir */
function filesOf(dir) {
  /** @type {Record<string, Uint8Array>} */ const out = {};
  const walk = (/** @type {string} */ d) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full).split(sep).join("/")] = new Uint8Array(readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

/**
 * A solution zip from entries, the order real exports use ([Content_Types].xml, solution.xml, customizations.xml,
 * then the rest). @param {Record<string, Uint8Array>} entries @param {number} [level]
 */
function zipEntries(entries, level = 6) {
  const first = ["[Content_Types].xml", "solution.xml", "customizations.xml"].filter((p) => p in entries);
  const rest = Object.keys(entries)
    .filter((p) => !first.includes(p))
    .sort();
  /** @type {import("fflate").Zippable} */ const input = {};
  for (const p of [...first, ...rest]) input[p] = [entries[p], { level: /** @type {any} */ (level), mtime: MTIME }];
  return zipSync(input);
}

/**
 * One unpacked solution folder as its managed and unmanaged zips (the unmanaged one differs in solution.xml's
 * <Managed> only: the emulator's own shortcut).
 * @param {string} solution @param {string} version
 */
function packSolutionFolder(solution, version) {
  const entries = filesOf(join(ARTIFACT_DIR, solution, version));
  const manifest = strFromU8(entries["solution.xml"]);
  const unmanaged = { ...entries, "solution.xml": strToU8(manifest.replace("<Managed>1</Managed>", "<Managed>0</Managed>")) };
  return { managed: zipEntries(entries), unmanaged: zipEntries(unmanaged) };
}

/** The versions with an unpacked folder, per solution. @returns {Record<string, string[]>} */
function artifactFolders() {
  /** @type {Record<string, string[]>} */ const out = {};
  for (const solution of readdirSync(ARTIFACT_DIR).sort()) {
    if (!statSync(join(ARTIFACT_DIR, solution)).isDirectory()) continue;
    out[solution] = readdirSync(join(ARTIFACT_DIR, solution))
      .filter((v) => statSync(join(ARTIFACT_DIR, solution, v)).isDirectory())
      .sort();
  }
  return out;
}

/** @type {{ zips: Map<string, { managed: Uint8Array, unmanaged: Uint8Array }>, ms: number } | null} */
let built = null;
/** The seed's zips by "<solution>/<version>", built once per process (jest makes many hosts). */
function seedZips() {
  if (!built) {
    const started = Date.now();
    const zips = new Map();
    for (const [solution, versions] of Object.entries(artifactFolders())) {
      for (const version of versions) zips.set(`${solution}/${version}`, packSolutionFolder(solution, version));
    }
    built = { zips, ms: Date.now() - started };
  }
  return built;
}

const fileNameOf = (/** @type {Record<string, any>} */ row, /** @type {string} */ column) =>
  `${row.name ?? "artifact"}_${String(row.artifactversion ?? "0.0.0.0").replace(/\./g, "_")}${column === "artifactfileunmanaged" ? "" : "_managed"}.zip`;

/** A file id for a new file: a GUID from a counter (the emulator's own). @param {number} n */
const newFileId = (n) => `f4000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

/**
 * The bytes behind the artifact rows' file columns, by file id. The seed's rows whose name and version have an
 * unpacked folder get its zips; `put` registers any bytes on a row at run time (tests, the hostile variants).
 * Bytes are kept in memory only (not in the --data file); a restart rebuilds the seed's.
 * @param {import("./store.cjs").Store} store
 */
function createArtifactFiles(store) {
  /** @type {Map<string, StoredFile>} */ const files = new Map();
  let counter = 0;

  function reset() {
    files.clear();
    const { zips } = seedZips();
    for (const row of store.all("deploymentartifact")) {
      const zip = zips.get(`${row.name}/${row.artifactversion}`);
      if (!zip) continue;
      if (row.artifactfile)
        files.set(String(row.artifactfile).toLowerCase(), { name: fileNameOf(row, "artifactfile"), bytes: zip.managed, mimetype: "application/zip" });
      if (row.artifactfileunmanaged) {
        files.set(String(row.artifactfileunmanaged).toLowerCase(), {
          name: fileNameOf(row, "artifactfileunmanaged"),
          bytes: zip.unmanaged,
          mimetype: "application/zip",
        });
      }
    }
  }

  /**
   * Puts bytes into a file column of an artifact row (a new file id each time), creating the row when it is not
   * there. @param {string} artifactId
   * @param {Uint8Array} bytes
   * @param {{ column?: "artifactfile" | "artifactfileunmanaged", fileName?: string, name?: string, version?: string }} [options]
   */
  function put(artifactId, bytes, options = {}) {
    const column = options.column ?? "artifactfile";
    if (!FILE_COLUMNS.includes(column)) throw new Error(`No file column ${column} on deploymentartifact.`);
    const id = artifactId.replace(/^\{|\}$/g, "").toLowerCase();
    let row = store.get("deploymentartifact", id);
    if (!row) {
      const now = new Date().toISOString();
      row = {
        deploymentartifactid: id,
        name: options.name ?? "Artifact",
        artifactversion: options.version ?? "1.0.0.0",
        generatedon: now,
        artifactfile: null,
        artifactfileunmanaged: null,
        createdon: now,
        modifiedon: now,
        versionnumber: 1,
      };
      store.put("deploymentartifact", id, row);
    } else {
      if (options.name !== undefined) row.name = options.name;
      if (options.version !== undefined) row.artifactversion = options.version;
    }
    const fileId = newFileId(++counter);
    row[column] = fileId;
    store.save();
    files.set(fileId, { name: options.fileName ?? fileNameOf(row, column), bytes, mimetype: "application/zip" });
    return { artifactId: id, column, fileId };
  }

  /** The stored file of a row's column, if any. @param {Record<string, any>} row @param {string} column */
  function fileOf(row, column) {
    const fileId = row[column];
    return fileId ? files.get(String(fileId).toLowerCase()) : undefined;
  }

  reset();
  return {
    files,
    put,
    reset,
    fileOf,
    get buildMs() {
      return seedZips().ms;
    },
  };
}

/**
 * `Range: bytes=a-b` or `bytes=a-` (inclusive, as HTTP), clamped to the file. Anything else, or a start past the
 * end: 416 (the emulator's own; the reference shows `bytes=a-b` only).
 * @param {string} header @param {number} size
 */
function parseRange(header, size) {
  const m = /^\s*bytes=(\d+)-(\d*)\s*$/.exec(header);
  const start = m ? Number(m[1]) : NaN;
  const end = m ? (m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1)) : NaN;
  if (!m || start >= size || end < start) {
    throw new ODataError(416, "0x80090017", `The range '${header}' cannot be satisfied for a file of ${size} bytes.`, { "Content-Range": `bytes */${size}` });
  }
  return { start, end };
}

/** Learn's text for UploadingAndDownloadingInMultipleChunksNotSupported (0x80090017). */
const CHUNKING_NOT_SUPPORTED = "Downloading in multiple chunks is not supported for the files stored in the database.";

/**
 * The answer to GET deploymentartifacts(id)/<column>/$value. noChunking (faults.cjs, a host without chunking): false
 * honours Range; "whole" (or true) ignores it and answers 200 with the whole file; "refused" answers a Range with 400
 * and 0x80090017, and a request without Range with the whole file.
 * @param {{ row: Record<string, any> | undefined, id: string, column: string, range: string | undefined,
 *   noChunking: boolean | "whole" | "refused", fileOf: (row: Record<string, any>, column: string) => StoredFile | undefined }} req
 * @returns {{ status: number, bytes: Uint8Array, headers: Record<string, string> }}
 */
function downloadFile(req) {
  if (!req.row) {
    throw new ODataError(404, "0x80040217", `Entity 'deploymentartifact' With Id = ${req.id} Does Not Exist`);
  }
  const file = req.fileOf(req.row, req.column);
  // The emulator's own text: the reference gives no message for an empty file column.
  if (!file) throw new ODataError(404, "0x80040217", `No file attachment found for attribute: ${req.column} of deploymentartifact ${req.id}.`);
  const size = file.bytes.length;
  const common = { "x-ms-file-size": String(size), "x-ms-file-name": file.name };
  if (req.range !== undefined && req.noChunking === "refused") throw new ODataError(400, "0x80090017", CHUNKING_NOT_SUPPORTED);
  if (req.range === undefined || req.noChunking) {
    return { status: 200, bytes: file.bytes, headers: { ...common, mimetype: file.mimetype, "Content-Type": "application/octet-stream" } };
  }
  const { start, end } = parseRange(req.range, size);
  return {
    status: 206,
    bytes: file.bytes.subarray(start, end + 1),
    headers: {
      ...common,
      "x-ms-chunk-size": String(CHUNK_SIZE),
      "Content-Range": `bytes ${start}-${end}/${size}`,
      "Content-Type": "application/octet-stream",
    },
  };
}

module.exports = { ARTIFACT_DIR, CHUNK_SIZE, FILE_COLUMNS, artifactFolders, createArtifactFiles, downloadFile, packSolutionFolder, seedZips, zipEntries };
