/**
 * Who may write a decision's outcome, as it reaches the solution zips (docs' relay threat R1): the outcome columns
 * are secured, two field security profiles grant them (the flow's user writes, approvers read), and the flow's user
 * has a least-privilege role. Packs the repository's own Solutions/src with a stand-in control build and reads both
 * zips the way an importer would; then checks that the packer refuses field security it could not ship.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PackError, packSolution, packSolutions } from "../../scripts/lib/solution-pack.cjs";
import { type Any, copySolutionSource, list, readZip, writeStandInBuild, zipText, zipXml } from "./packedSource";

const DECISION = "apnl_approvaldecision";
const OUTCOME_COLUMNS = ["apnl_outcome", "apnl_outcomemessage", "apnl_outcomeon"];
/** Fixed ids: a new id on upgrade would ship a second profile or role and leave the first one behind. */
const RELAY_FLOW_PROFILE_ID = "{16f76037-36b7-4229-ba17-eef821cb6d22}";
const READERS_PROFILE_ID = "{51bfaf42-0fe2-4d87-a33f-83d0f96a8ee2}";
const RELAY_FLOW_ROLE_ID = "{eb1e83ad-3887-413e-91da-3a2c948f346b}";

let work: string;
const zips: Record<"unmanaged" | "managed", Record<string, Uint8Array>> = { unmanaged: {}, managed: {} };

const built = () => join(work, "built");

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "relay-security-pack-"));
  writeStandInBuild(built());
  copySolutionSource(join(work, "src"));
  for (const result of packSolutions({ builtControlDir: built(), solutionSourceDir: join(work, "src"), outDir: join(work, "bin") })) {
    zips[result.managed ? "managed" : "unmanaged"] = readZip(result.zipPath);
  }
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const permission = (column: string, read: string, update: string, create: string) => ({
  EntityName: DECISION,
  AttributeName: column,
  CanRead: read,
  CanUpdate: update,
  CanCreate: create,
});

describe.each(["unmanaged", "managed"] as const)("the %s zip", (kind) => {
  const customizations = (): Any => zipXml(zips[kind], "customizations.xml").ImportExportXml;
  const rootComponents = (type: string): Any[] =>
    list(zipXml(zips[kind], "solution.xml").ImportExportXml.SolutionManifest.RootComponents.RootComponent).filter((c) => c["@_type"] === type);
  const profiles = (): Any[] => list(customizations().FieldSecurityProfiles.FieldSecurityProfile);
  const role = (name: string): Any => list(customizations().Roles.Role).find((r) => r["@_name"] === name);
  const privileges = (name: string): Array<{ name: string; level: string }> =>
    list(role(name).RolePrivileges.RolePrivilege).map((p) => ({ name: p["@_name"], level: p["@_level"] }));

  describe("field security on the outcome columns", () => {
    test("the three outcome columns are secured (IsSecured 1), and no other column of the solution's tables is", () => {
      const secured = list(customizations().Entities.Entity).flatMap((entity) =>
        list(entity.EntityInfo.entity.attributes.attribute)
          .filter((attribute) => attribute.IsSecured === "1")
          .map((attribute) => `${entity.EntityInfo.entity["@_Name"]}.${attribute.LogicalName}`),
      );
      expect(secured.sort()).toEqual(OUTCOME_COLUMNS.map((column) => `apnl_ApprovalDecision.${column}`));
    });

    test("Approval Relay Flow reads and updates the three, Approval Decision Readers only reads them; nobody creates them", () => {
      const shipped = profiles().map((profile) => ({
        name: profile["@_name"],
        id: profile["@_fieldsecurityprofileid"],
        permissions: list(profile.FieldPermissions.FieldPermission),
      }));
      expect(shipped).toEqual([
        { name: "Approval Relay Flow", id: RELAY_FLOW_PROFILE_ID, permissions: OUTCOME_COLUMNS.map((column) => permission(column, "4", "4", "0")) },
        { name: "Approval Decision Readers", id: READERS_PROFILE_ID, permissions: OUTCOME_COLUMNS.map((column) => permission(column, "4", "0", "0")) },
      ]);
      for (const profile of profiles()) expect(profile["@_description"]).toMatch(/added by an admin/);
    });

    test("each permission is written in export order: EntityName, AttributeName, CanRead, CanUpdate, CanCreate", () => {
      const text = zipText(zips[kind], "customizations.xml");
      const entries = [...text.matchAll(/<FieldPermission>([\s\S]*?)<\/FieldPermission>/g)].map((m) => [...m[1].matchAll(/<(\w+)>/g)].map((e) => e[1]));
      expect(entries).toHaveLength(6);
      for (const elements of entries) expect(elements).toEqual(["EntityName", "AttributeName", "CanRead", "CanUpdate", "CanCreate"]);
    });

    test("both profiles are root components of type 70 by id; the section sits where Dataverse exports it", () => {
      expect(rootComponents("70")).toEqual([
        { "@_type": "70", "@_id": RELAY_FLOW_PROFILE_ID, "@_behavior": "0" },
        { "@_type": "70", "@_id": READERS_PROFILE_ID, "@_behavior": "0" },
      ]);
      const text = zipText(zips[kind], "customizations.xml");
      const positions = ["<Workflows>", "<FieldSecurityProfiles>", "<EntityRelationships>"].map((tag) => text.indexOf(tag));
      expect(positions.every((position) => position > 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    });
  });

  describe("the Approval Relay Flow role", () => {
    test("is a root component (type 20) with its fixed id", () => {
      expect(role("Approval Relay Flow")["@_id"]).toBe(RELAY_FLOW_ROLE_ID);
      expect(rootComponents("20")).toContainEqual({ "@_type": "20", "@_id": RELAY_FLOW_ROLE_ID, "@_behavior": "0" });
    });

    test("reads and writes decisions organisation-wide, and may not create, delete, assign or share them", () => {
      const held = privileges("Approval Relay Flow");
      expect(held).toEqual(
        expect.arrayContaining([
          { name: "prvReadapnl_ApprovalDecision", level: "Global" },
          { name: "prvWriteapnl_ApprovalDecision", level: "Global" },
        ]),
      );
      for (const verb of ["Create", "Delete", "Assign", "Share"]) expect(held.map((p) => p.name)).not.toContain(`prv${verb}apnl_ApprovalDecision`);
    });

    test("holds exactly what the flows need (policy, role, team and user reads; the approval requests), and no Delegate privilege", () => {
      const held = privileges("Approval Relay Flow");
      expect(held.map((p) => p.name)).not.toContain("prvActOnBehalfOfAnotherUser");
      expect([...held].sort((a, b) => a.name.localeCompare(b.name))).toEqual(
        [
          { name: "prvAssignapnl_ApprovalRequest", level: "Global" },
          { name: "prvCreateapnl_ApprovalRequest", level: "Global" },
          { name: "prvReadapnl_ApprovalDecision", level: "Global" },
          { name: "prvReadapnl_ApprovalPolicy", level: "Global" },
          { name: "prvReadapnl_ApprovalRequest", level: "Global" },
          { name: "prvReadRole", level: "Global" },
          { name: "prvReadTeam", level: "Global" },
          { name: "prvReadUser", level: "Global" },
          { name: "prvWriteapnl_ApprovalDecision", level: "Global" },
          { name: "prvWriteapnl_ApprovalRequest", level: "Global" },
        ].sort((a, b) => a.name.localeCompare(b.name)),
      );
    });
  });
});

describe("the packer and Other/FieldSecurityProfiles.xml", () => {
  let source: string;
  let out: string;

  beforeAll(() => {
    source = join(work, "bad-src");
    out = join(work, "bad-bin");
  });

  function freshSource() {
    rmSync(source, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
    cpSync(join(work, "src"), source, { recursive: true });
  }

  function edit(path: string, change: (text: string) => string) {
    const before = readFileSync(path, "utf8");
    const after = change(before);
    // An edit that changes nothing would test the good source.
    expect(after).not.toBe(before);
    writeFileSync(path, after);
  }

  const profilesPath = () => join(source, "Other", "FieldSecurityProfiles.xml");

  function expectRefusal(pattern: RegExp) {
    expect(() => packSolution({ builtControlDir: built(), solutionSourceDir: source, outDir: out, managed: false })).toThrow(PackError);
    expect(() => packSolution({ builtControlDir: built(), solutionSourceDir: source, outDir: out, managed: false })).toThrow(pattern);
    expect(() => packSolutions({ builtControlDir: built(), solutionSourceDir: source, outDir: out })).toThrow(PackError);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  }

  test("a source without the file packs no profile and no type 70 component", () => {
    freshSource();
    rmSync(profilesPath());
    const files = readZip(packSolution({ builtControlDir: built(), solutionSourceDir: source, outDir: out, managed: false }).zipPath);
    expect(zipXml(files, "customizations.xml").ImportExportXml.FieldSecurityProfiles).toBe("");
    const roots = list(zipXml(files, "solution.xml").ImportExportXml.SolutionManifest.RootComponents.RootComponent);
    expect(roots.filter((c) => c["@_type"] === "70")).toEqual([]);
  });

  test("a permission for a column that is not secured", () => {
    freshSource();
    edit(profilesPath(), (text) => text.replace("<AttributeName>apnl_outcomeon</AttributeName>", "<AttributeName>apnl_comments</AttributeName>"));
    expectRefusal(/<FieldSecurityProfile name="Approval Relay Flow">, <FieldPermission> 3: column "apnl_comments" of apnl_approvaldecision is not secured/);
  });

  test("a permission for an outcome column whose Entity.xml is no longer secured", () => {
    freshSource();
    const entityPath = join(source, "Entities", "apnl_ApprovalDecision", "Entity.xml");
    edit(entityPath, (text) => text.replace(/(<LogicalName>apnl_outcome<\/LogicalName>[\s\S]*?)<IsSecured>1<\/IsSecured>/, "$1<IsSecured>0</IsSecured>"));
    expectRefusal(/column "apnl_outcome" of apnl_approvaldecision is not secured \(its Entity\.xml has IsSecured 0\)/);
  });

  test("a Can* value other than 0 or 4", () => {
    freshSource();
    edit(profilesPath(), (text) => text.replace("<CanUpdate>4</CanUpdate>", "<CanUpdate>2</CanUpdate>"));
    expectRefusal(/Approval Relay Flow">, <FieldPermission> 1 \(apnl_outcome\): <CanUpdate> is "2"; use 0 \(not allowed\) or 4 \(allowed\)/);
  });

  test("a profile id that is not a GUID", () => {
    freshSource();
    edit(profilesPath(), (text) => text.replace(`fieldsecurityprofileid="${READERS_PROFILE_ID}"`, 'fieldsecurityprofileid="{approval-decision-readers}"'));
    expectRefusal(/<FieldSecurityProfile name="Approval Decision Readers"> fieldsecurityprofileid: "\{approval-decision-readers\}" is not a GUID/);
  });

  test("two profiles with the same id", () => {
    freshSource();
    edit(profilesPath(), (text) => text.replace(READERS_PROFILE_ID, RELAY_FLOW_PROFILE_ID));
    expectRefusal(/fieldsecurityprofileid \{16f76037-36b7-4229-ba17-eef821cb6d22\} is used by another profile/);
  });

  test("a permission on a table the solution does not ship", () => {
    freshSource();
    edit(profilesPath(), (text) => text.replace(`<EntityName>${DECISION}</EntityName>`, "<EntityName>account</EntityName>"));
    expectRefusal(/EntityName "account" is not a table in Entities\//);
  });

  test("a permission on a column the table does not have", () => {
    freshSource();
    edit(profilesPath(), (text) => text.replace("<AttributeName>apnl_outcome</AttributeName>", "<AttributeName>apnl_result</AttributeName>"));
    expectRefusal(/AttributeName "apnl_result" is not a column of apnl_approvaldecision/);
  });

  test("a profile inline in Other/Customizations.xml, which the packer does not read", () => {
    freshSource();
    edit(join(source, "Other", "Customizations.xml"), (text) =>
      text.replace("<FieldSecurityProfiles />", '<FieldSecurityProfiles><FieldSecurityProfile name="Inline"/></FieldSecurityProfiles>'),
    );
    expectRefusal(/<FieldSecurityProfiles> is not empty; this packer reads components from .*Other\/FieldSecurityProfiles\.xml only/);
  });
});
