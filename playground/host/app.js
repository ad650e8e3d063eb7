// The playground's stand-in for the Deployment Approvals model-driven app (Solutions/src/AppModules): its site map
// (Waiting for me, All waiting, Decided), a view as a model-driven grid lists it, the request form with the panel
// (host.js mounts it), the toolbar action "A new request arrives" that runs the intake flow in the emulated host, and
// the outbox of the notifications it sent, whose links open the row here as they would in the app.
// Plain browser JS (no build step). Open it with /?app=approvals.

const VIEWS = /** @type {const} */ ([
  ["waiting-for-me", "Waiting for me"],
  ["all-waiting", "All waiting"],
  ["decided", "Decided"],
]);
/** The address part the intake flow appends to apnl_AppUrl to open a request row (pagetype=entityrecord). */
const RECORD_PAGE = /[?&]pagetype=entityrecord&etn=apnl_approvalrequest&id=([0-9a-f-]{36})/i;

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @param {string} path @param {RequestInit} [init] */
async function json(path, init) {
  const res = await fetch(path, { credentials: "same-origin", ...init });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error((typeof body?.error === "string" ? body.error : body?.error?.message) ?? `${res.status} ${res.statusText}`);
  return body;
}
const post = (/** @type {string} */ path, /** @type {unknown} */ body) =>
  json(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body ?? {}) });

/** A UTC time as the playground shows every time (the user's time zone is UTC there). @param {string | null} iso */
const when = (iso) => (iso ? new Date(iso).toISOString().replace("T", " ").slice(0, 16) + " UTC" : "");

/** @param {string} tag @param {Record<string, string>} [attributes] @param {(Node | string)[]} [children] */
function el(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/**
 * @param {object} host  what host.js offers the app
 * @param {(requestId: string) => Promise<void>} host.openRequest  mounts the panel on the request's form
 * @param {() => void} host.closeForm  unmounts it (back to a list)
 * @param {(text: string) => void} host.notice
 */
export async function startApp(host) {
  document.body.classList.add("pg-app-mode");
  $("pg-app").hidden = false;
  // The request form opens in the app's main area, where the list was (as a model-driven app shows a record).
  $("pg-app-main").insertBefore($("pg-form"), $("pg-outbox"));
  const nav = $("pg-app-views");
  for (const [key, label] of VIEWS) {
    const link = el("a", { href: `?app=approvals&view=${key}`, "data-view": key }, [label]);
    link.addEventListener("click", (e) => {
      e.preventDefault();
      void showView(key, true);
    });
    nav.append(el("li", {}, [link]));
  }
  // The notification's link is apnl_AppUrl plus the record page: here apnl_AppUrl is this page in app mode.
  const settings = await json("/__playground/intake/settings");
  if (!settings.appUrl)
    await post("/__playground/intake/settings", {
      appUrl: `${location.origin}/?app=approvals`,
      channel: settings.channel === "none" ? "email" : settings.channel,
    });
  $("pg-app-arrive").addEventListener("click", () => void arrive());
  window.addEventListener("popstate", () => void route());
  await refreshRuns();
  await refreshOutbox();
  await route();

  /** What the address asks for: a request row (the notification's link) or a view. */
  async function route() {
    const record = RECORD_PAGE.exec(location.search);
    if (record) return openRow(record[1].toLowerCase(), false);
    const view = new URLSearchParams(location.search).get("view") ?? "waiting-for-me";
    return showView(VIEWS.some(([k]) => k === view) ? view : "waiting-for-me", false);
  }

  /** @param {string} key @param {boolean} push */
  async function showView(key, push) {
    if (push) history.pushState(null, "", `?app=approvals&view=${key}`);
    host.closeForm();
    $("pg-form").hidden = true;
    $("pg-app-list").hidden = false;
    for (const a of nav.querySelectorAll("a")) a.toggleAttribute("aria-current", a.getAttribute("data-view") === key);
    const label = VIEWS.find(([k]) => k === key)?.[1] ?? key;
    $("pg-app-caption").textContent = label;
    const body = $("pg-app-rows");
    try {
      const { rows } = await json(`/__playground/app/views/${key}`);
      const decided = key === "decided";
      $("pg-app-head").replaceChildren(
        el(
          "tr",
          {},
          (decided ? ["Name", "Status", "Decided by", "Decided on", "Requested by"] : ["Name", "Stage", "Requested by", "Waiting since", "Who decides"]).map(
            (h) => el("th", { scope: "col" }, [h]),
          ),
        ),
      );
      body.replaceChildren(
        ...rows.map((/** @type {any} */ r) => {
          const open = el("a", { href: `?app=approvals&pagetype=entityrecord&etn=apnl_approvalrequest&id=${r.id}` }, [r.name]);
          open.addEventListener("click", (e) => {
            e.preventDefault();
            void openRow(r.id, true);
          });
          const cells = decided
            ? [r.statusLabel, r.decidedByName ?? "", when(r.decidedOn), r.requesterName ?? ""]
            : [r.stageName ?? "", r.requesterName ?? "", when(r.requestedOn), r.ownerName ?? ""];
          return el("tr", { "data-request": r.id }, [el("th", { scope: "row" }, [open]), ...cells.map((c) => el("td", {}, [c]))]);
        }),
      );
      $("pg-app-empty").hidden = rows.length > 0;
    } catch (e) {
      body.replaceChildren();
      host.notice(`The view could not be read: ${/** @type {Error} */ (e).message}`);
    }
  }

  /** @param {string} id @param {boolean} push */
  async function openRow(id, push) {
    if (push) history.pushState(null, "", `?app=approvals&pagetype=entityrecord&etn=apnl_approvalrequest&id=${id}`);
    $("pg-app-list").hidden = true;
    $("pg-form").hidden = false;
    await host.openRequest(id);
  }

  /** Pending runs the intake has not taken in yet: what "A new request arrives" can start. */
  async function refreshRuns() {
    const select = /** @type {HTMLSelectElement} */ ($("pg-app-run"));
    const api = "/api/data/v9.2";
    const headers = { Accept: "application/json", "OData-Version": "4.0", "OData-MaxVersion": "4.0", "X-Playground-Caller": "host-app" };
    /** @type {any[]} */ let runs = [];
    try {
      const [pending, requests] = await Promise.all([
        json(`${api}/deploymentstageruns?$select=deploymentstagerunid,name&$filter=approvalstatus eq 10&$orderby=createdon desc`, { headers }),
        json(`${api}/apnl_approvalrequests?$select=apnl_stagerunid`, { headers }),
      ]);
      const taken = new Set(requests.value.map((/** @type {any} */ r) => String(r.apnl_stagerunid).toLowerCase()));
      runs = pending.value.filter((/** @type {any} */ r) => !taken.has(String(r.deploymentstagerunid).toLowerCase()));
    } catch (e) {
      host.notice(`The pending runs could not be read: ${/** @type {Error} */ (e).message}`);
    }
    select.replaceChildren(...runs.map((/** @type {any} */ r) => new Option(r.name, r.deploymentstagerunid)));
    /** @type {HTMLButtonElement} */ ($("pg-app-arrive")).disabled = runs.length === 0;
  }

  /** OnApprovalStarted for the chosen run: the intake flow takes it in, assigns it and notifies who decides. */
  async function arrive() {
    const runId = /** @type {HTMLSelectElement} */ ($("pg-app-run")).value;
    try {
      const r = await post("/__playground/intake", { runId });
      host.notice(
        r.notification
          ? `A new request arrived: the notification went to ${r.notification.toName ?? r.notification.to}.`
          : "A new request arrived (no notification: the channel is none).",
      );
    } catch (e) {
      host.notice(`The intake flow failed: ${/** @type {Error} */ (e).message}`);
    }
    await refreshRuns();
    await refreshOutbox();
    await route();
  }

  async function refreshOutbox() {
    const { outbox } = await json("/__playground/outbox");
    $("pg-outbox-list").replaceChildren(
      ...[...outbox].reverse().map((/** @type {any} */ n) => {
        const link = n.link ? el("a", { href: n.link }, ["Open the request"]) : el("span", {}, ["(no link: the app's address is not set)"]);
        if (n.link) {
          link.addEventListener("click", (e) => {
            const id = RECORD_PAGE.exec(n.link)?.[1];
            if (!id) return;
            e.preventDefault();
            void openRow(id.toLowerCase(), true);
          });
        }
        return el("li", { class: "pg-outbox-item" }, [
          el("p", { class: "pg-outbox-meta" }, [`${n.channel === "teams" ? "Teams message" : "E-mail"} to ${n.toName ?? n.to} · ${when(n.sentOn)}`]),
          el("p", { class: "pg-outbox-subject" }, [n.subject]),
          el("pre", { class: "pg-outbox-body" }, [n.body]),
          link,
        ]);
      }),
    );
    $("pg-outbox-empty").hidden = outbox.length > 0;
  }
}
