/**
 * Approval policy per stage (docs/approval-policy.md), as it reaches both solution zips: the Approval Policy table,
 * its alternate key, form and views, the Approval Decision table's form and views, the roles that read policies,
 * and solution.xml's export attributes and missing dependencies. Packs the repository's own Solutions/src with a
 * stand-in control build, managed and unmanaged, and reads each zip the way an importer would.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packSolution } from "../../scripts/lib/solution-pack.cjs";
import { type Any, copySolutionSource, expectOneAlternateKey, list, readZip, writeStandInBuild, zipXml } from "./packedSource";

const POLICY = "apnl_approvalpolicy";
const DECISION = "apnl_approvaldecision";

let work: string;
const zips: Record<"unmanaged" | "managed", Record<string, Uint8Array>> = { unmanaged: {}, managed: {} };

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "policy-pack-"));
  const built = join(work, "built");
  writeStandInBuild(built);
  const source = join(work, "src");
  copySolutionSource(source);
  for (const kind of ["unmanaged", "managed"] as const) {
    const result = packSolution({ builtControlDir: built, solutionSourceDir: source, outDir: join(work, kind), managed: kind === "managed" });
    zips[kind] = readZip(result.zipPath);
  }
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe.each(["unmanaged", "managed"] as const)("the %s zip", (kind) => {
  const xml = (name: string): Any => zipXml(zips[kind], name).ImportExportXml;
  const customizations = (): Any => xml("customizations.xml");
  const entity = (schemaName: string): Any => list(customizations().Entities.Entity).find((e) => e.Name["#text"] === schemaName);
  const info = (): Any => entity("apnl_ApprovalPolicy").EntityInfo.entity;
  const column = (logicalName: string): Any => list(info().attributes.attribute).find((a) => a.LogicalName === logicalName);
  const views = (schemaName: string): Any[] => list(entity(schemaName).SavedQueries.savedqueries.savedquery);
  const viewNamed = (schemaName: string, name: string): Any => {
    const found = views(schemaName).find((v) => v.LocalizedNames.LocalizedName["@_description"] === name);
    if (!found) throw new Error(`no view "${name}" on ${schemaName}`);
    return found;
  };
  const fetchEntity = (view: Any): Any => view.fetchxml.fetch.entity;
  const orders = (view: Any) => list(fetchEntity(view).order).map((o) => [o["@_attribute"], o["@_descending"]]);
  const conditions = (view: Any) =>
    list(fetchEntity(view).filter).flatMap((f) =>
      list(f.condition).map((c) => [c["@_attribute"], c["@_operator"], c["@_value"], f["@_isquickfindfields"] ?? ""]),
    );
  const formFields = (schemaName: string): string[] => {
    const text = JSON.stringify(entity(schemaName).FormXml.forms.systemform.form);
    return [...text.matchAll(/"@_datafieldname":"([^"]+)"/g)].map((m) => m[1]);
  };
  const privileges = (roleName: string) => {
    const role = list(customizations().Roles.Role).find((r) => r["@_name"] === roleName);
    if (!role) throw new Error(`no role "${roleName}"`);
    return list(role.RolePrivileges.RolePrivilege).map((p) => ({ name: p["@_name"], level: p["@_level"] }));
  };

  describe("the Approval Policy table", () => {
    test("is organisation-owned, apnl_ApprovalPolicy with entity set apnl_approvalpolicies, and a root component", () => {
      expect(info()["@_Name"]).toBe("apnl_ApprovalPolicy");
      expect(info().EntitySetName).toBe("apnl_approvalpolicies");
      expect(info().OwnershipTypeMask).toBe("OrgOwned");
      const roots = list(xml("solution.xml").SolutionManifest.RootComponents.RootComponent);
      expect(roots).toContainEqual({ "@_type": "1", "@_schemaName": POLICY, "@_behavior": "0" });
    });

    test("has the design's columns with their types, lengths, ranges and defaults", () => {
      expect(column("apnl_approvalpolicyid").Type).toBe("primarykey");
      expect(column("apnl_name")).toMatchObject({ Type: "nvarchar", MaxLength: "100", RequiredLevel: "required" });
      expect(column("apnl_name").DisplayMask).toMatch(/^PrimaryName\|/);
      expect(column("apnl_stageid")).toMatchObject({ Type: "nvarchar", MaxLength: "36", RequiredLevel: "required" });
      expect(column("apnl_stagename")).toMatchObject({ Type: "nvarchar", MaxLength: "200" });
      expect(column("apnl_pipelinename")).toMatchObject({ Type: "nvarchar", MaxLength: "200" });
      expect(column("apnl_requiredapprovals")).toMatchObject({ Type: "int", MinValue: "1", MaxValue: "5" });
      expect(column("apnl_expiryhours")).toMatchObject({ Type: "int", MinValue: "1", MaxValue: "8760", RequiredLevel: "none" });
      expect(column("apnl_checklist")).toMatchObject({ Type: "ntext", MaxLength: "2200", RequiredLevel: "none" });
      expect(column("apnl_approverteam")).toMatchObject({ Type: "lookup", RequiredLevel: "none", LookupStyle: "single" });
      for (const [name, fallback] of [
        ["apnl_commentonapprove", "0"],
        ["apnl_commentonreject", "1"],
        ["apnl_allowselfapproval", "0"],
      ]) {
        const bit = column(name);
        expect({ name, type: bit.Type, default: bit.AppDefaultValue, set: bit.optionset.OptionSetType }).toEqual({
          name,
          type: "bit",
          default: fallback,
          set: "bit",
        });
        expect(list(bit.optionset.options.option).map((o) => o["@_value"])).toEqual(["1", "0"]);
      }
    });

    test("its own columns are exactly the design's; the rest are an organisation-owned table's system columns", () => {
      const columns = list(info().attributes.attribute);
      const custom = columns.filter((a) => a.IsCustomField === "1").map((a) => a.LogicalName);
      expect(custom.sort()).toEqual(
        [
          "apnl_allowselfapproval",
          "apnl_approverteam",
          "apnl_checklist",
          "apnl_commentonapprove",
          "apnl_commentonreject",
          "apnl_expiryhours",
          "apnl_name",
          "apnl_pipelinename",
          "apnl_requiredapprovals",
          "apnl_stageid",
          "apnl_stagename",
        ].sort(),
      );
      const system = columns.filter((a) => a.IsCustomField === "0").map((a) => a.LogicalName);
      expect(system).toContain("organizationid");
      expect(system).toContain("statecode");
      for (const owned of ["ownerid", "owninguser", "owningteam", "owningbusinessunit"]) expect(system).not.toContain(owned);
    });

    test("has an alternate key on the stage id alone", () => {
      expectOneAlternateKey(info(), "apnl_stageidkey", "apnl_stageid");
    });

    test("its relationships: system users, organisation, and the Approver Team lookup to team, which a named team cannot be deleted past", () => {
      const relationships = list(customizations().EntityRelationships.EntityRelationship).filter((r) => r.ReferencingEntityName === "apnl_ApprovalPolicy");
      const physical = list(info().attributes.attribute).map((a) => a["@_PhysicalName"]);
      for (const relationship of relationships) expect(physical).toContain(relationship.ReferencingAttributeName);
      expect(relationships.map((r) => r["@_Name"]).sort()).toEqual(
        [
          "apnl_team_apnl_approvalpolicy_approverteam",
          "lk_apnl_approvalpolicy_createdby",
          "lk_apnl_approvalpolicy_createdonbehalfby",
          "lk_apnl_approvalpolicy_modifiedby",
          "lk_apnl_approvalpolicy_modifiedonbehalfby",
          "organization_apnl_approvalpolicy",
        ].sort(),
      );
      const team = relationships.find((r) => r["@_Name"] === "apnl_team_apnl_approvalpolicy_approverteam");
      expect(team).toMatchObject({ ReferencedEntityName: "Team", ReferencingAttributeName: "apnl_ApproverTeam", CascadeDelete: "Restrict" });
    });

    test("ships a main form with the stage, the rules, the checklist and the team", () => {
      const form = entity("apnl_ApprovalPolicy").FormXml.forms;
      expect(form["@_type"]).toBe("main");
      const fields = formFields("apnl_ApprovalPolicy");
      for (const field of [
        "apnl_name",
        "apnl_stageid",
        "apnl_stagename",
        "apnl_pipelinename",
        "apnl_requiredapprovals",
        "apnl_commentonapprove",
        "apnl_commentonreject",
        "apnl_allowselfapproval",
        "apnl_expiryhours",
        "apnl_approverteam",
        "apnl_checklist",
      ]) {
        expect({ field, onForm: fields.includes(field) }).toEqual({ field, onForm: true });
      }
      const sections = JSON.stringify(form.systemform.form);
      expect(sections).toContain('"@_name":"rules"');
      expect(sections).toContain('"@_name":"checklist"');
    });

    test("Active Approval Policies: the default public view, statecode 0, sorted by name", () => {
      const view = viewNamed("apnl_ApprovalPolicy", "Active Approval Policies");
      expect({ querytype: view.querytype, isdefault: view.isdefault }).toEqual({ querytype: "0", isdefault: "1" });
      expect(fetchEntity(view)["@_name"]).toBe(POLICY);
      expect(conditions(view)).toEqual([["statecode", "eq", "0", ""]]);
      expect(orders(view)).toEqual([["apnl_name", "false"]]);
    });

    test("Approval Policies by Pipeline: sorted by pipeline name, then stage name", () => {
      const view = viewNamed("apnl_ApprovalPolicy", "Approval Policies by Pipeline");
      expect(view.querytype).toBe("0");
      expect(orders(view)).toEqual([
        ["apnl_pipelinename", "false"],
        ["apnl_stagename", "false"],
      ]);
      expect(view.layoutxml.grid.row.cell[0]["@_name"]).toBe("apnl_pipelinename");
    });

    test("has the quick find, lookup, advanced find and associated views real exports carry", () => {
      expect(
        views("apnl_ApprovalPolicy")
          .map((v) => v.querytype)
          .sort(),
      ).toEqual(expect.arrayContaining(["0", "1", "2", "4", "64"]));
      const quickFind = views("apnl_ApprovalPolicy").find((v) => v.querytype === "4");
      expect(quickFind.isquickfindquery).toBe("1");
      expect(conditions(quickFind)).toEqual(expect.arrayContaining([["apnl_stageid", "like", "{0}", "1"]]));
    });
  });

  describe("the Approval Decision table", () => {
    test("ships a main form with the decision and its outcome", () => {
      const fields = formFields("apnl_ApprovalDecision");
      for (const field of [
        "apnl_name",
        "apnl_stagerunid",
        "apnl_decision",
        "apnl_comments",
        "apnl_outcome",
        "apnl_outcomemessage",
        "apnl_outcomeon",
        "createdby",
      ]) {
        expect({ field, onForm: fields.includes(field) }).toEqual({ field, onForm: true });
      }
      expect(JSON.stringify(entity("apnl_ApprovalDecision").FormXml)).toContain("50 counted");
    });

    test("Recent Approval Decisions: the default view, newest first", () => {
      const view = viewNamed("apnl_ApprovalDecision", "Recent Approval Decisions");
      expect({ querytype: view.querytype, isdefault: view.isdefault }).toEqual({ querytype: "0", isdefault: "1" });
      expect(fetchEntity(view)["@_name"]).toBe(DECISION);
      expect(orders(view)).toEqual([["createdon", "true"]]);
    });

    test("Decisions of a Run: the run id first, sorted by run id then created on", () => {
      const view = viewNamed("apnl_ApprovalDecision", "Decisions of a Run");
      expect(orders(view)).toEqual([
        ["apnl_stagerunid", "false"],
        ["createdon", "false"],
      ]);
      expect(view.layoutxml.grid.row.cell[0]["@_name"]).toBe("apnl_stagerunid");
    });

    test("has quick find (name, run id) and lookup views", () => {
      const quickFind = views("apnl_ApprovalDecision").find((v) => v.querytype === "4");
      expect(conditions(quickFind)).toEqual(expect.arrayContaining([["apnl_stagerunid", "like", "{0}", "1"]]));
      expect(views("apnl_ApprovalDecision").some((v) => v.querytype === "64")).toBe(true);
    });
  });

  describe("roles", () => {
    test("Deployment Approver reads policies organisation-wide and cannot change them", () => {
      const names = privileges("Deployment Approver");
      expect(names).toContainEqual({ name: "prvReadapnl_ApprovalPolicy", level: "Global" });
      for (const verb of ["Create", "Write", "Delete", "Append", "AppendTo", "Assign", "Share"]) {
        expect(names.map((p) => p.name)).not.toContain(`prv${verb}apnl_ApprovalPolicy`);
      }
    });

    test("Approval Policy Reader reads Approval Policy, and the approval requests its user owns; nothing else", () => {
      expect(privileges("Approval Policy Reader")).toEqual([
        { name: "prvReadapnl_ApprovalPolicy", level: "Global" },
        { name: "prvReadapnl_ApprovalRequest", level: "Basic" },
      ]);
      const role = list(customizations().Roles.Role).find((r) => r["@_name"] === "Approval Policy Reader");
      const roots = list(xml("solution.xml").SolutionManifest.RootComponents.RootComponent);
      expect(roots).toContainEqual({ "@_type": "20", "@_id": role["@_id"], "@_behavior": "0" });
    });
  });

  describe("solution.xml", () => {
    test("carries the 9.2 export attributes", () => {
      const manifestRoot = xml("solution.xml");
      expect(manifestRoot["@_SolutionPackageVersion"]).toBe("9.2");
      expect(manifestRoot["@_version"]).toMatch(/^9\.2\.\d+\.\d+$/);
      expect(customizations()["@_OrganizationVersion"]).toMatch(/^9\.2\./);
    });

    test("lists the flow's missing dependency on the pipelines' Deployment Stage Run table", () => {
      const missing = list(xml("solution.xml").SolutionManifest.MissingDependencies.MissingDependency);
      const flowId = list(customizations().Workflows.Workflow).find((w) => w["@_Name"] === "Apply approval decisions")["@_WorkflowId"];
      expect(missing).toEqual([
        {
          Required: { "@_type": "1", "@_schemaName": "deploymentstagerun", "@_displayName": "Deployment Stage Run", "@_solution": "msdyn_AppDeploymentAnchor" },
          Dependent: { "@_type": "29", "@_id": flowId, "@_displayName": "Apply approval decisions" },
        },
      ]);
    });
  });
});
