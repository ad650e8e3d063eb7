/**
 * The emulated pipelines host, over HTTP (no browser): the Web API answers the data contract's requests the way
 * Dataverse does, enforces UpdateApprovalStatus's documented rules, and the playground's fault and log endpoints work.
 */
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { PIPELINES, Playground, RUNS, STAGES, USERS, eventually, startPlayground } from "./helpers/playground";
import { createdId } from "../support/entityId";

jest.setTimeout(60_000);

/** A row of an OData answer. */
type Row = Record<string, unknown>;

const FV = "@OData.Community.Display.V1.FormattedValue";
const ANNOTATIONS = { Prefer: 'odata.include-annotations="*"' };

let pg: Playground;
beforeAll(async () => {
  pg = await startPlayground();
});
afterAll(async () => {
  await pg?.close();
});
beforeEach(async () => {
  await pg.reset();
  await pg.clearLog();
});

const decide = (runId: string, status: number, user: string, comments = "", properties = "{}") =>
  pg.api("UpdateApprovalStatus", {
    method: "POST",
    user,
    body: { StageRunId: runId, ApprovalStatus: status, ApprovalComments: comments, ApprovalProperties: properties },
  });

describe("reads", () => {
  test("a run read without $select lists every column (null ones too) and expands its stage", async () => {
    const r = await pg.api(`deploymentstageruns(${RUNS.ownerPendingMine})?$expand=deploymentstageid`, { headers: ANNOTATIONS });
    expect(r.status).toBe(200);
    expect(r.body["@odata.context"]).toContain("$metadata#deploymentstageruns");
    expect(r.body["@odata.etag"]).toMatch(/^W\/"\d+"$/);
    expect(r.body).toHaveProperty("scheduledtime", null);
    expect(r.body).toHaveProperty("approvalstatus", 10);
    expect(r.body).toHaveProperty("approvalcomments", null);
    expect(r.body).toHaveProperty("aigenerateddeploymentnotes");
    expect(r.body.deploymentstageid).toMatchObject({
      deploymentstageid: STAGES.expensesProd,
      name: "Production",
      isdelegateddeployment: true,
      delegateddeploymenttype: 1,
      _ownerid_value: USERS.avery,
    });
    expect(r.body[`stagerunstatus${FV}`]).toBe("Pending Approval");
    expect(r.body[`approvalstatus${FV}`]).toBe("Pending");
    expect(r.body[`_createdby_value${FV}`]).toBe("Riley Maker");
    expect(r.body["_createdby_value@Microsoft.Dynamics.CRM.lookuplogicalname"]).toBe("systemuser");
    expect(r.body[`createdon${FV}`]).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2} (AM|PM)$/);
    expect(r.body.deploymentstageid[`isdelegateddeployment${FV}`]).toBe("Yes");
    expect(r.body.deploymentstageid[`_ownerid_value${FV}`]).toBe("Avery Owner");
  });

  test("formatted values only come when the request asks for annotations", async () => {
    const r = await pg.api(`deploymentstageruns(${RUNS.ownerPendingMine})?$select=stagerunstatus,_createdby_value`);
    expect(Object.keys(r.body).filter((k) => k.includes("@") && k !== "@odata.context" && k !== "@odata.etag")).toEqual([]);
  });

  test("$select returns the named columns plus the key; nested $expand with inner $select", async () => {
    const r = await pg.api(
      `deploymentstageruns(${RUNS.spnPending})?$select=name,stagerunstatus&$expand=deploymentstageid($select=name,spnclientid;$expand=deploymentpipelineid($select=name))`,
    );
    expect(r.status).toBe(200);
    const keys = Object.keys(r.body).filter((k) => !k.startsWith("@"));
    expect(keys.sort()).toEqual(["deploymentstageid", "deploymentstagerunid", "name", "stagerunstatus"]);
    expect(r.body.deploymentstageid).toMatchObject({ name: "UAT", spnclientid: expect.any(String), deploymentpipelineid: { name: "Field Service ALM" } });
    expect(r.body.deploymentstageid).not.toHaveProperty("isdelegateddeployment");
  });

  test("a column, navigation property or filter property the table lacks answers Dataverse's 400", async () => {
    for (const q of ["?$select=nosuchcolumn", "?$expand=nosuchnav", "?$expand=deploymentstageid($select=nosuchcolumn)"]) {
      const r = await pg.api(`deploymentstageruns(${RUNS.ownerPendingMine})${q}`);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe("0x80060888");
      expect(r.body.error.message).toMatch(
        /^Could not find a property named 'nosuch(column|nav)' on type 'Microsoft\.Dynamics\.CRM\.(deploymentstagerun|deploymentstage)'\.$/,
      );
    }
    const f = await pg.api("deploymentstageruns?$filter=deploymentstageid/nosuchcolumn eq 1");
    expect(f.status).toBe(400);
    expect(f.body.error.message).toBe("Could not find a property named 'nosuchcolumn' on type 'Microsoft.Dynamics.CRM.deploymentstage'.");
  });

  test("a missing record answers 404 with 0x80040217", async () => {
    const r = await pg.api("deploymentstageruns(00000000-0000-4000-8000-00000000dead)");
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe("0x80040217");
  });

  test("$filter: roles by id with or, as the admin check sends it", async () => {
    const r = await pg.api("roles?$select=name&$filter=roleid eq b0000000-0000-4000-8000-000000000001 or roleid eq B0000000-0000-4000-8000-000000000003");
    expect(r.status).toBe(200);
    expect(r.body.value.map((x: Row) => x.name).sort()).toEqual(["Deployment Pipeline User", "System Administrator"]);
  });

  test("$filter: navigation path, string literal with a doubled quote, not/ne/ge/null", async () => {
    const pipelineScope = `artifactname eq 'ContosoInventory' and deploymentstageid/_deploymentpipelineid_value eq ${PIPELINES.expenses}`;
    const all = await pg.api(`deploymentstageruns?$select=name&$filter=${encodeURIComponent(pipelineScope)}`);
    expect(all.body.value).toHaveLength(500);

    const quoted = await pg.api(`deploymentstageruns?$select=name&$filter=${encodeURIComponent("artifactname eq 'O''Brien''s app'")}`);
    expect(quoted.status).toBe(200);
    expect(quoted.body.value).toEqual([]);

    const stageScope = await pg.api(
      `deploymentstageruns?$select=name,approvalstatus&$filter=${encodeURIComponent(`_deploymentstageid_value eq ${STAGES.fieldUat} and approvalstatus ne null and not (approvalstatus ge 20)`)}`,
    );
    expect(stageScope.body.value.map((x: Row) => x.deploymentstagerunid)).toEqual([RUNS.spnPending]);

    const bad = await pg.api(`deploymentstageruns?$filter=${encodeURIComponent("name eq 'x' and")}`);
    expect(bad.status).toBe(400);
  });

  test("$orderby and odata.maxpagesize page through the 500-run history with @odata.nextLink", async () => {
    const f = encodeURIComponent(`artifactname eq 'ContosoInventory' and deploymentstageid/_deploymentpipelineid_value eq ${PIPELINES.expenses}`);
    let next: string | undefined = `deploymentstageruns?$select=name,createdon&$filter=${f}&$orderby=createdon desc`;
    const ids: string[] = [];
    const dates: string[] = [];
    let pages = 0;
    while (next) {
      const r = await pg.api(next.startsWith("http") ? next.slice(pg.url.length) : next, { headers: { Prefer: "odata.maxpagesize=50" } });
      expect(r.status).toBe(200);
      expect(r.body.value.length).toBeLessThanOrEqual(50);
      ids.push(...r.body.value.map((x: Row) => x.deploymentstagerunid));
      dates.push(...r.body.value.map((x: Row) => x.createdon));
      next = r.body["@odata.nextLink"];
      if (next) expect(next).toContain("$skiptoken=");
      pages++;
    }
    expect(pages).toBe(10);
    expect(new Set(ids).size).toBe(500);
    expect(ids[0]).toBe(RUNS.historyLatest);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  test("$top limits the answer and gives no nextLink", async () => {
    const r = await pg.api("deploymentstageruns?$select=name&$top=3", { headers: { Prefer: "odata.maxpagesize=2" } });
    expect(r.body.value).toHaveLength(3);
    expect(r.body["@odata.nextLink"]).toBeUndefined();
  });

  test("requests without a playground user are refused", async () => {
    const r = await pg.api(`deploymentstageruns(${RUNS.ownerPendingMine})`, { user: null });
    expect(r.status).toBe(401);
  });

  test("the older host has no approval columns: they are absent and naming them is a 400", async () => {
    // The older host names the navigation property DeploymentStageId (the emulator's own), so expand by that name.
    const r = await pg.api(`deploymentstageruns(${RUNS.legacyPending})?$expand=DeploymentStageId`, { host: "legacy" });
    expect(r.status).toBe(200);
    expect(r.body.name).toBe("ContosoTravel 2.0.0.4 - Production");
    for (const c of ["approvalstatus", "approvalcomments", "approvalproperties", "aigenerateddeploymentnotes"]) expect(r.body).not.toHaveProperty(c);
    const s = await pg.api(`deploymentstageruns(${RUNS.legacyPending})?$select=approvalstatus`, { host: "legacy" });
    expect(s.status).toBe(400);
    expect(s.body.error.message).toBe("Could not find a property named 'approvalstatus' on type 'Microsoft.Dynamics.CRM.deploymentstagerun'.");
  });

  test("EntityDefinitions gives option labels for the metadata the host page serves", async () => {
    const r = await pg.api("EntityDefinitions(LogicalName='deploymentstagerun')");
    expect(r.body.EntitySetName).toBe("deploymentstageruns");
    const status = r.body.Attributes.find((a: Row) => a.LogicalName === "stagerunstatus");
    expect(status.OptionSet.Options.find((o: Row) => o.Value === 200000002).Label.UserLocalizedLabel.Label).toBe("Succeeded");
  });
});

describe("UpdateApprovalStatus", () => {
  test("the stage owner approves: comments stored, run deploys and then succeeds", async () => {
    const r = await decide(RUNS.ownerPendingMine, 20, USERS.avery, "Looks good", '{"decision":"Approved"}');
    expect(r.status).toBe(204);
    const after = await pg.api(`deploymentstageruns(${RUNS.ownerPendingMine})?$select=approvalstatus,stagerunstatus,approvalcomments,approvalproperties`);
    expect(after.body).toMatchObject({
      approvalstatus: 20,
      stagerunstatus: 200000010,
      approvalcomments: "Looks good",
      approvalproperties: '{"decision":"Approved"}',
    });
    await eventually(
      async () => {
        const s = await pg.api(`deploymentstageruns(${RUNS.ownerPendingMine})?$select=stagerunstatus,endtime`);
        return s.body.stagerunstatus === 200000002 && s.body.endtime ? true : undefined;
      },
      15_000,
      "the run to succeed",
    );
  });

  test("a rejection fails the run", async () => {
    const r = await decide(RUNS.ownerPendingMine, 30, USERS.avery, "Missing test evidence");
    expect(r.status).toBe(204);
    const after = await pg.api(`deploymentstageruns(${RUNS.ownerPendingMine})?$select=approvalstatus,stagerunstatus,approvalcomments`);
    expect(after.body).toMatchObject({ approvalstatus: 30, stagerunstatus: 200000003, approvalcomments: "Missing test evidence" });
  });

  test("only the stage owner may decide a Stage Owner run", async () => {
    const r = await decide(RUNS.ownerPendingOther, 20, USERS.avery);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe("Delegated deployments of type 'Owner' may only be approved or rejected by the owner of the deployment stage.");
    const unchanged = await pg.api(`deploymentstageruns(${RUNS.ownerPendingOther})?$select=approvalstatus`);
    expect(unchanged.body.approvalstatus).toBe(10);
    expect((await decide(RUNS.ownerPendingOther, 20, USERS.jordan)).status).toBe(204);
  });

  test("only the service principal may decide a Service Principal run", async () => {
    const r = await decide(RUNS.spnPending, 20, USERS.morgan);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe(
      "Delegated deployments of type 'ServicePrincipal' may only be approved or rejected by the Service Principal configured in the deployment stage.",
    );
    expect((await decide(RUNS.spnPending, 20, USERS.spn)).status).toBe(204);
  });

  test("runs that are not pending are refused", async () => {
    const notDelegated = await decide(RUNS.notDelegated, 20, USERS.avery);
    expect(notDelegated.status).toBe(400);
    expect(notDelegated.body.error.message).toBe("Unable to find approval status attribute for stage run record.");
    const decided = await decide(RUNS.approved, 30, USERS.avery);
    expect(decided.status).toBe(400);
    expect(decided.body.error.message).toMatch(/not pending/);
  });

  test("parameters other than the documented four are refused", async () => {
    const r = await pg.api("UpdateApprovalStatus", { method: "POST", body: { StageRunId: RUNS.ownerPendingMine, ApprovalStatus: 20, Extra: 1 } });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain("'Extra'");
  });
});

describe("relay table", () => {
  test("rows can be created, read back with their creator and listed by run", async () => {
    const created = await pg.api("apnl_approvaldecisions", {
      method: "POST",
      user: USERS.avery,
      body: {
        apnl_name: "Approved UAT",
        apnl_stagerunid: RUNS.spnPending,
        apnl_decision: 20,
        apnl_comments: "ok",
        apnl_approvalproperties: "{}",
      },
    });
    expect(created.status).toBe(204);
    expect(created.headers.get("OData-EntityId")).toMatch(/\/apnl_approvaldecisions\([0-9a-f-]{36}\)$/);
    const id = createdId(created.headers);
    expect(id).toBeDefined();
    const row = await pg.api(`apnl_approvaldecisions(${id})?$select=apnl_decision,apnl_outcome,_createdby_value,createdon`, { headers: ANNOTATIONS });
    expect(row.body).toMatchObject({ apnl_decision: 20, apnl_outcome: null, _createdby_value: USERS.avery, [`_createdby_value${FV}`]: "Avery Owner" });
    const list = await pg.api(`apnl_approvaldecisions?$select=apnl_name&$filter=apnl_stagerunid eq '${RUNS.spnPending}'&$orderby=createdon desc`);
    expect(list.body.value.map((x: Row) => x.apnl_approvaldecisionid)).toEqual([id]);
  });

  test("unknown columns in a create are refused", async () => {
    const r = await pg.api("apnl_approvaldecisions", { method: "POST", body: { apnl_nosuch: 1 } });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe("Invalid property 'apnl_nosuch' was found in entity 'Microsoft.Dynamics.CRM.apnl_approvaldecision'.");
  });
});

describe("faults and the request log", () => {
  test("429 once with Retry-After on the action only, then the action goes through", async () => {
    await pg.setFaults([{ type: "429", retryAfterSeconds: 7, once: true, match: { kind: "action" } }]);
    const read = await pg.api(`deploymentstageruns(${RUNS.ownerPendingMine})?$select=name`);
    expect(read.status).toBe(200);
    const first = await decide(RUNS.ownerPendingMine, 20, USERS.avery);
    expect(first.status).toBe(429);
    expect(first.headers.get("Retry-After")).toBe("7");
    expect((await decide(RUNS.ownerPendingMine, 20, USERS.avery)).status).toBe(204);
  });

  test("500 on every request until cleared", async () => {
    await pg.setFaults([{ type: "500" }]);
    expect((await pg.api(`deploymentstageruns(${RUNS.ownerPendingMine})`)).status).toBe(500);
    expect((await pg.api("roles")).status).toBe(500);
    await pg.setFaults([]);
    expect((await pg.api("roles")).status).toBe(200);
  });

  test("a dropped connection gives no HTTP answer and is logged with status 0", async () => {
    await pg.setFaults([{ type: "drop", once: true, match: { method: "POST", kind: "action" } }]);
    await expect(decide(RUNS.ownerPendingMine, 20, USERS.avery)).rejects.toThrow();
    const actions = await pg.log("action");
    expect(actions.map((e) => [e.method, e.status, e.faults])).toEqual([["POST", 0, ["drop"]]]);
    const unchanged = await pg.api(`deploymentstageruns(${RUNS.ownerPendingMine})?$select=approvalstatus`);
    expect(unchanged.body.approvalstatus).toBe(10);
  });

  test("latency delays the matching requests", async () => {
    await pg.setFaults([{ type: "latency", latencyMs: 400, match: { kind: "read" } }]);
    await pg.api("roles?$select=name");
    const [entry] = await pg.log("api");
    expect(entry.faults).toEqual(["latency"]);
    expect(entry.durationMs).toBeGreaterThanOrEqual(400);
  });

  test("the log records method, path, selected headers, body and status; DELETE clears it", async () => {
    await decide(RUNS.ownerPendingMine, 20, USERS.avery, "c");
    const entries = await pg.log("action");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      method: "POST",
      path: "/api/data/v9.2/UpdateApprovalStatus",
      user: USERS.avery,
      status: 204,
      body: { StageRunId: RUNS.ownerPendingMine, ApprovalStatus: 20, ApprovalComments: "c", ApprovalProperties: "{}" },
      headers: expect.objectContaining({ "content-type": "application/json; charset=utf-8", "odata-version": "4.0" }),
    });
    await pg.clearLog();
    expect(await pg.log()).toEqual([]);
  });

  test("reset brings back the seed", async () => {
    await decide(RUNS.ownerPendingMine, 30, USERS.avery, "no");
    await pg.reset();
    const r = await pg.api(`deploymentstageruns(${RUNS.ownerPendingMine})?$select=approvalstatus,approvalcomments`);
    expect(r.body).toMatchObject({ approvalstatus: 10, approvalcomments: null });
  });
});

describe("server", () => {
  test("serves the host page and only the listed node_modules files", async () => {
    const page = await fetch(`${pg.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("pg-toolbar");
    expect((await fetch(`${pg.url}/node_modules/react/umd/react.production.min.js`, { method: "HEAD" })).status).toBe(200);
    expect((await fetch(`${pg.url}/node_modules/react/package.json`)).status).toBe(404);
  });

  test("paths cannot escape the served folders", async () => {
    // fetch() normalises "..", so send raw request lines; %2f survives URL parsing and is decoded by the server.
    const statusOf = (target: string) =>
      new Promise<string>((resolve, reject) => {
        const { port, hostname } = new URL(pg.url);
        const socket = net.connect(Number(port), hostname, () => socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
        let data = "";
        socket.on("data", (c) => (data += c.toString()));
        socket.on("end", () => resolve(data.split("\r\n")[0]));
        socket.on("error", reject);
      });
    expect(await statusOf("/host/host.css")).toMatch(/ 200 /);
    expect(await statusOf("/host/../../package.json")).toMatch(/ 404 /);
    expect(await statusOf("/host/..%2f..%2fpackage.json")).toMatch(/ 404 /);
    expect(await statusOf("/control/..%2f..%2f..%2fpackage.json")).toMatch(/ 404 /);
  });

  test("--data keeps the data across restarts", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pg-data-")), "data.json");
    const first = await startPlayground(["--data", file]);
    try {
      expect(
        (await first.api("UpdateApprovalStatus", { method: "POST", body: { StageRunId: RUNS.ownerPendingMine, ApprovalStatus: 30, ApprovalComments: "kept" } }))
          .status,
      ).toBe(204);
    } finally {
      await first.close();
    }
    const second = await startPlayground(["--data", file]);
    try {
      const r = await second.api(`deploymentstageruns(${RUNS.ownerPendingMine})?$select=approvalcomments`);
      expect(r.body.approvalcomments).toBe("kept");
    } finally {
      await second.close();
    }
  });
});
