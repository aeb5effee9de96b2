import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx', 'test/integration/**/*.test.ts', 'test/security/**/*.test.ts'],
    environment: 'node',
    // Fails the run, listing them, if a fixture collator, chopsticks fork or console a test started is still running at the end.
    globalSetup: ['test/support/vitest-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores here: integration tests start real processes and a real node.
    maxWorkers: 2,
  },
});
