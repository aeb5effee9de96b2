import Conf from 'conf';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NoticeBoard } from '../../../main/notices/notice-board';
import { SettingsStore } from '../../../main/settings/settings-store';
import { SETTINGS_SCHEMA_VERSION } from '../../../shared/contract/settings';

let dir: string;
let file: string;
const open = (): SettingsStore => {
  const notices = new NoticeBoard();
  const store = SettingsStore.open({ open: () => new Conf({ cwd: dir, configName: 'settings', projectName: 'pc-test', clearInvalidConfig: false }), filePath: file, notices });
  lastNotices = notices;
  return store;
};
let lastNotices: NoticeBoard;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pc-settings-'));
  file = join(dir, 'settings.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('settings', () => {
  it('start with defaults and keep what the operator changes across restarts', () => {
    const first = open();
    expect(first.get()).toMatchObject({ theme: 'system', closeToTray: true, onQuit: 'ask', schemaVersion: SETTINGS_SCHEMA_VERSION });
    first.update({ theme: 'dark', stopTimeoutMs: 60_000 });
    expect(open().get()).toMatchObject({ theme: 'dark', stopTimeoutMs: 60_000 });
    expect(lastNotices.list()).toEqual([]);
  });

  it('migrate a version 1 file to the current schema', () => {
    writeFileSync(file, JSON.stringify({ minimizeToTray: false, theme: 'light' }));
    const settings = open().get();
    expect(settings).toMatchObject({ closeToTray: false, theme: 'light', schemaVersion: SETTINGS_SCHEMA_VERSION });
    expect(JSON.parse(readFileSync(file, 'utf8'))).not.toHaveProperty('minimizeToTray');
  });

  it('move a corrupt file aside and tell the operator, never silently reset it', () => {
    writeFileSync(file, '{"theme": "dark", oops');
    const settings = open().get();
    expect(settings.theme).toBe('system');
    const aside = readdirSync(dir).filter((name) => name.startsWith('settings.json.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0] ?? ''), 'utf8')).toBe('{"theme": "dark", oops');
    const [notice] = lastNotices.list();
    expect(notice).toMatchObject({ level: 'warning', title: 'Settings file could not be read' });
    expect(notice?.message).toContain(aside[0]);
  });

  it('keep the valid fields of a file with some invalid values, and say which were reset', () => {
    writeFileSync(file, JSON.stringify({ schemaVersion: SETTINGS_SCHEMA_VERSION, theme: 'purple', onQuit: 'keep-collators' }));
    const settings = open().get();
    expect(settings).toMatchObject({ theme: 'system', onQuit: 'keep-collators' });
    expect(lastNotices.list()[0]?.message).toContain('theme');
    expect(readdirSync(dir).some((name) => name.startsWith('settings.json.invalid-'))).toBe(true);
  });

  it('refuse an invalid change with a clear error and keep the old value', () => {
    const store = open();
    expect(() => store.update({ stopTimeoutMs: 5 })).toThrow(/not valid/);
    expect(store.get().stopTimeoutMs).toBe(90_000);
    expect(existsSync(file)).toBe(true);
  });
});

describe('settings through the contract', () => {
  it('change only the field the operator changed', async () => {
    const { startConsoleServices } = await import('../../support/console-services');
    const running = await startConsoleServices();
    try {
      await running.router.call('settings.update', { patch: { onQuit: 'keep-collators', stopTimeoutMs: 60_000 } });
      const result = await running.router.call('settings.update', { patch: { theme: 'dark' } });
      expect(result).toMatchObject({ ok: true, data: { theme: 'dark', onQuit: 'keep-collators', stopTimeoutMs: 60_000 } });
    } finally {
      await running.dispose();
    }
  });
});
