import { describe, expect, it } from 'vitest';
import type { CollatorProfile } from '../../../shared/contract/collators';
import { buildCommandLine } from '../../../main/collators/command-line';
import { quoteExecArgument, STOP_TIMEOUT_SECONDS, systemdUnit } from '../../../main/collators/export/systemd-unit';

const profile: CollatorProfile = {
  id: 'p1',
  name: 'Collator A.1',
  binaryPath: '/opt/polkadot-parachain',
  chainSpecPath: '/srv/spec.json',
  basePath: '/srv/collators/a',
  collator: true,
  relay: { mode: 'embedded', chain: 'paseo', syncMode: 'warp' },
  extraArgs: ['--pruning', 'archive'],
  relayExtraArgs: [],
  ports: { para: { p2p: 31333, rpc: 19944, prometheus: 19615 }, relay: { p2p: 31334, rpc: 19945, prometheus: 19616 } },
  createdAt: 0,
  updatedAt: 0,
};

/**
 * Splits an ExecStart value into words by the rules of systemd.service
 * ("Command lines") and systemd.unit (specifiers), written from the man page
 * independently of the exporter, so the two can be checked against each other.
 */
function parseExecStart(value: string): string[] {
  const words: string[] = [];
  let i = 0;
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'" };
  while (i < value.length) {
    while (value[i] === ' ') i++;
    if (i >= value.length) break;
    let word = '';
    const quote = value[i] === '"' || value[i] === "'" ? value[i++] : null;
    for (; i < value.length; i++) {
      const c = value[i] as string;
      if (quote ? c === quote : c === ' ') { if (quote) i++; break; }
      if (c === '\\') {
        const next = value[++i] as string;
        if (next === 'x') { word += String.fromCharCode(parseInt(value.slice(i + 1, i + 3), 16)); i += 2; }
        else word += escapes[next] ?? next;
      } else if ((c === '%' || c === '$') && value[i + 1] === c) { word += c; i++; }
      else if (c === '%' || c === '$') throw new Error(`unescaped ${c} in ${value}`);
      else word += c;
    }
    words.push(word);
  }
  return words;
}

describe('a profile as a systemd unit', () => {
  const unit = systemdUnit(profile);
  const settings = (key: string): string[] => unit.text.split('\n').filter((line) => line.startsWith(`${key}=`)).map((line) => line.slice(key.length + 1));

  it('runs the exact argument array of the profile, ports of both halves included', () => {
    const [execStart] = settings('ExecStart');
    expect(parseExecStart(execStart ?? '')).toEqual([profile.binaryPath, ...buildCommandLine(profile)]);
    expect(execStart).toContain('"--port" "31334"');
  });

  it('stops with SIGINT and leaves the node at least 60 s', () => {
    expect(settings('KillSignal')).toEqual(['SIGINT']);
    expect(STOP_TIMEOUT_SECONDS).toBeGreaterThanOrEqual(60);
    expect(settings('TimeoutStopSec')).toEqual([`${STOP_TIMEOUT_SECONDS}s`]);
  });

  it('restarts on failure with a delay, growing only where systemd knows how', () => {
    expect(settings('Restart')).toEqual(['on-failure']);
    expect(settings('RestartSec')).toEqual(['10s']);
    expect(settings('RestartSteps')).toEqual([]);
    const newer = systemdUnit(profile, { systemdVersion: 254 }).text;
    expect(newer).toMatch(/^RestartSteps=5$/m);
    expect(newer).toMatch(/^RestartMaxDelaySec=300s$/m);
  });

  it('runs as its own user on a read-only system, writing only its base path', () => {
    expect(unit.user).toBe('collator-a-1');
    expect(settings('User')).toEqual([unit.user]);
    expect(settings('ProtectSystem')).toEqual(['strict']);
    expect(settings('ProtectHome')).toEqual(['yes']);
    expect(settings('ReadWritePaths')).toEqual([profile.basePath]);
    for (const key of ['PrivateTmp', 'NoNewPrivileges', 'PrivateDevices']) expect(settings(key)).toEqual(['yes']);
    expect(settings('CapabilityBoundingSet')).toEqual(['']);
    expect(unit.fileName).toBe('collator-a-1.service');
  });

  it('keeps a base path under /home reachable (read-only home, the base path writable)', () => {
    const home = systemdUnit({ ...profile, basePath: '/home/ops/collator data' }).text;
    expect(home).toMatch(/^ProtectHome=read-only$/m);
    expect(home).toMatch(/^ReadWritePaths="\/home\/ops\/collator data"$/m);
  });

  it('quotes every argument by systemd rules', () => {
    const tricky = ['plain', 'two words', 'say "hi"', "it's", 'back\\slash', '$HOME', '${X}', '100%', '%h', ';', 'line\nbreak', 'tab\there', 'bell\x07', ''];
    for (const word of tricky) expect(parseExecStart(quoteExecArgument(word))).toEqual([word]);
    expect(quoteExecArgument('$HOME 100%')).toBe('"$$HOME 100%%"');
    expect(quoteExecArgument('say "hi" \\')).toBe('"say \\"hi\\" \\\\"');
  });

  it('keeps a name with a newline from breaking out of its comment and description', () => {
    const text = systemdUnit({ ...profile, name: 'evil\nExecStartPre=/bin/sh' }).text;
    expect(text).not.toMatch(/^ExecStartPre=/m);
  });
});
