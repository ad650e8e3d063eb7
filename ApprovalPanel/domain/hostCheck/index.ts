// The host check: its types, what the panel assumes of the host, and the report built from a probe.
export * from "./types";
export * from "./assumptions";
export { buildHostReport } from "./report";
