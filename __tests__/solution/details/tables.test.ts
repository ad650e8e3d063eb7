import { describe, expect, it } from "@jest/globals";
import { contents, detailsOf, labels } from "./fixture";

const column = (o: { name?: string; type?: string; level?: string; max?: number; format?: string; audit?: number; options?: [number, string][] } = {}) => `
            <attribute PhysicalName="${o.name ?? "sb_CostCentre"}">
              <Type>${o.type ?? "nvarchar"}</Type>
              <Name>${(o.name ?? "sb_CostCentre").toLowerCase()}</Name>
              <LogicalName>${(o.name ?? "sb_CostCentre").toLowerCase()}</LogicalName>
              <RequiredLevel>${o.level ?? "none"}</RequiredLevel>
              <DisplayMask>ValidForAdvancedFind|ValidForForm|ValidForGrid</DisplayMask>
              <IsAuditEnabled>${o.audit ?? 1}</IsAuditEnabled>
              <IsSecured>0</IsSecured>
              <IntroducedVersion>1.0.0.7</IntroducedVersion>
              <IsCustomizable>1</IsCustomizable>
              <Format>${o.format ?? "text"}</Format>
              <MaxLength>${o.max ?? 100}</MaxLength>
              ${
                o.options
                  ? `<optionset Name="sb_travelrequest_sb_class"><OptionSetType>picklist</OptionSetType><IntroducedVersion>1.0</IntroducedVersion><options>${o.options
                      .map(([v, l]) => `<option value="${v}" ExternalValue="">${labels("label", l)}</option>`)
                      .join("")}</options></optionset>`
                  : ""
              }
              ${labels("displayname", "Cost Centre")}
            </attribute>`;

const table = (columns: string, o: { ownership?: string; audit?: number; changeTracking?: number } = {}) => `
  <Entities>
    <Entity>
      <Name LocalizedName="Travel Request" OriginalName="Travel Request">sb_TravelRequest</Name>
      <EntityInfo>
        <entity Name="sb_TravelRequest">
          ${labels("LocalizedName", "Travel Request")}
          <attributes>${columns}</attributes>
          <EntitySetName>sb_travelrequests</EntitySetName>
          <IsDuplicateCheckSupported>1</IsDuplicateCheckSupported>
          <OwnershipTypeMask>${o.ownership ?? "UserOwned"}</OwnershipTypeMask>
          <IsAuditEnabled>${o.audit ?? 0}</IsAuditEnabled>
          <IntroducedVersion>1.0</IntroducedVersion>
          <ChangeTrackingEnabled>${o.changeTracking ?? 1}</ChangeTrackingEnabled>
        </entity>
      </EntityInfo>
      <RibbonDiffXml />
    </Entity>
  </Entities>`;

describe("details of tables and columns", () => {
  it("names a column's new type, required level, maximum length and format", () => {
    expect(detailsOf("columns", table(column()), table(column({ level: "required", max: 200, format: "email" })))).toEqual([
      { aspect: "requiredLevel", change: "changed", before: "none", after: "required" },
      { aspect: "maxLength", change: "changed", before: "100", after: "200" },
      { aspect: "format", change: "changed", before: "text", after: "email" },
    ]);
  });

  it("names a column's auditing switched off", () => {
    expect(detailsOf("columns", table(column()), table(column({ audit: 0 })))).toEqual([
      { aspect: "columnSwitch", change: "changed", subject: "auditing", before: "true", after: "false" },
    ]);
  });

  it("lists a choice column's values removed, relabelled and added, with their labels", () => {
    const before = column({
      name: "sb_Class",
      type: "picklist",
      options: [
        [1, "Economy"],
        [2, "Business"],
        [3, "First"],
      ],
    });
    const after = column({
      name: "sb_Class",
      type: "picklist",
      options: [
        [1, "Economy"],
        [2, "Business class"],
        [4, "Premium"],
      ],
    });
    expect(detailsOf("columns", table(before), table(after))).toEqual([
      { aspect: "choiceValue", change: "removed", subject: "3", before: "First" },
      { aspect: "choiceValue", change: "changed", subject: "2", before: "Business", after: "Business class" },
      { aspect: "choiceValue", change: "added", subject: "4", after: "Premium" },
    ]);
  });

  it("names a table's ownership and switches that changed, not its columns", () => {
    expect(detailsOf("tables", table(column()), table(column({ max: 50 }), { ownership: "OrganizationOwned", audit: 1, changeTracking: 0 }))).toEqual([
      { aspect: "ownership", change: "changed", before: "UserOwned", after: "OrganizationOwned" },
      { aspect: "tableSwitch", change: "changed", subject: "auditing", before: "false", after: "true" },
      { aspect: "tableSwitch", change: "changed", subject: "changeTracking", before: "true", after: "false" },
    ]);
  });

  it("says that something else changed when no kept fact did", () => {
    const other = (mask: string) => table(column().replace("ValidForAdvancedFind|ValidForForm|ValidForGrid", mask));
    expect(detailsOf("columns", other("ValidForForm"), other("ValidForGrid"))).toEqual([{ aspect: "other", change: "changed" }]);
  });

  it("every column names its table", () => {
    expect(contents(table(column())).components.columns[0].details?.table).toBe("sb_travelrequest");
  });
});

const relationship = (cascadeDelete: string) => `
  <EntityRelationships>
    <EntityRelationship Name="sb_TravelRequest_Leg">
      <EntityRelationshipType>OneToMany</EntityRelationshipType>
      <IsCustomizable>1</IsCustomizable>
      <IntroducedVersion>1.0</IntroducedVersion>
      <ReferencingEntityName>sb_Leg</ReferencingEntityName>
      <ReferencedEntityName>sb_TravelRequest</ReferencedEntityName>
      <CascadeAssign>NoCascade</CascadeAssign>
      <CascadeDelete>${cascadeDelete}</CascadeDelete>
      <ReferencingAttributeName>sb_TravelRequestId</ReferencingAttributeName>
    </EntityRelationship>
  </EntityRelationships>`;

describe("details of relationships", () => {
  it("names the cascade that changed and the tables it joins, once", () => {
    expect(detailsOf("relationships", relationship("RemoveLink"), relationship("Cascade"))).toEqual([
      { aspect: "cascade", change: "changed", subject: "delete", before: "RemoveLink", after: "Cascade" },
    ]);
    const [r] = contents(relationship("Cascade")).components.relationships;
    expect([r.name, r.logicalName, r.details?.table, r.details?.referencedTable]).toEqual([
      "sb_travelrequest → sb_leg",
      "sb_TravelRequest_Leg",
      "sb_leg",
      "sb_travelrequest",
    ]);
  });
});

const optionSet = (options: [number, string][]) => `
  <optionsets>
    <optionset Name="sb_travelclass" localizedName="Travel class">
      <OptionSetType>picklist</OptionSetType>
      <IsGlobal>1</IsGlobal>
      <IntroducedVersion>1.0.0.0</IntroducedVersion>
      ${labels("displayname", "Travel class")}
      <options>${options.map(([v, l]) => `<option value="${v}" ExternalValue="" IsHidden="0">${labels("label", l)}</option>`).join("")}</options>
    </optionset>
  </optionsets>`;

describe("details of choices", () => {
  it("lists the values removed and added", () => {
    expect(
      detailsOf(
        "optionSets",
        optionSet([
          [100000000, "Train"],
          [100000001, "Plane"],
        ]),
        optionSet([
          [100000000, "Train"],
          [100000002, "Bus"],
        ]),
      ),
    ).toEqual([
      { aspect: "choiceValue", change: "removed", subject: "100000001", before: "Plane" },
      { aspect: "choiceValue", change: "added", subject: "100000002", after: "Bus" },
    ]);
  });
});
