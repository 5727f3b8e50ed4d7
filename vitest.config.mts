import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

// Suites are split by cost: the unit project is fast and needs nothing but Node;
// kernel and grader suites spawn processes (and Jupyter when it is installed).
const gradlabSrc = fileURLToPath(new URL("./src/index.ts", import.meta.url));

export default defineConfig({
  resolve: { alias: { gradlab: gradlabSrc } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/{src,bench}/**/*.test.ts", "test/lite/{worker,app}/**/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "kernel",
          include: ["test/kernel/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "grader",
          include: ["test/{grader,notebooks}/**/*.test.ts"],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        extends: true,
        test: {
          name: "site",
          include: ["test/lite/*.test.ts"],
          // Builds site/ and site-instructor/ (cached by the hash of their inputs) before the browser tests.
          globalSetup: ["test/lite/global-setup.ts"],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
