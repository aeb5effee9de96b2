import { readFileSync } from 'node:fs';
import { expect, screenshotPath, test } from './headless-console';
import { addCollator, detail, openCollators, useCollatorWorkspace } from './collators-steps';

useCollatorWorkspace();

test('an operator exports a collator profile as a systemd unit and as Kubernetes manifests', async ({ page, consoleServer: headless }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await openCollators(page, headless.url);
  await addCollator(page, 'collator-x', '--log "info,parachain=debug"');
  const node = detail(page, 'collator-x');

  // systemd: the unit with its quoted arguments, copy and save-as, the commands to run on the server.
  await node.getByRole('button', { name: 'Export…' }).click();
  await node.getByRole('menuitem', { name: 'systemd unit' }).click();
  const systemd = page.getByRole('dialog', { name: 'Export collator-x as systemd unit' });
  const unitText = systemd.getByLabel('Contents of collator-x.service');
  await expect(unitText).toContainText('KillSignal=SIGINT');
  await expect(unitText).toContainText('"--log" "info,parachain=debug"');
  await expect(systemd.getByRole('button', { name: 'Copy collator-x.service' })).toBeVisible();
  await expect(systemd.getByRole('list', { name: 'Commands to run where it is deployed' }).getByText(/useradd --system/)).toBeVisible();
  await systemd.getByLabel(/systemd 254 or newer/).check();
  await expect(unitText).toContainText('RestartSteps=5');
  await systemd.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('collators-export-systemd') });

  const download = page.waitForEvent('download');
  await systemd.getByRole('button', { name: 'Save as…' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('collator-x.service');
  expect(readFileSync(await saved.path(), 'utf8')).toContain('ProtectSystem=strict');
  await systemd.getByRole('button', { name: 'Close' }).click();

  // Kubernetes: the manifests follow the namespace typed in; a bad one is refused in plain words.
  await node.getByRole('button', { name: 'Export…' }).click();
  await node.getByRole('menuitem', { name: 'Kubernetes manifests' }).click();
  const k8s = page.getByRole('dialog', { name: 'Export collator-x as Kubernetes manifests' });
  const manifests = k8s.getByLabel('Contents of collator-x.yaml');
  await expect(manifests).toContainText('kind: StatefulSet');
  await k8s.getByLabel('Namespace').fill('Bad_NS');
  await expect(k8s.getByRole('alert')).toBeVisible();
  await k8s.getByLabel('Namespace').fill('paseo-collators');
  await expect(manifests).toContainText('namespace: paseo-collators');
  await expect(k8s.getByRole('list', { name: 'Commands to run where it is deployed' }).getByText(/kubectl create secret generic collator-x-node-key --namespace paseo-collators/)).toBeVisible();
  await k8s.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('collators-export-kubernetes') });
  expect(errors).toEqual([]);
});
