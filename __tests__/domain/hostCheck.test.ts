import { describe, expect, it } from "@jest/globals";
import { buildHostReport, HOST_CHECK_GROUPS, SYSTEM_ADMINISTRATOR_TEMPLATE_ID, type HostCheckItem, type HostProbe } from "../../ApprovalPanel/domain/hostCheck";
import {
  commentsElsewhereProbe,
  currentHostProbe,
  DPA_TEMPLATE_ID,
  failed,
  FORBIDDEN,
  legacyHostProbe,
  ok,
  pascalNavigationProbe,
  privilegesFailedProbe,
  RELAY_TABLE,
  runTable,
  withRunColumns,
} from "../components/hostCheck/probes";

function itemOf(probe: HostProbe, id: string): HostCheckItem {
  const item = buildHostReport(probe).items.find((i) => i.id === id);
  if (item === undefined) throw new Error(`no item ${id}`);
  return item;
}

const change = (edit: (p: HostProbe) => void) => (): HostProbe => {
  const probe = currentHostProbe();
  edit(probe);
  return probe;
};

const retype = (column: string, type: string | null) =>
  change((p) => {
    const info = runTable(p);
    p.tables.deploymentstagerun = ok({ ...info, attributes: info.attributes.map((a) => (a.logicalName === column ? { ...a, type } : a)) });
  });

const setOptions = (table: string, column: string, options: Array<{ value: number; label: string | null }>) =>
  change((p) => {
    const sets = p.optionSets[table];
    if (!sets?.ok) throw new Error("no option sets");
    p.optionSets[table] = ok({ ...sets.value, [column]: options });
  });

describe("buildHostReport: a current host", () => {
  const report = buildHostReport(currentHostProbe());

  it("confirms everything, with unique ids and counts that add up", () => {
    expect(report.items.filter((i) => i.outcome !== "confirmed").map((i) => i.id)).toEqual([]);
    expect(new Set(report.items.map((i) => i.id)).size).toBe(report.items.length);
    expect(report.counts).toEqual({ confirmed: report.items.length, missing: 0, different: 0, unchecked: 0 });
  });

  it("has items in every group", () => {
    expect(HOST_CHECK_GROUPS.filter((g) => !report.items.some((i) => i.group === g))).toEqual([]);
  });

  it("lists the run table's approval* columns, sorted", () => {
    expect(report.approvalColumns).toEqual(["approvalcomments", "approvalproperties", "approvalstatus"]);
  });

  it("keeps the defaults and adds the pipeline administrator's template id", () => {
    expect(report.facts).toEqual({
      stageNavigation: "deploymentstageid",
      commentsColumn: "approvalcomments",
      propertiesColumn: "approvalproperties",
      optionLabels: expect.objectContaining({ "deploymentstagerun.approvalstatus": { 10: "Pending", 20: "Approved", 30: "Rejected" } }),
      administratorTemplateIds: [SYSTEM_ADMINISTRATOR_TEMPLATE_ID, DPA_TEMPLATE_ID],
    });
  });
});

describe("buildHostReport: each outcome per group", () => {
  it.each<[string, () => HostProbe, string, Partial<HostCheckItem>]>([
    // form
    ["form: on the run table", currentHostProbe, "form", { outcome: "confirmed", effect: "asAssumed" }],
    ["form: case does not matter", change((p) => (p.formTable = "DeploymentStageRun")), "form", { outcome: "confirmed" }],
    [
      "form: another table",
      change((p) => (p.formTable = "account")),
      "form",
      { outcome: "different", found: "account", effect: "formDifferent", effectArg: "account" },
    ],
    ["form: the host does not say", change((p) => (p.formTable = null)), "form", { outcome: "unchecked", effect: "formUnknown" }],
    // tables
    ["tables: present", currentHostProbe, "table:deploymentstagerun", { outcome: "confirmed", expected: "deploymentstageruns", found: "deploymentstageruns" }],
    [
      "tables: no run table",
      change((p) => (p.tables.deploymentstagerun = ok(null))),
      "table:deploymentstagerun",
      { outcome: "missing", effect: "runTableMissing" },
    ],
    [
      "tables: no pipeline table",
      change((p) => (p.tables.deploymentpipeline = ok(null))),
      "table:deploymentpipeline",
      { outcome: "missing", effect: "pipelineTableMissing" },
    ],
    ["tables: no relay table", change((p) => (p.tables[RELAY_TABLE] = ok(null))), `table:${RELAY_TABLE}`, { outcome: "missing", effect: "relayTableMissing" }],
    ["tables: relay not configured", change((p) => (p.relay = null)), "table:relay", { outcome: "missing", effect: "relayNotConfigured" }],
    [
      "tables: another entity set",
      change((p) => {
        const t = p.tables.deploymentenvironment;
        if (t?.ok && t.value) p.tables.deploymentenvironment = ok({ ...t.value, entitySet: "deploymentenvironmentset" });
      }),
      "table:deploymentenvironment",
      { outcome: "different", expected: "deploymentenvironments", found: "deploymentenvironmentset", effect: "entitySetDifferent" },
    ],
    [
      "tables: the request failed",
      change((p) => (p.tables.deploymentstage = failed(FORBIDDEN))),
      "table:deploymentstage",
      { outcome: "unchecked", effect: "unchecked", effectArg: FORBIDDEN.serverMessage },
    ],
    [
      "tables: failed without a message",
      change((p) => (p.tables.deploymentstage = failed({ kind: "timeout" }))),
      "table:deploymentstage",
      { outcome: "unchecked", effectArg: "timeout" },
    ],
    // columns
    [
      "columns: present",
      currentHostProbe,
      "column:deploymentstagerun.name",
      { outcome: "confirmed", expected: "String", found: "String", effect: "asAssumed" },
    ],
    ["columns: Memo where String is expected is fine", retype("name", "Memo"), "column:deploymentstagerun.name", { outcome: "confirmed", found: "Memo" }],
    ["columns: no type given", retype("name", null), "column:deploymentstagerun.name", { outcome: "confirmed", found: undefined }],
    [
      "columns: another type",
      retype("scheduledtime", "String"),
      "column:deploymentstagerun.scheduledtime",
      { outcome: "different", expected: "DateTime", found: "String", effect: "columnTypeDifferent", effectArg: "DateTime" },
    ],
    [
      "columns: missing",
      change((p) => withRunColumns(p, ["artifactname"])),
      "column:deploymentstagerun.artifactname",
      { outcome: "missing", expected: "String", effect: "columnMissing" },
    ],
    [
      "columns: no approval status",
      change((p) => withRunColumns(p, ["approvalstatus"])),
      "column:deploymentstagerun.approvalstatus",
      { outcome: "missing", effect: "approvalStatusMissing" },
    ],
    [
      "columns: no delegation type",
      change((p) => {
        const t = p.tables.deploymentstage;
        if (t?.ok && t.value)
          p.tables.deploymentstage = ok({ ...t.value, attributes: t.value.attributes.filter((a) => a.logicalName !== "delegateddeploymenttype") });
      }),
      "column:deploymentstage.delegateddeploymenttype",
      { outcome: "missing", effect: "delegationMissing" },
    ],
    [
      "columns: a relay column missing",
      change((p) => (p.relay = { table: RELAY_TABLE, columns: { apnl_stagerunid: "String", apnl_newcolumn: "String" } })),
      `column:${RELAY_TABLE}.apnl_newcolumn`,
      { outcome: "missing", effect: "relayColumnMissing" },
    ],
    // navigation
    ["navigation: as assumed", currentHostProbe, "navigation", { outcome: "confirmed", expected: "deploymentstageid", effect: "asAssumed" }],
    [
      "navigation: another name",
      pascalNavigationProbe,
      "navigation",
      { outcome: "different", found: "DeploymentStageId", effect: "navigationDifferent", effectArg: "DeploymentStageId" },
    ],
    ["navigation: none", change((p) => (p.stageRelationships = ok([]))), "navigation", { outcome: "missing", effect: "navigationMissing" }],
    [
      "navigation: a relationship without a navigation property",
      change((p) => (p.stageRelationships = ok([{ referencingAttribute: "deploymentstageid", navigation: null, referencedEntity: "deploymentstage" }]))),
      "navigation",
      { outcome: "missing" },
    ],
    ["navigation: the request failed", change((p) => (p.stageRelationships = failed(FORBIDDEN))), "navigation", { outcome: "unchecked", effect: "unchecked" }],
    // options
    [
      "options: every value there",
      currentHostProbe,
      "options:deploymentstagerun.approvalstatus",
      { outcome: "confirmed", expected: "10, 20, 30", effect: "optionsShown", effectArg: "10 Pending, 20 Approved, 30 Rejected" },
    ],
    [
      "options: a status value missing",
      setOptions("deploymentstagerun", "stagerunstatus", [{ value: 200000000, label: "Not Started" }]),
      "options:deploymentstagerun.stagerunstatus",
      { outcome: "different", effect: "optionsDifferent", effectArg: "200000000 Not Started" },
    ],
    [
      "options: Reject missing from the approval status",
      setOptions("deploymentstagerun", "approvalstatus", [
        { value: 10, label: "Pending" },
        { value: 20, label: null },
      ]),
      "options:deploymentstagerun.approvalstatus",
      { outcome: "different", effect: "approvalValuesDifferent", effectArg: "10 Pending, 20 ?" },
    ],
    [
      "options: an unknown delegation type",
      setOptions("deploymentstage", "delegateddeploymenttype", [{ value: 1, label: "Stage Owner" }]),
      "options:deploymentstage.delegateddeploymenttype",
      { outcome: "different", effect: "delegationTypeDifferent" },
    ],
    [
      "options: the column has no option set",
      change((p) => {
        const sets = p.optionSets.deploymentstagerun;
        if (sets?.ok) {
          const rest = { ...sets.value };
          delete rest.suboperation;
          p.optionSets.deploymentstagerun = ok(rest);
        }
      }),
      "options:deploymentstagerun.suboperation",
      { outcome: "missing", expected: "200000100", effect: "columnMissing" },
    ],
    [
      "options: the request failed",
      change((p) => (p.optionSets.deploymentstage = failed(FORBIDDEN))),
      "options:deploymentstage.delegateddeploymenttype",
      { outcome: "unchecked", effect: "unchecked" },
    ],
    // action
    ["action: present", currentHostProbe, "action", { outcome: "confirmed", effect: "asAssumed" }],
    ["action: a parameter as sent", currentHostProbe, "action:ApprovalStatus", { outcome: "confirmed", expected: "Edm.Int32" }],
    ["action: none", change((p) => (p.action = ok(null))), "action", { outcome: "missing", effect: "actionMissing" }],
    [
      "action: parameter names compared without case",
      change((p) => (p.action = ok({ parameters: [{ name: "stagerunid", type: "Edm.Guid", nullable: false }] }))),
      "action:StageRunId",
      { outcome: "confirmed" },
    ],
    [
      "action: a parameter missing",
      change((p) => (p.action = ok({ parameters: [{ name: "StageRunId", type: "Edm.Guid", nullable: false }] }))),
      "action:ApprovalComments",
      { outcome: "missing", expected: "Edm.String", effect: "actionParameterMissing" },
    ],
    [
      "action: a parameter of another type",
      change((p) => (p.action = ok({ parameters: [{ name: "ApprovalStatus", type: "Edm.String", nullable: false }] }))),
      "action:ApprovalStatus",
      { outcome: "different", expected: "Edm.Int32", found: "Edm.String", effect: "actionParameterTypeDifferent", effectArg: "Edm.Int32" },
    ],
    ["action: the request failed", change((p) => (p.action = failed(FORBIDDEN))), "action", { outcome: "unchecked", effect: "unchecked" }],
    // privileges
    [
      "privileges: held",
      currentHostProbe,
      "privilege:Read:deploymentstagerun",
      { outcome: "confirmed", found: "Global", subject: "prvRead deploymentstagerun" },
    ],
    [
      "privileges: a read missing",
      change((p) => (p.privileges = ok([]))),
      "privilege:Read:deploymentartifact",
      { outcome: "missing", effect: "privilegeMissing" },
    ],
    [
      "privileges: create on the relay table missing",
      change((p) => (p.privileges = ok([{ name: "prvReadDeploymentStageRun", depth: "Global" }]))),
      `privilege:Create:${RELAY_TABLE}`,
      { outcome: "missing", effect: "privilegeCreateRelayMissing" },
    ],
    [
      "privileges: the request failed",
      privilegesFailedProbe,
      "privilege:Read:deploymentstage",
      { outcome: "unchecked", effect: "unchecked", effectArg: FORBIDDEN.serverMessage },
    ],
    // roles
    ["roles: System Administrator", currentHostProbe, "role:systemadministrator", { outcome: "confirmed", effect: "systemAdministratorByTemplate" }],
    [
      "roles: pipeline administrator by template",
      currentHostProbe,
      "role:pipelineadministrator",
      { outcome: "confirmed", found: DPA_TEMPLATE_ID, effect: "pipelineAdministratorByTemplate", effectArg: DPA_TEMPLATE_ID },
    ],
    [
      "roles: pipeline administrator by name only",
      change((p) => (p.pipelineRoles = ok([{ id: "r1", name: " deployment pipeline ADMINISTRATOR ", templateId: null }]))),
      "role:pipelineadministrator",
      // "expected" is technical text shown untranslated: the role column's name, not English words.
      { outcome: "different", expected: "roletemplateid", found: " deployment pipeline ADMINISTRATOR ", effect: "pipelineAdministratorByName" },
    ],
    [
      "roles: no pipeline administrator role (another base language)",
      change((p) => (p.pipelineRoles = ok([{ id: "r2", name: "Administrator für Deployment Pipeline", templateId: DPA_TEMPLATE_ID }]))),
      "role:pipelineadministrator",
      { outcome: "missing", effect: "pipelineAdministratorMissing" },
    ],
    [
      "roles: the request failed",
      change((p) => (p.pipelineRoles = failed(FORBIDDEN))),
      "role:pipelineadministrator",
      { outcome: "unchecked", effect: "unchecked" },
    ],
  ])("%s", (_name, probe, id, expected) => {
    const item = itemOf(probe(), id);
    expect(item).toMatchObject(expected);
    for (const [key, value] of Object.entries(expected)) if (value === undefined) expect(item[key as keyof HostCheckItem]).toBeUndefined();
  });

  it("a missing table has no column lines; a refused table neither", () => {
    const missing = buildHostReport(change((p) => (p.tables.deploymentpipeline = ok(null)))());
    expect(missing.items.filter((i) => i.id.startsWith("column:deploymentpipeline."))).toEqual([]);
    const refused = buildHostReport(change((p) => (p.tables.deploymentstage = failed(FORBIDDEN)))());
    expect(refused.items.filter((i) => i.id.startsWith("column:deploymentstage."))).toEqual([]);
  });

  it("no Create privilege line without a relay table; every needed privilege unchecked when the request fails", () => {
    expect(buildHostReport(legacyHostProbe()).items.filter((i) => i.id.startsWith("privilege:Create:"))).toEqual([]);
    const unchecked = buildHostReport(privilegesFailedProbe()).items.filter((i) => i.group === "privileges");
    expect(unchecked.map((i) => i.outcome)).toEqual(["unchecked", "unchecked", "unchecked", "unchecked"]);
  });

  it("a host without the action lists no parameter lines", () => {
    expect(buildHostReport(legacyHostProbe()).items.filter((i) => i.id.startsWith("action:"))).toEqual([]);
  });
});

describe("buildHostReport: where comments and properties are stored", () => {
  it("one other comment column: different, and the facts point at it", () => {
    const report = buildHostReport(commentsElsewhereProbe());
    expect(report.items.find((i) => i.id === "column:deploymentstagerun.approvalcomments")).toMatchObject({
      outcome: "different",
      found: "approvalcomment",
      effect: "commentsElsewhere",
      effectArg: "approvalcomment",
    });
    expect(report.facts.commentsColumn).toBe("approvalcomment");
    expect(report.approvalColumns).toEqual(["approvalcomment", "approvalproperties", "approvalstatus"]);
    expect(report.counts.different).toBe(1);
    expect(report.counts.missing).toBe(0);
  });

  it("several candidates: stays missing, no column is guessed", () => {
    const probe = withRunColumns(
      currentHostProbe(),
      ["approvalcomments"],
      [
        { logicalName: "approvalcomment", type: "Memo" },
        { logicalName: "approvalcommenthistory", type: "Memo" },
      ],
    );
    const report = buildHostReport(probe);
    expect(report.items.find((i) => i.id === "column:deploymentstagerun.approvalcomments")).toMatchObject({ outcome: "missing", effect: "commentsMissing" });
    expect(report.facts.commentsColumn).toBeNull();
  });

  it("properties under another name", () => {
    const probe = withRunColumns(currentHostProbe(), ["approvalproperties"], [{ logicalName: "approvalproperty", type: "Memo" }]);
    const report = buildHostReport(probe);
    expect(report.items.find((i) => i.id === "column:deploymentstagerun.approvalproperties")).toMatchObject({
      outcome: "different",
      effect: "propertiesElsewhere",
      effectArg: "approvalproperty",
    });
    expect(report.facts.propertiesColumn).toBe("approvalproperty");
  });

  it("an older host: no approval columns, no action, no relay", () => {
    const report = buildHostReport(legacyHostProbe());
    expect(report.approvalColumns).toEqual([]);
    expect(report.facts.commentsColumn).toBeNull();
    expect(report.facts.propertiesColumn).toBeNull();
    const byId = (id: string) => report.items.find((i) => i.id === id);
    expect(byId("column:deploymentstagerun.approvalstatus")).toMatchObject({ outcome: "missing", effect: "approvalStatusMissing" });
    expect(byId("column:deploymentstagerun.approvalcomments")).toMatchObject({ outcome: "missing", effect: "commentsMissing" });
    expect(byId("column:deploymentstagerun.approvalproperties")).toMatchObject({ outcome: "missing", effect: "propertiesMissing" });
    expect(byId("options:deploymentstagerun.approvalstatus")).toMatchObject({ outcome: "missing", effect: "columnMissing" });
    expect(byId("action")).toMatchObject({ outcome: "missing", effect: "actionMissing" });
    expect(byId("table:relay")).toMatchObject({ outcome: "missing", effect: "relayNotConfigured" });
  });

  it("a run table that could not be read keeps the default columns", () => {
    const report = buildHostReport(change((p) => (p.tables.deploymentstagerun = failed(FORBIDDEN)))());
    expect(report.approvalColumns).toEqual([]);
    expect(report.facts.commentsColumn).toBe("approvalcomments");
    expect(report.facts.propertiesColumn).toBe("approvalproperties");
  });
});

describe("buildHostReport: the facts", () => {
  it("stage navigation: the default, the host's spelling, or none", () => {
    expect(buildHostReport(currentHostProbe()).facts.stageNavigation).toBe("deploymentstageid");
    expect(buildHostReport(pascalNavigationProbe()).facts.stageNavigation).toBe("DeploymentStageId");
    expect(buildHostReport(change((p) => (p.stageRelationships = ok([])))()).facts.stageNavigation).toBeNull();
    // Not checked: the panel carries on with its default.
    expect(buildHostReport(change((p) => (p.stageRelationships = failed(FORBIDDEN)))()).facts.stageNavigation).toBe("deploymentstageid");
  });

  it("option labels: the host's, blank ones left out, also when values differ", () => {
    const probe = setOptions("deploymentstagerun", "approvalstatus", [
      { value: 10, label: "Ausstehend" },
      { value: 20, label: "  " },
      { value: 30, label: null },
      { value: 40, label: "Zurückgestellt" },
    ])();
    expect(buildHostReport(probe).facts.optionLabels["deploymentstagerun.approvalstatus"]).toEqual({ 10: "Ausstehend", 40: "Zurückgestellt" });
    expect(buildHostReport(change((p) => (p.optionSets.deploymentstagerun = failed(FORBIDDEN)))()).facts.optionLabels).not.toHaveProperty(
      "deploymentstagerun.approvalstatus",
    );
  });

  it("administrator template ids: System Administrator's, plus the pipeline administrator's when found by template", () => {
    expect(buildHostReport(currentHostProbe()).facts.administratorTemplateIds).toEqual([SYSTEM_ADMINISTRATOR_TEMPLATE_ID, DPA_TEMPLATE_ID]);
    const byName = change((p) => (p.pipelineRoles = ok([{ id: "r1", name: "Deployment Pipeline Administrator", templateId: null }])))();
    expect(buildHostReport(byName).facts.administratorTemplateIds).toEqual([SYSTEM_ADMINISTRATOR_TEMPLATE_ID]);
    const several = change(
      (p) =>
        (p.pipelineRoles = ok([
          { id: "r1", name: "Deployment Pipeline Administrator", templateId: null },
          { id: "r2", name: "Deployment Pipeline Administrator", templateId: DPA_TEMPLATE_ID },
          { id: "r3", name: "Deployment Pipeline Default", templateId: "0f9e8d7c-6b5a-4493-8271-605f4e3d2c1b" },
        ])),
    )();
    expect(buildHostReport(several).facts.administratorTemplateIds).toEqual([SYSTEM_ADMINISTRATOR_TEMPLATE_ID, DPA_TEMPLATE_ID]);
    expect(buildHostReport(change((p) => (p.pipelineRoles = failed(FORBIDDEN)))()).facts.administratorTemplateIds).toEqual([SYSTEM_ADMINISTRATOR_TEMPLATE_ID]);
  });

  it("counts every outcome", () => {
    const report = buildHostReport(legacyHostProbe());
    const tally = { confirmed: 0, missing: 0, different: 0, unchecked: 0 };
    for (const i of report.items) tally[i.outcome] += 1;
    expect(report.counts).toEqual(tally);
    expect(report.counts.missing).toBeGreaterThan(0);
  });
});
