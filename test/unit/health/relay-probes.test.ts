import { describe, expect, it } from 'vitest';
import { auraAuthorIndex, decodeParachainHead } from '../../../main/health/probes/aura-author';
import { InclusionProbe } from '../../../main/health/probes/inclusion-probe';
import { polkadotRelay } from './support/relay-events';

const relay = polkadotRelay();
const PARA = 2000;

describe('relay-side probes on real Polkadot events and headers', () => {
  it('follows backed, included and timed-out candidates of its own parachain only', () => {
    const probe = new InclusionProbe(PARA);
    probe.ingest({ number: 500, events: relay.events([{ kind: 'CandidateBacked', paraId: PARA }, { kind: 'CandidateIncluded', paraId: 3000, headNumber: 77 }]) }, 1_000);
    expect(probe.state.lastBackedRelayBlock).toBe(500);
    expect(probe.state.lastIncludedRelayBlock).toBeNull();

    const found = probe.ingest({ number: 501, events: relay.events([{ kind: 'CandidateIncluded', paraId: PARA, headNumber: 42, slot: 1_000n }]) }, 2_000);
    expect(found).toEqual([expect.objectContaining({ kind: 'included', relayBlock: 501 })]);
    expect(probe.state.lastIncludedRelayBlock).toBe(501);
    expect(probe.state.head?.number).toBe(42);
    expect(probe.state.head?.auraSlot).toBe(1_000n);

    probe.ingest({ number: 503, events: relay.events([{ kind: 'CandidateTimedOut', paraId: PARA }]) }, 3_000);
    expect(probe.state.timedOutCount).toBe(1);
    expect(probe.state.lastTimedOutRelayBlock).toBe(503);
    expect(probe.state.latestRelayBlock).toBe(503);
  });

  it('names the Aura author of each included block: slot modulo the number of authorities', () => {
    const authorities = ['0xaa', '0xbb', '0xcc'].map((k) => k.padEnd(66, '0'));
    const probe = new InclusionProbe(PARA);
    probe.setAuthorities(authorities);
    for (const [i, slot] of [300n, 301n, 302n, 303n].entries()) {
      probe.ingest({ number: 600 + i, events: relay.events([{ kind: 'CandidateIncluded', paraId: PARA, headNumber: 50 + i, slot }]) }, 10_000 + i);
    }
    // 303 % 3 === 0: the first authority wrote the last block.
    expect(probe.state.lastAuthorIndex).toBe(0);
    expect(probe.state.lastAuthorKey).toBe(authorities[0]);
    expect([...probe.state.authoredAtMs.keys()].sort()).toEqual([0, 1, 2]);
    expect(probe.authorityIndexOf(authorities[2]!.toUpperCase().replace('0X', '0x'))).toBe(2);
  });

  it('decodes a head straight from paras.heads bytes', () => {
    const head = decodeParachainHead(relay.registry, relay.paraHeader(1234, 987_654_321n));
    expect(head.number).toBe(1234);
    expect(head.auraSlot).toBe(987_654_321n);
    expect(head.hash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(auraAuthorIndex(987_654_321n, 4)).toBe(1);
    expect(auraAuthorIndex(5n, 0)).toBeNull();
  });
});
