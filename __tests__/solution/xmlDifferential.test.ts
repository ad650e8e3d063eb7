/**
 * @jest-environment node
 *
 * The reader's own XML parser against a conformant one (saxes, which jsdom ships): over every XML of the repository's own
 * fixtures (the solution source under Solutions/src and playground/artifacts, the texts __tests__/solution/build.ts
 * writes) and over generated variants, both must see the same elements, attributes and text, refuse the same malformed
 * text, and both must refuse a DOCTYPE (ours as "entities"; saxes reports it, and the harness refuses it there). Each text
 * is also read as a stream, cut at every place (UTF-8 bytes decoded piece by piece, so multi-byte characters split too).
 */
import { readdirSync, readFileSync, statSync } from "fs";
import { join } from "path";
import { SaxesParser } from "saxes";
import { xmlStream, type XmlElement } from "../../ApprovalPanel/solution/xml";
import { runJob } from "../../ApprovalPanel/solution/xml/jobs";
import { customApiElement, customizationsXml, environmentVariableElement, solutionXml, type Desc } from "./build";

type Tree = { name: string; attributes: [string, string][]; children: (Tree | string)[] };
type Outcome = { ok: true; tree: Tree } | { ok: false; problem: "entities" | "malformed" };

/** Whitespace-only text dropped (the reader keeps none), adjacent text and CDATA joined. */
function push(children: (Tree | string)[], item: Tree | string): void {
  if (typeof item === "string" && typeof children[children.length - 1] === "string") children[children.length - 1] += item;
  else children.push(item);
}

function treeOfOurs(el: XmlElement): Tree {
  const children: (Tree | string)[] = [];
  for (let i = 0; i < el.childNodes.length; i++) {
    const node = el.childNodes[i];
    push(children, node.nodeType === 1 ? treeOfOurs(node as unknown as XmlElement) : (node.nodeValue ?? ""));
  }
  const attributes = Array.from(el.attributes, (a): [string, string] => [a.name, a.value]).sort();
  return { name: el.localName, attributes, children };
}

/** Ours, fed the pieces one after another. */
function ours(pieces: string[]): Outcome {
  const stream = xmlStream();
  let result = null;
  for (const piece of pieces) {
    result = runJob(stream.write(piece));
    if (result) break;
  }
  result ??= runJob(stream.end());
  if (!result.ok) return { ok: false, problem: result.error.problem === "entities" ? "entities" : "malformed" };
  return { ok: true, tree: treeOfOurs(result.value) };
}

/** saxes, fed the same pieces; a DOCTYPE is refused as ours refuses it. */
function theirs(pieces: string[]): Outcome {
  const parser = new SaxesParser({ xmlns: false });
  const stack: Tree[] = [];
  let root: Tree | null = null;
  let problem: "entities" | "malformed" | null = null;
  parser.on("doctype", () => void (problem ??= "entities"));
  parser.on("error", () => void (problem ??= "malformed"));
  parser.on("opentag", (tag) => {
    const attributes = Object.entries(tag.attributes as Record<string, string>).sort((a, b) => (a < b ? -1 : 1));
    const el: Tree = { name: tag.name.slice(tag.name.indexOf(":") + 1), attributes, children: [] };
    if (stack.length) push(stack[stack.length - 1].children, el);
    else root = el;
    stack.push(el);
  });
  parser.on("closetag", () => void stack.pop());
  parser.on("text", (text) => {
    if (stack.length && /\S/.test(text)) push(stack[stack.length - 1].children, text);
  });
  parser.on("cdata", (text) => {
    if (stack.length) push(stack[stack.length - 1].children, text);
  });
  for (const piece of pieces) if (problem === null) parser.write(piece);
  if (problem === null) parser.close();
  if (problem !== null) return { ok: false, problem };
  return root ? { ok: true, tree: root } : { ok: false, problem: "malformed" };
}

/** The text's UTF-8 bytes cut at `cuts` and decoded piece by piece, as the zip reader does. */
function piecesOf(text: string, cuts: number[]): string[] {
  const bytes = new TextEncoder().encode(text);
  const decoder = new TextDecoder("utf-8");
  const bounds = [0, ...cuts, bytes.length];
  const pieces = bounds.slice(1).map((end, i) => decoder.decode(bytes.subarray(bounds[i], end), { stream: true }));
  pieces.push(decoder.decode());
  return pieces;
}

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else if (name.toLowerCase().endsWith(".xml")) out.push(path);
  }
  return out;
}

const ROOT = join(__dirname, "..", "..");
const REPOSITORY_FILES = [...files(join(ROOT, "Solutions", "src")), ...files(join(ROOT, "playground", "artifacts"))].map((path): [string, string] => [
  path.slice(ROOT.length + 1),
  readFileSync(path, "utf8").replace(/^\uFEFF/, ""),
]);

const ID = "6a1f9c3e-0000-4000-8000-000000000001";
const EVERY_KIND: Desc = {
  tables: [
    {
      name: "cr_trip",
      label: "Trip & travel",
      columns: ["cr_name", ["cr_cost", "Cost <€>", "required"]],
      forms: [[ID, "Information"]],
      views: [[ID, "Active trips"]],
    },
  ],
  relationships: [["cr_trip_account", "cr_trip"]],
  optionSets: [["cr_status", "Status", [1, 2, 3]]],
  roles: [[ID, "Agent", { prvReadcr_trip: "Global", prvWritecr_trip: "Basic" }]],
  workflows: [[ID, 'Notify "owner"', 5, 1]],
  webResources: [["cr_/scripts/trip.js", 3]],
  assemblies: [["Contoso.Plugins", "1.0.0.0"]],
  steps: [[ID, "Stamp: Create of cr_trip", ID, "cr_trip", 40, 0]],
  environmentVariables: [["cr_Url", "Url", "https://example.com/?a=1&b=2"]],
  connectionReferences: [["cr_sharepoint", "/providers/Microsoft.PowerApps/apis/shared_sharepointonline", "SharePoint"]],
  appModules: [["cr_app", "Trips"]],
  siteMaps: [["cr_app", "Area"]],
  canvasApps: [["cr_canvas", "Canvas 日本語", "1.0"]],
  customApis: [["cr_Go", "Go"]],
  customControls: [["cr_Control", "1.0.0"]],
};
const BUILT: [string, string][] = [
  ["customizations.xml, every kind", customizationsXml(EVERY_KIND)],
  ["customizations.xml, every kind, pretty and attributes reversed", customizationsXml(EVERY_KIND, { pretty: true, reverseAttributes: true })],
  [
    "solution.xml",
    solutionXml({
      roots: [
        [1, "cr_trip"],
        [29, ID],
      ],
      missing: 2,
    }),
  ],
  ["environment variable definition", environmentVariableElement("cr_Url", "Url", "a < b", { pretty: true })],
  ["custom API", customApiElement("cr_Go", "Go", 1)],
];

const GENERATED: [string, string][] = [
  ["entities in attributes", `<a t="x &amp; y &lt;z&gt; &quot;q&quot; &apos;s&apos; &#233;&#x1F600;" u='"'/>`],
  ["entities in text", "<a>1 &lt; 2 &amp;&amp; 3 &gt; 2 &#x41;&#66;</a>"],
  ["CDATA", "<a>before<![CDATA[ <not> & markup ]]>after<![CDATA[   ]]><b><![CDATA[]]></b></a>"],
  ["comments", "<!-- before --><a><!-- c --><b/>x<!-- <y> & -->z<!----></a><!-- after -->"],
  ["processing instructions", '<?xml version="1.0" encoding="utf-8"?><?pi data?><a><?inner x="1"?><b/></a><?after?>'],
  ["namespaces", '<x:a xmlns:x="urn:x" xmlns="urn:d" x:attr="1" attr="2"><x:b/><c xmlns:y="urn:y" y:z="3"/></x:a>'],
  ["whitespace", '<a>\r\n  <b  c = "1"\n d=\'2\'\tf="a\tb\nc\r\nd" >  t  u\r\nv  </b >\n  <e\n/>\n</a >\n'],
  ["nested same-name elements", "<a><a><a>x</a><a/></a><a>y<a>z</a></a></a>"],
  ["multi-byte text and attributes", '<a t="日本語 😀 é">é ü ß 😀 中文 ︎👍🏽</a>'],
  ["solution shape", '<ImportExportXml><Entities><Entity><Name LocalizedName="Trip">cr_Trip</Name></Entity></Entities><Roles/></ImportExportXml>'],
];

const REFUSED: [string, string, "entities" | "malformed"][] = [
  ["a DOCTYPE with an internal entity", '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "boom">]><a>&e;</a>', "entities"],
  ["a DOCTYPE alone", "<!DOCTYPE a><a/>", "entities"],
  ["a DOCTYPE with an external entity", '<!DOCTYPE a [<!ENTITY s SYSTEM "secret.txt">]><a>&s;</a>', "entities"],
  ["an undefined entity", "<a>&foo;</a>", "malformed"],
  ["an end tag that does not match", "<a><b></a></b>", "malformed"],
  ["an element not closed", "<a><b/>", "malformed"],
  ["two root elements", "<a/><b/>", "malformed"],
  ["a duplicate attribute", '<a x="1" x="2"/>', "malformed"],
  ["< in an attribute value", '<a x="<"/>', "malformed"],
  ["text after the root", "<a/>text", "malformed"],
  ["an unterminated comment", "<a><!-- never closed</a>", "malformed"],
  ["nothing", "", "malformed"],
];

describe("the reader's XML parser agrees with a conformant parser", () => {
  test("the repository's own XML files are found", () => {
    expect(REPOSITORY_FILES.length).toBeGreaterThan(10);
  });

  test.each([...REPOSITORY_FILES, ...BUILT, ...GENERATED])("%s: same elements, attributes and text", (_, xml) => {
    const expected = theirs([xml]);
    expect(expected.ok).toBe(true);
    expect(ours([xml])).toEqual(expected);
  });

  test.each(REFUSED)("%s: both refuse it, as %s", (_, xml, problem) => {
    expect(theirs([xml])).toEqual({ ok: false, problem });
    expect(ours([xml])).toEqual({ ok: false, problem });
  });
});

describe("read as a stream, cut anywhere, it reads the same", () => {
  test.each([...GENERATED, ...REFUSED.map(([name, xml]): [string, string] => [name, xml])])("%s, cut at every byte, in two and in three", (_, xml) => {
    const whole = theirs([xml]);
    const length = new TextEncoder().encode(xml).length;
    for (let cut = 1; cut < length; cut++) {
      expect(ours(piecesOf(xml, [cut]))).toEqual(whole);
      expect(ours(piecesOf(xml, [Math.floor(cut / 2), cut]))).toEqual(whole);
    }
    expect(theirs(piecesOf(xml, [Math.floor(length / 3)]))).toEqual(whole);
  });

  test.each(REPOSITORY_FILES.slice(0, 12))("%s, in pieces of 7 to 4096 bytes", (_, xml) => {
    const whole = ours([xml]);
    const length = new TextEncoder().encode(xml).length;
    for (const size of [7, 61, 4096]) {
      const cuts = Array.from({ length: Math.ceil(length / size) - 1 }, (_, i) => (i + 1) * size);
      expect(ours(piecesOf(xml, cuts))).toEqual(whole);
    }
  });
});
