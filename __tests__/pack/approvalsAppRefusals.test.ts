/**
 * The packer refuses an app, site map, environment variable, form or view source that would not import or would
 * import broken, with a message that names the file and the problem, and writes no zip. Each case edits a copy of the
 * repository's Solutions/src; a stand-in control build stands in for the production build.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PackError, packSolution, packSolutions } from "../../scripts/lib/solution-pack.cjs";
import { copySolutionSource, readZip, writeStandInBuild } from "./packedSource";

const APP = "apnl_DeploymentApprovals";
const WAITING_FOR_ME_VIEW = "ea030d4c-5b75-4489-8c57-f5b430fa80cb";
const MAIN_FORM = "4407a3db-f31c-456d-aab6-4e4c5056ba32";
const PANEL_UNIQUE_ID = "91352cc8-2499-4fd2-953a-4a4bd46105de";

let work: string;
const good = () => join(work, "src");
const source = () => join(work, "bad-src");
const out = () => join(work, "bad-bin");
const built = () => join(work, "built");

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "approvals-app-refusals-"));
  writeStandInBuild(built());
  copySolutionSource(good());
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function freshSource() {
  rmSync(source(), { recursive: true, force: true });
  rmSync(out(), { recursive: true, force: true });
  cpSync(good(), source(), { recursive: true });
}

/** Edits one file of the copy; an edit that changes nothing would test the good source. */
function edit(relative: string, change: (text: string) => string) {
  const path = join(source(), ...relative.split("/"));
  const before = readFileSync(path, "utf8");
  const after = change(before);
  expect(after).not.toBe(before);
  writeFileSync(path, after);
}

function expectRefusal(pattern: RegExp) {
  expect(() => packSolution({ builtControlDir: built(), solutionSourceDir: source(), outDir: out(), managed: false })).toThrow(PackError);
  expect(() => packSolution({ builtControlDir: built(), solutionSourceDir: source(), outDir: out(), managed: false })).toThrow(pattern);
  expect(() => packSolutions({ builtControlDir: built(), solutionSourceDir: source(), outDir: out() })).toThrow(PackError);
  expect(existsSync(out()) ? readdirSync(out()) : []).toEqual([]);
}

const appFile = `AppModules/${APP}/AppModule.xml`;
const siteMapFile = `AppModuleSiteMaps/${APP}/AppModuleSiteMap.xml`;
const requestEntity = "Entities/apnl_ApprovalRequest/Entity.xml";
const intakeFlow = () =>
  `Workflows/${readdirSync(join(source(), "Workflows")).find((name) => name.startsWith("TakeInApprovalRequests-") && name.endsWith(".json"))}`;

test("the unedited copy packs (the cases below each break one thing)", () => {
  freshSource();
  const files = readZip(packSolution({ builtControlDir: built(), solutionSourceDir: source(), outDir: out(), managed: false }).zipPath);
  expect(Object.keys(files)).toContain("environmentvariabledefinitions/apnl_NotificationChannel/environmentvariabledefinition.xml");
});

describe("the app", () => {
  test("a table the solution does not ship", () => {
    freshSource();
    edit(appFile, (text) => text.replace('type="1" schemaName="apnl_approvalpolicy"', 'type="1" schemaName="account"'));
    expectRefusal(/AppModule\.xml: table "account" is not a table in Entities\//);
  });

  test("a view the solution does not ship", () => {
    freshSource();
    edit(appFile, (text) => text.replace(`{${WAITING_FOR_ME_VIEW}}`, "{00000000-0000-0000-0000-00000000feed}"));
    expectRefusal(/view \{00000000-0000-0000-0000-00000000feed\} is not a view of a table in Entities\//);
  });

  test("a form the solution does not ship", () => {
    freshSource();
    edit(appFile, (text) => text.replace(`{${MAIN_FORM}}`, "{00000000-0000-0000-0000-00000000f0f0}"));
    expectRefusal(/form \{00000000-0000-0000-0000-00000000f0f0\} is not a form of a table in Entities\//);
  });

  test("a component id that is not a GUID", () => {
    freshSource();
    edit(appFile, (text) => text.replace(`{${MAIN_FORM}}`, "{main-form}"));
    expectRefusal(/<AppModuleComponent type="60"> id: "\{main-form\}" is not a GUID/);
  });

  test("a component type this packer does not ship (a dashboard)", () => {
    freshSource();
    edit(appFile, (text) =>
      text
        .replace("</AppModuleComponents>", '  <AppModuleComponent type="60" id="{00000000-0000-0000-0000-000000000001}" />\n  </AppModuleComponents>')
        .replace('type="60" id="{00000000-0000-0000-0000-000000000001}"', 'type="1030" id="{00000000-0000-0000-0000-000000000001}"'),
    );
    expectRefusal(/<AppModuleComponent type="1030"> is not packed; an app here names tables \(1\), views \(26\), forms \(60\) and its site map \(62\)/);
  });

  test("a view of a table the app does not list", () => {
    freshSource();
    edit(appFile, (text) => text.replace('<AppModuleComponent type="1" schemaName="apnl_approvalrequest" />', ""));
    expectRefusal(/belongs to apnl_approvalrequest, which the app does not list/);
  });

  test("a site map the app names but AppModuleSiteMaps/ lacks", () => {
    freshSource();
    edit(appFile, (text) => text.replace(`type="62" schemaName="${APP}"`, 'type="62" schemaName="apnl_Other"'));
    expectRefusal(/site map "apnl_Other" is not in AppModuleSiteMaps\//);
  });

  test("a role id that is not a GUID", () => {
    freshSource();
    edit(appFile, (text) => text.replace('<Role id="{627090ff-40a3-4053-8790-584edc5be201}" />', '<Role id="{System Administrator}" />'));
    expectRefusal(/<AppModuleRoleMaps><Role id>: "\{System Administrator\}" is not a GUID/);
  });

  test("a role that is neither the solution's nor a platform role template", () => {
    freshSource();
    edit(appFile, (text) => text.replace("{627090ff-40a3-4053-8790-584edc5be201}", "{11111111-2222-3333-4444-555555555555}"));
    expectRefusal(/role \{11111111-2222-3333-4444-555555555555\} is neither a role in Roles\/ nor a platform role template/);
  });

  test("an app whose unique name differs from its folder", () => {
    freshSource();
    edit(appFile, (text) => text.replace(`<UniqueName>${APP}</UniqueName>`, "<UniqueName>apnl_Approvals</UniqueName>"));
    expectRefusal(/<UniqueName> "apnl_Approvals" must equal its folder name "apnl_DeploymentApprovals"/);
  });

  test("an app file SolutionPackager writes for managed packaging, which this packer does not read", () => {
    freshSource();
    writeFileSync(join(source(), "AppModules", APP, "AppModule_managed.xml"), "<AppModule/>");
    expectRefusal(/AppModule_managed\.xml: only AppModule\.xml is packed/);
  });

  test("an app inline in Other/Customizations.xml, which the packer would drop", () => {
    freshSource();
    edit("Other/Customizations.xml", (text) =>
      text.replace("<CustomControls />", "<CustomControls />\n  <AppModules><AppModule><UniqueName>apnl_X</UniqueName></AppModule></AppModules>"),
    );
    expectRefusal(/<AppModules> is not empty; this packer reads components from .*AppModules\//);
  });
});

describe("the site map", () => {
  test("a subarea for a table the solution does not ship", () => {
    freshSource();
    edit(siteMapFile, (text) => text.replace('Entity="apnl_approvaldecision" Client', 'Entity="contact" Client'));
    expectRefusal(/<SubArea Id="apnl_subarea_approvaldecisions">: Entity "contact" is not a table in Entities\//);
  });

  test("a subarea whose Url opens a view the table does not have", () => {
    freshSource();
    edit(siteMapFile, (text) => text.replace(`%7b${WAITING_FOR_ME_VIEW}%7d`, "%7b00000000-0000-0000-0000-0000000000aa%7d"));
    expectRefusal(
      /<SubArea Id="apnl_subarea_waitingforme">: Url names view \{00000000-0000-0000-0000-0000000000aa\}, which apnl_approvalrequest's Entity\.xml does not have/,
    );
  });

  test("a subarea whose Url is not a table's view", () => {
    freshSource();
    edit(siteMapFile, (text) => text.replace(/Url="[^"]*%7bea030d4c[^"]*"/, 'Url="https://contoso.example/approvals"'));
    expectRefusal(/Url "https:\/\/contoso\.example\/approvals" is not packed/);
  });

  test("two subareas with the same Id", () => {
    freshSource();
    edit(siteMapFile, (text) => text.replace('Id="apnl_subarea_decided"', 'Id="apnl_subarea_waitingforme"'));
    expectRefusal(/Id "apnl_subarea_waitingforme" is used twice/);
  });

  test("a subarea without a title", () => {
    freshSource();
    edit(siteMapFile, (text) => text.replace('<Title LCID="1033" Title="Decided" />', '<Title LCID="1033" Title="" />'));
    expectRefusal(/<SubArea Id="apnl_subarea_decided"> has no <Titles><Title Title="..."> to show/);
  });

  test("a privilege name the site map schema does not have", () => {
    freshSource();
    edit(siteMapFile, (text) => text.replace('Privilege="Write"', 'Privilege="Update"'));
    expectRefusal(/<Privilege Privilege="Update"> is not one of/);
  });

  test("a site map no app uses", () => {
    freshSource();
    mkdirSync(join(source(), "AppModuleSiteMaps", "apnl_Spare"));
    writeFileSync(
      join(source(), "AppModuleSiteMaps", "apnl_Spare", "AppModuleSiteMap.xml"),
      readFileSync(join(source(), ...siteMapFile.split("/")), "utf8").replace(
        `<SiteMapUniqueName>${APP}</SiteMapUniqueName>`,
        "<SiteMapUniqueName>apnl_Spare</SiteMapUniqueName>",
      ),
    );
    expectRefusal(/site map "apnl_Spare" must belong to exactly one app in AppModules\/; 0 name it/);
  });
});

describe("environment variables", () => {
  const channel = "environmentvariabledefinitions/apnl_NotificationChannel/environmentvariabledefinition.xml";

  test("a definition whose schemaname differs from its folder", () => {
    freshSource();
    edit(channel, (text) => text.replace('schemaname="apnl_NotificationChannel"', 'schemaname="apnl_Channel"'));
    expectRefusal(/schemaname "apnl_Channel" must equal its folder name "apnl_NotificationChannel"/);
  });

  test("a type this packer does not ship (a secret)", () => {
    freshSource();
    edit(channel, (text) => text.replace("<type>100000000</type>", "<type>100000005</type>"));
    expectRefusal(/<type> "100000005" is not packed; use 100000000 \(String\)/);
  });

  test("a value file next to the definition, which would ship one environment's value", () => {
    freshSource();
    writeFileSync(join(source(), "environmentvariabledefinitions", "apnl_NotificationChannel", "environmentvariablevalues.json"), "{}");
    expectRefusal(/environmentvariablevalues\.json: only environmentvariabledefinition\.xml is packed/);
  });

  test("a definition inline in Other/Customizations.xml", () => {
    freshSource();
    edit("Other/Customizations.xml", (text) =>
      text.replace(
        "<Languages>",
        '<environmentvariabledefinitions><environmentvariabledefinition schemaname="apnl_X"/></environmentvariabledefinitions>\n  <Languages>',
      ),
    );
    expectRefusal(/<environmentvariabledefinitions> is not empty/);
  });

  test("a display name the flows no longer match: the parameter is named after it", () => {
    freshSource();
    edit(channel, (text) => text.replace('<displayname default="Notification channel">', '<displayname default="Channel">'));
    expectRefusal(/parameter "Notification channel \(apnl_NotificationChannel\)" must be named "Channel \(apnl_NotificationChannel\)"/);
  });

  test("a flow that reads a variable the solution does not define", () => {
    freshSource();
    rmSync(join(source(), "environmentvariabledefinitions", "apnl_AppUrl"), { recursive: true });
    expectRefusal(
      /parameter "Deployment Approvals app address \(apnl_AppUrl\)" reads environment variable "apnl_AppUrl", which environmentvariabledefinitions\/ does not define/,
    );
  });

  test("an expression that reads a parameter the flow does not declare", () => {
    freshSource();
    edit(intakeFlow(), (text) =>
      text.replace(
        "toLower(trim(coalesce(parameters('Notification channel (apnl_NotificationChannel)')",
        "toLower(trim(coalesce(parameters('Channel (apnl_NotificationChannel)')",
      ),
    );
    expectRefusal(/an expression reads parameters\('Channel \(apnl_NotificationChannel\)'\), which properties\.definition\.parameters does not declare/);
  });
});

describe("the request table's form and views", () => {
  test("a custom control description for a control the form does not have", () => {
    freshSource();
    edit(requestEntity, (text) => text.replace(`forControl="{${PANEL_UNIQUE_ID}}"`, 'forControl="{00000000-0000-0000-0000-0000000000bb}"'));
    expectRefusal(/describes control \{00000000-0000-0000-0000-0000000000bb\}, but no control on the form has that uniqueid/);
  });

  test("the panel bound to a column the table does not have", () => {
    freshSource();
    edit(requestEntity, (text) => text.replace(/<boundField>apnl_stagerunid<\/boundField>/g, "<boundField>apnl_runid</boundField>"));
    expectRefusal(
      /custom control "apnl_PipelinesApprovals\.ApprovalPanel" parameter <boundField> names column "apnl_runid", which apnl_approvalrequest does not have/,
    );
  });

  test("a view condition on a column the table does not have", () => {
    freshSource();
    edit(requestEntity, (text) =>
      text.replace('<condition attribute="ownerid" operator="eq-useroruserteams"/>', '<condition attribute="owner" operator="eq-useroruserteams"/>'),
    );
    expectRefusal(/view "Waiting for me", FetchXML <condition> names column "owner", which apnl_approvalrequest does not have/);
  });

  test("a view id that is not a GUID", () => {
    freshSource();
    edit(requestEntity, (text) => text.replace(`<savedqueryid>{${WAITING_FOR_ME_VIEW}}</savedqueryid>`, "<savedqueryid>{waiting-for-me}</savedqueryid>"));
    expectRefusal(/<savedquery><savedqueryid>: "\{waiting-for-me\}" is not a GUID/);
  });
});
