import { expect, screenshotPath, test } from './headless-console';

const screens = [
  { nav: 'Onboarding', heading: 'Onboarding' },
  { nav: 'Parachains', heading: 'Parachains' },
  { nav: 'Collators', heading: 'Collators' },
  { nav: 'Alerts', heading: 'Alerts' },
  { nav: 'Settings', heading: 'Settings' },
];

test('an operator opens the printed address and walks through every screen', async ({ page, consoleServer: headless }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });

  await page.goto(headless.url);
  await expect(page).toHaveURL(`${headless.origin}/`); // the token left the address bar
  await expect(page.getByText('v0.1.0 · headless')).toBeVisible();

  for (const screen of screens) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: screen.nav }).click();
    await expect(page.getByRole('heading', { level: 1, name: screen.heading })).toBeVisible();
    await expect(page.getByText('Connecting to the console')).toBeHidden();
    await page.screenshot({ path: screenshotPath(`shell-${screen.nav.toLowerCase()}`) });
  }
  expect(errors).toEqual([]);
});

test('the console refuses a visitor without the token', async ({ page, consoleServer: headless }) => {
  const response = await page.goto(headless.origin + '/');
  expect(response?.status()).toBe(401);
  await expect(page.getByText('needs its access link')).toBeVisible();
  const wrong = await page.goto(`${headless.origin}/?token=not-the-token`);
  expect(wrong?.status()).toBe(401);
});

test('settings persist and the dark theme applies', async ({ page, consoleServer: headless }) => {
  await page.goto(headless.url);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('radiogroup', { name: 'theme' }).getByText('Dark').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: screenshotPath('settings-dark') });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('radiogroup', { name: 'theme' }).getByText('System').click();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', 'dark');
});

test('the page follows the OS colour scheme', async ({ browser, consoleServer: headless }) => {
  const context = await browser.newContext({ colorScheme: 'dark', viewport: { width: 1024, height: 700 } });
  const page = await context.newPage();
  await page.goto(headless.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Onboarding' })).toBeVisible();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(15, 17, 21)');
  await page.screenshot({ path: screenshotPath('shell-dark-1024x700') });
  await context.close();
});

test('a corrupt settings file is moved aside and the operator is told', async ({ page }) => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { startHeadlessConsole } = await import('./headless-console');
  const dataDir = mkdtempSync(join(tmpdir(), 'pc-e2e-corrupt-'));
  writeFileSync(join(dataDir, 'settings.json'), '{"theme": "dark",,,');
  const running = await startHeadlessConsole(dataDir);
  try {
    await page.goto(running.url);
    const notice = page.getByRole('alert').filter({ hasText: 'Settings file could not be read' });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('settings.json.unreadable-');
    await page.screenshot({ path: screenshotPath('notice-corrupt-settings') });
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toBeHidden();
  } finally {
    await running.stop();
  }
});
