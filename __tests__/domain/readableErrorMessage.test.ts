import { describe, expect, it } from "@jest/globals";
import { readableErrorMessage } from "../../ApprovalPanel/domain/errorMessage";

const soapFault = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
  <s:Body>
    <s:Fault>
      <faultcode>s:Client</faultcode>
      <faultstring xml:lang="en-US">Solution import failed: component &lt;cr_region&gt; &amp; 2 others are missing.</faultstring>
      <detail>
        <OrganizationServiceFault xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
          <ActivityId>5f1e2a4c-0000-4000-8000-000000000001</ActivityId>
          <ErrorCode>-2147188707</ErrorCode>
          <ErrorDetails />
          <Message>Solution import failed: component &lt;cr_region&gt; &amp; 2 others are missing.</Message>
          <Timestamp>2024-05-01T10:00:00Z</Timestamp>
          <InnerFault i:nil="true" />
        </OrganizationServiceFault>
      </detail>
    </s:Fault>
  </s:Body>
</s:Envelope>`;

describe("readableErrorMessage", () => {
  it("takes the fault text as the summary, decoding entities", () => {
    const result = readableErrorMessage(soapFault);
    expect(result?.summary).toBe("Solution import failed: component <cr_region> & 2 others are missing.");
  });

  it("keeps the rest as one line of text, without tags and without repeating the summary", () => {
    const result = readableErrorMessage(soapFault);
    expect(result?.details).toBe("s:Client 5f1e2a4c-0000-4000-8000-000000000001 -2147188707 2024-05-01T10:00:00Z");
  });

  it("reads a namespaced <a:Message> inside an OrganizationServiceFault", () => {
    const xml =
      '<OrganizationServiceFault xmlns:a="urn:x"><a:ErrorCode>-2147220891</a:ErrorCode><a:Message>Only the stage owner may approve.</a:Message></OrganizationServiceFault>';
    expect(readableErrorMessage(xml)).toEqual({ summary: "Only the stage owner may approve.", details: "-2147220891" });
  });

  it("reads <ErrorMessage> and skips empty or nil message elements", () => {
    const xml = '<Result><Message i:nil="true"/><Message>   </Message><ErrorMessage>Import job 42 failed.</ErrorMessage><Code>7</Code></Result>';
    expect(readableErrorMessage(xml)).toEqual({ summary: "Import job 42 failed.", details: "7" });
  });

  it("keeps CDATA content as text and decodes numeric references", () => {
    const xml = "<Fault><Message><![CDATA[Value <5> is & stays raw]]> &#233;t&#xE9;</Message></Fault>";
    expect(readableErrorMessage(xml)?.summary).toBe("Value <5> is & stays raw été");
  });

  it("decodes entities once only", () => {
    expect(readableErrorMessage("<Message>a &amp;lt; b</Message>")?.summary).toBe("a &lt; b");
  });

  it("returns markup inside the message as text with the tags removed", () => {
    const result = readableErrorMessage("<Message>Failed <b>badly</b><script>alert(1)</script></Message>");
    expect(result?.summary).toBe("Failed badly alert(1)");
    expect(result?.details).toBeNull();
  });

  it("strips tags from XML without a message element", () => {
    expect(readableErrorMessage("<Error><Code>0x80040216</Code><Text>Unexpected   error</Text></Error>")).toEqual({
      summary: "0x80040216 Unexpected error",
      details: null,
    });
  });

  it("returns plain text as the summary with whitespace folded", () => {
    expect(readableErrorMessage("  Deployment failed.\n\n  Target environment is locked.  ")).toEqual({
      summary: "Deployment failed. Target environment is locked.",
      details: null,
    });
  });

  it("does not mistake comparison signs in plain text for tags", () => {
    expect(readableErrorMessage("Size must be < 5 and > 2")?.summary).toBe("Size must be < 5 and > 2");
  });

  it("reads the Web API error JSON", () => {
    expect(readableErrorMessage('{"error":{"code":"0x80040265","message":"The run is not pending."}}')).toEqual({
      summary: "The run is not pending.",
      details: "0x80040265",
    });
  });

  it("shortens a very long text and keeps the whole (capped) text as details", () => {
    const long = "word ".repeat(2000);
    const result = readableErrorMessage(long);
    expect(result?.summary.length).toBeLessThanOrEqual(1000);
    expect(result?.summary.endsWith("…")).toBe(true);
    expect(result?.details?.length).toBeLessThanOrEqual(4000);
    expect(result?.details?.startsWith("word word")).toBe(true);
  });

  it("caps the details at 4000 characters", () => {
    const xml = `<Fault><Message>Broken.</Message><Trace>${"at Frame.method() ".repeat(1000)}</Trace></Fault>`;
    const result = readableErrorMessage(xml);
    expect(result?.summary).toBe("Broken.");
    expect(result?.details?.length).toBeLessThanOrEqual(4000);
    expect(result?.details?.length).toBeGreaterThan(3900);
    expect(result?.details?.endsWith("…")).toBe(true);
  });

  it.each([null, undefined, "", "   \n", "<a><b></b></a>"])("returns null for %p (nothing to say)", (raw) => {
    expect(readableErrorMessage(raw)).toBeNull();
  });

  it("handles a message element that is never closed", () => {
    expect(readableErrorMessage("<Fault><Message>Cut off here")).toEqual({ summary: "Cut off here", details: null });
  });

  describe("1 MB inputs built to trip naive regular expressions", () => {
    const MB = 1024 * 1024;

    it("many unclosed message tags", () => {
      const raw = "<Message>x".repeat(MB / 10);
      const result = readableErrorMessage(raw);
      expect(result?.summary.startsWith("x x x")).toBe(true);
    });

    it("many unclosed namespaced message tags with different prefixes", () => {
      let raw = "";
      for (let i = 0; raw.length < MB; i++) raw += `<p${i}:Message>y`;
      expect(readableErrorMessage(raw)?.summary.startsWith("y y")).toBe(true);
    });

    it("many empty message elements before one real one", () => {
      const raw = "<Message>".repeat(MB / 9) + "</Message><faultstring>Real text</faultstring>";
      expect(readableErrorMessage(raw)?.summary).toBe("Real text");
    });

    it("a run of '<' without '>' and an unterminated CDATA", () => {
      expect(readableErrorMessage("<a>" + "<".repeat(MB))?.summary.length).toBeGreaterThan(0);
      expect(readableErrorMessage("<Message><![CDATA[" + "z".repeat(MB))?.summary.startsWith("zzz")).toBe(true);
    });

    it("a huge attribute list on a message tag", () => {
      const raw = "<Message " + 'a="1" '.repeat(MB / 6) + ">text</Message>";
      expect(readableErrorMessage(raw)?.summary.length).toBeGreaterThan(0);
    });
  });
});
