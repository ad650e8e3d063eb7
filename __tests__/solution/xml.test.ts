import { describe, expect, it } from "@jest/globals";
import { componentsJob, readComponents } from "../../ApprovalPanel/solution/components";
import { canonical, parseJob, parseXml, runChunked, runJob, type Job, type XmlElement } from "../../ApprovalPanel/solution/xml";
import { customizationsXml } from "./build";

const root = (xml: string): XmlElement => {
  const parsed = parseXml(xml);
  if (!parsed.ok) throw new Error(`${parsed.error.problem}: ${parsed.error.detail}`);
  return parsed.value;
};
const attrs = (el: XmlElement) => Array.from(el.attributes, (a) => [a.name, a.value]);
const problem = (xml: string) => {
  const parsed = parseXml(xml);
  return parsed.ok ? "ok" : parsed.error.problem;
};

describe("the reader's XML parser", () => {
  it("reads attributes in both quote kinds, with quotes of the other kind inside", () => {
    expect(attrs(root(`<a one="1" two='2' three = "it's" four='say "hi"'/>`))).toEqual([
      ["one", "1"],
      ["two", "2"],
      ["three", "it's"],
      ["four", 'say "hi"'],
    ]);
  });

  it("replaces the predefined and numeric references in text and attributes", () => {
    const el = root(`<a v="&lt;&amp;&gt;&quot;&apos;&#x41;&#65;">&amp; &lt; &#x41;&#65; &#x1F600;</a>`);
    expect(el.attributes[0].value).toBe(`<&>"'AA`);
    expect(el.textContent).toBe("& < AA \u{1F600}");
  });

  it.each([
    ["an unknown entity", "<a>&nbsp;</a>"],
    ["a reference without its semicolon", "<a>fish &amp chips</a>"],
    ["a bare ampersand", "<a>fish & chips</a>"],
    ["a reference to code point 0", "<a>&#0;</a>"],
    ["a reference past Unicode", "<a>&#x110000;</a>"],
    ["a reference to a surrogate", "<a>&#xD800;</a>"],
    ["a reference in an attribute that is not one", `<a v="&bogus;"/>`],
    ["a name that is only a prototype property", "<a>&constructor;</a>"],
  ])("refuses %s as malformed", (_, xml) => {
    expect(problem(xml)).toBe("malformed");
  });

  it("keeps CDATA as it is, markup and references included", () => {
    const el = root(`<a><![CDATA[<b>&amp;</b> ]]>after</a>`);
    expect(el.children).toHaveLength(0);
    expect(Array.from(el.childNodes, (n) => [n.nodeType, n.nodeValue])).toEqual([
      [4, "<b>&amp;</b> "],
      [3, "after"],
    ]);
    expect(el.textContent).toBe("<b>&amp;</b> after");
  });

  it("skips comments and processing instructions, also ones that hold markup", () => {
    const el = root(`<?xml version="1.0"?><!-- <b> --><a>x<!-- <c/> -->y<?pi <d/> ?>z</a><!-- after --><?after?>`);
    expect(el.children).toHaveLength(0);
    expect(el.textContent).toBe("xyz");
  });

  it("reads self-closing tags, with and without white space", () => {
    const el = root(`<a><b/><c x="1" /><d\n/></a>`);
    expect(Array.from(el.children, (c) => c.localName)).toEqual(["b", "c", "d"]);
    expect(el.children[1].children).toHaveLength(0);
  });

  it("reads a file that starts with a byte order mark", () => {
    expect(root(`\uFEFF<?xml version="1.0" encoding="utf-8"?><ImportExportXml/>`).localName).toBe("ImportExportXml");
  });

  it("gives the name after the prefix as localName and keeps the prefixed attribute names", () => {
    const el = root(`<x:Root xmlns:x="urn:x" xmlns:xsi="urn:xsi"><x:Child xsi:nil="true"/><Other/></x:Root>`);
    expect(el.localName).toBe("Root");
    expect(Array.from(el.children, (c) => c.localName)).toEqual(["Child", "Other"]);
    expect(attrs(el.children[0])).toEqual([["xsi:nil", "true"]]);
  });

  it("normalizes line ends in text and white space in attribute values", () => {
    const el = root(`<a v="one\r\ntwo\tthree">x\r\ny\rz</a>`);
    expect(el.attributes[0].value).toBe("one two three");
    expect(el.textContent).toBe("x\ny\nz");
  });

  it("gives the text of an element and its descendants, in document order", () => {
    expect(root(`<a>one <b>two <c>three</c></b> four</a>`).textContent).toBe("one two three four");
  });

  it.each([
    ["a mismatched end tag", "<a><b></a></b>"],
    ["an end tag of another case", "<a></A>"],
    ["an end tag without a start", "<a></a></b>"],
    ["an unclosed element", "<a><b></b>"],
    ["an unterminated start tag", `<a><b x="1"`],
    ["an unterminated attribute value", `<a x="1/>`],
    ["an unterminated comment", "<a><!-- no end</a>"],
    ["an unterminated CDATA section", "<a><![CDATA[ no end</a>"],
    ["an unterminated processing instruction", "<?xml version='1.0'<a/>"],
    ["an attribute without quotes", "<a x=1/>"],
    ["an attribute given twice", `<a x="1" x="2"/>`],
    ["attributes without white space between them", `<a x="1"y="2"/>`],
    ["a < inside an attribute value", `<a x="<"/>`],
    ["two root elements", "<a/><b/>"],
    ["text before the root", "hello<a/>"],
    ["text after the root", "<a/>hello"],
    ["no element at all", "  <!-- only a comment -->  "],
    ["an empty text", ""],
    ["a tag that is not a name", "<a>< b/></a>"],
    ["CDATA outside the root", "<![CDATA[x]]><a/>"],
    ["a declaration that is not one", "<a><!ELEMENTS x></a>"],
  ])("refuses %s as malformed, with a short detail", (_, xml) => {
    const parsed = parseXml(xml, "customizations.xml");
    expect(parsed).toEqual({ ok: false, error: expect.objectContaining({ problem: "malformed", file: "customizations.xml" }) });
    const detail = parsed.ok ? "" : (parsed.error.detail ?? "");
    expect(detail.length).toBeGreaterThan(0);
    expect(detail.length).toBeLessThan(120);
  });

  it.each([
    ["a DOCTYPE first", `<!DOCTYPE a><a/>`],
    ["a DOCTYPE after the XML declaration", `<?xml version="1.0"?>\n<!doctype a [<!ENTITY x "y">]><a>&x;</a>`],
    ["an ENTITY declaration inside the root", `<a><!ENTITY x "y"></a>`],
  ])("refuses %s as entities", (_, xml) => {
    expect(problem(xml)).toBe("entities");
  });

  it("never expands a reference to a declared entity: without the declaration it is unknown", () => {
    expect(problem(`<a>&lol;</a>`)).toBe("malformed");
  });

  it("does not take a declaration in a comment or CDATA for one", () => {
    expect(problem(`<a><!-- <!DOCTYPE x> --><![CDATA[<!ENTITY y "z">]]></a>`)).toBe("ok");
  });

  it("reads a deeply nested file without overflowing the stack: parse, text and canonical form", () => {
    const depth = 100_000;
    const el = root(`${"<a>".repeat(depth)}x${"</a>".repeat(depth)}`);
    expect(el.textContent).toBe("x");
    expect(canonical(el)).toHaveLength(depth * 7 + 1);
  });

  it("keeps names as the text they are", () => {
    const el = root(`<a name="&lt;img src=x onerror=alert(1)&gt;" __proto__="x"><constructor/></a>`);
    expect(el.attributes[0].value).toBe("<img src=x onerror=alert(1)>");
    expect(attrs(el)[1]).toEqual(["__proto__", "x"]);
    expect(el.children[0].localName).toBe("constructor");
  });
});

describe("jobs run in slices", () => {
  /** Runs a job the way runChunked does but pausing at every yield, with how many pauses it took. */
  const stepwise = <T>(job: Job<T>): { value: T; pauses: number } => {
    for (let pauses = 0; ; pauses++) {
      const step = job.next();
      if (step.done) return { value: step.value, pauses };
    }
  };
  const big = customizationsXml(
    { tables: Array.from({ length: 30 }, (_, t) => ({ name: `cr_t${t}`, label: `Table ${t}`, columns: Array.from({ length: 40 }, (__, c) => `cr_c${c}`) })) },
    { pretty: true },
  );

  it("pauses while parsing a large file and builds the same tree as at once", () => {
    const { value, pauses } = stepwise(parseJob(big));
    expect(pauses).toBeGreaterThan(10);
    if (!value.ok) throw new Error(value.error.problem);
    expect(canonical(value.value)).toBe(canonical(root(big)));
  });

  it("reads the same components in slices as at once", async () => {
    const sliced = await runChunked(componentsJob(big));
    expect(sliced).toEqual(readComponents(big));
    expect(sliced?.ok && sliced.value.components.columns.length).toBe(30 * 40);
  });

  it("stops at a pause once the signal aborts", async () => {
    const controller = new AbortController();
    let steps = 0;
    function* endless(): Job<string> {
      for (;;) {
        steps++;
        const until = performance.now() + 5;
        while (performance.now() < until);
        if (steps > 100) controller.abort();
        yield;
      }
    }
    await expect(runChunked(endless(), controller.signal)).resolves.toBeNull();
    expect(steps).toBeLessThan(200);
  });

  it("runs a job to its end with runJob", () => {
    function* three(): Job<number> {
      yield;
      yield;
      return 3;
    }
    expect(runJob(three())).toBe(3);
  });
});
