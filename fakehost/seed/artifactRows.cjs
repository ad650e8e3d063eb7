"use strict";
// The seed's deployment artifact rows (the files themselves are fakehost/artifacts.cjs).
const { ARTIFACTS, EXPENSES_ARTIFACTS, gid } = require("./ids.cjs");
const { CREATED: created, compareVersions, std } = require("./values.cjs");

/**
 * A fresh copy of the artifact rows, for these runs.
 * @param {Record<string, any>[]} runs the seed's runs @param {Record<string, any>[]} history its generated history
 */
function createArtifacts(runs, history) {
  // One artifact per solution of the seed runs, at its newest version, and one per ContosoExpenses version of
  // EXPENSES_ARTIFACTS. File columns hold a file id [doc: FCD]; only rows with an unpacked folder have files (the others'
  // file columns are null). The runs point to their artifact through `artifactid` (read as _artifactid_value) [doc: TR].
  /** @type {Map<string, Record<string, any>>} */ const newest = new Map();
  for (const r of /** @type {Record<string, any>[]} */ ([...runs, ...history])) {
    const v = newest.get(r.artifactname);
    if (!v || compareVersions(r.artifactversion, v.artifactversion) > 0) newest.set(r.artifactname, r);
  }
  const withFiles = new Set(["1.4.1.0", "1.4.2.0", "1.4.2.2"]);
  const firstRunOf = (/** @type {string} */ version) =>
    /** @type {Record<string, any>[]} */ (runs)
      .filter((r) => r.artifactname === "ContosoExpenses" && r.artifactversion === version)
      .sort((a, b) => (a.createdon < b.createdon ? -1 : 1))[0];
  const artifacts = Object.entries(ARTIFACTS).map(([name, id], i) => {
    const version = newest.get(name)?.artifactversion ?? null;
    const hasFile = name === "ContosoExpenses" && withFiles.has(String(version));
    return std(
      {
        deploymentartifactid: id,
        name,
        artifactversion: version,
        generatedon: newest.get(name)?.createdon ?? created,
        artifactfile: hasFile ? gid("f3000000", 2 * i + 1) : null,
        artifactfileunmanaged: hasFile ? gid("f3000000", 2 * i + 2) : null,
      },
      newest.get(name)?.createdon ?? created,
    );
  });
  Object.entries(EXPENSES_ARTIFACTS).forEach(([version, id], i) => {
    if (id === ARTIFACTS.ContosoExpenses) return;
    const first = firstRunOf(version);
    const generated = first?.createdon ?? created;
    const hasFile = withFiles.has(version);
    artifacts.push(
      std(
        {
          deploymentartifactid: id,
          name: "ContosoExpenses",
          artifactversion: version,
          generatedon: generated,
          artifactfile: hasFile ? gid("f3000000", 0x21 + 2 * i) : null,
          artifactfileunmanaged: hasFile ? gid("f3000000", 0x22 + 2 * i) : null,
        },
        generated,
      ),
    );
  });
  return artifacts;
}

module.exports = { createArtifacts };
