/** Contract cases on artifact files (file column $value): downloads, ranges, refusals, hostile zips. */
import { unzipSync } from "fflate";
import { CHUNK_SIZE, EXPENSES_ARTIFACTS, RUNS, USERS, hostileArtifact } from "../../../fakehost/index.cjs";
import { CLIENT_URL, type Caller, type Surface, avery, GUID, type ContractCase } from "./surface";

// ---- artifact files (file column $value) ---------------------------------------------------------------------

const FILE_HEADERS = ["content-type", "mimetype", "x-ms-file-size", "x-ms-file-name", "x-ms-chunk-size", "content-range"];
/** GET deploymentartifacts(id)/<column>/$value: status, the file headers present, and the body's bytes. */
const download = async (s: Surface, caller: Caller, artifactId: string, options: { column?: string; range?: string } = {}) => {
  const headers: Record<string, string> = { ...(options.range ? { Range: options.range } : {}) };
  const res = await s.fetch(caller)(`${CLIENT_URL}/api/data/v9.2/deploymentartifacts(${artifactId})/${options.column ?? "artifactfile"}/$value`, { headers });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const present = Object.fromEntries(FILE_HEADERS.filter((h) => res.headers.get(h) !== null).map((h) => [h, res.headers.get(h)]));
  return { status: res.status, headers: present, bytes };
};
const errorOf = (bytes: Uint8Array) => (JSON.parse(new TextDecoder().decode(bytes)) as { error: { code: string; message: string } }).error;
/** The solution manifest's version and managed flag of a zip. */
const manifestOf = (bytes: Uint8Array) => {
  const xml = new TextDecoder().decode(unzipSync(bytes, { filter: (f) => f.name === "solution.xml" })["solution.xml"]);
  return { version: /<Version>([^<]+)<\/Version>/.exec(xml)?.[1], managed: /<Managed>(\d)<\/Managed>/.exec(xml)?.[1] };
};
const SEEDED = ["1.4.1.0", "1.4.2.0", "1.4.2.2"] as const;

export const artifactCases = (): ContractCase[] => [
  {
    name: "artifact file: the whole file with 200, x-ms-file-size, x-ms-file-name and mimetype",
    run: async (s) => {
      const r = await download(s, avery, EXPENSES_ARTIFACTS["1.4.2.0"]);
      return { status: r.status, headers: r.headers, sizeMatches: Number(r.headers["x-ms-file-size"]) === r.bytes.length, zip: manifestOf(r.bytes) };
    },
    expected: {
      status: 200,
      headers: {
        "content-type": "application/octet-stream",
        mimetype: "application/zip",
        "x-ms-file-size": expect.stringMatching(/^\d+$/),
        "x-ms-file-name": "ContosoExpenses_1_4_2_0_managed.zip",
      },
      sizeMatches: true,
      zip: { version: "1.4.2.0", managed: "1" },
    },
  },
  {
    name: "artifact file: every seeded version opens, managed in artifactfile and unmanaged in artifactfileunmanaged",
    run: async (s) => {
      const out = [];
      for (const version of SEEDED) {
        for (const column of ["artifactfile", "artifactfileunmanaged"]) {
          const r = await download(s, avery, EXPENSES_ARTIFACTS[version], { column });
          const names = Object.keys(unzipSync(r.bytes, { filter: () => true }));
          out.push({
            version,
            column,
            status: r.status,
            zip: manifestOf(r.bytes),
            hasParts: ["[Content_Types].xml", "solution.xml", "customizations.xml"].every((n) => names.includes(n)),
          });
        }
      }
      return out;
    },
    expected: SEEDED.flatMap((version) => [
      { version, column: "artifactfile", status: 200, zip: { version, managed: "1" }, hasParts: true },
      { version, column: "artifactfileunmanaged", status: 200, zip: { version, managed: "0" }, hasParts: true },
    ]),
  },
  {
    name: "artifact file: 206 chunks with Range concatenate to the whole file",
    run: async (s) => {
      const whole = await download(s, avery, EXPENSES_ARTIFACTS["1.4.2.2"]);
      const size = whole.bytes.length;
      const parts: Uint8Array[] = [];
      const answers = [];
      const chunk = 1000;
      for (let start = 0; start < size; start += chunk) {
        const end = Math.min(start + chunk, size) - 1;
        const r = await download(s, avery, EXPENSES_ARTIFACTS["1.4.2.2"], { range: `bytes=${start}-${end}` });
        answers.push(
          r.status === 206 &&
            r.headers["content-range"] === `bytes ${start}-${end}/${size}` &&
            r.headers["x-ms-chunk-size"] === String(CHUNK_SIZE) &&
            r.headers["x-ms-file-size"] === String(size) &&
            r.headers["x-ms-file-name"] === whole.headers["x-ms-file-name"],
        );
        parts.push(r.bytes);
      }
      const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        joined.set(p, at);
        at += p.length;
      }
      return { chunks: answers.length > 1, allPartial: answers.every(Boolean), same: Buffer.from(joined).equals(Buffer.from(whole.bytes)) };
    },
    expected: { chunks: true, allPartial: true, same: true },
  },
  {
    name: "artifact file: a range past the end is clamped; a malformed or unsatisfiable range is 416 (the emulator's own)",
    run: async (s) => {
      const id = EXPENSES_ARTIFACTS["1.4.1.0"];
      const size = (await download(s, avery, id)).bytes.length;
      const tail = await download(s, avery, id, { range: `bytes=${size - 10}-${size + 5000}` });
      const bad = await download(s, avery, id, { range: "bytes=abc" });
      const past = await download(s, avery, id, { range: `bytes=${size}-${size + 10}` });
      return { tail: [tail.status, tail.bytes.length, tail.headers["content-range"]], bad: bad.status, past: past.status };
    },
    expected: { tail: [206, 10, expect.stringMatching(/^bytes \d+-\d+\/\d+$/)], bad: 416, past: 416 },
  },
  {
    name: "artifact file: the no-chunking switch ignores Range and answers 200 with the whole file",
    run: async (s) => {
      const whole = await download(s, avery, EXPENSES_ARTIFACTS["1.4.2.0"]);
      await s.setFaults([{ type: "no-chunking" }]);
      const r = await download(s, avery, EXPENSES_ARTIFACTS["1.4.2.0"], { range: "bytes=0-99" });
      return { status: r.status, contentRange: r.headers["content-range"] ?? null, same: Buffer.from(r.bytes).equals(Buffer.from(whole.bytes)) };
    },
    expected: { status: 200, contentRange: null, same: true },
  },
  {
    name: "artifact file: the chunking-refused switch refuses a Range with 400 and 0x80090017, and answers a request without Range whole",
    run: async (s) => {
      const whole = await download(s, avery, EXPENSES_ARTIFACTS["1.4.2.0"]);
      await s.setFaults([{ type: "chunking-refused" }]);
      const ranged = await download(s, avery, EXPENSES_ARTIFACTS["1.4.2.0"], { range: "bytes=0-4194303" });
      const again = await download(s, avery, EXPENSES_ARTIFACTS["1.4.2.0"]);
      return {
        ranged: [ranged.status, errorOf(ranged.bytes)],
        again: [again.status, again.headers["x-ms-file-size"] === String(whole.bytes.length), Buffer.from(again.bytes).equals(Buffer.from(whole.bytes))],
      };
    },
    expected: {
      ranged: [400, { code: "0x80090017", message: "Downloading in multiple chunks is not supported for the files stored in the database." }],
      again: [200, true, true],
    },
  },
  {
    name: "artifact file: unknown artifact 404, artifact without a file 404, caller without read privilege 403",
    run: async (s) => {
      const unknown = await download(s, avery, "f2000000-0000-4000-8000-0000000000ff");
      const noFile = await download(s, avery, EXPENSES_ARTIFACTS["1.4.2.1"]);
      const forbidden = await download(s, { userId: USERS.quinn }, EXPENSES_ARTIFACTS["1.4.2.0"]);
      return {
        unknown: [unknown.status, errorOf(unknown.bytes).code],
        noFile: [noFile.status, errorOf(noFile.bytes).message],
        forbidden: [forbidden.status, errorOf(forbidden.bytes).code],
      };
    },
    expected: {
      unknown: [404, "0x80040217"],
      noFile: [404, expect.stringContaining("artifactfile")],
      forbidden: [403, "0x80040220"],
    },
  },
  {
    name: "artifact file: faults on reads apply to downloads (500)",
    run: async (s) => {
      await s.setFaults([{ type: "500", match: { kind: "read", entitySet: "deploymentartifacts" } }]);
      return (await download(s, avery, EXPENSES_ARTIFACTS["1.4.2.0"])).status;
    },
    expected: 500,
  },
  {
    name: "artifact file: a record read returns the file column as a file id string, not bytes",
    run: async (s) => {
      const a = await s.webAPI(avery).retrieveRecord("deploymentartifact", EXPENSES_ARTIFACTS["1.4.2.0"], "?$select=artifactfile,artifactversion");
      return { version: a.artifactversion, id: typeof a.artifactfile === "string" && GUID.test(a.artifactfile) };
    },
    expected: { version: "1.4.2.0", id: true },
  },
  {
    name: "artifact file: the Contoso Expenses runs point to the artifact of their version",
    run: async (s) => {
      const out: Record<string, unknown> = {};
      for (const runId of [RUNS.approved, RUNS.ownerPendingMine, RUNS.makerOwnPending, RUNS.malformed, RUNS.doubleEncoded, RUNS.rejected]) {
        const run = await s.webAPI(avery).retrieveRecord("deploymentstagerun", runId, "?$select=artifactversion,_artifactid_value");
        const artifactId = run._artifactid_value as string | null;
        const artifact = artifactId ? await s.webAPI(avery).retrieveRecord("deploymentartifact", artifactId, "?$select=artifactversion") : null;
        out[run.artifactversion as string] = artifact ? artifact.artifactversion : null;
      }
      return out;
    },
    // 1.4.0.3 (rejected) has no artifact any more.
    expected: { "1.4.1.0": "1.4.1.0", "1.4.2.0": "1.4.2.0", "1.4.2.1": "1.4.2.1", "1.4.2.2": "1.4.2.2", "1.4.0.3": null },
  },
  {
    name: "artifact file: a hostile variant registered at run time is served as it was made",
    run: async (s) => {
      const id = "f2000000-0000-4000-8000-0000000000a1";
      await s.putHostile(id, "script");
      const r = await download(s, avery, id);
      return { status: r.status, same: Buffer.from(r.bytes).equals(Buffer.from(hostileArtifact("script"))) };
    },
    expected: { status: 200, same: true },
  },
];
