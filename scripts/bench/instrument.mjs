// The bench's page instrumentation: injected before any of the page's scripts (see the method in scripts/bench.mjs).
/**
 * Runs in the page before any of its scripts. With `traceBusy` (--busy, for investigation only: the probe itself
 * costs the page a little), a MessageChannel ping from init() on records when the main thread was busy for more than
 * 3 ms, so the timeline shows which work stood between an answer arriving and the panel showing it.
 */
export function instrument(traceBusy) {
  const now = () => performance.now();
  const B = {
    t0: null,
    instances: 0,
    reqs: [],
    marks: {},
    rowChanges: [],
    confirmAt: null,
    inWebApi: 0,
    busy: [],
  };
  const traceBusyFrom = (t0) => {
    const channel = new MessageChannel();
    let last = now();
    channel.port1.onmessage = () => {
      const t = now();
      if (t - last > 3) B.busy.push([last, t]);
      last = t;
      if (t - t0 < 600) channel.port2.postMessage(0);
    };
    channel.port2.postMessage(0);
  };
  window.__bench = B;
  const record = (via, label, promise) => {
    const r = { via, label, start: now(), end: null, ok: null, instance: B.instances };
    B.reqs.push(r);
    Promise.resolve(promise).then(
      () => ((r.end = now()), (r.ok = true)),
      () => ((r.end = now()), (r.ok = false)),
    );
    return r;
  };

  const originalFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    const p = originalFetch(input, init);
    const url = typeof input === "string" ? input : input.url;
    const headers = init && init.headers ? init.headers : {};
    const hostForm = headers["X-Playground-Caller"] === "host-form";
    if (B.inWebApi === 0 && B.t0 !== null && !hostForm && /\/api\/data\//.test(url)) {
      record("fetch", `${(init && init.method) || "GET"} ${decodeURIComponent(url.replace(/^.*\/api\/data\/v9\.2\//, ""))}`, p);
    }
    return p;
  };

  const wrappedApis = new WeakMap();
  const wrapApi = (api) => {
    if (!api || typeof api !== "object") return api;
    if (wrappedApis.has(api)) return wrappedApis.get(api);
    const w = {};
    for (const k of Object.keys(api)) {
      const f = api[k];
      w[k] =
        typeof f !== "function"
          ? f
          : function (...args) {
              B.inWebApi++;
              let p;
              try {
                p = f.apply(api, args);
              } finally {
                B.inWebApi--;
              }
              const query = args.find((a, i) => i > 0 && typeof a === "string" && a.startsWith("?")) || "";
              record("webAPI", `${k} ${args[0]} ${decodeURIComponent(query)}`.trim(), p);
              return p;
            };
    }
    wrappedApis.set(api, w);
    return w;
  };
  const patchContext = (ctx) => {
    if (!ctx) return ctx;
    ctx.webAPI = wrapApi(ctx.webAPI);
    if (ctx.utils && typeof ctx.utils.getEntityMetadata === "function" && !ctx.utils.__bench) {
      const original = ctx.utils.getEntityMetadata;
      ctx.utils = {
        ...ctx.utils,
        __bench: true,
        getEntityMetadata(...args) {
          B.inWebApi++;
          let p;
          try {
            p = original.apply(this, args);
          } finally {
            B.inWebApi--;
          }
          record("metadata", `getEntityMetadata ${args[0]}`, p);
          return p;
        },
      };
    }
    return ctx;
  };

  const sectionNamed = (panel, name) => {
    for (const s of panel.querySelectorAll("section")) {
      const h = s.querySelector("h1,h2,h3,h4");
      if (h && h.textContent.trim() === name) return s;
    }
    return null;
  };
  let lastRows = -1;
  const check = () => {
    if (B.t0 === null) return;
    const panel = document.getElementById("pg-panel");
    if (!panel) return;
    const t = now();
    if (B.marks.firstContent === undefined && panel.firstElementChild) B.marks.firstContent = t;
    if (B.marks.runShown === undefined) {
      for (const s of panel.querySelectorAll('[role="status"]')) {
        if (s.textContent.includes("Deployment details loaded.")) B.marks.runShown = t;
      }
    }
    const history = sectionNamed(panel, "Run history");
    if (history) {
      const rows = history.querySelectorAll("tbody tr, ul > li").length;
      const loading = history.textContent.includes("Loading runs…");
      if (rows !== lastRows) {
        lastRows = rows;
        B.rowChanges.push({ t, rows });
      }
      // Complete includes "Before you decide": its checks wait for the history and the stage's last deployment.
      const checks = sectionNamed(panel, "Before you decide");
      const checking = checks !== null && checks.textContent.includes("Checking the run history…");
      if (B.marks.complete === undefined && rows > 0 && !loading && !checking) B.marks.complete = t;
    }
    if (B.confirmAt !== null && B.marks.outcome === undefined) {
      const decision = sectionNamed(panel, "Decision");
      if (decision && /Your (approval|rejection) was applied/.test(panel.textContent)) B.marks.outcome = t;
    }
  };
  const observer = new MutationObserver(check);
  document.addEventListener("DOMContentLoaded", () => observer.observe(document.body, { childList: true, subtree: true, characterData: true }));
  document.addEventListener(
    "click",
    (e) => {
      const button = e.target && e.target.closest ? e.target.closest("button") : null;
      if (button && button.textContent.trim() === "Confirm") B.confirmAt = now();
    },
    true,
  );

  const wrapCtor = (C) =>
    class extends C {
      init(ctx, ...rest) {
        B.instances++;
        B.marks = {};
        B.rowChanges = [];
        lastRows = -1;
        B.t0 = now();
        B.busy = [];
        if (traceBusy) traceBusyFrom(B.t0);
        return super.init(patchContext(ctx), ...rest);
      }
      updateView(ctx) {
        return super.updateView(patchContext(ctx));
      }
    };
  let framework;
  Object.defineProperty(window, "ComponentFramework", {
    configurable: true,
    get: () => framework,
    set(v) {
      if (v && typeof v.registerControl === "function") {
        const register = v.registerControl.bind(v);
        v.registerControl = (name, ctor) => register(name, wrapCtor(ctor));
      }
      framework = v;
    },
  });
}
