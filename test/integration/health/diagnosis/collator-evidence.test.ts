import getPort from 'get-port';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionStateEvent } from '../../../../shared/contract/chain';
import { diagnosisSchema } from '../../../../shared/contract/diagnosis';
import { collationEvidenceFromText, COLLATION_FAMILIES, fetchMetricsText } from '../../../../main/health/diagnosis/collator-evidence';
import { DiagnosisService, type CollatorEndpoints } from '../../../../main/health/diagnosis/diagnosis-service';
import { startFixtureCollator, stopFixtureCollators } from './fixture-collator';

/**
 * The collator's side of a diagnosis read from a real child process: the
 * fixture collator, exporting its embedded relay node's metrics with the
 * collator protocol's real family names, and answering its keystore and
 * block-hash RPCs. No chain is connected here, so the relay's side is
 * reported as not read, and the cause comes from the collator alone.
 */

const nothingConnected = { states: (): ConnectionStateEvent[] => [], api: () => Promise.reject(new Error('not connected')) };

function serviceFor(collator: CollatorEndpoints): DiagnosisService {
  return new DiagnosisService({
    connections: nothingConnected,
    collator: (id) => (id === 'alice' ? collator : undefined),
    blockTimes: () => ({ blockTimeMs: 6_000, relayBlockTimeMs: 6_000 }),
  });
}

afterEach(stopFixtureCollators);

const startCollator = (env: Record<string, string>) => startFixtureCollator(2000, env);

describe('the collator side of a diagnosis, from the fixture collator', () => {
  it('reads the real polkadot_parachain_collation* families from the embedded relay node', async () => {
    const collator = await startCollator({ FAKE_COLLATIONS: 'not-fetched' });
    const text = await fetchMetricsText(collator.relayMetricsUrl ?? '', 5_000);
    if (!text.ok) throw new Error(text.why);
    for (const family of Object.values(COLLATION_FAMILIES)) expect(text.text).toContain(`# TYPE ${family} `);
    const funnel = collationEvidenceFromText(text.text);
    expect(funnel.generated).toBeGreaterThan(0);
    expect(funnel.advertised).toBe(funnel.generated);
    expect(funnel.sent).toBe(0);
    expect(funnel.backed).toBe(0);
    expect(funnel.expiredByState['advertised']).toBeGreaterThan(0);
    expect(funnel.expiredByState['backed']).toBe(0);
  });

  it('names collations advertised but never fetched', async () => {
    const diagnosis = diagnosisSchema.parse(await serviceFor(await startCollator({ FAKE_COLLATIONS: 'not-fetched' })).read({ kind: 'collator', id: 'alice' }));
    expect(diagnosis.cause).toBe('collations-not-fetched');
    expect(diagnosis.words).toMatch(/expired as advertised/);
    // The relay's side was not read, and says why.
    expect(diagnosis.checks.find((check) => check.id === 'blockspace')).toMatchObject({ status: 'not-read', evidence: 'Not read: the console is not connected to the relay chain' });
    expect(diagnosis.checks.find((check) => check.id === 'collations')?.status).toBe('fail');
  });

  it('names collations generated but never advertised, with the relay node at 0 peers', async () => {
    const diagnosis = await serviceFor(await startCollator({ FAKE_COLLATIONS: 'not-advertised', FAKE_RELAY_PEERS: '0' })).read({ kind: 'collator', id: 'alice' });
    expect(diagnosis.cause).toBe('relay-node-no-peers');
    expect(diagnosis.words).toBe('Collations generated but never advertised: the relay node has 0 peers.');
    expect(diagnosis.evidence.relayNode).toMatchObject({ read: true, peers: 0 });
  });

  it('names collations generated but never advertised while the relay node has peers', async () => {
    const diagnosis = await serviceFor(await startCollator({ FAKE_COLLATIONS: 'not-advertised' })).read({ kind: 'collator', id: 'alice' });
    expect(diagnosis.cause).toBe('collations-not-advertised');
  });

  it('names a relay node in a major sync, before anything about its collations', async () => {
    const diagnosis = await serviceFor(await startCollator({ FAKE_RELAY_SYNCING: '1', FAKE_COLLATIONS: 'none' })).read({ kind: 'collator', id: 'alice' });
    expect(diagnosis.cause).toBe('relay-node-syncing');
    expect(diagnosis.evidence.relayNode).toMatchObject({ read: true, majorSyncing: true });
    expect(diagnosis.checks.find((check) => check.id === 'relay-node')).toMatchObject({ status: 'fail', evidence: expect.stringContaining('major syncing') });
  });

  it('names a collator that generates nothing', async () => {
    const diagnosis = await serviceFor(await startCollator({ FAKE_COLLATIONS: 'none' })).read({ kind: 'collator', id: 'alice' });
    expect(diagnosis.cause).toBe('collations-not-generated');
  });

  it('reports an unreachable RPC and exporter as not read, with the reason', async () => {
    const [rpc, metrics] = [await getPort(), await getPort()];
    const service = serviceFor({ paraId: 2000, rpcUrl: `ws://127.0.0.1:${rpc}`, parachainMetricsUrl: `http://127.0.0.1:${metrics}/metrics`, relayMetricsUrl: `http://127.0.0.1:${metrics}/metrics` });
    const diagnosis = await service.read({ kind: 'collator', id: 'alice' });
    expect(diagnosis.cause).toBe('unknown');
    expect(diagnosis.evidence.relayNode).toMatchObject({ read: false, why: expect.stringContaining('did not answer') });
    expect(diagnosis.evidence.keys).toMatchObject({ read: false, why: expect.stringContaining('cannot be reached') });
    await expect(service.read({ kind: 'collator', id: 'nobody' })).rejects.toThrow('No collator has the id "nobody": neither a profile the console runs nor a remote collator it watches.');
  });
});
