"use strict";
// Large and hostile solution zips, made on demand (never seeded): for tests and the benchmark, registered on an
// artifact row with host.artifacts.put(artifactId, bytes) or POST /__playground/artifacts?artifactId=…&variant=….
// All of them are the emulator's own inventions; no source describes such artifacts.
//   large      customizations.xml of about 20 MB (generated tables and columns)
//   medium     the same, about 5 MB
//   bomb       one entry of 50 MB of zeros, deflated to about 50 KB (level 9): a reader must stop at a size limit
//              before inflating it. 50 MB keeps the build well under 2 s; the ratio (~1000:1) is what matters
//   corrupt    a valid zip cut in half (no central directory)
//   doctype    customizations.xml with a DOCTYPE and an internal ENTITY (an XML parser must not expand it)
//   script     display names holding markup: <img src=x onerror=alert(1)> (a renderer must show it as text)
const { strToU8, zipSync } = require("fflate");
const { zipEntries } = require("./artifacts.cjs");

const HOSTILE_VARIANTS = ["large", "medium", "bomb", "corrupt", "doctype", "script"];
const SCRIPT_NAME = "<img src=x onerror=alert(1)>";
const CONTENT_TYPES =
  '\ufeff<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/octet-stream" /></Types>';

/** @param {string} text */
const xmlText = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A minimal solution.xml. @param {string} uniqueName @param {string} version @param {string} displayName */
function solutionXml(uniqueName, version, displayName) {
  return `<ImportExportXml version="9.2.25101.171" SolutionPackageVersion="9.2" languagecode="1033" generatedBy="CrmLive" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <SolutionManifest>
    <UniqueName>${uniqueName}</UniqueName>
    <LocalizedNames>
      <LocalizedName description="${xmlText(displayName)}" languagecode="1033" />
    </LocalizedNames>
    <Version>${version}</Version>
    <Managed>1</Managed>
    <Publisher>
      <UniqueName>contoso</UniqueName>
      <CustomizationPrefix>contoso</CustomizationPrefix>
    </Publisher>
    <RootComponents />
    <MissingDependencies />
  </SolutionManifest>
</ImportExportXml>
`;
}

/** One table with `columns` string columns, in the shape of the seed's customizations.xml. @param {number} t @param {number} columns @param {string} label */
function tableXml(t, columns, label) {
  const name = `contoso_table${t}`;
  const attrs = [];
  for (let c = 0; c < columns; c++) {
    attrs.push(`        <attribute PhysicalName="contoso_Column${c}">
          <Type>nvarchar</Type>
          <Name>contoso_column${c}</Name>
          <LogicalName>contoso_column${c}</LogicalName>
          <RequiredLevel>none</RequiredLevel>
          <IsCustomField>1</IsCustomField>
          <IntroducedVersion>1.0.0.0</IntroducedVersion>
          <MaxLength>100</MaxLength>
          <displaynames>
            <displayname description="Column ${c} of table ${t}" languagecode="1033" />
          </displaynames>
        </attribute>`);
  }
  return `  <Entity>
    <Name LocalizedName="${xmlText(label)}" OriginalName="${xmlText(label)}">contoso_Table${t}</Name>
    <EntityInfo>
      <entity Name="${name}">
        <LocalizedNames>
          <LocalizedName description="${xmlText(label)}" languagecode="1033" />
        </LocalizedNames>
        <attributes>
${attrs.join("\n")}
        </attributes>
      </entity>
    </EntityInfo>
  </Entity>`;
}

/** customizations.xml of about `targetBytes`: tables of 100 columns (~45 KB each) until the size is reached. @param {number} targetBytes */
function largeCustomizations(targetBytes) {
  const head = '<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n<Entities>\n';
  const tail = "</Entities>\n<Roles />\n<Workflows />\n<Languages>\n  <Language>1033</Language>\n</Languages>\n</ImportExportXml>\n";
  const parts = [head];
  let size = head.length + tail.length;
  for (let t = 0; size < targetBytes; t++) {
    const table = tableXml(t, 100, `Generated table ${t}`);
    parts.push(table, "\n");
    size += table.length + 1;
  }
  parts.push(tail);
  return parts.join("");
}

/**
 * The bytes of one hostile variant.
 * @param {"large" | "medium" | "bomb" | "corrupt" | "doctype" | "script"} variant
 * @param {{ version?: string }} [options]
 * @returns {Uint8Array}
 */
function hostileArtifact(variant, options = {}) {
  const version = options.version ?? "9.9.9.9";
  const solution = (/** @type {string} */ unique, /** @type {string} */ display, /** @type {string} */ customizations) =>
    zipEntries({
      "[Content_Types].xml": strToU8(CONTENT_TYPES),
      "solution.xml": strToU8(solutionXml(unique, version, display)),
      "customizations.xml": strToU8(customizations),
    });
  switch (variant) {
    case "large":
      return solution("ContosoLarge", "Contoso Large", largeCustomizations(20 * 1024 * 1024));
    case "medium":
      return solution("ContosoMedium", "Contoso Medium", largeCustomizations(5 * 1024 * 1024));
    case "bomb": {
      // zipSync writes the true sizes into the headers; the point is the ratio: 50 MB inflate from ~50 KB.
      const zeros = new Uint8Array(50 * 1024 * 1024);
      return zipSync({
        "[Content_Types].xml": strToU8(CONTENT_TYPES),
        "solution.xml": strToU8(solutionXml("ContosoBomb", version, "Contoso Bomb")),
        "customizations.xml": [zeros, { level: 9 }],
      });
    }
    case "corrupt": {
      const whole = solution("ContosoCorrupt", "Contoso Corrupt", largeCustomizations(64 * 1024));
      return whole.slice(0, Math.floor(whole.length / 2));
    }
    case "doctype":
      return solution(
        "ContosoDoctype",
        "Contoso Doctype",
        `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE ImportExportXml [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY secret SYSTEM "secret.txt">
]>
<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<Entities>
  <Entity>
    <Name LocalizedName="&c;" OriginalName="&secret;">contoso_Doctype</Name>
  </Entity>
</Entities>
</ImportExportXml>
`,
      );
    case "script":
      return solution(
        "ContosoScript",
        SCRIPT_NAME,
        `<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n<Entities>\n${tableXml(0, 2, SCRIPT_NAME)}\n</Entities>\n<Roles>\n  <Role id="{7a5c2e96-b18f-4d5e-a26a-9f2b4a1d8e75}" name="${xmlText(SCRIPT_NAME)}">\n    <RolePrivileges>\n      <RolePrivilege name="prvReadcontoso_table0" level="Global" />\n    </RolePrivileges>\n  </Role>\n</Roles>\n</ImportExportXml>\n`,
      );
    default:
      throw new Error(`Unknown hostile artifact "${variant}"; one of ${HOSTILE_VARIANTS.join(", ")}.`);
  }
}

module.exports = { HOSTILE_VARIANTS, SCRIPT_NAME, hostileArtifact };
