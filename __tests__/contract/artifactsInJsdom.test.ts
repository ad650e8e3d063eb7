/**
 * @jest-environment jsdom
 */
/**
 * The in-process fetch's binary answers under jsdom, where the panel's tests run: jsdom has no fetch Response and no
 * TextDecoder, so the fake host's own Response must still give the file's bytes to arrayBuffer() and fflate.
 */
import { unzipSync } from "fflate";
import { EXPENSES_ARTIFACTS, USERS, createFakeHost, createFetch, hostileArtifact } from "../../fakehost/index.cjs";

const url = (id: string) => `https://contoso.crm.dynamics.com/api/data/v9.2/deploymentartifacts(${id})/artifactfile/$value`;

test("a seeded artifact downloads as bytes that unzip, in chunks too", async () => {
  const host = createFakeHost({ anyCaller: true });
  try {
    const fetchAs = createFetch(host, { userId: USERS.avery });
    const res = await fetchAs(url(EXPENSES_ARTIFACTS["1.4.2.2"]));
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(res.status).toBe(200);
    expect(Number(res.headers.get("x-ms-file-size"))).toBe(bytes.length);
    const manifest = unzipSync(bytes, { filter: (f) => f.name === "solution.xml" })["solution.xml"];
    expect(Buffer.from(manifest).toString("utf8")).toContain("<Version>1.4.2.2</Version>");
    const part = await fetchAs(url(EXPENSES_ARTIFACTS["1.4.2.2"]), { headers: { Range: "bytes=0-3" } });
    expect(part.status).toBe(206);
    expect([...new Uint8Array(await part.arrayBuffer())]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    // An error answer still reads as JSON.
    const missing = await fetchAs(url(EXPENSES_ARTIFACTS["1.4.2.1"]));
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("0x80040217");
  } finally {
    host.close();
  }
});

test("a hostile zip put at run time comes back byte for byte; the seed's files come back after reset", async () => {
  const host = createFakeHost({ anyCaller: true });
  try {
    const fetchAs = createFetch(host, { userId: USERS.avery });
    const bomb = hostileArtifact("corrupt");
    const { fileId } = host.artifacts.put(EXPENSES_ARTIFACTS["1.4.2.1"], bomb);
    expect(host.store.get("deploymentartifact", EXPENSES_ARTIFACTS["1.4.2.1"])?.artifactfile).toBe(fileId);
    const res = await fetchAs(url(EXPENSES_ARTIFACTS["1.4.2.1"]));
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(bomb))).toBe(true);
    host.reset();
    expect((await fetchAs(url(EXPENSES_ARTIFACTS["1.4.2.1"]))).status).toBe(404);
  } finally {
    host.close();
  }
});
