/**
 * Starts the playground (playground/start.mjs → startPlayground on port 0) in a child process and talks to its
 * emulator over HTTP. A child process because jest runs these tests as CommonJS, and the playground is plain ESM.
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const ROOT = path.join(__dirname, "..", "..", "..");

import { PIPELINES, RUNS, STAGES, USERS } from "../../../fakehost/index.cjs";

/** The seed's ids, from the fake host the playground serves (never retyped). */
export { PIPELINES, RUNS, STAGES, USERS };

export interface LogEntry {
  seq: number;
  time: string;
  method: string;
  path: string;
  kind: "api" | "action" | "static" | "playground";
  headers: Record<string, string>;
  user: string | null;
  host: string | null;
  body: unknown;
  status: number;
  durationMs: number;
  faults: string[];
}

export interface Fault {
  type: "latency" | "429" | "500" | "drop" | "reset";
  match?: { method?: string; entitySet?: string; kind?: "all" | "read" | "write" | "action" | "metadata"; action?: string };
  latencyMs?: number;
  retryAfterSeconds?: number;
  once?: boolean;
}

export interface ApiOptions {
  method?: string;
  user?: string | null;
  host?: "current" | "legacy";
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Playground {
  url: string;
  /** A Web API call as a signed-in user (cookie pp_user), answering status, headers and parsed JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of many shapes, read field by field in tests
  api(pathAndQuery: string, options?: ApiOptions): Promise<{ status: number; headers: Headers; body: any }>;
  log(kind?: LogEntry["kind"]): Promise<LogEntry[]>;
  clearLog(): Promise<void>;
  setFaults(faults: Fault[]): Promise<void>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export const CONTROL_DIR = path.join(ROOT, "out", "controls", "ApprovalPanel");

/**
 * A private copy of the built control (out/controls/ApprovalPanel, from `npm run build`), so a rebuild that
 * empties out/ while the tests run cannot pull the bundle from under them.
 */
export function snapshotControl(): string {
  if (!fs.existsSync(path.join(CONTROL_DIR, "bundle.js"))) {
    throw new Error(`${CONTROL_DIR} has no bundle.js: run npm run build first (npm test does).`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "approvalpanel-control-"));
  fs.cpSync(CONTROL_DIR, dir, { recursive: true });
  return dir;
}

/** Starts a playground on a free port. `args` are extra start.mjs arguments (e.g. ["--data", file]). */
export async function startPlayground(args: string[] = []): Promise<Playground> {
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "playground", "start.mjs"), "--no-build", "--port", "0", ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The playground did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /playground: (http:\/\/\S+?)\/?\s/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The playground exited with ${code}:\n${output}`));
    });
  });
  child.removeAllListeners("exit");

  const json = async (p: string, init?: RequestInit) => {
    const res = await fetch(`${url}${p}`, init);
    if (!res.ok) throw new Error(`${init?.method ?? "GET"} ${p}: ${res.status} ${await res.text()}`);
    return res.json();
  };

  return {
    url,
    async api(p, options = {}) {
      const user = options.user === undefined ? USERS.avery : options.user;
      const cookies = [user ? `pp_user=${user}` : "", options.host ? `pp_host=${options.host}` : ""].filter(Boolean).join("; ");
      const headers: Record<string, string> = { Accept: "application/json", "OData-Version": "4.0", "OData-MaxVersion": "4.0", ...options.headers };
      if (cookies) headers.Cookie = cookies;
      if (options.body !== undefined) headers["Content-Type"] = "application/json; charset=utf-8";
      const res = await fetch(`${url}${p.startsWith("/") ? p : `/api/data/v9.2/${p}`}`, {
        method: options.method ?? "GET",
        headers,
        body: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
    },
    async log(kind) {
      const data = await json(`/__playground/log${kind ? `?kind=${kind}` : ""}`);
      return data.entries as LogEntry[];
    },
    async clearLog() {
      await json("/__playground/log", { method: "DELETE" });
    },
    async setFaults(faults) {
      await json("/__playground/faults", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ faults }) });
    },
    async reset() {
      await json("/__playground/reset", { method: "POST" });
    },
    close() {
      return new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      });
    },
  };
}

/** Polls `check` until it returns a value (not undefined) or the deadline passes; for state the server changes later. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
