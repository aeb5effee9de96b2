import type { Page } from '@playwright/test';
import { screenshotPath } from './headless-console';

/**
 * A screenshot of the whole screen, not just the window: the console scrolls
 * inside its content column, so Playwright's fullPage sees only the viewport.
 * The window is made as tall as the content for the shot, then put back.
 */
export async function screenshotWhole(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const contentHeight = await page.evaluate(() => document.querySelector('.content')?.scrollHeight ?? document.body.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.min(6_000, Math.max(viewport.height, Math.ceil(contentHeight))) });
  await page.screenshot({ path: screenshotPath(name) });
  await page.setViewportSize(viewport);
}
