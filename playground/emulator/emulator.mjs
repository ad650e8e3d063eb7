// The playground's pipelines host over HTTP: the fake host's Web API (fakehost/, shared with the jest tests)
// under /api/data/v9.2/ plus the playground's control endpoints under /__playground/. Plain node:http handlers.
import fakehost from "../../fakehost/index.cjs";

const {
  API_BASE,
  SCENARIOS,
  TABLES,
  RELAY_FLOW_MODES,
  HOSTILE_VARIANTS,
  NOTIFICATION_CHANNELS,
  IntakeError,
  createFakeHost,
  hostileArtifact,
  parseCookies,
  parseFaults,
  bodyForLog,
} = fakehost;
export { API_BASE, parseCookies };
export const DEPLOY_DELAY_MS = fakehost.DEPLOY_DELAY_MS;

/** @param {import("node:http").IncomingMessage} req @returns {Promise<string>} */
function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */ const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** @param {import("node:http").IncomingHttpHeaders} headers */
function flatHeaders(headers) {
  /** @type {Record<string, string>} */ const out = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

/**
 * @param {{ dataFile?: string | null, deployDelayMs?: number, relayDelayMs?: number }} [options]
 */
export function createEmulator(options = {}) {
  const host = createFakeHost(options);
  const { store, faults, log, relayFlow, approvalRequests } = host;
  /** The Deployment Approvals app's views by their address (GET /__playground/app/views/<name>). */
  const VIEWS = {
    "waiting-for-me": (/** @type {string} */ userId) => approvalRequests.waitingFor(userId),
    "all-waiting": () => approvalRequests.allWaiting(),
    decided: () => approvalRequests.decided(),
  };

  /**
   * @param {import("node:http").IncomingMessage} req
   * @param {import("node:http").ServerResponse} res
   * @param {URL} url
   * @returns {Promise<boolean>} whether this handler answered
   */
  async function handle(req, res, url) {
    const path = url.pathname;
    if (path.startsWith("/__playground/")) {
      await handlePlayground(req, res, url);
      return true;
    }
    if (path !== API_BASE && !path.startsWith(`${API_BASE}/`)) return false;
    await handleApi(req, res, url);
    return true;
  }

  /** @param {import("node:http").IncomingMessage} req @param {import("node:http").ServerResponse} res @param {URL} url */
  async function handleApi(req, res, url) {
    const method = (req.method ?? "GET").toUpperCase();
    const answer = await host.handleApi({
      method,
      path: url.pathname,
      search: url.search.slice(1),
      headers: flatHeaders(req.headers),
      cookies: parseCookies(req.headers.cookie),
      body: method === "GET" || method === "HEAD" ? "" : await readBody(req),
      origin: `http://${req.headers.host ?? "localhost"}`,
    });
    if (answer.connection) {
      // "reset": close before any byte. Browsers may resend such a request by themselves (Chromium does when a
      // reused keep-alive connection fails before the answer starts), so the page may never notice.
      // "drop": the answer starts but breaks: headers no client may accept (two different Content-Length values,
      // RFC 9112 §6.3), then the connection closes. Bytes arrived, so no browser resends it, and the page's fetch
      // fails with a network error. (Truncated but valid-looking headers are not enough: Chromium accepts them.)
      if (answer.connection === "drop") req.socket.write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 10\r\nContent-Length: 20\r\n\r\n");
      req.socket.destroy();
      return;
    }
    if (answer.bytes !== undefined) {
      // A binary answer (a file column's $value): its headers (x-ms-file-size, Content-Range, …) come with it.
      res.writeHead(answer.status, { ...answer.headers, "Content-Length": String(answer.bytes.length) });
      res.end(Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.length));
    } else if (answer.text !== undefined) {
      // A text answer (the $metadata XML): its Content-Type comes with it.
      res.writeHead(answer.status, answer.headers);
      res.end(answer.text);
    } else if (answer.body === undefined) {
      res.writeHead(answer.status, answer.headers);
      res.end();
    } else {
      res.writeHead(answer.status, { "Content-Type": "application/json; odata.metadata=minimal; charset=utf-8", ...answer.headers });
      res.end(JSON.stringify(answer.body));
    }
  }

  /** @param {import("node:http").IncomingMessage} req @param {import("node:http").ServerResponse} res @param {URL} url */
  async function handlePlayground(req, res, url) {
    const method = (req.method ?? "GET").toUpperCase();
    const json = (/** @type {number} */ status, /** @type {unknown} */ body) => {
      if (entry) entry.status = status;
      res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-cache" });
      res.end(body === undefined ? "" : JSON.stringify(body));
    };
    const text = method === "GET" ? "" : await readBody(req);
    // The log endpoint itself is not logged (tests poll it); every other playground call is.
    const entry = url.pathname === "/__playground/log" ? null : log.begin(req, "playground", parseCookies(req.headers.cookie));
    if (entry) entry.body = bodyForLog(text);
    /** @type {any} */ let body = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      json(400, { error: "The body is not JSON." });
      return;
    }
    const view = /^\/__playground\/app\/views\/([a-z-]+)$/.exec(url.pathname);
    if (view && method === "GET") {
      // The app's list page: a view's rows as a model-driven grid shows them, for the signed-in user (pp_user).
      const name = /** @type {keyof typeof VIEWS} */ (view[1]);
      if (!Object.hasOwn(VIEWS, name)) {
        json(404, { error: `No view ${view[1]}: ${Object.keys(VIEWS).join(", ")}.` });
        return;
      }
      const userId = (parseCookies(req.headers.cookie).pp_user ?? "").toLowerCase();
      const user = userId ? store.get("systemuser", userId) : undefined;
      if (!user || user.isdisabled) {
        json(401, { error: "No signed-in user (pp_user cookie naming a playground user)." });
        return;
      }
      json(200, { view: name, userId, rows: VIEWS[name](userId) });
      return;
    }
    switch (`${method} ${url.pathname}`) {
      case "GET /__playground/log": {
        const since = Number(url.searchParams.get("since") ?? 0);
        const kind = url.searchParams.get("kind");
        json(200, { entries: log.entries.filter((e) => e.seq > since && (!kind || e.kind === kind)) });
        return;
      }
      case "DELETE /__playground/log":
        log.clear();
        json(200, { cleared: true });
        return;
      case "GET /__playground/faults":
        json(200, { faults: faults.list });
        return;
      case "POST /__playground/faults":
        try {
          faults.set(parseFaults(body));
        } catch (e) {
          json(400, { error: /** @type {Error} */ (e).message });
          return;
        }
        json(200, { faults: faults.list });
        return;
      case "DELETE /__playground/faults":
        faults.clear();
        json(200, { faults: [] });
        return;
      case "POST /__playground/reset":
        host.reset();
        if (body && body.clearLog) log.clear();
        json(200, { reset: true });
        return;
      case "GET /__playground/relay":
        json(200, { ...relayFlow.settings, queued: relayFlow.queued, modes: RELAY_FLOW_MODES });
        return;
      case "POST /__playground/relay":
        try {
          json(200, relayFlow.set(body ?? {}));
        } catch (e) {
          json(400, { error: /** @type {Error} */ (e).message });
        }
        return;
      case "POST /__playground/relay/sweep":
        // The "Sweep approval decisions" flow runs on a schedule in a real host; here on demand.
        json(200, relayFlow.sweep());
        return;
      case "POST /__playground/artifacts": {
        // Registers a large or hostile solution zip on an artifact row (created when missing); the seed never has
        // them. ?artifactId=<guid>&variant=<large|medium|bomb|corrupt|doctype|script>[&column=artifactfileunmanaged]
        const artifactId = url.searchParams.get("artifactId") ?? "";
        const variant = url.searchParams.get("variant") ?? "";
        const column = url.searchParams.get("column") ?? "artifactfile";
        if (
          !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(artifactId) ||
          !HOSTILE_VARIANTS.includes(/** @type {import("../../fakehost/index.cjs").HostileVariant} */ (variant))
        ) {
          json(400, { error: `Use ?artifactId=<guid>&variant=<${HOSTILE_VARIANTS.join("|")}>.` });
          return;
        }
        if (column !== "artifactfile" && column !== "artifactfileunmanaged") {
          json(400, { error: "column is artifactfile or artifactfileunmanaged." });
          return;
        }
        const bytes = hostileArtifact(/** @type {import("../../fakehost/index.cjs").HostileVariant} */ (variant));
        json(200, { ...host.artifacts.put(artifactId, bytes, { column, fileName: `${variant}.zip` }), size: bytes.length });
        return;
      }
      case "POST /__playground/intake":
        // The business event OnApprovalStarted for a pending run: the "Take in approval requests" flow runs now.
        try {
          const r = approvalRequests.onApprovalStarted(body?.runId);
          json(200, { requestId: r.requestId, created: r.created, ownerId: r.ownerId, ownerType: r.ownerType, notification: r.notification });
        } catch (e) {
          json(e instanceof IntakeError ? e.status : 500, { error: /** @type {Error} */ (e).message });
        }
        return;
      case "GET /__playground/intake/settings":
        json(200, { ...approvalRequests.settings, channels: NOTIFICATION_CHANNELS });
        return;
      case "POST /__playground/intake/settings":
        // The environment variables apnl_NotificationChannel, apnl_DefaultApproverTeam and apnl_AppUrl.
        try {
          json(200, approvalRequests.set(body ?? {}));
        } catch (e) {
          json(e instanceof IntakeError ? e.status : 500, { error: /** @type {Error} */ (e).message });
        }
        return;
      case "GET /__playground/outbox":
        json(200, { outbox: approvalRequests.outbox });
        return;
      case "POST /__playground/expire":
        // The "Expire waiting requests" flow runs hourly in a real host; here on demand.
        json(200, approvalRequests.expire());
        return;
      case "GET /__playground/config": {
        const roles = new Map(store.all("role").map((r) => [r.roleid, r.name]));
        json(200, {
          scenarios: SCENARIOS,
          // The host page's webAPI turns logical names into entity set names as Xrm.WebApi does from metadata.
          entitySets: Object.fromEntries(TABLES.map((t) => [t.logicalName, t.entitySet])),
          users: store.all("systemuser").map((u) => ({
            id: u.systemuserid,
            name: u.fullname,
            applicationId: u.applicationid,
            // Direct roles only: the host page hands these to the panel as userSettings.securityRoles (whether a real
            // host lists team roles there is not documented; the emulator assumes not).
            roleIds: store.userRoles[String(u.systemuserid)] ?? [],
            roleNames: (store.userRoles[String(u.systemuserid)] ?? []).map((/** @type {string} */ id) => roles.get(id) ?? id),
            teamNames: store
              .all("teammembership")
              .filter((m) => m.systemuserid === u.systemuserid)
              .map((m) => store.get("team", String(m.teamid))?.name ?? m.teamid),
          })),
        });
        return;
      }
      default:
        json(404, { error: `No playground endpoint ${method} ${url.pathname}.` });
    }
  }

  return {
    handle,
    store,
    faults,
    log,
    applyDecision: host.applyDecision,
    relayFlow,
    approvalRequests,
    artifacts: host.artifacts,
    close: host.close,
  };
}
