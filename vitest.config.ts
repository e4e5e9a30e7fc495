import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'quick',
    include: ['test/**/*.test.ts'],
    exclude: ['test/slow/**'],
    globalSetup: ['./test/helpers/build.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
