import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

const debianChromium = '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  // Marks the run; at its end, fails it listing any fixture collator, chopsticks fork or console a test left running.
  globalSetup: './test/support/playwright-global-setup.ts',
  globalTeardown: './test/support/playwright-global-teardown.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  // One retry in CI only, and the report still names a retried test as flaky. The one known flake (the log viewer's
  // 'Jump to latest' under a flood, paused again by a keyboard scroll animation) is fixed at its cause in log-rows-painter.ts.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: {
      // Playwright cannot download its own browser here: use Debian's when present.
      executablePath: existsSync(debianChromium) ? debianChromium : undefined,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    },
  },
});
