import { describe, expect, it } from "@jest/globals";
import { contents, detailsOf, labels } from "./fixture";

const cell = (field: string) =>
  `<row><cell id="{${field.length}a891ee0-bbe9-41fb-af94-fc4e55608028}" showlabel="true" locklevel="0">${labels("label", field)}<control id="${field}" classid="{4273EDBD-AC1D-40d3-9FB2-095C621B552D}" datafieldname="${field}" disabled="false" /></cell></row>`;
const section = (name: string, fields: string[]) =>
  `<section name="${name}" showlabel="false" showbar="false" columns="1" id="{06df33a0-107e-45e8-8f09-c339f15c1010}" IsUserDefined="0">${labels("label", name)}<rows>${fields.map(cell).join("")}</rows></section>`;
const tab = (name: string, sections: string) =>
  `<tab name="${name}" verticallayout="true" id="{932d2081-f29a-45c8-8480-a13169177d55}" IsUserDefined="0">${labels("label", name)}<columns><column width="100%"><sections>${sections}</sections></column></columns></tab>`;

const form = (tabs: string, libraries: string[] = [], type = "main") => `
  <Entities><Entity>
    <Name LocalizedName="Travel Request" OriginalName="Travel Request">sb_TravelRequest</Name>
    <EntityInfo><entity Name="sb_TravelRequest"><attributes /></entity></EntityInfo>
    <FormXml>
      <forms type="${type}">
        <systemform>
          <formid>{c30add5d-a81e-4024-99b2-c7d7293bbda7}</formid>
          <IntroducedVersion>1.0</IntroducedVersion>
          <FormPresentation>1</FormPresentation>
          <form headerdensity="HighWithControls">
            <tabs>${tabs}</tabs>
            ${libraries.length ? `<formLibraries>${libraries.map((l) => `<Library name="${l}" libraryUniqueId="{5324b525-4c2e-c191-57d8-ad1ababd128c}" />`).join("")}</formLibraries>` : ""}
            <events><event name="onload" application="false" active="false"><Handlers>${libraries
              .map(
                (l) =>
                  `<Handler functionName="Contoso.onLoad" libraryName="${l}" handlerUniqueId="{0318e8ce-660d-d6d7-e523-a13cb1ecb69c}" enabled="true" parameters="" passExecutionContext="true" />`,
              )
              .join("")}</Handlers></event></events>
          </form>
          <IsCustomizable>1</IsCustomizable>
          ${labels("LocalizedName", "Information")}
        </systemform>
      </forms>
    </FormXml>
    <RibbonDiffXml />
  </Entity></Entities>`;

describe("details of forms", () => {
  it("lists fields added, removed and moved to another section, and a new tab", () => {
    const before = form(tab("general", section("details", ["sb_name", "sb_hotelname", "sb_cost"]) + section("dates", ["sb_start"])));
    const after = form(
      tab("general", section("details", ["sb_name", "sb_costcentre"]) + section("dates", ["sb_start", "sb_cost"])) + tab("approval", section("approver", [])),
    );
    expect(detailsOf("forms", before, after)).toEqual([
      { aspect: "formTab", change: "added", subject: "approval", after: "approval" },
      { aspect: "formSection", change: "added", subject: "approver", after: "approval" },
      { aspect: "formField", change: "removed", subject: "sb_hotelname", before: "details" },
      { aspect: "formField", change: "changed", subject: "sb_cost", before: "details", after: "dates" },
      { aspect: "formField", change: "added", subject: "sb_costcentre", after: "details" },
    ]);
  });

  it("lists a script library and its handler added", () => {
    const body = tab("general", section("details", ["sb_name"]));
    expect(detailsOf("forms", form(body), form(body, ["sb_travel.js"]))).toEqual([
      { aspect: "formLibrary", change: "added", subject: "sb_travel.js" },
      { aspect: "formHandler", change: "added", subject: "onload: Contoso.onLoad", after: "sb_travel.js true" },
    ]);
  });

  it("gives every form its table and form type", () => {
    const [card] = contents(form(tab("general", ""), [], "card")).components.forms;
    expect([card.name, card.details?.table, card.details?.formType]).toEqual(["Information", "sb_travelrequest", "card"]);
  });
});

const view = (cells: string[], order: string, condition: string) => `
  <Entities><Entity>
    <Name LocalizedName="Bookings" OriginalName="Bookings">ctb_Bookings</Name>
    <EntityInfo><entity Name="ctb_Bookings"><attributes /></entity></EntityInfo>
    <SavedQueries><savedqueries>
      <savedquery>
        <IsCustomizable>1</IsCustomizable>
        <isdefault>1</isdefault>
        <savedqueryid>{d092a1af-82c3-4387-9eb1-baf5caf2cf21}</savedqueryid>
        <layoutxml><grid name="resultset" jump="ctb_name" select="1" icon="1" preview="1"><row name="result" id="ctb_bookingsid">${cells
          .map((c) => `<cell name="${c}" width="150" />`)
          .join("")}</row></grid></layoutxml>
        <querytype>0</querytype>
        <fetchxml><fetch version="1.0" mapping="logical"><entity name="ctb_bookings"><attribute name="ctb_name" />${order}<filter type="and">${condition}</filter></entity></fetch></fetchxml>
        <IntroducedVersion>1.0</IntroducedVersion>
        ${labels("LocalizedName", "Active Bookings")}
      </savedquery>
    </savedqueries></SavedQueries>
    <RibbonDiffXml />
  </Entity></Entities>`;

describe("details of views", () => {
  it("names the columns shown, the sort and the filter that changed", () => {
    const before = view(
      ["ctb_name", "createdon"],
      `<order attribute="ctb_name" descending="false" />`,
      `<condition attribute="statecode" operator="eq" value="0" />`,
    );
    const after = view(
      ["ctb_name", "ctb_start"],
      `<order attribute="createdon" descending="true" />`,
      `<condition attribute="statecode" operator="eq" value="0" /><condition attribute="ownerid" operator="eq-userid" />`,
    );
    expect(detailsOf("views", before, after)).toEqual([
      { aspect: "viewColumn", change: "removed", subject: "createdon", before: "150" },
      { aspect: "viewColumn", change: "added", subject: "ctb_start", after: "150" },
      { aspect: "viewSort", change: "changed", before: "ctb_name asc", after: "createdon desc" },
      { aspect: "viewFilter", change: "changed", before: "statecode eq 0", after: "(statecode eq 0 and ownerid eq-userid)" },
    ]);
  });
});
