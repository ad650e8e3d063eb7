/** Unit, data-layer and component tests run in jsdom; browser tests drive Chromium against the playground. */
const tsJest = ["ts-jest", { tsconfig: "tsconfig.jest.json" }];

module.exports = {
  projects: [
    {
      displayName: "unit",
      testEnvironment: "jsdom",
      roots: ["<rootDir>/__tests__"],
      testMatch: ["**/*.test.ts", "**/*.test.tsx"],
      testPathIgnorePatterns: ["/__tests__/browser/", "/__tests__/pack/"],
      transform: { "^.+\\.tsx?$": tsJest },
      setupFilesAfterEnv: ["<rootDir>/__tests__/support/setup.ts"],
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
