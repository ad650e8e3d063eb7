import { describe, expect, it } from "@jest/globals";
import { contents, detailsOf, labels } from "./fixture";

const webResource = (type: number) => `
  <WebResources>
    <WebResource>
      <WebResourceId>{5324b525-4c2e-c191-57d8-ad1ababd128c}</WebResourceId>
      <Name>p365i_opportunity.js</Name>
      <DisplayName>p365i_opportunity.js</DisplayName>
      <WebResourceType>${type}</WebResourceType>
      <IntroducedVersion>1.0</IntroducedVersion>
      <IsEnabledForMobileClient>0</IsEnabledForMobileClient>
      <FileName>/WebResources/p365i_opportunity.js5324B525-4C2E-C191-57D8-AD1ABABD128C</FileName>
    </WebResource>
  </WebResources>`;
const WR_FILE = "WebResources/p365i_opportunity.js5324B525-4C2E-C191-57D8-AD1ABABD128C";

describe("details of web resources", () => {
  it("names the size and the kind", () => {
    expect(detailsOf("webResources", webResource(3), webResource(1), [{ [WR_FILE]: "crc32:1a2b:2048" }, { [WR_FILE]: "crc32:3c4d:4096" }])).toEqual([
      { aspect: "webResourceKind", change: "changed", before: "js", after: "html" },
      { aspect: "webResourceSize", change: "changed", before: "2048", after: "4096" },
      { aspect: "webResourceContent", change: "changed" },
    ]);
  });
});

const variable = (type: string, defaultValue: string) => `
<environmentvariabledefinition schemaname="ppchal_AzureOpenAIServiceDeploymentID">
  <defaultvalue>${defaultValue}</defaultvalue>
  <displayname default="Azure OpenAI Service Deployment ID">
    <label description="Azure OpenAI Service Deployment ID" languagecode="1033" />
  </displayname>
  <introducedversion>1.0.0.1</introducedversion>
  <iscustomizable>1</iscustomizable>
  <isrequired>0</isrequired>
  <secretstore>0</secretstore>
  <type>${type}</type>
</environmentvariabledefinition>`;
const VAR = "environmentvariabledefinitions/ppchal_AzureOpenAIServiceDeploymentID/";
const value = (v: string) =>
  `{"environmentvariablevalues":{"environmentvariablevalue":{"@environmentvariablevalueid":"61105a7f-e36c-ee11-9ae7-000d3a292ad4","iscustomizable":"1","value":"${v}"}}}`;

describe("details of environment variables", () => {
  it("shows a text variable's default and current value before and after", () => {
    expect(
      detailsOf("environmentVariables", "", "", [
        { [`${VAR}environmentvariabledefinition.xml`]: variable("100000000", "Challenge019"), [`${VAR}environmentvariablevalues.json`]: value("Challenge019") },
        { [`${VAR}environmentvariabledefinition.xml`]: variable("100000000", "Challenge020"), [`${VAR}environmentvariablevalues.json`]: value("Challenge021") },
      ]),
    ).toEqual([
      { aspect: "variableDefault", change: "changed", before: "Challenge019", after: "Challenge020" },
      { aspect: "variableValue", change: "changed", before: "Challenge019", after: "Challenge021" },
    ]);
  });

  it("says a secret's value changed without carrying it", () => {
    const items = detailsOf("environmentVariables", "", "", [
      { [`${VAR}environmentvariabledefinition.xml`]: variable("100000005", "first-secret-value") },
      { [`${VAR}environmentvariabledefinition.xml`]: variable("100000005", "second-secret-value") },
    ]);
    expect(items).toEqual([{ aspect: "variableDefault", change: "changed" }]);
    const c = contents("", { [`${VAR}environmentvariabledefinition.xml`]: variable("100000005", "second-secret-value") });
    expect(JSON.stringify(c)).not.toContain("second-secret-value");
  });
});

const reference = (connector: string, custom?: string) => `
  ${custom ? `<Connectors><Connector><connectorid>${custom}</connectorid><displayname>AzureOpenAIService</displayname><name>ppchal_azureopenaiservice</name><connectortype>1</connectortype></Connector></Connectors>` : ""}
  <connectionreferences>
    <connectionreference connectionreferencelogicalname="ppchal_ai_7cd22">
      <connectionreferencedisplayname>AI ChatGPT-7cd22</connectionreferencedisplayname>
      <connectorid>${connector}</connectorid>
      ${custom ? `<customconnectorid><connectorid>${custom}</connectorid></customconnectorid>` : ""}
      <iscustomizable>1</iscustomizable>
      <statecode>0</statecode>
      <statuscode>1</statuscode>
    </connectionreference>
  </connectionreferences>`;

describe("details of connection references", () => {
  it("names the connector before and after: the id's last segment, or a custom connector's display name", () => {
    const custom = "76b87ad4-2b1d-44cf-965c-df67c01b8666";
    expect(
      detailsOf(
        "connectionReferences",
        reference("/providers/Microsoft.PowerApps/apis/shared_office365"),
        reference("/providers/Microsoft.PowerApps/apis/shared_azureopenaiservice-5f534785e02bede9d0-5fae562e10a2de687a", custom),
      ),
    ).toEqual([{ aspect: "connector", change: "changed", before: "shared_office365", after: "AzureOpenAIService" }]);
  });
});

const api = (isFunction: number) => `<customapi uniquename="p365i_CloseOpportunity">
  <allowedcustomprocessingsteptype>0</allowedcustomprocessingsteptype>
  <bindingtype>0</bindingtype>
  <displayname default="Close Opportunity"><label description="Close Opportunity" languagecode="1033" /></displayname>
  <iscustomizable>1</iscustomizable>
  <isfunction>${isFunction}</isfunction>
  <isprivate>0</isprivate>
</customapi>`;
const parameter = (name: string, type: number, optional: number) =>
  `<customapirequestparameter uniquename="${name}"><displayname default="${name}"><label description="${name}" languagecode="1033" /></displayname><isoptional>${optional}</isoptional><type>${type}</type></customapirequestparameter>`;
const API = "customapis/p365i_CloseOpportunity/";

describe("details of custom APIs", () => {
  it("lists parameters added and made required, response properties removed, and settings changed", () => {
    expect(
      detailsOf("customApis", "", "", [
        {
          [`${API}customapi.xml`]: api(0),
          [`${API}customapirequestparameters/Target/customapirequestparameter.xml`]: parameter("Target", 5, 1),
          [`${API}customapiresponseproperties/Result/customapiresponseproperty.xml`]: `<customapiresponseproperty uniquename="Result"><type>10</type></customapiresponseproperty>`,
        },
        {
          [`${API}customapi.xml`]: api(1),
          [`${API}customapirequestparameters/Target/customapirequestparameter.xml`]: parameter("Target", 5, 0),
          [`${API}customapirequestparameters/Reason/customapirequestparameter.xml`]: parameter("Reason", 10, 1),
        },
      ]),
    ).toEqual([
      { aspect: "apiSetting", change: "changed", subject: "isfunction", before: "false", after: "true" },
      { aspect: "apiParameter", change: "changed", subject: "Target", before: "5 optional", after: "5 required" },
      { aspect: "apiParameter", change: "added", subject: "Reason", after: "10 optional" },
      { aspect: "apiResponseProperty", change: "removed", subject: "Result", before: "10" },
    ]);
  });
});

const app = (components: string, area: string, version: string) => `
  <AppModuleSiteMaps><AppModuleSiteMap>
    <SiteMapUniqueName>p365i_SalesCenter</SiteMapUniqueName>
    <SiteMap IntroducedVersion="7.0.0.0"><Area Id="${area}" ShowGroups="true" Title="${area}"><Group Id="Customers"><SubArea Id="nav_accounts" Entity="account" /></Group></Area></SiteMap>
    ${labels("LocalizedName", "Sales Center")}
  </AppModuleSiteMap></AppModuleSiteMaps>
  <AppModules><AppModule>
    <UniqueName>p365i_SalesCenter</UniqueName>
    <IntroducedVersion>1.0.0.0</IntroducedVersion>
    <statecode>0</statecode>
    <AppModuleComponents>${components}</AppModuleComponents>
    <AppModuleRoleMaps><Role id="{627090ff-40a3-4053-8790-584edc5be201}" /></AppModuleRoleMaps>
    ${labels("LocalizedName", "Sales Center")}
  </AppModule></AppModules>
  <CanvasApps><CanvasApp><Name>p365i_qualifylead_c2d72</Name><AppVersion>${version}</AppVersion><Status>Ready</Status><DisplayName>Qualify Lead</DisplayName></CanvasApp></CanvasApps>`;

describe("details of apps and site maps", () => {
  const before = app(
    `<AppModuleComponent type="1" schemaName="contact" /><AppModuleComponent type="1" schemaName="account" />`,
    "Sales",
    "2024-02-11T15:29:56Z",
  );
  const after = app(
    `<AppModuleComponent type="1" schemaName="account" /><AppModuleComponent type="60" id="{dd81c0b1-fac8-ee11-9079-00224841f5ce}" />`,
    "Service",
    "2024-03-01T09:00:00Z",
  );
  it("lists an app's components added and removed", () => {
    expect(detailsOf("modelDrivenApps", before, after)).toEqual([
      { aspect: "appComponent", change: "removed", subject: "contact", before: "1" },
      { aspect: "appComponent", change: "added", subject: "dd81c0b1-fac8-ee11-9079-00224841f5ce", after: "60" },
    ]);
  });
  it("lists a site map's areas added and removed", () => {
    expect(detailsOf("siteMaps", before, after)).toEqual([
      { aspect: "siteMapArea", change: "removed", subject: "Sales", before: "Sales" },
      { aspect: "siteMapArea", change: "added", subject: "Service", after: "Service" },
    ]);
  });
  it("names a canvas app's version", () => {
    expect(detailsOf("canvasApps", before, after)).toEqual([
      { aspect: "canvasAppVersion", change: "changed", before: "2024-02-11T15:29:56Z", after: "2024-03-01T09:00:00Z" },
    ]);
  });
});

describe("details of a canvas app's .msapp", () => {
  const MSAPP = "CanvasApps/gym_regapp_9e622_DocumentUri.msapp";
  const canvasApp = (version: string) =>
    `<CanvasApps><CanvasApp><Name>gym_regapp_9e622</Name><AppVersion>${version}</AppVersion><DisplayName>Gym</DisplayName><DocumentUri>/${MSAPP}</DocumentUri></CanvasApp></CanvasApps>`;
  const read = (screens: string[], sources: [string, string][] | null) => ({ [MSAPP]: JSON.stringify([screens, sources]) });
  const version = { aspect: "canvasAppVersion", change: "changed", before: "1", after: "2" };

  it("lists screens and data sources added, removed and changed, by name", () => {
    const before = read(["Screen1", "Old"], [["Members", "shared_sharepointonline · site · list-1"]]);
    const after = read(
      ["Screen1", "New"],
      [
        ["Members", "shared_sharepointonline · site · list-2"],
        ["Trainers", "cr_trainer"],
      ],
    );
    expect(detailsOf("canvasApps", canvasApp("1"), canvasApp("2"), [before, after])).toEqual([
      version,
      { aspect: "canvasAppScreen", change: "removed", subject: "Old" },
      { aspect: "canvasAppScreen", change: "added", subject: "New" },
      {
        aspect: "canvasAppDataSource",
        change: "changed",
        subject: "Members",
        before: "shared_sharepointonline · site · list-1",
        after: "shared_sharepointonline · site · list-2",
      },
      { aspect: "canvasAppDataSource", change: "added", subject: "Trainers", after: "cr_trainer" },
    ]);
  });

  it("compares what one side could not read with nothing: no screen or source is listed as all added", () => {
    const after = read(["Screen1", "New"], [["Trainers", "cr_trainer"]]);
    expect(detailsOf("canvasApps", canvasApp("1"), canvasApp("2"), [{ [MSAPP]: "" }, after])).toEqual([version]);
    // Without DataSources.json the sources are unknown, the screens still compared.
    expect(detailsOf("canvasApps", canvasApp("1"), canvasApp("2"), [read(["Screen1"], null), after])).toEqual([
      version,
      { aspect: "canvasAppScreen", change: "added", subject: "New" },
    ]);
  });

  it("keeps the app's own XML as its fingerprint: what one side read of the .msapp and the other did not is no change", () => {
    const same = canvasApp("1");
    const app = (files: Record<string, string>) => contents(same, files).components.canvasApps[0];
    expect(app({ [MSAPP]: "" }).fingerprint).toBe(app(read(["Screen1"], [])).fingerprint);
  });
});
