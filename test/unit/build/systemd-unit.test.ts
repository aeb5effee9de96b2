import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const UNIT = 'build/parachain-console.service';
const ANALYZE = '/usr/bin/systemd-analyze';
const analyzeMissing = !existsSync(ANALYZE);

/** The unit's settings as key → values (a key may repeat, like SystemCallFilter). */
function unitSettings(): Map<string, string[]> {
  const settings = new Map<string, string[]>();
  for (const line of readFileSync(UNIT, 'utf8').split('\n')) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (!match?.[1]) continue;
    settings.set(match[1], [...(settings.get(match[1]) ?? []), match[2] ?? '']);
  }
  return settings;
}

describe('the systemd unit in build/', { timeout: 120_000 }, () => {
  it.skipIf(analyzeMissing)(`passes systemd-analyze verify${analyzeMissing ? ' (skipped: systemd-analyze is not installed here)' : ''}`, async () => {
    const { stdout, stderr } = await run(ANALYZE, ['verify', UNIT]);
    expect(stderr).toBe('');
    expect(stdout).toBe('');
  });

  it.skipIf(analyzeMissing)(`is rated OK by systemd-analyze security${analyzeMissing ? ' (skipped: systemd-analyze is not installed here)' : ''}`, async () => {
    const { stdout } = await run(ANALYZE, ['security', '--offline=true', '--no-pager', UNIT]);
    const exposure = Number(/Overall exposure level for [^:]+: ([\d.]+)/.exec(stdout)?.[1]);
    // 0 is fully locked down, 10 is unprotected; systemd calls anything up to 2 "OK".
    expect(exposure).toBeLessThanOrEqual(2);
  });

  it('stops only the console, so collators keep running through a restart and are re-adopted', () => {
    const settings = unitSettings();
    expect(settings.get('KillMode')).toEqual(['process']);
    expect(settings.get('KillSignal')).toEqual(['SIGTERM']);
  });

  it('keeps its data in its own state directory, private to its user, under a user of its own', () => {
    const settings = unitSettings();
    const execStart = settings.get('ExecStart')?.[0] ?? '';
    expect(execStart).toContain(`--data-dir /var/lib/${settings.get('StateDirectory')?.[0]}`);
    expect(settings.get('StateDirectoryMode')).toEqual(['0700']);
    expect(settings.get('UMask')).toEqual(['0077']);
    expect(settings.get('User')?.[0]).not.toBe('root');
  });

  it('starts the console with options the console accepts', async () => {
    const execStart = unitSettings().get('ExecStart')?.[0] ?? '';
    const options = execStart.split(/\s+/).filter((word) => word.startsWith('--'));
    expect(options.length).toBeGreaterThan(0);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'main/server/index.ts', '--help'], { timeout: 60_000 });
    for (const option of options) expect(stdout).toContain(`  ${option} `);
  });
});
