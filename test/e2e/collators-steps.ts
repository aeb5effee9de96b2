import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { plainSpec } from '../fixtures/fake-collator/plain-spec';
import { expect, test } from './headless-console';

/** What the operator's machine has: the fake collator CLI fixture, a plain chain spec, and a folder for base paths. */
export const workspace = { fakeCollator: resolve('test/fixtures/fake-collator/fake-collator.mjs'), dir: '', specPath: '' };

export function useCollatorWorkspace(): void {
  test.beforeAll(() => {
    workspace.dir = mkdtempSync(join(tmpdir(), 'pc-e2e-collators-'));
    workspace.specPath = join(workspace.dir, 'spec.json');
    writeFileSync(workspace.specPath, JSON.stringify(plainSpec));
  });
  test.afterAll(() => rmSync(workspace.dir, { recursive: true, force: true }));
}

export async function openCollators(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Collators' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Collators' })).toBeVisible();
}

/** Fills the add form the way an operator does and waits for the saved collator's page. */
export async function addCollator(page: Page, name: string, extraArgs = ''): Promise<void> {
  await page.getByRole('button', { name: 'Add collator' }).first().click();
  const form = page.getByRole('form', { name: 'New collator' });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Binary path').fill(workspace.fakeCollator);
  await form.getByLabel('Chain spec file').fill(workspace.specPath);
  await form.getByLabel('Base path').fill(join(workspace.dir, 'base', name));
  await form.getByLabel('Relay chain name or spec').fill('rococo-local');
  if (extraArgs) await form.getByLabel('Extra node arguments').fill(extraArgs);
  await form.getByRole('button', { name: 'Add collator' }).click();
  await expect(detail(page, name)).toBeVisible();
}

export function detail(page: Page, name: string): Locator {
  return page.getByRole('region', { name: `Collator ${name}` });
}
