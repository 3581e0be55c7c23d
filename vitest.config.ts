import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    // CI=true makes Astro and the CLI colour their output; tests read it as plain text.
    env: { NO_COLOR: '1' },
    hookTimeout: 300_000,
    // One temporary folder for the run, removed at its end (test/temp-root.ts).
    globalSetup: ['test/temp-root.ts'],
    // A machine-readable summary beside the console report, for CI's closing line.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
