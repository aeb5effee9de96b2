import { describe, expect, it } from 'vitest';
import { parseSubcommands, parseVersionLine } from '../../../main/collators/binary-check';
import { withParaId } from '../../../main/collators/chain-spec';
import { LogRing } from '../../../main/collators/log-ring';
import { parseLsofOutput, parseSsOutput } from '../../../main/collators/port-owner';
import { commandLineMatches } from '../../../main/collators/process-identity';
import { RestartPolicy } from '../../../main/collators/restart-policy';
import { safeChildEnv } from '../../../main/process/safe-child-env';

describe('restart policy', () => {
  it('waits longer after each crash, then gives up after five restarts in ten minutes', () => {
    const policy = new RestartPolicy({ initialDelayMs: 10_000, maxDelayMs: 60_000, factor: 2, maxRestarts: 5, windowMs: 600_000 });
    const delays = [0, 1, 2, 3, 4].map((i) => policy.onCrash(i * 1_000));
    expect(delays).toEqual([10_000, 20_000, 40_000, 60_000, 60_000].map((delayMs) => ({ action: 'restart', delayMs })));
    expect(policy.onCrash(5_000)).toEqual({ action: 'give-up', restartsInWindow: 5 });
  });

  it('forgets crashes older than the window', () => {
    const policy = new RestartPolicy({ initialDelayMs: 10, maxDelayMs: 1_000, factor: 2, maxRestarts: 2, windowMs: 1_000 });
    policy.onCrash(0);
    policy.onCrash(100);
    expect(policy.onCrash(5_000)).toEqual({ action: 'restart', delayMs: 10 });
  });
});

describe('log ring', () => {
  it('keeps only the latest lines and bounds their length', () => {
    const ring = new LogRing({ lines: 3, maxLineChars: 10, maxTextChars: 1_000 });
    for (let seq = 0; seq < 5; seq += 1) ring.push({ seq, at: 0, text: `line ${seq} ${'y'.repeat(seq * 5)}`, half: null, level: null });
    expect(ring.latest().map((l) => l.seq)).toEqual([2, 3, 4]);
    expect(ring.latest(2).map((l) => l.seq)).toEqual([3, 4]);
    expect(ring.latest().every((l) => l.text.length <= 11)).toBe(true);
    expect(ring.textChars).toBeLessThanOrEqual(ring.maxTextChars);
  });

  it('drops the oldest lines first when the text budget is spent', () => {
    const ring = new LogRing({ lines: 100, maxLineChars: 50, maxTextChars: 100 });
    for (let seq = 0; seq < 10; seq += 1) ring.push({ seq, at: 0, text: 'z'.repeat(30), half: null, level: null });
    expect(ring.latest().map((l) => l.seq)).toEqual([7, 8, 9]);
    expect(ring.textChars).toBe(90);
  });
});

describe('binary version and subcommands', () => {
  it('reads Substrate version lines and refuses others', () => {
    expect(parseVersionLine('polkadot-parachain 1.17.0-7e5c6b3a84b')).toEqual({ name: 'polkadot-parachain', version: '1.17.0', commit: '7e5c6b3a84b' });
    expect(parseVersionLine('polkadot 1.2.3')).toEqual({ name: 'polkadot', version: '1.2.3' });
    expect(parseVersionLine('v20.19.0')).toBeNull();
    expect(parseVersionLine('ls (GNU coreutils) 9.1')).toBeNull();
  });

  it('finds the genesis and chain-spec subcommands in --help', () => {
    const help = 'Commands:\n  build-spec            Build\n  export-genesis-state  Export\n  export-genesis-code   Export\n  key  Keys\nOptions:\n  --chain <X>\n';
    expect(parseSubcommands(help)).toEqual({ genesisHead: 'export-genesis-state', genesisCode: 'export-genesis-code', chainSpec: 'build-spec' });
  });
});

describe('who holds a port', () => {
  it('reads ss and lsof output', () => {
    expect(parseSsOutput('LISTEN 0 511 127.0.0.1:9944 0.0.0.0:* users:(("polkadot",pid=1234,fd=20))')).toEqual({ command: 'polkadot', pid: 1234 });
    expect(parseSsOutput('')).toBeNull();
    expect(parseLsofOutput('p4321\ncnode\nf20\n')).toEqual({ pid: 4321, command: 'node' });
  });
});

describe('process identity', () => {
  it('matches a script binary run by its interpreter, and refuses another command', () => {
    const args = ['--name', 'a', '--rpc-port', '9944'];
    expect(commandLineMatches(['/usr/bin/node', '/x/fake-collator.mjs', ...args], '/x/fake-collator.mjs', args)).toBe(true);
    expect(commandLineMatches(['/opt/polkadot-parachain', ...args], '/opt/polkadot-parachain', args)).toBe(true);
    expect(commandLineMatches(['/usr/bin/vim', ...args], '/opt/polkadot-parachain', args)).toBe(false);
    expect(commandLineMatches(['/opt/polkadot-parachain', '--name', 'b'], '/opt/polkadot-parachain', args)).toBe(false);
  });
});

describe('child environment', () => {
  it('drops variables that change how code is loaded', () => {
    const env = safeChildEnv({ PATH: '/bin', NODE_OPTIONS: '--require x', ELECTRON_RUN_AS_NODE: '1', LD_PRELOAD: 'x.so', DYLD_INSERT_LIBRARIES: 'y', RUST_LOG: 'info' });
    expect(env).toEqual({ PATH: '/bin', RUST_LOG: 'info' });
  });
});

describe('para id in a plain chain spec', () => {
  it('is set at the top level and in the parachainInfo genesis config', () => {
    const spec = { name: 'x', para_id: 1000, genesis: { runtimeGenesis: { patch: { parachainInfo: { parachainId: 1000 } } } } };
    const out = withParaId(spec, 4242);
    expect(out.para_id).toBe(4242);
    expect(out.genesis).toEqual({ runtimeGenesis: { patch: { parachainInfo: { parachainId: 4242 } } } });
    expect(spec.para_id).toBe(1000);
  });
});
