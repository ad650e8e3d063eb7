/**
 * The one entry point of the test support: the mock PCF host over the fake host, the test fixtures, and the
 * helpers that render the panel. Import from "../support" (the modules stay importable one by one).
 */
export * from "./fixtures";
export * from "./mockContext";
export * from "./panel";
