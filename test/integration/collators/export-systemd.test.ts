import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollatorProfile } from '../../../shared/contract/collators';
import { systemdUnit, type SystemdUnitOptions } from '../../../main/collators/export/systemd-unit';
import { fakeCollatorPath } from './support';

const run = promisify(execFile);
const analyze = '/usr/bin/systemd-analyze';
const hasAnalyze = existsSync(analyze);

// `systemd-analyze verify` refuses a unit whose ExecStart binary does not
// exist, so every profile runs the fixture collator: a real executable in
// this checkout. Nothing is started; verify only loads the unit.
const base: CollatorProfile = {
  id: 'p1',
  name: 'collator-a',
  binaryPath: fakeCollatorPath,
  chainSpecPath: '/srv/chains/para-spec.json',
  basePath: '/srv/collators/a',
  collator: true,
  relay: { mode: 'embedded', chain: 'paseo' },
  extraArgs: [],
  relayExtraArgs: [],
  ports: { para: { p2p: 30333, rpc: 9944, prometheus: 9615 }, relay: { p2p: 30334, rpc: 9945, prometheus: 9616 } },
  createdAt: 0,
  updatedAt: 0,
};

const cases: Array<{ title: string; profile: CollatorProfile; options?: SystemdUnitOptions }> = [
  { title: "Substrate's default ports", profile: base },
  {
    title: 'custom ports on both halves, RPC relay',
    profile: { ...base, name: 'collator b', ports: { para: { p2p: 40333, rpc: 19944, prometheus: 19615 }, relay: { p2p: 40334, rpc: 19945, prometheus: 19616 } }, relay: { mode: 'rpc', rpcUrls: ['wss://relay-a.example', 'wss://relay-b.example'] } },
  },
  {
    title: 'arguments with spaces, quotes, $, % and a backslash',
    profile: { ...base, name: 'collator "c" 100%', extraArgs: ['--telemetry-url', 'wss://telemetry.polkadot.io/submit/ 0', '--log', "it's \"quoted\"", '--rpc-cors', '$HOME;%h\\x'], relayExtraArgs: ['--name', 'relay half; rm -rf /'] },
  },
  { title: 'a chain spec path with a space, a relay spec path, under /home', profile: { ...base, chainSpecPath: '/home/ops/specs/my para.json', basePath: '/home/ops/collator data', relay: { mode: 'embedded', chain: '/home/ops/specs/relay raw.json', syncMode: 'warp' } } },
  { title: 'systemd 254 or newer (RestartSteps)', profile: base, options: { systemdVersion: 255 } },
];

describe.skipIf(!hasAnalyze)('systemd units exported from profiles pass systemd-analyze verify', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'export-systemd-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('rates "OK" in systemd-analyze security (exposure at most 2.0 of 10)', async () => {
    const unit = systemdUnit(base);
    const file = path.join(dir, `security-${unit.fileName}`);
    await writeFile(file, unit.text);
    // --threshold is on the tenfold scale: the call fails when the exposure is above 2.0.
    const { stdout } = await run(analyze, ['security', '--offline=yes', '--no-pager', '--threshold=20', file]).catch((error: { stdout?: string; message: string }) => {
      throw new Error(`exposure above 2.0:\n${error.stdout ?? error.message}`);
    });
    expect(stdout).toMatch(/Overall exposure level for .*: \d\.\d OK/);
  });

  for (const { title, profile, options } of cases) {
    it(title, async () => {
      const unit = systemdUnit(profile, options);
      const file = path.join(dir, unit.fileName);
      await writeFile(file, unit.text);
      const { stderr } = await run(analyze, ['verify', '--man=no', file]).catch((error: { stderr?: string; message: string }) => {
        throw new Error(`systemd-analyze verify refused ${unit.fileName}:\n${error.stderr ?? error.message}\n${unit.text}`);
      });
      // Only keys newer than the systemd running this test may be warned about; anything else is a mistake in the unit.
      const warnings = stderr.split('\n').filter((line) => line.trim() !== '' && !/Unknown key '(RestartSteps|RestartMaxDelaySec)'/.test(line));
      expect(warnings, unit.text).toEqual([]);
    });
  }
});

if (!hasAnalyze) {
  describe('systemd units exported from profiles', () => {
    it.skip(`systemd-analyze verify: skipped, ${analyze} is not installed on this machine (apt-get install systemd)`, () => undefined);
  });
}
