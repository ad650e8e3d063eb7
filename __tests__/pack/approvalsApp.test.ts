/**
 * Issue 23's packaging: the Deployment Approvals app as it reaches both solution zips. The Approval Request table
 * (columns, alternate key, views, the main form with the Approval Panel bound to the run id), the model-driven app and
 * its site map, the environment variables, the notification connection references, the intake, outcome and expiry
 * flows, and the roles' privileges on the new table. Packs the repository's own Solutions/src with a stand-in control
 * build and reads each zip the way an importer would.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { packSolutions } from "../../scripts/lib/solution-pack.cjs";
import { type Any, copySolutionSource, list, readZip, repositoryRoot, writeStandInBuild, zipText, zipXml, expectOneAlternateKey } from "./packedSource";

const TABLE = "apnl_approvalrequest";
const APP = "apnl_DeploymentApprovals";
const WAITING = "276400000";
/** Fixed ids: another id on upgrade would ship a second role, view or form and leave the first behind. */
const DEPLOYMENT_APPROVER = "{38f47392-816e-45ea-bfde-e36ae6e61953}";
const POLICY_READER = "{5d0c2a4e-7b1f-4c3d-9e6a-2f8b4c1d7e93}";
/** System Administrator's role template id: what exports write in an app's role map for that role. */
const SYSTEM_ADMINISTRATOR_TEMPLATE = "{627090ff-40a3-4053-8790-584edc5be201}";
const CONNECTORS = { dataverse: "shared_commondataserviceforapps", outlook: "shared_office365", teams: "shared_teams" };

/**
 * The shapes of a real export's app (pnp/powerplatform-samples TravelRequestApprovalApp 1.0.0.6, customizations.xml),
 * written down here so the test does not read files outside the repository: element order and attribute names.
 */
const EXPORT = {
  sections: [
    "Entities",
    "Roles",
    "Workflows",
    "FieldSecurityProfiles",
    "Templates",
    "EntityMaps",
    "EntityRelationships",
    "OrganizationSettings",
    "optionsets",
    "CustomControls",
    "AppModuleSiteMaps",
    "AppModules",
    "EntityDataProviders",
    "CanvasApps",
    "connectionreferences",
    "Languages",
  ],
  appModule: [
    "UniqueName",
    "IntroducedVersion",
    "WebResourceId",
    "OptimizedFor",
    "statecode",
    "statuscode",
    "FormFactor",
    "ClientType",
    "NavigationType",
    "AppModuleComponents",
    "AppModuleRoleMaps",
    "LocalizedNames",
  ],
  siteMap: ["SiteMapUniqueName", "EnableCollapsibleGroups", "ShowHome", "ShowPinned", "ShowRecents", "SiteMap", "LocalizedNames"],
  area: ["Id", "ResourceId", "DescriptionResourceId", "ShowGroups", "IntroducedVersion"],
  group: ["Id", "ResourceId", "DescriptionResourceId", "IntroducedVersion", "IsProfile", "ToolTipResourseId"],
  subArea: ["Id", "Icon", "Entity", "Client", "AvailableOffline", "PassParams", "Sku"],
  /** The platform's default app icon web resource, which the export's apps carry. */
  webResourceId: "953b9fac-1e5e-e611-80d6-00155ded156f",
};

let work: string;
const zips: Record<"unmanaged" | "managed", Record<string, Uint8Array>> = { unmanaged: {}, managed: {} };

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "approvals-app-pack-"));
  writeStandInBuild(join(work, "built"));
  copySolutionSource(join(work, "src"));
  for (const result of packSolutions({ builtControlDir: join(work, "built"), solutionSourceDir: join(work, "src"), outDir: join(work, "bin") })) {
    zips[result.managed ? "managed" : "unmanaged"] = readZip(result.zipPath);
  }
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** XML in document order: [{ tag: [children], ":@": { attributes } }]. */
type Ordered = Array<Record<string, Any>>;
const orderedParser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: "", parseTagValue: false });
const tagOf = (node: Record<string, Any>): string => Object.keys(node).find((key) => key !== ":@")!;
const childTags = (nodes: Ordered): string[] => nodes.map(tagOf).filter((tag) => tag !== "#text");
const child = (nodes: Ordered, tag: string): Ordered => {
  const found = nodes.find((node) => tagOf(node) === tag);
  if (!found) throw new Error(`no <${tag}> among ${childTags(nodes).join(", ")}`);
  return found[tag];
};
const childrenNamed = (nodes: Ordered, tag: string): Array<Record<string, Any>> => nodes.filter((node) => tagOf(node) === tag);
const attributeNames = (node: Record<string, Any>): string[] => Object.keys(node[":@"] ?? {});

/** Every <control> element under a parsed form node. */
const controlsIn = (node: unknown, out: Any[] = []): Any[] => {
  if (Array.isArray(node)) node.forEach((item) => controlsIn(item, out));
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "control") out.push(...list(value));
      if (!key.startsWith("@_")) controlsIn(value, out);
    }
  }
  return out;
};

/** The control's manifest properties, from the source manifest (name → of-type, usage). */
const manifestProperties = (): Map<string, { type: string; usage: string }> => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", parseTagValue: false });
  const manifest = parser.parse(readFileSync(join(repositoryRoot, "ApprovalPanel", "ControlManifest.Input.xml"), "utf8")).manifest.control;
  return new Map(list(manifest.property).map((p: Any) => [p["@_name"], { type: p["@_of-type"], usage: p["@_usage"] }]));
};

describe.each(["unmanaged", "managed"] as const)("the %s zip", (kind) => {
  const files = () => zips[kind];
  const customizations = (): Any => zipXml(files(), "customizations.xml").ImportExportXml;
  const manifest = (): Any => zipXml(files(), "solution.xml").ImportExportXml.SolutionManifest;
  const rootComponents = (type: string): Any[] => list(manifest().RootComponents.RootComponent).filter((c) => c["@_type"] === type);
  const entity = (): Any => list(customizations().Entities.Entity).find((e) => e.Name["#text"] === "apnl_ApprovalRequest");
  const info = (): Any => entity().EntityInfo.entity;
  const column = (name: string): Any => list(info().attributes.attribute).find((a) => a.LogicalName === name);
  const views = (): Any[] => list(entity().SavedQueries.savedqueries.savedquery);
  const viewNamed = (name: string): Any => {
    const found = views().find((v) => v.LocalizedNames.LocalizedName["@_description"] === name);
    if (!found) throw new Error(`no view "${name}"`);
    return found;
  };
  const viewId = (name: string): string => String(viewNamed(name).savedqueryid).toLowerCase();
  const fetchEntity = (view: Any): Any => view.fetchxml.fetch.entity;
  const conditions = (view: Any) =>
    list(fetchEntity(view).filter).flatMap((f) => list(f.condition).map((c) => [c["@_attribute"], c["@_operator"], c["@_value"]]));
  const orders = (view: Any) => list(fetchEntity(view).order).map((o) => [o["@_attribute"], o["@_descending"]]);
  const cells = (view: Any) => list(view.layoutxml.grid.row.cell).map((c) => c["@_name"]);
  const mainForm = (): Any => {
    const forms = list(entity().FormXml.forms).filter((f) => f["@_type"] === "main");
    expect(forms).toHaveLength(1);
    const systemForms = list(forms[0].systemform);
    expect(systemForms).toHaveLength(1);
    return systemForms[0];
  };
  const orderedCustomizations = (): Ordered => child(orderedParser.parse(zipText(files(), "customizations.xml")), "ImportExportXml");
  const app = (): Any => list(customizations().AppModules.AppModule).find((a) => a.UniqueName === APP);
  const siteMap = (): Any => list(customizations().AppModuleSiteMaps.AppModuleSiteMap).find((s) => s.SiteMapUniqueName === APP);
  const workflows = (): Any[] => list(customizations().Workflows.Workflow);
  const flowNamed = (name: string): { entry: Any; json: Any } => {
    const entry = workflows().find((w) => w["@_Name"] === name);
    if (!entry) throw new Error(`no flow "${name}"`);
    return { entry, json: JSON.parse(zipText(files(), entry.JsonFileName.slice(1))) };
  };
  const role = (name: string): Any => list(customizations().Roles.Role).find((r) => r["@_name"] === name);
  const privilegesOn = (roleName: string, schemaName: string) =>
    list(role(roleName).RolePrivileges.RolePrivilege)
      .map((p) => ({ name: String(p["@_name"]), level: String(p["@_level"]) }))
      .filter((p) => new RegExp(`^prv(Create|Read|Write|Delete|Append|AppendTo|Assign|Share)apnl_${schemaName}$`).test(p.name))
      .sort((a, b) => a.name.localeCompare(b.name));

  describe("the Approval Request table", () => {
    test("is user-owned, apnl_ApprovalRequest with entity set apnl_approvalrequests, and a root component by logical name", () => {
      expect(info()["@_Name"]).toBe("apnl_ApprovalRequest");
      expect(info().EntitySetName).toBe("apnl_approvalrequests");
      expect(info().OwnershipTypeMask).toBe("UserOwned");
      expect(rootComponents("1")).toContainEqual({ "@_type": "1", "@_schemaName": TABLE, "@_behavior": "0" });
    });

    test("has the spec's columns with their types and lengths; name and run id required, the name primary", () => {
      const text: Array<[string, string]> = [
        ["apnl_name", "300"],
        ["apnl_stagerunid", "36"],
        ["apnl_solutionname", "200"],
        ["apnl_solutionversion", "100"],
        ["apnl_pipelinename", "200"],
        ["apnl_stagename", "200"],
        ["apnl_stageid", "36"],
        ["apnl_targetenvironment", "200"],
        ["apnl_requestername", "200"],
        ["apnl_requesterid", "36"],
        ["apnl_decidedbyname", "200"],
        ["apnl_decidedbyid", "36"],
      ];
      for (const [name, maxLength] of text)
        expect({ name, type: column(name)?.Type, maxLength: column(name)?.MaxLength }).toEqual({ name, type: "nvarchar", maxLength });
      expect(column("apnl_name").DisplayMask).toMatch(/^PrimaryName\|/);
      expect(column("apnl_name").RequiredLevel).toBe("required");
      expect(column("apnl_stagerunid").RequiredLevel).toBe("required");
      for (const name of ["apnl_requestedon", "apnl_decidedon"]) expect({ name, type: column(name).Type }).toEqual({ name, type: "datetime" });
      expect(column("apnl_notesexcerpt")).toMatchObject({ Type: "ntext", MaxLength: "2000" });
      expect(column("apnl_newerwaiting")).toMatchObject({ Type: "int", MinValue: "0", MaxValue: "1000" });
      expect(column("apnl_approvalrequestid").Type).toBe("primarykey");
      expect(column("ownerid").Type).toBe("owner");
    });

    test("delegation type and status are local choices with the spec's values; status is required and defaults to Waiting", () => {
      const options = (name: string) => list(column(name).optionset.options.option).map((o) => [o["@_value"], o.labels.label["@_description"]]);
      expect(column("apnl_delegationtype").Type).toBe("picklist");
      expect(column("apnl_delegationtype").optionset.OptionSetType).toBe("picklist");
      expect(column("apnl_delegationtype").optionset["@_Name"]).toBe("apnl_approvalrequest_apnl_delegationtype");
      expect(options("apnl_delegationtype")).toEqual([
        ["276400000", "Stage owner"],
        ["276400001", "Service principal"],
        ["276400002", "Unknown"],
      ]);
      expect(column("apnl_status")).toMatchObject({ Type: "picklist", RequiredLevel: "required", AppDefaultValue: WAITING });
      expect(column("apnl_status").optionset["@_Name"]).toBe("apnl_approvalrequest_apnl_status");
      expect(options("apnl_status")).toEqual([
        ["276400000", "Waiting"],
        ["276400001", "Approved"],
        ["276400002", "Rejected"],
        ["276400003", "Superseded"],
        ["276400004", "Expired"],
        ["276400005", "Cancelled"],
      ]);
    });

    test("has the alternate key apnl_stagerunid_key on the run id alone", () => {
      expectOneAlternateKey(info(), "apnl_stagerunid_key", "apnl_stagerunid");
    });

    test("ships the system relationships of a user-owned table, each on a column of the table", () => {
      const relationships = list(customizations().EntityRelationships.EntityRelationship).filter((r) => r.ReferencingEntityName === "apnl_ApprovalRequest");
      expect(relationships.map((r) => r["@_Name"]).sort()).toEqual(
        [
          `business_unit_${TABLE}`,
          `lk_${TABLE}_createdby`,
          `lk_${TABLE}_createdonbehalfby`,
          `lk_${TABLE}_modifiedby`,
          `lk_${TABLE}_modifiedonbehalfby`,
          `owner_${TABLE}`,
          `team_${TABLE}`,
          `user_${TABLE}`,
        ].sort(),
      );
      const physical = list(info().attributes.attribute).map((a) => a["@_PhysicalName"]);
      for (const relationship of relationships) expect(physical).toContain(relationship.ReferencingAttributeName);
    });
  });

  describe("the request's main form", () => {
    test("places the Approval Panel on the run id column: the control's uniqueid is what its description is for", () => {
      const form = mainForm().form;
      const runIdControls = controlsIn(form.tabs).filter((c) => c["@_datafieldname"] === "apnl_stagerunid");
      expect(runIdControls).toHaveLength(1);
      const control = runIdControls[0];
      expect(control["@_id"]).toBe("apnl_stagerunid");
      expect(control["@_uniqueid"]).toMatch(/^\{[0-9a-f-]{36}\}$/);
      const description = list(form.controlDescriptions.controlDescription);
      expect(description).toHaveLength(1);
      expect(String(description[0]["@_forControl"]).toLowerCase()).toBe(String(control["@_uniqueid"]).toLowerCase());
    });

    test("binds the packed control (root component 66) on every form factor, with the manifest's property names and types", () => {
      const controlName = rootComponents("66")[0]["@_schemaName"];
      expect(controlName).toBe("apnl_PipelinesApprovals.ApprovalPanel");
      const customControls = list(list(mainForm().form.controlDescriptions.controlDescription)[0].customControl).filter((c) => c["@_name"]);
      expect(customControls.map((c) => c["@_formFactor"]).sort()).toEqual(["0", "1", "2"]);
      const properties = manifestProperties();
      for (const customControl of customControls) {
        expect(customControl["@_name"]).toBe(controlName);
        const parameters = customControl.parameters;
        expect(parameters.boundField).toBe("apnl_stagerunid");
        expect(parameters.decisionRelayTable).toEqual({ "#text": "apnl_approvaldecision", "@_static": "true", "@_type": "SingleLine.Text" });
        for (const [name, value] of Object.entries<Any>(parameters)) {
          const property = properties.get(name);
          expect({ name, declared: property !== undefined }).toEqual({ name, declared: true });
          if (property!.usage === "bound") expect(typeof value).toBe("string");
          else expect({ name, static: value["@_static"], type: value["@_type"] }).toEqual({ name, static: "true", type: property!.type });
        }
      }
      const bound = [...properties].filter(([, p]) => p.usage === "bound").map(([name]) => name);
      expect(bound).toEqual(["boundField"]);
    });

    test("shows the request's columns read-only (the flows write them) and who decides", () => {
      const text = JSON.stringify(mainForm().form.tabs);
      for (const name of [
        "apnl_name",
        "apnl_solutionname",
        "apnl_solutionversion",
        "apnl_stagename",
        "apnl_requestername",
        "apnl_requestedon",
        "apnl_status",
        "ownerid",
      ]) {
        expect(text).toContain(`"@_datafieldname":"${name}","@_disabled":"true"`);
      }
    });
  });

  describe("the request's views", () => {
    test("Waiting for me is the default public view: waiting, owned by the user or one of the user's teams, oldest first", () => {
      const view = viewNamed("Waiting for me");
      expect(view.isdefault).toBe("1");
      expect(view.querytype).toBe("0");
      expect(conditions(view)).toEqual([
        ["apnl_status", "eq", WAITING],
        ["ownerid", "eq-useroruserteams", undefined],
      ]);
      expect(orders(view)).toEqual([["apnl_requestedon", "false"]]);
      expect(cells(view)).toEqual(["apnl_name", "apnl_stagename", "apnl_requestername", "apnl_requestedon", "ownerid"]);
    });

    test("All waiting: every waiting request, oldest first, the same columns", () => {
      const view = viewNamed("All waiting");
      expect(view.querytype).toBe("0");
      expect(conditions(view)).toEqual([["apnl_status", "eq", WAITING]]);
      expect(orders(view)).toEqual([["apnl_requestedon", "false"]]);
      expect(cells(view)).toEqual(cells(viewNamed("Waiting for me")));
    });

    test("Decided: every request that no longer waits, most recently decided first", () => {
      const view = viewNamed("Decided");
      expect(conditions(view)).toEqual([["apnl_status", "ne", WAITING]]);
      expect(orders(view)).toEqual([["apnl_decidedon", "true"]]);
      expect(cells(view)).toEqual(["apnl_name", "apnl_status", "apnl_decidedbyname", "apnl_decidedon", "apnl_requestername"]);
    });

    test("has the quick find (name, solution, stage, requester), lookup, advanced find and associated views real exports carry", () => {
      const byType = (type: string) => views().filter((v) => v.querytype === type);
      for (const type of ["4", "64", "1", "2"]) expect({ type, count: byType(type).length }).toEqual({ type, count: 1 });
      const quickFind = byType("4")[0];
      expect(quickFind.isquickfindquery).toBe("1");
      const fields = list(fetchEntity(quickFind).filter)
        .filter((f) => f["@_isquickfindfields"] === "1")
        .flatMap((f) => list(f.condition).map((c) => c["@_attribute"]));
      expect(fields.sort()).toEqual(["apnl_name", "apnl_requestername", "apnl_solutionname", "apnl_stagename"]);
      expect(views().filter((v) => v.isdefault === "1")).toHaveLength(1);
    });
  });

  describe("the Deployment Approvals app", () => {
    test("customizations.xml carries <AppModuleSiteMaps> and <AppModules> where the export does, between CustomControls and EntityDataProviders", () => {
      const sections = childTags(orderedCustomizations());
      expect(sections).toEqual(EXPORT.sections.filter((section) => sections.includes(section)));
      expect(sections).toEqual(expect.arrayContaining(["AppModuleSiteMaps", "AppModules"]));
    });

    test("its site map (62) and app (80) are root components by unique name, as in the export's solution.xml", () => {
      expect(rootComponents("62")).toEqual([{ "@_type": "62", "@_schemaName": APP, "@_behavior": "0" }]);
      expect(rootComponents("80")).toEqual([{ "@_type": "80", "@_schemaName": APP, "@_behavior": "0" }]);
    });

    test("the AppModule has the export's elements in the export's order, the default icon and the name Deployment Approvals", () => {
      const modules = child(orderedCustomizations(), "AppModules");
      const appModule = child(modules, "AppModule");
      expect(childTags(appModule)).toEqual(EXPORT.appModule);
      expect(app().WebResourceId).toBe(EXPORT.webResourceId);
      expect(app().LocalizedNames.LocalizedName["@_description"]).toBe("Deployment Approvals");
      for (const component of childrenNamed(child(appModule, "AppModuleComponents"), "AppModuleComponent")) {
        const type = component[":@"].type;
        expect(attributeNames(component)).toEqual(type === "1" || type === "62" ? ["type", "schemaName"] : ["type", "id"]);
      }
      for (const role of childrenNamed(child(appModule, "AppModuleRoleMaps"), "Role")) expect(attributeNames(role)).toEqual(["id"]);
    });

    test("names the request table with its three views and main form, the policy and decision tables, and its site map", () => {
      const components = list(app().AppModuleComponents.AppModuleComponent).map((c) => [c["@_type"], String(c["@_schemaName"] ?? c["@_id"]).toLowerCase()]);
      const formId = String(mainForm().formid).toLowerCase();
      expect(components.sort()).toEqual(
        [
          ["1", TABLE],
          ["1", "apnl_approvalpolicy"],
          ["1", "apnl_approvaldecision"],
          ["26", viewId("Waiting for me")],
          ["26", viewId("All waiting")],
          ["26", viewId("Decided")],
          ["60", formId],
          ["62", APP.toLowerCase()],
        ].sort(),
      );
    });

    test("is shared through Deployment Approver, Approval Policy Reader and System Administrator (by role template id)", () => {
      const roleIds = list(app().AppModuleRoleMaps.Role).map((r) => r["@_id"]);
      expect(roleIds.sort()).toEqual([DEPLOYMENT_APPROVER, POLICY_READER, SYSTEM_ADMINISTRATOR_TEMPLATE].sort());
      expect(role("Deployment Approver")["@_id"]).toBe(DEPLOYMENT_APPROVER);
      expect(role("Approval Policy Reader")["@_id"]).toBe(POLICY_READER);
      expect(roleIds).not.toContain(role("Approval Relay Flow")["@_id"]);
    });

    test("the site map has the export's elements and attributes", () => {
      const siteMaps = child(orderedCustomizations(), "AppModuleSiteMaps");
      const map = child(siteMaps, "AppModuleSiteMap");
      expect(childTags(map)).toEqual(EXPORT.siteMap);
      const areas = childrenNamed(child(map, "SiteMap"), "Area");
      expect(areas.length).toBeGreaterThan(0);
      for (const area of areas) {
        expect(attributeNames(area)).toEqual(EXPORT.area);
        for (const group of childrenNamed(area.Area, "Group")) {
          expect(attributeNames(group)).toEqual(EXPORT.group);
          for (const subArea of childrenNamed(group.Group, "SubArea")) {
            // A subarea that opens a view carries Url after Entity; everything else is the export's.
            expect(attributeNames(subArea).filter((name) => name !== "Url")).toEqual(EXPORT.subArea);
            expect(childTags(subArea.SubArea)[0]).toBe("Titles");
          }
        }
      }
    });

    test("Approvals opens Waiting for me, All waiting and Decided by view id; Administration the policy and decision tables", () => {
      const title = (node: Any) => list(node.Titles.Title)[0]["@_Title"];
      const areas = list(siteMap().SiteMap.Area);
      expect(areas.map(title)).toEqual(["Approvals", "Administration"]);
      const subAreas = (area: Any) => list(area.Group).flatMap((group) => list(group.SubArea));
      const opened = (subArea: Any) => {
        const url = String(subArea["@_Url"] ?? "");
        const query = new URLSearchParams(url.slice(url.indexOf("?") + 1));
        return [title(subArea), subArea["@_Entity"], url ? query.get("viewid")!.replace(/[{}]/g, "").toLowerCase() : null, url ? query.get("pagetype") : null];
      };
      expect(subAreas(areas[0]).map(opened)).toEqual([
        ["Waiting for me", TABLE, viewId("Waiting for me").replace(/[{}]/g, ""), "entitylist"],
        ["All waiting", TABLE, viewId("All waiting").replace(/[{}]/g, ""), "entitylist"],
        ["Decided", TABLE, viewId("Decided").replace(/[{}]/g, ""), "entitylist"],
      ]);
      expect(subAreas(areas[1]).map(opened)).toEqual([
        ["Approval Policies", "apnl_approvalpolicy", null, null],
        ["Approval Decisions", "apnl_approvaldecision", null, null],
      ]);
      expect(zipText(files(), "customizations.xml")).toContain("pagetype=entitylist&amp;etn=apnl_approvalrequest&amp;viewid=%7b");
    });
  });

  describe("environment variables and connection references", () => {
    const SCHEMAS = ["apnl_AppUrl", "apnl_DefaultApproverTeam", "apnl_NotificationChannel"];
    const definition = (schema: string): Any =>
      zipXml(files(), `environmentvariabledefinitions/${schema}/environmentvariabledefinition.xml`).environmentvariabledefinition;

    test("each definition is its own file, as exports write it (no XML declaration), text type, with the spec's defaults", () => {
      const inZip = Object.keys(files()).filter((name) => name.startsWith("environmentvariabledefinitions/"));
      expect(inZip.sort()).toEqual(SCHEMAS.map((schema) => `environmentvariabledefinitions/${schema}/environmentvariabledefinition.xml`));
      for (const schema of SCHEMAS) {
        expect(zipText(files(), `environmentvariabledefinitions/${schema}/environmentvariabledefinition.xml`)).toMatch(/^<environmentvariabledefinition /);
        expect(definition(schema)["@_schemaname"]).toBe(schema);
        expect(definition(schema).type).toBe("100000000");
        expect(definition(schema).displayname["@_default"]).toBeTruthy();
      }
      expect(definition("apnl_NotificationChannel").defaultvalue).toBe("none");
      expect(definition("apnl_DefaultApproverTeam").defaultvalue).toBeUndefined();
      expect(definition("apnl_AppUrl").defaultvalue).toBeUndefined();
    });

    test("are root components of type 380 by schema name", () => {
      expect(rootComponents("380").sort((a, b) => a["@_schemaName"].localeCompare(b["@_schemaName"]))).toEqual(
        SCHEMAS.map((schema) => ({ "@_type": "380", "@_schemaName": schema, "@_behavior": "0" })),
      );
    });

    test("the notification connection references are declared for Office 365 Outlook and Teams, and are not root components", () => {
      const references = list(customizations().connectionreferences.connectionreference);
      const connector = (name: string) => references.find((r) => r["@_connectionreferencelogicalname"] === name)?.connectorid;
      expect(connector("apnl_sharedoffice365_notify")).toBe("/providers/Microsoft.PowerApps/apis/shared_office365");
      expect(connector("apnl_sharedteams_notify")).toBe("/providers/Microsoft.PowerApps/apis/shared_teams");
      expect(connector("apnl_sharedcommondataserviceforapps_spn")).toBe("/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps");
      const rootTypes = new Set(list(manifest().RootComponents.RootComponent).map((c) => c["@_type"]));
      expect([...rootTypes].sort()).toEqual(["1", "20", "29", "380", "62", "66", "70", "80"]);
    });
  });

  describe("the flows", () => {
    /** Every action, nested ones (scopes, conditions, switch cases, loops) included. */
    const allActions = (actions: Any, out: Array<[string, Any]> = []): Array<[string, Any]> => {
      for (const [name, action] of Object.entries<Any>(actions ?? {})) {
        out.push([name, action]);
        allActions(action.actions, out);
        allActions(action.else?.actions, out);
        for (const branch of Object.values<Any>(action.cases ?? {})) allActions(branch.actions, out);
        allActions(action.default?.actions, out);
      }
      return out;
    };
    const connectorSteps = (json: Any) => allActions(json.properties.definition.actions).filter(([, a]) => a.inputs?.host);

    test.each([
      ["Take in approval requests", "TakeInApprovalRequests"],
      ["Record approval outcomes", "RecordApprovalOutcomes"],
      ["Expire waiting requests", "ExpireWaitingRequests"],
    ])("%s ships turned off (StateCode 0, Draft) as a cloud flow and a root component", (name, stem) => {
      const { entry } = flowNamed(name);
      const id = String(entry["@_WorkflowId"]).replace(/[{}]/g, "");
      expect(entry.JsonFileName).toBe(`/Workflows/${stem}-${id.toUpperCase()}.json`);
      expect({ category: entry.Category, type: entry.Type, state: entry.StateCode, status: entry.StatusCode }).toEqual({
        category: "5",
        type: "1",
        state: "0",
        status: "1",
      });
      expect(rootComponents("29").map((c) => c["@_id"])).toContain(`{${id}}`);
    });

    test.each([
      ["Take in approval requests", "OnApprovalStarted"],
      ["Record approval outcomes", "OnApprovalCompleted"],
    ])("%s is triggered by the pipelines business event %s, in the shape of Microsoft's lab export", (name, message) => {
      const triggers = Object.values<Any>(flowNamed(name).json.properties.definition.triggers);
      expect(triggers).toHaveLength(1);
      expect(triggers[0]).toMatchObject({
        type: "OpenApiConnectionWebhook",
        inputs: {
          host: {
            connectionName: CONNECTORS.dataverse,
            operationId: "BusinessEventsTrigger",
            apiId: `/providers/Microsoft.PowerApps/apis/${CONNECTORS.dataverse}`,
          },
          parameters: {
            catalog: "commoncatalog",
            category: "powerplatformpipelines",
            "subscriptionRequest/entityname": "none",
            "subscriptionRequest/sdkmessagename": message,
          },
          authentication: "@parameters('$authentication')",
        },
      });
      expect(JSON.stringify(flowNamed(name).json.properties.definition.actions)).toContain("triggerOutputs()?['body/InputParameters/StageRunId']");
    });

    test("Expire waiting requests runs every hour", () => {
      expect(Object.values<Any>(flowNamed("Expire waiting requests").json.properties.definition.triggers)).toEqual([
        { recurrence: { frequency: "Hour", interval: 1 }, type: "Recurrence" },
      ]);
    });

    test("use connection references only: the service principal's Dataverse for all, Outlook and Teams for the intake; no credentials", () => {
      const references = (name: string) =>
        Object.fromEntries(
          Object.entries<Any>(flowNamed(name).json.properties.connectionReferences).map(([key, value]) => [
            key,
            [value.runtimeSource, value.connection.connectionReferenceLogicalName, value.api.name],
          ]),
        );
      expect(references("Take in approval requests")).toEqual({
        [CONNECTORS.dataverse]: ["embedded", "apnl_sharedcommondataserviceforapps_spn", CONNECTORS.dataverse],
        [CONNECTORS.outlook]: ["embedded", "apnl_sharedoffice365_notify", CONNECTORS.outlook],
        [CONNECTORS.teams]: ["embedded", "apnl_sharedteams_notify", CONNECTORS.teams],
      });
      for (const name of ["Record approval outcomes", "Expire waiting requests"]) {
        expect(references(name)).toEqual({ [CONNECTORS.dataverse]: ["embedded", "apnl_sharedcommondataserviceforapps_spn", CONNECTORS.dataverse] });
      }
      for (const name of ["Take in approval requests", "Record approval outcomes", "Expire waiting requests"]) {
        const { json } = flowNamed(name);
        const text = JSON.stringify(json);
        expect(text).not.toMatch(/"connectionId"|"connectionReferenceId"|password|secret|Bearer /i);
        for (const [step, action] of connectorSteps(json))
          expect({ step, authentication: action.inputs.authentication }).toEqual({ step, authentication: "@parameters('$authentication')" });
      }
    });

    test("the intake reads the environment variables as exports do: parameters('<display name> (<schema name>)')", () => {
      const definition = flowNamed("Take in approval requests").json.properties.definition;
      const declared = Object.entries<Any>(definition.parameters).filter(([name]) => !name.startsWith("$"));
      expect(declared.map(([name, p]) => [name, p.type, p.metadata.schemaName]).sort()).toEqual(
        [
          ["Default approver team (apnl_DefaultApproverTeam)", "String", "apnl_DefaultApproverTeam"],
          ["Deployment Approvals app address (apnl_AppUrl)", "String", "apnl_AppUrl"],
          ["Notification channel (apnl_NotificationChannel)", "String", "apnl_NotificationChannel"],
        ].sort(),
      );
      for (const [name, parameter] of declared) {
        const variable = zipXml(
          files(),
          `environmentvariabledefinitions/${parameter.metadata.schemaName}/environmentvariabledefinition.xml`,
        ).environmentvariabledefinition;
        expect(name).toBe(`${variable.displayname["@_default"]} (${variable["@_schemaname"]})`);
        expect(JSON.stringify(definition.actions)).toContain(`parameters('${name}')`);
      }
      expect(definition.parameters["Notification channel (apnl_NotificationChannel)"].defaultValue).toBe("none");
    });

    test("the intake upserts the request by the alternate key, never duplicating a run, then assigns it by ownerid", () => {
      const steps = connectorSteps(flowNamed("Take in approval requests").json);
      const upserts = steps.filter(
        ([, a]) => a.inputs.host.operationId === "UpdateRecord" && String(a.inputs.parameters.recordId).startsWith("apnl_stagerunid="),
      );
      expect(upserts).toHaveLength(1);
      const parameters = upserts[0][1].inputs.parameters;
      expect(parameters.entityName).toBe("apnl_approvalrequests");
      expect(parameters.recordId).toMatch(/^apnl_stagerunid='@\{[^}]+\}'$/);
      expect(Object.keys(parameters)).not.toContain("item/apnl_stagerunid");
      expect(Object.keys(parameters)).toEqual(
        expect.arrayContaining(["item/apnl_name", "item/apnl_solutionname", "item/apnl_stageid", "item/apnl_requestedon"]),
      );
      // The status is the outcome flows' to write: an update never writes back one read earlier (a decision applied
      // meanwhile would be reopened); a new row gets the column's default, Waiting.
      expect(Object.keys(parameters)).not.toContain("item/apnl_status");
      expect(steps.some(([, a]) => a.inputs.host.operationId === "CreateRecord")).toBe(false);
      const assignments = steps.filter(([, a]) => "item/ownerid@odata.bind" in (a.inputs.parameters ?? {}));
      expect(assignments).toHaveLength(1);
      const actions = flowNamed("Take in approval requests").json.properties.definition.actions;
      expect(actions.Stage_owner.inputs).toContain("'systemusers'");
      expect(actions.Policy_approver_team.inputs).toContain("concat('teams(', ");
      expect(actions.Default_approver_team.inputs).toContain("concat('teams(', ");
    });

    test("the intake notifies through a Switch on the channel: email by Outlook, teams by Teams, none sends nothing", () => {
      const all = allActions(flowNamed("Take in approval requests").json.properties.definition.actions);
      const switches = all.filter(([, a]) => a.type === "Switch");
      expect(switches).toHaveLength(1);
      const channel = switches[0][1];
      expect(channel.expression).toContain("parameters('Notification channel (apnl_NotificationChannel)')");
      const cases = Object.values<Any>(channel.cases).map((branch) => [
        branch.case,
        allActions(branch.actions)
          .filter(([, a]) => a.inputs?.host)
          .map(([, a]) => [a.inputs.host.connectionName, a.inputs.host.operationId]),
      ]);
      expect(cases).toEqual([
        ["email", [[CONNECTORS.outlook, "SendEmailV2"]]],
        ["teams", [[CONNECTORS.teams, "PostMessageToConversation"]]],
      ]);
      expect(channel.default.actions).toEqual({});
      const sends = all.filter(([, a]) => [CONNECTORS.outlook, CONNECTORS.teams].includes(a.inputs?.host?.connectionName));
      expect(sends).toHaveLength(2);
    });

    test("the notification's subject and lines are the spec's, with the link or the row id", () => {
      const actions = flowNamed("Take in approval requests").json.properties.definition.actions;
      expect(actions.Notification_subject.inputs).toMatch(/^Approval needed: @\{/);
      const lines = String(actions.Notification_text.inputs).split("\n");
      expect(lines.map((line) => line.replace(/@\{[^{}]*(\{[^{}]*\}[^{}]*)*\}/g, "<>"))).toEqual([
        "<> asks to deploy <> <> from <> to <> (<> / <>).",
        "Requested on <>.",
        "Notes: <>",
        "Newer requests waiting for this stage: <>",
        "Open the request: <>",
      ]);
      // Sent only to who decides: with nobody assigned there is nobody to notify.
      expect(actions.Notify_who_decides.expression.and[0]).toEqual({ not: { equals: ["@outputs('Who_decides')", ""] } });
      expect(actions.Link.inputs).toContain("'&pagetype=entityrecord&etn=apnl_approvalrequest&id='");
      expect(actions.Link.inputs).toContain("'(the app''s address is not set: request '");
    });

    test("outcomes: approved and rejected from approvalstatus 20 and 30, older waiting requests superseded on an approval", () => {
      const { json } = flowNamed("Record approval outcomes");
      const text = JSON.stringify(json.properties.definition.actions);
      expect(text).toContain("@if(equals(body('Get_the_stage_run')?['approvalstatus'], 20), 276400001, 276400002)");
      const supersede = connectorSteps(json).find(([name]) => name === "Mark_it_superseded")![1];
      expect(supersede.inputs.parameters["item/apnl_status"]).toBe(276400003);
      const older = connectorSteps(json).find(([name]) => name === "List_older_waiting_requests")![1];
      expect(older.inputs.parameters.$filter).toMatch(/apnl_status eq 276400000 and apnl_requestedon lt /);
    });

    test("expiry: past the policy's expiry becomes Expired, a run that no longer waits Cancelled", () => {
      const steps = connectorSteps(flowNamed("Expire waiting requests").json);
      const statusOf = (name: string) => steps.find(([step]) => step === name)![1].inputs.parameters["item/apnl_status"];
      expect(statusOf("Mark_it_expired")).toBe(276400004);
      expect(statusOf("Mark_it_cancelled")).toBe(276400005);
      expect(steps.find(([step]) => step === "List_waiting_requests")![1].inputs.parameters.$filter).toBe(`apnl_status eq ${WAITING}`);
    });
  });

  describe("roles on the Approval Request table", () => {
    test("Deployment Approver reads at Basic depth only (the rows the user or the user's teams own) and changes nothing", () => {
      expect(privilegesOn("Deployment Approver", "ApprovalRequest")).toEqual([{ name: "prvReadapnl_ApprovalRequest", level: "Basic" }]);
    });

    test("Approval Policy Reader, for stage owners, reads at Basic depth only too", () => {
      expect(privilegesOn("Approval Policy Reader", "ApprovalRequest")).toEqual([{ name: "prvReadapnl_ApprovalRequest", level: "Basic" }]);
    });

    test("Approval Relay Flow, the flows' user, creates, reads, writes and assigns organisation-wide; no delete or share", () => {
      expect(privilegesOn("Approval Relay Flow", "ApprovalRequest")).toEqual([
        { name: "prvAssignapnl_ApprovalRequest", level: "Global" },
        { name: "prvCreateapnl_ApprovalRequest", level: "Global" },
        { name: "prvReadapnl_ApprovalRequest", level: "Global" },
        { name: "prvWriteapnl_ApprovalRequest", level: "Global" },
      ]);
    });

    test("no role but the flows' may write, assign, share or delete a request", () => {
      for (const r of list(customizations().Roles.Role).filter((candidate) => candidate["@_name"] !== "Approval Relay Flow")) {
        const names = list(r.RolePrivileges.RolePrivilege).map((p) => p["@_name"]);
        for (const verb of ["Create", "Write", "Assign", "Share", "Delete"]) expect(names).not.toContain(`prv${verb}apnl_ApprovalRequest`);
      }
    });
  });
});
