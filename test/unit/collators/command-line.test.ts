import { describe, expect, it } from 'vitest';
import type { CollatorProfile } from '../../../shared/contract/collators';
import { buildCommandLine } from '../../../main/collators/command-line';

const profile: CollatorProfile = {
  id: 'p1',
  name: 'collator-a',
  binaryPath: '/opt/polkadot-parachain',
  chainSpecPath: '/data/spec.json',
  basePath: '/data/a',
  collator: true,
  relay: { mode: 'embedded', chain: 'paseo', syncMode: 'warp' },
  extraArgs: ['--pruning', 'archive'],
  relayExtraArgs: ['--in-peers', '8'],
  ports: { para: { p2p: 30333, rpc: 9944, prometheus: 9615 }, relay: { p2p: 30334, rpc: 9945, prometheus: 9616 } },
  createdAt: 0,
  updatedAt: 0,
};

describe('the command line of a collator profile', () => {
  it('sets every port of both halves and puts relay args after --', () => {
    expect(buildCommandLine(profile)).toEqual([
      '--name', 'collator-a', '--chain', '/data/spec.json', '--base-path', '/data/a',
      '--port', '30333', '--rpc-port', '9944', '--prometheus-port', '9615', '--collator', '--pruning', 'archive',
      '--', '--chain', 'paseo', '--sync', 'warp', '--port', '30334', '--rpc-port', '9945', '--prometheus-port', '9616', '--in-peers', '8',
    ]);
  });

  it('follows the relay chain over RPC when asked', () => {
    const args = buildCommandLine({ ...profile, collator: false, relay: { mode: 'rpc', rpcUrls: ['wss://relay-a.example', 'wss://relay-b.example'] } });
    const split = args.indexOf('--');
    expect(args.slice(0, split)).toContain('--relay-chain-rpc-urls');
    expect(args.slice(0, split)).not.toContain('--collator');
    expect(args.slice(split + 1, split + 3)).toEqual(['--port', '30334']);
  });

  it('passes a node name Substrate accepts', () => {
    expect(buildCommandLine({ ...profile, name: `collator.v2 ${'n'.repeat(80)}` })[1]).toBe(`collator-v2 ${'n'.repeat(52)}`);
  });

  it('keeps a name with spaces as one argument (no shell)', () => {
    expect(buildCommandLine({ ...profile, name: 'my collator; rm -rf /' }).slice(0, 2)).toEqual(['--name', 'my collator; rm -rf /']);
  });
});
