/** Unit, data-layer and component tests run in jsdom; browser tests drive Chromium against the playground. */
const tsJest = ["ts-jest", { tsconfig: "tsconfig.jest.json" }];

module.exports = {
  projects: [
    {
      displayName: "unit",
      testEnvironment: "jsdom",
      roots: ["<rootDir>/__tests__"],
      testMatch: ["**/*.test.ts", "**/*.test.tsx"],
      testPathIgnorePatterns: ["/__tests__/browser/", "/__tests__/pack/", "/__tests__/contract/"],
      transform: { "^.+\\.tsx?$": tsJest },
      setupFilesAfterEnv: ["<rootDir>/__tests__/support/setup.ts"],
    },
    {
      // The fake host's contract cases, in process and over HTTP (node: real sockets and fetch).
      displayName: "contract",
      testEnvironment: "node",
      roots: ["<rootDir>/__tests__"],
      testMatch: ["**/contract/**/*.test.ts"],
      transform: { "^.+\\.tsx?$": tsJest },
    },
    {
      displayName: "node",
      testEnvironment: "node",
      roots: ["<rootDir>/__tests__"],
      testMatch: ["**/pack/**/*.test.ts", "**/browser/**/*.test.ts"],
      transform: { "^.+\\.tsx?$": tsJest },
    },
  ],
};
