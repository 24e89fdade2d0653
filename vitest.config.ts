import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // DuckDB uses both cores inside one test; running files in parallel only thrashes.
    fileParallelism: false,
  },
});
