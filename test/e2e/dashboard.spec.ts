import { addCollator, detail, openCollators, useCollatorWorkspace } from './collators-steps';
import { expect, test } from './headless-console';
import { screenshotWhole } from './screenshot-whole';

useCollatorWorkspace();

test('the log viewer keeps the newest 100,000 lines of a flooding node, filters them, and is driven from the keyboard', async ({ page, consoleServer: headless }) => {
  test.setTimeout(180_000);
  await openCollators(page, headless.url);
  await addCollator(page, 'chatty', '--fake-lines-per-sec 10000');
  const node = detail(page, 'chatty');
  await node.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(node.getByText('Running', { exact: true })).toBeVisible();

  const viewer = page.getByRole('region', { name: 'Log of chatty' });
  const log = viewer.getByRole('log');
  // The bound: once full, the viewer holds exactly 100,000 lines however many more arrive.
  await expect(viewer.getByText(/of 100,000 lines/)).toBeVisible({ timeout: 120_000 });
  await expect(viewer.getByText('Following')).toBeVisible();
  await expect(log.getByText(/flood seq=\d+/).last()).toBeVisible();
  await screenshotWhole(page, 'dashboard-flood-100k');

  // A filter over the 100,000 lines answers, and keeps applying to new ones.
  await viewer.getByPlaceholder('Filter lines…').fill('seq=12345 ');
  await expect(log.getByText(/flood seq=12345 /)).toHaveCount(0); // evicted long ago: only the newest lines are kept
  await viewer.getByPlaceholder('Filter lines…').fill('Imported #');
  await expect(log.getByText(/Imported #\d+/).first()).toBeVisible();
  await viewer.getByPlaceholder('Filter lines…').fill('');

  // Keyboard: focus the log, page up to read (follow pauses), then the button brings the newest lines back.
  await log.focus();
  await page.keyboard.press('PageUp');
  await page.keyboard.press('PageUp');
  await expect(viewer.getByText('Paused')).toBeVisible();
  const jump = viewer.getByRole('button', { name: 'Jump to latest' });
  await jump.focus();
  await page.keyboard.press('Enter');
  await expect(viewer.getByText('Following')).toBeVisible();

  await node.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(node.getByText('Stopped', { exact: true })).toBeVisible({ timeout: 60_000 });
});
