// Large solutions in the shape of a real export, for the What changes bench: many tables, each with columns of the
// types an export carries (text, choices with their options, lookups, money, dates, yes/no, whole numbers, memos) and
// their metadata, main and quick-create forms with tabs, sections and cells, public and lookup views with their
// fetch and layout XML, then security roles with a privilege per table and action, and global choices. The text is
// the bench's own; the element names and their nesting follow Dataverse's customizations.xml.
// Two versions of one solution: the current one differs from the baseline in a few places per table (a column
// added, one removed, a length changed, a privilege raised), as an ordinary upgrade does.
import { strToU8, zipSync } from "fflate";

const CONTENT_TYPES =
  '\ufeff<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/octet-stream" /></Types>';
const MTIME = new Date("2026-01-01T00:00:00Z");
const WORDS = ["account", "budget", "claim", "contract", "delivery", "invoice", "ledger", "order", "project", "region", "supplier", "ticket", "vehicle"];
const esc = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const guidOf = (a, b) =>
  `{${(a >>> 0).toString(16).padStart(8, "0")}-${(b & 0xffff).toString(16).padStart(4, "0")}-4${(a & 0xfff).toString(16).padStart(3, "0")}-8000-${(b >>> 0).toString(16).padStart(12, "0")}}`;
const title = (word) => word[0].toUpperCase() + word.slice(1);

/** A deterministic pseudo-random sequence (a linear congruential generator), so both versions are built alike. */
function random(seed) {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
}

const COLUMN_TYPES = ["nvarchar", "nvarchar", "picklist", "lookup", "money", "datetime", "bit", "int", "memo", "decimal"];

function columnXml(table, c, type, maxLength, label) {
  const name = `contoso_${table}_${c}`;
  const typed = {
    nvarchar: `<Format>text</Format><MaxLength>${maxLength}</MaxLength><Length>${maxLength * 2}</Length>`,
    memo: `<Format>textarea</Format><MaxLength>${maxLength * 20}</MaxLength>`,
    picklist: `<AppDefaultValue>-1</AppDefaultValue><optionset Name="${name}"><OptionSetType>picklist</OptionSetType><IntroducedVersion>1.0.0.0</IntroducedVersion><IsCustomizable>1</IsCustomizable><displaynames><displayname description="${esc(label)}" languagecode="1033" /></displaynames><options>${[
      1, 2, 3, 4,
    ]
      .map(
        (o) =>
          `<option value="${100000000 + o}" ExternalValue="" IsHidden="0"><labels><label description="${title(WORDS[(c + o) % WORDS.length])} ${o}" languagecode="1033" /></labels></option>`,
      )
      .join("")}</options></optionset>`,
    lookup: "<LookupStyle>single</LookupStyle><LookupTypes />",
    money:
      "<MinValue>-922337203685477</MinValue><MaxValue>922337203685477</MaxValue><Precision>2</Precision><PrecisionSource>2</PrecisionSource><IsBaseCurrency>0</IsBaseCurrency>",
    datetime: "<Format>date</Format><CanChangeDateTimeBehavior>1</CanChangeDateTimeBehavior><Behavior>1</Behavior>",
    bit: "<AppDefaultValue>0</AppDefaultValue>",
    int: "<Format>none</Format><MinValue>-2147483648</MinValue><MaxValue>2147483647</MaxValue>",
    decimal: "<MinValue>-100000000000</MinValue><MaxValue>100000000000</MaxValue><Accuracy>2</Accuracy>",
  }[type];
  return `            <attribute PhysicalName="contoso_${title(table)}_${c}">
              <Type>${type}</Type>
              <Name>${name}</Name>
              <LogicalName>${name}</LogicalName>
              <RequiredLevel>${c % 7 === 0 ? "required" : "none"}</RequiredLevel>
              <DisplayMask>ValidForAdvancedFind|ValidForForm|ValidForGrid</DisplayMask>
              <ValidForUpdateApi>1</ValidForUpdateApi>
              <ValidForReadApi>1</ValidForReadApi>
              <ValidForCreateApi>1</ValidForCreateApi>
              <IsCustomField>1</IsCustomField>
              <IsAuditEnabled>${c % 3 === 0 ? 1 : 0}</IsAuditEnabled>
              <IsSecured>0</IsSecured>
              <IntroducedVersion>1.0.0.0</IntroducedVersion>
              <IsCustomizable>1</IsCustomizable>
              <IsRenameable>1</IsRenameable>
              <CanModifySearchSettings>1</CanModifySearchSettings>
              <CanModifyRequirementLevelSettings>1</CanModifyRequirementLevelSettings>
              <CanModifyAdditionalSettings>1</CanModifyAdditionalSettings>
              <SourceType>0</SourceType>
              <IsGlobalFilterEnabled>0</IsGlobalFilterEnabled>
              <IsSortableEnabled>0</IsSortableEnabled>
              <IsSearchable>${c % 2}</IsSearchable>
              ${typed}
              <displaynames>
                <displayname description="${esc(label)}" languagecode="1033" />
              </displaynames>
              <Descriptions>
                <Description description="The ${esc(label.toLowerCase())} of the record &amp; its history." languagecode="1033" />
              </Descriptions>
            </attribute>`;
}

function formXml(table, t, columns, type, f) {
  const cells = columns
    .map(
      ({ c, label }) =>
        `<row><cell id="${guidOf(t * 977 + c, f * 31 + c)}" showlabel="true" locklevel="0"><labels><label description="${esc(label)}" languagecode="1033" /></labels><control id="contoso_${table}_${c}" classid="{4273EDBD-AC1D-40d3-9FB2-095C621B552D}" datafieldname="contoso_${table}_${c}" disabled="false" /></cell></row>`,
    )
    .join("\n                              ");
  return `          <systemform>
            <formid>${guidOf(t * 131 + f, t)}</formid>
            <IntroducedVersion>1.0.0.0</IntroducedVersion>
            <FormPresentation>1</FormPresentation>
            <FormActivationState>1</FormActivationState>
            <form headerdensity="HighWithControls">
              <tabs>
                <tab name="general" id="${guidOf(t * 7 + f, 11)}" IsUserDefined="0" showlabel="true" expanded="true">
                  <labels><label description="General" languagecode="1033" /></labels>
                  <columns>
                    <column width="100%">
                      <sections>
                        <section name="details" showlabel="false" showbar="false" id="${guidOf(t * 13 + f, 17)}" IsUserDefined="0" columns="1">
                          <labels><label description="Details" languagecode="1033" /></labels>
                          <rows>
                              ${cells}
                          </rows>
                        </section>
                      </sections>
                    </column>
                  </columns>
                </tab>
              </tabs>
              <formLibraries><Library name="contoso_/scripts/${table}.js" libraryUniqueId="${guidOf(t, f + 99)}" /></formLibraries>
            </form>
            <IsCustomizable>1</IsCustomizable>
            <CanBeDeleted>${type === "main" ? 0 : 1}</CanBeDeleted>
            <LocalizedNames><LocalizedName description="${type === "main" ? "Information" : "Quick create"}" languagecode="1033" /></LocalizedNames>
          </systemform>`;
}

function viewXml(table, t, v, columns, name) {
  return `          <savedquery>
            <IsCustomizable>1</IsCustomizable>
            <CanBeDeleted>${v === 0 ? 0 : 1}</CanBeDeleted>
            <isquickfindquery>${v === 2 ? 1 : 0}</isquickfindquery>
            <isprivate>0</isprivate>
            <isdefault>${v === 0 ? 1 : 0}</isdefault>
            <savedqueryid>${guidOf(t * 311 + v, t + 5)}</savedqueryid>
            <layoutxml>
              <grid name="resultset" jump="contoso_${table}_0" select="1" icon="1" preview="1">
                <row name="result" id="contoso_${table}id">
                  ${columns.map(({ c }) => `<cell name="contoso_${table}_${c}" width="${100 + (c % 4) * 25}" />`).join("\n                  ")}
                </row>
              </grid>
            </layoutxml>
            <querytype>${v === 2 ? 4 : 0}</querytype>
            <fetchxml>
              <fetch version="1.0" mapping="logical">
                <entity name="contoso_${table}">
                  ${columns.map(({ c }) => `<attribute name="contoso_${table}_${c}" />`).join("\n                  ")}
                  <order attribute="contoso_${table}_0" descending="false" />
                  <filter type="and"><condition attribute="statecode" operator="eq" value="0" /></filter>
                </entity>
              </fetch>
            </fetchxml>
            <IntroducedVersion>1.0.0.0</IntroducedVersion>
            <LocalizedNames><LocalizedName description="${esc(name)}" languagecode="1033" /></LocalizedNames>
          </savedquery>`;
}

/** One table; `current` applies the upgrade's few changes. */
function tableXml(t, current) {
  const next = random(t * 7919 + 1);
  const table = `${WORDS[t % WORDS.length]}${t}`;
  const label = `${title(WORDS[t % WORDS.length])} ${t}`;
  const count = 30 + next(50);
  const columns = [];
  for (let c = 0; c < count; c++) {
    const type = COLUMN_TYPES[next(COLUMN_TYPES.length)];
    const length = 100 + next(4) * 50;
    if (current && c === 5) continue; // removed in the upgrade
    const maxLength = current && c === 3 ? 400 : length;
    columns.push({ c, type, maxLength, label: `${title(WORDS[(t + c) % WORDS.length])} ${c} of ${label}` });
  }
  if (current) columns.push({ c: count, type: "nvarchar", maxLength: 200, label: `Reference ${count} of ${label}` });
  const shown = columns.slice(0, 12);
  return `  <Entity>
    <Name LocalizedName="${esc(label)}" OriginalName="${esc(label)}">contoso_${table}</Name>
    <EntityInfo>
      <entity Name="contoso_${table}">
        <LocalizedNames><LocalizedName description="${esc(label)}" languagecode="1033" /></LocalizedNames>
        <LocalizedCollectionNames><LocalizedCollectionName description="${esc(label)}s" languagecode="1033" /></LocalizedCollectionNames>
        <Descriptions><Description description="Records of ${esc(label.toLowerCase())}." languagecode="1033" /></Descriptions>
        <attributes>
${columns.map(({ c, type, maxLength, label: l }) => columnXml(table, c, type, maxLength, l)).join("\n")}
        </attributes>
        <EntitySetName>contoso_${table}s</EntitySetName>
        <IsDuplicateCheckSupported>1</IsDuplicateCheckSupported>
        <IsAuditEnabled>${t % 2}</IsAuditEnabled>
        <ChangeTrackingEnabled>${current && t % 9 === 0 ? 1 : 0}</ChangeTrackingEnabled>
        <OwnershipTypeMask>UserOwned</OwnershipTypeMask>
        <IsActivity>0</IsActivity>
        <IntroducedVersion>1.0.0.0</IntroducedVersion>
      </entity>
    </EntityInfo>
    <FormXml>
      <forms type="main">
${formXml(table, t, columns.slice(0, 20), "main", 0)}
      </forms>
      <forms type="quick">
${formXml(table, t, columns.slice(0, 6), "quick", 1)}
      </forms>
    </FormXml>
    <SavedQueries>
      <savedqueries>
${[`Active ${label}s`, `Inactive ${label}s`, `Quick Find ${label}s`].map((name, v) => viewXml(table, t, v, shown, name)).join("\n")}
      </savedqueries>
    </SavedQueries>
    <RibbonDiffXml><CustomActions /><Templates><RibbonTemplates Id="Mscrm.Templates" /></Templates><CommandDefinitions /><RuleDefinitions><TabDisplayRules /><DisplayRules /><EnableRules /></RuleDefinitions><LocLabels /></RibbonDiffXml>
  </Entity>`;
}

function rolesXml(tables, current) {
  const levels = ["Basic", "Local", "Deep", "Global"];
  const roles = ["Expense approver", "Field technician", "Sales manager", "Auditor"].map((name, r) => {
    const privileges = [];
    for (let t = 0; t < tables; t++) {
      const table = `${WORDS[t % WORDS.length]}${t}`;
      for (const [a, action] of ["Create", "Read", "Write", "Delete", "Append", "AppendTo", "Assign", "Share"].entries()) {
        const raised = current && r === 0 && t % 25 === 0 && action === "Delete";
        privileges.push(`      <RolePrivilege name="prv${action}contoso_${table}" level="${raised ? "Global" : levels[(t + a + r) % 3]}" />`);
      }
    }
    return `  <Role id="${guidOf(0x7a5c2e96 + r, r)}" name="${name}">\n    <RolePrivileges>\n${privileges.join("\n")}\n    </RolePrivileges>\n  </Role>`;
  });
  return `<Roles>\n${roles.join("\n")}\n</Roles>`;
}

function choicesXml(count) {
  const sets = [];
  for (let o = 0; o < count; o++) {
    const options = [1, 2, 3, 4, 5].map(
      (v) =>
        `<option value="${100000000 + v}"><labels><label description="${title(WORDS[(o + v) % WORDS.length])} stage ${v}" languagecode="1033" /></labels></option>`,
    );
    sets.push(
      `  <optionset Name="contoso_choice${o}" localizedName="Choice ${o}"><OptionSetType>picklist</OptionSetType><IsGlobal>1</IsGlobal><IntroducedVersion>1.0.0.0</IntroducedVersion><displaynames><displayname description="Choice ${o}" languagecode="1033" /></displaynames><options>${options.join("")}</options></optionset>`,
    );
  }
  return `<optionsets>\n${sets.join("\n")}\n</optionsets>`;
}

/** customizations.xml of about targetBytes (UTF-16 code units, as JavaScript counts; the text is ASCII but for the BOM). */
export function realShapedCustomizations(targetBytes, current) {
  const tables = [];
  let size = 0;
  for (let t = 0; size < targetBytes * 0.96; t++) {
    const table = tableXml(t, current);
    tables.push(table);
    size += table.length + 1 + 650; // and its share of the roles' privileges
  }
  return `\ufeff<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" OrganizationVersion="9.2.25101.171" OrganizationSchemaType="Standard">
<Entities>
${tables.join("\n")}
</Entities>
${rolesXml(tables.length, current)}
<Workflows />
${choicesXml(40)}
<Languages>
  <Language>1033</Language>
</Languages>
</ImportExportXml>
`;
}

function solutionXml(version) {
  return `\ufeff<ImportExportXml version="9.2.25101.171" SolutionPackageVersion="9.2" languagecode="1033" generatedBy="CrmLive" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <SolutionManifest>
    <UniqueName>ContosoOperations</UniqueName>
    <LocalizedNames><LocalizedName description="Contoso Operations" languagecode="1033" /></LocalizedNames>
    <Version>${version}</Version>
    <Managed>1</Managed>
    <Publisher><UniqueName>contoso</UniqueName><CustomizationPrefix>contoso</CustomizationPrefix></Publisher>
    <RootComponents />
    <MissingDependencies />
  </SolutionManifest>
</ImportExportXml>
`;
}

/** The baseline and current zips of a solution whose customizations.xml is about targetBytes. */
export function realShapedPair(targetBytes) {
  const zip = (version, current) =>
    zipSync({
      "[Content_Types].xml": [strToU8(CONTENT_TYPES), { mtime: MTIME }],
      "solution.xml": [strToU8(solutionXml(version)), { mtime: MTIME }],
      "customizations.xml": [strToU8(realShapedCustomizations(targetBytes, current)), { level: 6, mtime: MTIME }],
    });
  return { baseline: zip("3.1.0.0", false), current: zip("3.2.0.0", true) };
}
