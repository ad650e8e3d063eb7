/**
 * The decision relay for service-principal stages, as it reaches the solution zip: the Approval Decision table,
 * the Deployment Approver role, the "Apply approval decisions" cloud flow and its connection reference.
 * Packs the repository's own Solutions/src with a stand-in control build (no production build here) and reads
 * the zip the way an importer would.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { unzipSync } from "fflate";
import { relaySchema } from "../../ApprovalPanel/data/relaySchema";
import { PackError, packSolution } from "../../scripts/lib/solution-pack.cjs";
import { NO_LONGER_COUNTED, REFUSALS, SWEPT } from "../../fakehost/index.cjs";

const root = join(__dirname, "..", "..");
const RELAY_TABLE = "apnl_approvaldecision";
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false });
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

type Node = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed XML and flow JSON are untyped trees
type Any = any;

const list = <T = Any>(value: unknown): T[] => (value === undefined || value === "" ? [] : ([] as T[]).concat(value as T));

let work: string;
let files: Record<string, Uint8Array>;
let customizations: Any;
let manifest: Any;

function writeStandInBuild(dir: string) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "ControlManifest.xml"),
    '<?xml version="1.0" encoding="utf-8"?><manifest><control namespace="PipelinesApprovals" constructor="ApprovalPanel" version="1.0.0" display-name-key="N" control-type="virtual"><resources><code path="bundle.js" order="1"/></resources></control></manifest>',
  );
  writeFileSync(join(dir, "bundle.js"), "");
}

function xml(name: string): Any {
  const bytes = files[name];
  if (!bytes) throw new Error(`${name} is not in the zip; entries: ${Object.keys(files).join(", ")}`);
  return parser.parse(decoder.decode(bytes).replace(/^\uFEFF/, ""));
}

function pack(source: string, out: string) {
  return packSolution({ builtControlDir: join(work, "built"), solutionSourceDir: source, outDir: out, managed: false });
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "relay-pack-"));
  writeStandInBuild(join(work, "built"));
  const source = join(work, "src");
  cpSync(join(root, "Solutions", "src"), source, { recursive: true });
  // The stand-in build is 1.0.0; the source's version may have moved on.
  const solutionPath = join(source, "Other", "Solution.xml");
  writeFileSync(solutionPath, readFileSync(solutionPath, "utf8").replace(/<Version>[^<]*<\/Version>/, "<Version>1.0.0.0</Version>"));
  const result = pack(source, join(work, "bin"));
  files = unzipSync(new Uint8Array(readFileSync(result.zipPath)));
  customizations = xml("customizations.xml").ImportExportXml;
  manifest = xml("solution.xml").ImportExportXml.SolutionManifest;
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const rootComponents = (type: string): Node[] => list<Node>(manifest.RootComponents.RootComponent).filter((c) => c["@_type"] === type);
const entity = (): Any => list(customizations.Entities.Entity).find((e: Any) => e.Name["#text"] === "apnl_ApprovalDecision");
const columns = (): Any[] => list(entity().EntityInfo.entity.attributes.attribute);
const column = (logicalName: string): Any => columns().find((c) => c.LogicalName === logicalName);
const workflows = (): Any[] => list(customizations.Workflows.Workflow);
const flowEntry = (): Any => workflows().find((w) => w["@_Name"] === "Apply approval decisions");
const flowJson = (): Any => JSON.parse(decoder.decode(files[flowEntry().JsonFileName.slice(1)]));

describe("solution.xml and customizations.xml", () => {
  test("every flow file customizations.xml names is in the zip, and every flow file in the zip is named", () => {
    const named = workflows().map((w) => w.JsonFileName as string);
    expect(named.length).toBeGreaterThan(0);
    for (const path of named) {
      expect(path.startsWith("/Workflows/")).toBe(true);
      expect(Object.keys(files)).toContain(path.slice(1));
    }
    const inZip = Object.keys(files).filter((name) => name.startsWith("Workflows/"));
    expect(inZip.sort()).toEqual(named.map((path) => path.slice(1)).sort());
  });

  test("the flow's WorkflowId, its root component (type 29) and its file name's GUID are the same", () => {
    const flow = flowEntry();
    expect(flow).toBeDefined();
    const id = String(flow["@_WorkflowId"]).replace(/[{}]/g, "").toLowerCase();
    expect(flow.JsonFileName).toBe(`/Workflows/ApplyApprovalDecisions-${id.toUpperCase()}.json`);
    expect(rootComponents("29").map((c) => c["@_id"])).toContain(`{${id}}`);
    expect(flow.Category).toBe("5");
    expect(flow.Type).toBe("1");
    expect(flow.PrimaryEntity).toBe("none");
  });

  test("the tables (type 1 by logical name) and the roles (type 20 by id) are root components; the connection reference is not", () => {
    expect(rootComponents("1")).toEqual(
      expect.arrayContaining([
        { "@_type": "1", "@_schemaName": RELAY_TABLE, "@_behavior": "0" },
        { "@_type": "1", "@_schemaName": "apnl_approvalpolicy", "@_behavior": "0" },
        { "@_type": "1", "@_schemaName": "apnl_approvalrequest", "@_behavior": "0" },
      ]),
    );
    expect(rootComponents("1")).toHaveLength(3);
    const roles = list<Any>(customizations.Roles.Role);
    expect(roles.map((r) => r["@_name"]).sort()).toEqual(["Approval Policy Reader", "Approval Relay Flow", "Deployment Approver"]);
    expect(
      rootComponents("20")
        .map((c) => c["@_id"])
        .sort(),
    ).toEqual(roles.map((r) => r["@_id"]).sort());
    expect(rootComponents("66")).toHaveLength(1);
    const types = list<Node>(manifest.RootComponents.RootComponent).map((c) => c["@_type"]);
    // Tables, roles, the five flows, the app's site map (62), the control, the two field security profiles (type 70),
    // the app (80) and the three environment variable definitions (380).
    expect([...types].sort()).toEqual(["1", "1", "1", "20", "20", "20", "29", "29", "29", "29", "29", "380", "380", "380", "62", "66", "70", "70", "80"]);
  });

  test("the connection reference the flow uses is declared in <connectionreferences> for the same connector", () => {
    const declared = list<Any>(customizations.connectionreferences.connectionreference);
    const map = flowJson().properties.connectionReferences;
    expect(Object.keys(map).length).toBeGreaterThan(0);
    for (const entry of Object.values<Any>(map)) {
      const reference = declared.find((r) => r["@_connectionreferencelogicalname"] === entry.connection.connectionReferenceLogicalName);
      expect(reference).toBeDefined();
      expect(reference.connectorid).toBe(`/providers/Microsoft.PowerApps/apis/${entry.api.name}`);
      expect(entry.runtimeSource).toBe("embedded");
    }
    expect(declared.map((r) => r["@_connectionreferencelogicalname"])).toContain("apnl_sharedcommondataserviceforapps_spn");
  });

  test("the customizations.xml sections come in the order Dataverse exports them", () => {
    const text = decoder.decode(files["customizations.xml"]);
    const order = ["<Entities>", "<Roles>", "<Workflows>", "<EntityRelationships>", "<CustomControls>", "<connectionreferences>", "<Languages>"];
    const positions = order.map((tag) => text.indexOf(tag));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});

describe("the Approval Decision table", () => {
  test("is user-owned, named apnl_ApprovalDecision with entity set apnl_approvaldecisions", () => {
    const info = entity().EntityInfo.entity;
    expect(info["@_Name"]).toBe("apnl_ApprovalDecision");
    expect(info.EntitySetName).toBe("apnl_approvaldecisions");
    expect(info.OwnershipTypeMask).toBe("UserOwned");
    expect(info.IsActivity).toBe("0");
  });

  test("has every column the panel's relay schema reads, with the contract's types", () => {
    const schema = relaySchema(RELAY_TABLE)!;
    expect(column(schema.primaryKey).Type).toBe("primarykey");
    for (const name of schema.select) {
      const logical = name.replace(/^_(.*)_value$/, "$1");
      expect({ name, present: column(logical) !== undefined }).toEqual({ name, present: true });
    }
    const c = schema.columns;
    expect(column(c.name).DisplayMask).toMatch(/^PrimaryName\|/);
    expect(column(c.name).Type).toBe("nvarchar");
    expect(column(c.stageRunId)).toMatchObject({ Type: "nvarchar", MaxLength: "100" });
    expect(column(c.decision).Type).toBe("int");
    expect(column(c.outcome)).toMatchObject({ Type: "int", MinValue: "10", MaxValue: "50" });
    expect(column(c.outcome).Descriptions.Description["@_description"]).toContain("50 counted");
    for (const name of [c.comments, c.approvalProperties, c.outcomeMessage]) expect({ name, type: column(name).Type }).toEqual({ name, type: "ntext" });
    expect(column(c.outcomeOn).Type).toBe("datetime");
  });

  test("its own columns are exactly the contract's; the rest are the system columns of a user-owned table", () => {
    const custom = columns()
      .filter((a) => a.IsCustomField === "1")
      .map((a) => a.LogicalName);
    expect(custom.sort()).toEqual(Object.values(relaySchema(RELAY_TABLE)!.columns).sort());
    const system = columns()
      .filter((a) => a.IsCustomField === "0")
      .map((a) => a.LogicalName);
    expect(system.sort()).toEqual(
      [
        "apnl_approvaldecisionid",
        "createdby",
        "createdon",
        "createdonbehalfby",
        "importsequencenumber",
        "modifiedby",
        "modifiedon",
        "modifiedonbehalfby",
        "overriddencreatedon",
        "ownerid",
        "owningbusinessunit",
        "owningteam",
        "owninguser",
        "statecode",
        "statuscode",
        "timezoneruleversionnumber",
        "utcconversiontimezonecode",
      ].sort(),
    );
  });

  test("every system relationship points at a column of the table", () => {
    const relationships = list<Any>(customizations.EntityRelationships.EntityRelationship).filter((r) => r.ReferencingEntityName === "apnl_ApprovalDecision");
    expect(relationships.map((r) => r["@_Name"]).sort()).toEqual(
      ["business_unit", "lk_%_createdby", "lk_%_createdonbehalfby", "lk_%_modifiedby", "lk_%_modifiedonbehalfby", "owner", "team", "user"]
        .map((name) => (name.includes("%") ? name.replace("%", RELAY_TABLE) : `${name}_${RELAY_TABLE}`))
        .sort(),
    );
    const physicalNames = columns().map((a) => a["@_PhysicalName"]);
    for (const relationship of relationships) {
      expect(relationship.ReferencingEntityName).toBe("apnl_ApprovalDecision");
      expect(physicalNames).toContain(relationship.ReferencingAttributeName);
    }
  });
});

describe("the Deployment Approver role", () => {
  const privileges = (): Array<{ name: string; level: string }> => {
    const role = list<Any>(customizations.Roles.Role).find((r) => r["@_name"] === "Deployment Approver");
    return list<Any>(role.RolePrivileges.RolePrivilege).map((p) => ({ name: p["@_name"], level: p["@_level"] }));
  };

  test("may create its own decisions and read every decision in the organisation", () => {
    expect(privileges()).toEqual(
      expect.arrayContaining([
        { name: "prvCreateapnl_ApprovalDecision", level: "Basic" },
        { name: "prvReadapnl_ApprovalDecision", level: "Global" },
      ]),
    );
  });

  test("may not change or delete decisions (only the flow's service principal and admins may)", () => {
    const names = privileges().map((p) => p.name);
    for (const verb of ["Write", "Delete", "Assign", "Share"]) expect(names).not.toContain(`prv${verb}apnl_ApprovalDecision`);
    for (const name of names)
      expect(name).toMatch(/^prv(Create|Read|Append|AppendTo)apnl_ApprovalDecision$|^prvReadapnl_ApprovalPolicy$|^prvReadapnl_ApprovalRequest$/);
  });
});

/** Every action of the flow, nested scopes and condition branches included, with the container it sits in. */
function allActions(actions: Any, container = "root", out: Array<{ name: string; action: Any; container: string }> = []) {
  for (const [name, action] of Object.entries<Any>(actions ?? {})) {
    out.push({ name, action, container });
    allActions(action.actions, name, out);
    allActions(action.else?.actions, `${name}/else`, out);
  }
  return out;
}

describe("the Apply approval decisions flow", () => {
  test("is triggered when an Approval Decision row is added (Dataverse SubscribeWebhookTrigger, message 1, scope 4)", () => {
    const definition = flowJson().properties.definition;
    const triggers = Object.values<Any>(definition.triggers);
    expect(triggers).toHaveLength(1);
    expect(triggers[0]).toMatchObject({
      type: "OpenApiConnectionWebhook",
      inputs: {
        host: { operationId: "SubscribeWebhookTrigger", apiId: "/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps" },
        parameters: { "subscriptionRequest/message": 1, "subscriptionRequest/entityname": RELAY_TABLE, "subscriptionRequest/scope": 4 },
        authentication: "@parameters('$authentication')",
      },
    });
    expect(definition.parameters).toEqual({ $connections: { defaultValue: {}, type: "Object" }, $authentication: { defaultValue: {}, type: "SecureObject" } });
  });

  test("every connector step authenticates through $authentication and a mapped connection; no credentials in the file", () => {
    const flow = flowJson();
    const map = flow.properties.connectionReferences;
    const steps = [...Object.values<Any>(flow.properties.definition.triggers), ...allActions(flow.properties.definition.actions).map((a) => a.action)];
    const connectorSteps = steps.filter((step) => step.inputs?.host);
    expect(connectorSteps.length).toBeGreaterThan(5);
    for (const step of connectorSteps) {
      expect(step.inputs.authentication).toBe("@parameters('$authentication')");
      expect(Object.keys(map)).toContain(step.inputs.host.connectionName);
    }
    expect(decoder.decode(files[flowEntry().JsonFileName.slice(1)])).not.toMatch(/"connectionId"|clientSecret|password/i);
  });

  test("calls UpdateApprovalStatus with the row's stage run, decision and comments, and the properties the flow composed", () => {
    const calls = allActions(flowJson().properties.definition.actions).filter(
      (a) => a.action.inputs?.host?.operationId === "PerformUnboundAction" && a.action.inputs.parameters.actionName !== "WhoAmI",
    );
    expect(calls).toHaveLength(1);
    const parameters = calls[0].action.inputs.parameters;
    expect(parameters.actionName).toBe("UpdateApprovalStatus");
    const items = Object.keys(parameters).filter((key) => key.startsWith("item/"));
    expect(items.sort()).toEqual(["item/ApprovalComments", "item/ApprovalProperties", "item/ApprovalStatus", "item/StageRunId"]);
    const c = relaySchema(RELAY_TABLE)!.columns;
    // The run that was checked (re-read just before), and the decision row as the flow re-read it first.
    expect(parameters["item/StageRunId"]).toBe("@body('Re_read_the_stage_run')?['deploymentstagerunid']");
    expect(parameters["item/ApprovalStatus"]).toContain(`body('Get_the_decision_row')?['${c.decision}']`);
    expect(parameters["item/ApprovalComments"]).toContain(`body('Get_the_decision_row')?['${c.comments}']`);
    expect(parameters["item/ApprovalProperties"]).toBe("@outputs('Properties_for_the_host')");
  });

  test("applies only after the checks, and only when none of them refused", () => {
    const actions = flowJson().properties.definition.actions;
    const all = allActions(actions);
    const call = all.find((a) => a.action.inputs?.host?.operationId === "PerformUnboundAction" && a.name === "Update_approval_status")!;
    expect(call.container).toBe("Still_pending");
    const scope = all.find((a) => a.name === all.find((b) => b.name === call.container)!.container)!;
    expect(scope.name).toBe("Apply_the_decision");
    expect(scope.container).toBe("Waits_for_more_approvals/else");
    expect(all.find((a) => a.name === "Waits_for_more_approvals")!.container).toBe("Refused/else");
    expect(actions.Refused.runAfter).toEqual({ Check_the_decision: ["Succeeded"] });
    const checks = actions.Check_the_decision.actions;
    expect(checks.Get_the_stage_run.inputs.host.operationId).toBe("GetItem");
    expect(checks.Get_the_stage_run.inputs.parameters.entityName).toBe("deploymentstageruns");
    const reason: string = checks.Refusal_reason.inputs;
    // Still pending, not the requester's own request, the decider holds the role, nothing applied before.
    expect(reason).toContain("equals(body('Get_the_stage_run')?['approvalstatus'], 10)");
    expect(reason).toContain("body('Get_the_decision_row')?['_createdby_value']");
    // The first step reads the decision row again: the checks judge it as it is now, not the trigger's copy.
    expect(checks.Get_the_decision_row.inputs.parameters).toEqual({
      entityName: "apnl_approvaldecisions",
      recordId: "@triggerOutputs()?['body/apnl_approvaldecisionid']",
    });
    expect(reason).toContain("List_the_deciders_Deployment_Approver_role");
    expect(reason).toContain("List_applied_decisions_for_the_run");
    expect(checks.List_the_deciders_Deployment_Approver_role.inputs.parameters).toMatchObject({ entityName: "roles" });
    // The role by the shipped role's id as root role, never by its name; held directly by an enabled user.
    expect(checks.List_the_deciders_Deployment_Approver_role.inputs.parameters.$filter).toBe(
      "_parentrootroleid_value eq 38f47392-816e-45ea-bfde-e36ae6e61953 and systemuserroles_association/any(u:u/systemuserid eq @{body('Get_the_decision_row')?['_createdby_value']} and u/isdisabled eq false)",
    );
    expect(checks.List_applied_decisions_for_the_run.inputs.parameters).toMatchObject({ entityName: "apnl_approvaldecisions" });
    expect(checks.List_applied_decisions_for_the_run.inputs.parameters.$filter).toContain("apnl_outcome eq 20");
  });

  const outcomeWrites = () =>
    allActions(flowJson().properties.definition.actions)
      .filter((a) => a.action.inputs?.host?.operationId === "UpdateRecord")
      .map((a) => ({ ...a, parameters: a.action.inputs.parameters }));

  test("records applied (20) after the action succeeds and refused (30) with the reason", () => {
    // The re-check of earlier counted approvals writes their rows; every other write is the trigger's row.
    const writes = outcomeWrites().filter((w) => w.name !== "Record_that_it_no_longer_counts");
    for (const write of writes) {
      expect(write.parameters.entityName).toBe("apnl_approvaldecisions");
      expect(write.parameters.recordId).toBe("@triggerOutputs()?['body/apnl_approvaldecisionid']");
      expect(write.parameters["item/apnl_outcomeon"]).toBe("@utcNow()");
    }
    const applied = writes.filter((w) => w.parameters["item/apnl_outcome"] === 20);
    expect(applied).toHaveLength(1);
    expect(applied[0].container).toBe("Applied_or_moved_on");
    const all = allActions(flowJson().properties.definition.actions);
    expect(all.find((a) => a.name === "Applied_or_moved_on")!.action.runAfter).toEqual({ Apply_the_decision: ["Succeeded"] });
    const refused = writes.filter((w) => w.parameters["item/apnl_outcome"] === 30);
    expect(refused.map((w) => w.container).sort()).toEqual(["Applied_or_moved_on/else", "Refused"]);
    expect(refused.find((w) => w.container === "Refused")!.parameters["item/apnl_outcomemessage"]).toBe("@outputs('Refusal_reason')");
  });

  test("every scope that can fail is followed by a step that records failed (40) with the error, so no row stays pending", () => {
    const all = allActions(flowJson().properties.definition.actions);
    const scopes = all.filter((a) => a.action.type === "Scope");
    expect(scopes.map((s) => s.name).sort()).toEqual(["Apply_the_decision", "Check_the_decision"]);
    for (const scope of scopes) {
      const siblings = all.filter((a) => a.container === scope.container);
      const onFailure = siblings.find((a) => {
        const after: string[] = a.action.runAfter?.[scope.name] ?? [];
        return after.includes("Failed") && after.includes("TimedOut");
      });
      expect({ scope: scope.name, handled: onFailure !== undefined }).toEqual({ scope: scope.name, handled: true });
      expect(onFailure!.action.inputs.from).toBe(`@result('${scope.name}')`);
      const record = siblings.find((a) => a.action.runAfter?.[onFailure!.name]);
      expect(record!.action.inputs.parameters["item/apnl_outcome"]).toBe(40);
      expect(record!.action.inputs.parameters["item/apnl_outcomemessage"]).toContain(`body('${onFailure!.name}')`);
      expect(record!.action.inputs.parameters["item/apnl_outcomemessage"]).toContain("['error']?['message']");
      // The run itself ends Failed, so the flow's run history shows it too.
      const end = siblings.find((a) => a.action.runAfter?.[record!.name]);
      expect(end!.action).toMatchObject({ type: "Terminate", inputs: { runStatus: "Failed" } });
    }
  });
});

describe("the Apply approval decisions flow enforces the stage's approval policy (docs/approval-policy.md)", () => {
  const definition = (): Any => flowJson().properties.definition;
  const checks = (): Any => definition().actions.Check_the_decision.actions;
  const step = (name: string): Any => allActions(definition().actions).find((a) => a.name === name);
  /** A reason as it stands in the expression: a single-quoted string literal, quotes doubled. */
  const literal = (reason: string) => `'${reason.replace(/'/g, "''")}'`;

  test("keeps one run at a time, so two approvers deciding together are counted one after the other", () => {
    const trigger = Object.values<Any>(definition().triggers)[0];
    expect(trigger.runtimeConfiguration).toEqual({ concurrency: { runs: 1 } });
  });

  test("reads the run's active policies by stage id, newest change first, top 2 (two are refused)", () => {
    const list = checks().List_the_stage_policy;
    expect(list.inputs.host.operationId).toBe("ListRecords");
    expect(list.runAfter).toEqual({ Who_am_I: ["Succeeded"] });
    const parameters = list.inputs.parameters;
    expect(parameters.entityName).toBe("apnl_approvalpolicies");
    expect(parameters.$filter).toBe("apnl_stageid eq '@{toLower(body('Get_the_stage_run')?['_deploymentstageid_value'])}' and statecode eq 0");
    // The panel and the emulator read the same order.
    expect(parameters.$orderby).toBe("modifiedon desc");
    expect(parameters.$top).toBe(2);
    for (const column of [
      "apnl_requiredapprovals",
      "apnl_commentonapprove",
      "apnl_commentonreject",
      "apnl_allowselfapproval",
      "_apnl_approverteam_value",
      "apnl_checklist",
      "apnl_expiryhours",
    ]) {
      expect(parameters.$select.split(",")).toContain(column);
    }
    expect(checks().The_stage_policy.inputs).toBe("@first(outputs('List_the_stage_policy')?['body/value'])");
  });

  test("checks team membership of the decider against the policy's team", () => {
    const parameters = checks().List_the_deciders_approver_team.inputs.parameters;
    expect(parameters.entityName).toBe("teams");
    expect(parameters.$filter).toContain("outputs('The_stage_policy')?['_apnl_approverteam_value']");
    expect(parameters.$filter).toContain("teammembership_association/any(u:u/systemuserid eq @{body('Get_the_decision_row')?['_createdby_value']})");
  });

  test("refuses with the emulator's reasons word for word, in the emulator's order", () => {
    // The emulator (fakehost/flow.cjs) plays the shipped flow: the same texts in the same order.
    const reasons = Object.values(REFUSALS);
    const expression: string = checks().Refusal_reason.inputs;
    const positions = reasons.map((reason) => expression.indexOf(literal(reason)));
    expect(positions.map((position, index) => ({ reason: reasons[index], present: position > 0 }))).toEqual(
      reasons.map((reason) => ({ reason, present: true })),
    );
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // Each rule reads what it names.
    expect(expression).toContain("not(empty(body('Get_the_decision_row')?['_createdonbehalfby_value']))");
    expect(expression).toContain("equals(length(outputs('List_the_stage_policy')?['body/value']), 0)");
    expect(expression).toContain("greater(length(outputs('List_the_stage_policy')?['body/value']), 1)");
    expect(expression).toContain("greater(length(outputs('List_the_deciders_recent_decisions')?['body/value']), 20)");
    expect(expression).toContain("ticks(addMinutes(utcNow(), 5))");
    expect(expression).toContain("outputs('Client_properties')?['approverId']");
    expect(expression).toContain("not(equals(outputs('The_stage_policy')?['apnl_allowselfapproval'], true))");
    expect(expression).toContain("outputs('List_the_deciders_approver_team')?['body/value']");
    expect(expression).toContain(
      "addHours(coalesce(body('Get_the_stage_run')?['createdon'], utcNow()), int(coalesce(outputs('The_stage_policy')?['apnl_expiryhours'], 0)))",
    );
    expect(expression).toContain("outputs('The_stage_policy')?['apnl_commentonapprove']");
    expect(expression).toContain("outputs('The_stage_policy')?['apnl_commentonreject']");
    expect(expression).toContain("not(outputs('Checklist_confirmed'))");
    expect(expression).toContain("contains(outputs('Counted_approvers'), toLower(string(body('Get_the_decision_row')?['_createdby_value'])))");
    expect(checks().Refusal_reason.runAfter).toEqual({ Checklist_confirmed: ["Succeeded"] });
  });

  test("compares the checklist exactly: intersection() of the policy's lines with the confirmed array, never a substring", () => {
    expect(checks().Checklist_items.inputs.from).toContain("outputs('The_stage_policy')?['apnl_checklist']");
    expect(checks().Checklist_items.inputs.select).toBe("@trim(item())");
    expect(checks().Client_properties.inputs).toContain("body('Get_the_decision_row')?['apnl_approvalproperties']");
    // Anything but a JSON object (null included) fails json(): closed.
    expect(checks().Client_properties.inputs).toContain("startsWith(trim(body('Get_the_decision_row')?['apnl_approvalproperties']), '{')");
    const confirmed = step("Confirmed_checklist_items");
    expect(confirmed.container).toBe("For_an_approval");
    expect(confirmed.action.inputs).toBe(
      "@intersection(union(body('Checklist_items_required'), body('Checklist_items_required')), coalesce(outputs('Client_properties')?['checklist'], createArray()))",
    );
    expect(JSON.stringify(definition())).not.toContain("contains(outputs('Confirmed_checklist')");
  });

  test("counts only rows the flow itself last wrote and that are active; re-checks every counted approver", () => {
    expect(checks().Who_am_I.inputs.parameters).toEqual({ actionName: "WhoAmI" });
    const byFlow = "_modifiedby_value eq @{body('Who_am_I')?['UserId']} and statecode eq 0";
    const parameters = checks().List_counted_approvals_for_the_run.inputs.parameters;
    expect(parameters.entityName).toBe("apnl_approvaldecisions");
    expect(parameters.$filter).toBe(
      `apnl_stagerunid eq '@{toLower(body('Get_the_stage_run')?['deploymentstagerunid'])}' and apnl_decision eq 20 and apnl_outcome eq 50 and ${byFlow} and apnl_approvaldecisionid ne @{triggerOutputs()?['body/apnl_approvaldecisionid']}`,
    );
    expect(checks().List_applied_decisions_for_the_run.inputs.parameters.$filter).toContain(`apnl_outcome eq 20 and ${byFlow}`);
    const recheck = step("Recheck_each_counted_approval");
    expect(recheck.action).toMatchObject({ type: "Foreach", foreach: "@outputs('List_counted_approvals_for_the_run')?['body/value']" });
    expect(recheck.action.actions.List_the_counted_approvers_role.inputs.parameters.$filter).toContain(
      "_parentrootroleid_value eq 38f47392-816e-45ea-bfde-e36ae6e61953",
    );
    expect(recheck.action.actions.List_the_counted_approvers_team.inputs.parameters.$filter).toContain("teammembership_association");
    const still = recheck.action.actions.Still_counts;
    expect(still.actions.Count_the_approver).toMatchObject({ type: "AppendToArrayVariable", inputs: { name: "Eligible_counted_approvers" } });
    expect(still.else.actions.Record_that_it_no_longer_counts.inputs.parameters).toMatchObject({
      "item/apnl_outcome": 30,
      "item/apnl_outcomemessage": NO_LONGER_COUNTED,
    });
    expect(definition().actions.Initialize_eligible_counted_approvers.inputs.variables).toEqual([
      { name: "Eligible_counted_approvers", type: "array", value: [] },
    ]);
    expect(checks().Counted_approvers.inputs).toBe("@union(variables('Eligible_counted_approvers'), variables('Eligible_counted_approvers'))");
    expect(checks().Required_approvals.inputs).toBe("@max(1, int(coalesce(outputs('The_stage_policy')?['apnl_requiredapprovals'], 1)))");
    expect(checks().Approval_number.inputs).toBe("@add(length(outputs('Counted_approvers')), 1)");
  });

  test("sends the host the client's properties with the flow's own relay block: decision, decider, counted approvers, run", () => {
    const apply = step("Apply_the_decision").action.actions;
    expect(apply.Relay_record.inputs).toContain("'decidedBy', toLower(string(body('Get_the_decision_row')?['_createdby_value']))");
    expect(apply.Relay_record.inputs).toContain(
      "'countedApprovers', if(equals(body('Get_the_decision_row')?['apnl_decision'], 20), union(outputs('Counted_approvers')",
    );
    expect(apply.Relay_record.inputs).toContain("'flowRun', workflow()?['run']?['name']");
    // The flow's relay block replaces any client "relay"; a client key that pretends to be the flow's is dropped.
    expect(apply.Properties_for_the_host.inputs).toContain(
      "setProperty(removeProperty(outputs('Client_properties'), 'approverPropertiesOmitted'), 'relay', outputs('Relay_record'))",
    );
    expect(apply.Properties_for_the_host.inputs).toContain("4000");
  });

  test("an outcome write that fails ends the run as failed", () => {
    expect(definition().actions.Fail_the_run_when_the_outcome_was_not_recorded).toMatchObject({
      runAfter: { Refused: ["Failed", "TimedOut"] },
      type: "Terminate",
      inputs: { runStatus: "Failed", runError: { code: "OutcomeNotRecorded" } },
    });
  });

  test("an approval short of the quorum gets outcome 50 with 'Approval <n> of <required> counted.' and no action", () => {
    const wait = step("Waits_for_more_approvals");
    expect(wait.container).toBe("Refused/else");
    expect(wait.action.expression).toEqual({
      and: [{ equals: ["@body('Get_the_decision_row')?['apnl_decision']", 20] }, { less: ["@outputs('Approval_number')", "@outputs('Required_approvals')"] }],
    });
    const counted = wait.action.actions.Record_the_counted_approval;
    expect(counted.inputs.host.operationId).toBe("UpdateRecord");
    expect(counted.inputs.parameters["item/apnl_outcome"]).toBe(50);
    expect(counted.inputs.parameters["item/apnl_outcomemessage"]).toBe("Approval @{outputs('Approval_number')} of @{outputs('Required_approvals')} counted.");
    expect(JSON.stringify(wait.action.actions)).not.toContain("PerformUnboundAction");
  });

  test("re-reads the run right before UpdateApprovalStatus and calls it only while the run is still pending", () => {
    const apply = step("Apply_the_decision").action.actions;
    expect(Object.keys(apply)).toEqual(["Relay_record", "Properties_for_the_host", "Re_read_the_stage_run", "Pending_at_re_read", "Still_pending"]);
    expect(apply.Re_read_the_stage_run.inputs.host.operationId).toBe("GetItem");
    expect(apply.Re_read_the_stage_run.inputs.parameters).toEqual({
      entityName: "deploymentstageruns",
      recordId: "@body('Get_the_decision_row')?['apnl_stagerunid']",
    });
    expect(apply.Pending_at_re_read.inputs).toBe(
      "@if(contains(body('Re_read_the_stage_run'), 'approvalstatus'), equals(body('Re_read_the_stage_run')?['approvalstatus'], 10), true)",
    );
    expect(apply.Still_pending.runAfter).toEqual({ Pending_at_re_read: ["Succeeded"] });
    expect(apply.Still_pending.expression).toEqual({ and: [{ equals: ["@outputs('Pending_at_re_read')", true] }] });
    expect(Object.keys(apply.Still_pending.actions)).toEqual(["Update_approval_status"]);
    const movedOn = step("Record_that_the_run_moved_on");
    expect(movedOn.container).toBe("Applied_or_moved_on/else");
    expect(movedOn.action.inputs.parameters["item/apnl_outcome"]).toBe(30);
    expect(movedOn.action.inputs.parameters["item/apnl_outcomemessage"]).toBe("The stage run is no longer pending approval.");
  });
});

describe("the Sweep approval decisions flow", () => {
  const sweeper = (): Any => {
    const entry = workflows().find((w) => w["@_Name"] === "Sweep approval decisions");
    return JSON.parse(decoder.decode(files[entry.JsonFileName.slice(1)]));
  };

  test("runs every 15 minutes through the same service principal connection, and arrives as a root component of its own", () => {
    const definition = sweeper().properties.definition;
    expect(Object.values<Any>(definition.triggers)).toEqual([{ recurrence: { frequency: "Minute", interval: 15 }, type: "Recurrence" }]);
    expect(Object.values<Any>(sweeper().properties.connectionReferences)[0].connection.connectionReferenceLogicalName).toBe(
      "apnl_sharedcommondataserviceforapps_spn",
    );
    const id = String(workflows().find((w) => w["@_Name"] === "Sweep approval decisions")["@_WorkflowId"]).toLowerCase();
    expect(rootComponents("29").map((c) => c["@_id"])).toContain(id);
  });

  test("fails rows without an outcome after 30 minutes, and marks outcomes the relay flow did not write as not counted", () => {
    const actions = sweeper().properties.definition.actions;
    expect(actions.List_decisions_the_relay_never_handled.inputs.parameters.$filter).toBe(
      "statecode eq 0 and (apnl_outcome eq null or apnl_outcome eq 10) and createdon lt @{addMinutes(utcNow(), -30)}",
    );
    expect(actions.Fail_each_unhandled_decision.actions.Record_that_the_relay_never_handled_it.inputs.parameters).toMatchObject({
      "item/apnl_outcome": 40,
      "item/apnl_outcomemessage": SWEPT.notProcessed,
    });
    expect(actions.List_outcomes_not_written_by_the_relay.inputs.parameters.$filter).toBe(
      "statecode eq 0 and apnl_outcome ne null and apnl_outcome ne 10 and _modifiedby_value ne @{body('Who_am_I')?['UserId']}",
    );
    expect(actions.Mark_each_outcome_not_written_by_the_relay.actions.Record_that_it_is_not_counted.inputs.parameters).toMatchObject({
      "item/apnl_outcome": 30,
      "item/apnl_outcomemessage": SWEPT.notWrittenByFlow,
    });
  });
});

describe("the packer refuses a relay source that would not import", () => {
  let source: string;

  beforeAll(() => {
    source = join(work, "bad-src");
  });

  function freshSource() {
    rmSync(source, { recursive: true, force: true });
    cpSync(join(work, "src"), source, { recursive: true });
  }

  function flowFiles() {
    const dir = join(source, "Workflows");
    const json = readdirSync(dir).find((name) => name.endsWith(".json"))!;
    return { dir, json, data: `${json}.data.xml` };
  }

  function edit(path: string, change: (text: string) => string) {
    writeFileSync(path, change(readFileSync(path, "utf8")));
  }

  function expectRefusal(pattern: RegExp) {
    const out = join(work, "bad-bin");
    expect(() => pack(source, out)).toThrow(PackError);
    expect(() => pack(source, out)).toThrow(pattern);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  }

  test("a flow whose connection reference Customizations.xml does not declare", () => {
    freshSource();
    edit(join(source, "Other", "Customizations.xml"), (text) =>
      text.replace("apnl_sharedcommondataserviceforapps_spn", "apnl_sharedcommondataserviceforapps_other"),
    );
    expectRefusal(/uses connection reference "apnl_sharedcommondataserviceforapps_spn", which Other\/Customizations\.xml does not declare/);
  });

  test("a connection reference for another connector than the flow's", () => {
    freshSource();
    edit(join(source, "Other", "Customizations.xml"), (text) => text.replace("apis/shared_commondataserviceforapps<", "apis/shared_office365<"));
    expectRefusal(/is for shared_commondataserviceforapps, but connection reference .* is for shared_office365/);
  });

  test("a flow entry whose JSON file is missing", () => {
    freshSource();
    const { dir, json } = flowFiles();
    rmSync(join(dir, json));
    expectRefusal(/does not exist/);
  });

  test("a flow file whose GUID differs from its WorkflowId", () => {
    freshSource();
    const { dir, json, data } = flowFiles();
    const renamed = json.replace(/-[0-9A-F]{8}-/, "-00000000-");
    renameSync(join(dir, json), join(dir, renamed));
    renameSync(join(dir, data), join(dir, `${renamed}.data.xml`));
    edit(join(dir, `${renamed}.data.xml`), (text) => text.replace(json, renamed));
    expectRefusal(/file name's GUID .* differs from WorkflowId/);
  });

  test("a flow file that is not JSON", () => {
    freshSource();
    const { dir, json } = flowFiles();
    edit(join(dir, json), (text) => text.slice(0, -10));
    expectRefusal(/is not valid JSON/);
  });

  test("a flow JSON file without its .data.xml entry", () => {
    freshSource();
    const { dir, data } = flowFiles();
    rmSync(join(dir, data));
    expectRefusal(/has no .*\.data\.xml entry/);
  });

  test("a relationship listed in Relationships.xml that no file defines", () => {
    freshSource();
    edit(join(source, "Other", "Relationships.xml"), (text) =>
      text.replace("</EntityRelationships>", '<EntityRelationship Name="apnl_missing"/></EntityRelationships>'),
    );
    expectRefusal(/lists relationship "apnl_missing" but no file/);
  });

  test("a role privilege level outside Basic, Local, Deep, Global", () => {
    freshSource();
    const dir = join(source, "Roles");
    edit(join(dir, readdirSync(dir)[0]), (text) => text.replace('level="Global"', 'level="Organization"'));
    expectRefusal(/has level "Organization"; use Basic, Local, Deep or Global/);
  });

  test("a table folder whose Entity.xml names another table", () => {
    freshSource();
    edit(join(source, "Entities", "apnl_ApprovalDecision", "Entity.xml"), (text) => text.replace(">apnl_ApprovalDecision</Name>", ">apnl_Other</Name>"));
    expectRefusal(/<Name> "apnl_Other" must equal its folder name "apnl_ApprovalDecision"/);
  });

  test("a form in the table folder, which this packer does not write", () => {
    freshSource();
    const forms = join(source, "Entities", "apnl_ApprovalDecision", "FormXml");
    mkdirSync(forms);
    expectRefusal(/only Entity\.xml is packed/);
  });
});
