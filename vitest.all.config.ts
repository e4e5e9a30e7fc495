// Both suites in one run (npm run test:all, what .ci/run runs): the quick one (vitest.config.ts) and the slow one
// (vitest.slow.config.ts, tests needing LibreOffice or a browser), ending with one "N passed, N failed" line.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['./vitest.config.ts', './vitest.slow.config.ts'],
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
