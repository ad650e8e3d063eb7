/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS so the jest tests (ts-jest, CommonJS) can call it directly. */
"use strict";
// The zip's bytes and how they reach the disk.
const { renameSync, rmSync, writeFileSync } = require("node:fs");
const { zipSync } = require("fflate");

/** @param {Record<string, Uint8Array>} entries */
function zipEntries(entries) {
  // Fixed timestamp so the same input gives the same bytes; deflate every entry.
  const mtime = new Date(Date.UTC(2020, 0, 1));
  const input = Object.fromEntries(
    Object.entries(entries).map(([path, bytes]) => [path, /** @type {import("fflate").ZippableFile} */ ([bytes, { level: 9, mtime }])]),
  );
  return zipSync(input);
}

/**
 * Writes via a temporary file in the same folder and a rename, so a half-written zip never stays.
 * @param {string} path
 * @param {Uint8Array} bytes
 */
function writeFileAtomically(path, bytes) {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

module.exports = { zipEntries, writeFileAtomically };
