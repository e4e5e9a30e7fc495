// The slow suite (npm run test:slow): tests that need an extra program (LibreOffice, a browser) or run the benchmark.
// .ci/run installs those programs and runs it after npm test; without them the tests say so and are skipped.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'slow',
    include: ['test/slow/**/*.test.ts'],
    globalSetup: ['./test/helpers/build.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
