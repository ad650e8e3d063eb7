// `npm start`: production build of the control, then the playground (host page + emulated pipelines host) on one port.
//   node playground/start.mjs [--no-build] [--port N] [--data FILE] [--control-dir DIR]
//   PORT env also sets the port (default 8181); --control-dir serves another built control (default out/controls/ApprovalPanel).
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ROOT, createPlaygroundServer } from "./server.mjs";

/**
 * Starts the playground. Used by `npm start` and by the browser tests (port 0 → a free port).
 * @param {{ port?: number, build?: boolean, dataFile?: string | null, host?: string, deployDelayMs?: number, controlDir?: string }} [options]
 * @returns {Promise<{ url: string, port: number, emulator: ReturnType<typeof createPlaygroundServer>["emulator"], close: () => Promise<void> }>}
 */
export async function startPlayground(options = {}) {
  if (options.build) {
    const r = spawnSync(process.execPath, [resolve(ROOT, "scripts", "build.mjs")], { cwd: ROOT, stdio: "inherit" });
    if (r.status !== 0) throw new Error("The production build failed (node scripts/build.mjs).");
  }
  const { server, emulator } = createPlaygroundServer({
    dataFile: options.dataFile ?? null,
    deployDelayMs: options.deployDelayMs,
    controlDir: options.controlDir,
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 8181, host, () => ok(undefined));
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : Number(options.port);
  return {
    url: `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`,
    port,
    emulator,
    close: () =>
      new Promise((ok) => {
        emulator.close();
        server.close(() => ok(undefined));
        server.closeAllConnections();
      }),
  };
}

/** @param {string[]} argv */
function parseArgs(argv) {
  const out = {
    build: true,
    port: Number(process.env.PORT ?? 8181),
    dataFile: /** @type {string|null} */ (null),
    controlDir: /** @type {string|undefined} */ (undefined),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--no-build") out.build = false;
    else if (a === "--port") out.port = Number(argv[++i]);
    else if (a === "--control-dir") out.controlDir = resolve(argv[++i] ?? "");
    else if (a === "--data") out.dataFile = resolve(argv[++i] ?? "");
    else if (a.startsWith("--data=")) out.dataFile = resolve(a.slice("--data=".length));
    else if (a.startsWith("--port=")) out.port = Number(a.slice("--port=".length));
    else {
      console.error(`Unknown argument ${a}. Usage: node playground/start.mjs [--no-build] [--port N] [--data FILE] [--control-dir DIR]`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535) {
    console.error(`Invalid port ${out.port}.`);
    process.exit(2);
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = parseArgs(process.argv.slice(2));
  try {
    const pg = await startPlayground(args);
    console.log(`ApprovalPanel playground: ${pg.url}/`);
    console.log(`  request log: ${pg.url}/__playground/log   Web API: ${pg.url}/api/data/v9.2/`);
    if (args.dataFile) console.log(`  data kept in ${args.dataFile}`);
    console.log("Ctrl+C to stop.");
    let stopping = false;
    const stop = (/** @type {string} */ signal) => {
      if (stopping) return;
      stopping = true;
      console.log(`\n${signal}: stopping the playground.`);
      pg.close().then(() => process.exit(0));
    };
    process.on("SIGINT", () => stop("SIGINT"));
    process.on("SIGTERM", () => stop("SIGTERM"));
  } catch (e) {
    console.error(/** @type {Error} */ (e).message);
    process.exit(1);
  }
}
