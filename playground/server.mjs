// One HTTP server for the playground: the host page, the control's production build, the platform libraries
// from node_modules, and the emulated pipelines host (emulator/emulator.mjs).
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { createEmulator } from "./emulator/emulator.mjs";

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, "..");
export const CONTROL_DIR = join(ROOT, "out", "controls", "ApprovalPanel");

/** Files the page may load from node_modules (nothing else of node_modules is served). */
const NODE_MODULES = new Set([
  "react/umd/react.production.min.js",
  "react/umd/react.development.js",
  "react-dom/umd/react-dom.production.min.js",
  "react-dom/umd/react-dom.development.js",
  "pcf-start/lib/react_16_14_0.js",
  "pcf-start/lib/fluent_9_4_0.js",
  "axe-core/axe.min.js",
]);

/** The fake host's client side, shared with the jest tests: the host page loads it (nothing else of fakehost/ is served). */
const FAKEHOST_SCRIPTS = new Set(["fakehost/xrm.js", "fakehost/xrmContext.js"]);

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".resx": "application/xml; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
};

/** A file under `dir`, or null when the path escapes it or does not exist. @param {string} dir @param {string} rel */
function fileUnder(dir, rel) {
  const full = normalize(join(dir, rel));
  if (full !== dir && !full.startsWith(dir + sep)) return null;
  return existsSync(full) && statSync(full).isFile() ? full : null;
}

/**
 * @param {{ dataFile?: string | null, deployDelayMs?: number, controlDir?: string }} [options]
 *   controlDir: where the built control is (default out/controls/ApprovalPanel)
 */
export function createPlaygroundServer(options = {}) {
  const emulator = createEmulator(options);
  const controlDir = options.controlDir ?? CONTROL_DIR;
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://playground.local");
      if (await emulator.handle(req, res, url)) return;
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { "Content-Type": "text/plain" });
        res.end("Method not allowed");
        return;
      }
      /** @type {string | null} */ let file = null;
      const p = decodeURIComponent(url.pathname);
      if (p === "/" || p === "/index.html") file = join(here, "host", "index.html");
      else if (p.startsWith("/host/")) file = fileUnder(join(here, "host"), p.slice("/host/".length));
      else if (p.startsWith("/control/")) file = fileUnder(controlDir, p.slice("/control/".length));
      else if (FAKEHOST_SCRIPTS.has(p.slice(1))) file = join(ROOT, p.slice(1));
      else if (p.startsWith("/node_modules/") && NODE_MODULES.has(p.slice("/node_modules/".length)))
        file = join(ROOT, "node_modules", p.slice("/node_modules/".length));
      else if (p === "/favicon.ico") {
        res.writeHead(204);
        res.end();
        return;
      }
      if (!file || !existsSync(file)) {
        res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
        res.end(p.startsWith("/control/") ? `Not built: ${p}. Run npm run build.` : `Not found: ${p}`);
        return;
      }
      const type = TYPES[/** @type {keyof typeof TYPES} */ (extname(file))] ?? "application/octet-stream";
      // The bundle is rebuilt while the playground runs: never cache.
      res.writeHead(200, { "Content-Type": type, "Cache-Control": "no-store" });
      if (req.method === "HEAD") res.end();
      else createReadStream(file).pipe(res);
    } catch (e) {
      console.error(e);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
      res.end("Playground error");
    }
  });
  return { server, emulator };
}
