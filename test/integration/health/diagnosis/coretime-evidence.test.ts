import type { Codec } from '@polkadot/types-codec/types';
import { u8aToHex } from '@polkadot/util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionPool } from '../../../../main/chain/connection/connection-pool';
import { DiagnosisService } from '../../../../main/health/diagnosis/diagnosis-service';
import { readEndedRegion } from '../../../../main/health/diagnosis/relay-evidence';
import { silentLogger } from '../../../../main/logging/logger';
import { setCoretimeRelayClock } from '../../../fixtures/coretime-console';
import { startCoretimeSales } from '../../../fixtures/network-stand-ins';
import { realChainsMissing, startRealChain, type RealChain } from '../../../fixtures/real-chains';
import { startFixtureCollator, stopFixtureCollators } from './fixture-collator';

/**
 * The real Paseo Coretime runtime (spec 1009003) under chopsticks serves two
 * parts of a diagnosis: as the broker, a region that ended unrenewed; as a
 * parachain with session keys, Aura and collator selection, a collator's
 * keys, asked of the fixture collator's keystore RPCs.
 */

const missing = realChainsMissing('paseo-coretime');
const PARA = 2000;
const FULL = '0xffffffffffffffffffff' as const;

describe.skipIf(missing)('diagnosis evidence from the real Paseo Coretime chain', { timeout: 600_000 }, () => {
  let coretime: RealChain;
  let pool: ConnectionPool;
  let coretimeParaId: number;

  beforeAll(async () => {
    coretime = await startRealChain('paseo-coretime');
    pool = new ConnectionPool({ log: silentLogger });
    // The Coretime chain is a parachain: here it is the one the console is connected to.
    await pool.open({ networkId: 'local-paseo', role: 'parachain', endpoints: [coretime.wsUrl] });
    await pool.api('parachain', 60_000);
    coretimeParaId = Number((await coretime.query('parachainInfo', 'parachainId')).toString());
  });
  afterAll(async () => {
    await pool?.closeAll();
    await coretime?.stop();
  });
  afterEach(stopFixtureCollators);

  const service = (collator: Awaited<ReturnType<typeof startFixtureCollator>>) => new DiagnosisService({
    connections: pool,
    collator: (id) => (id === 'coretime-collator' ? collator : undefined),
    blockTimes: () => ({ blockTimeMs: 12_000, relayBlockTimeMs: 6_000 }),
  });

  it("reads the collator's keys: on-chain session keys in its keystore, its Aura authority, an invulnerable", async () => {
    const entries = await coretime.api.query['session']!['nextKeys']!.entries();
    const [first] = entries;
    if (!first) throw new Error('the Coretime genesis sets no session keys');
    const account = first[0].args[0]!.toString();
    const keysHex = (first[1] as unknown as { unwrap(): Codec }).unwrap().toHex();
    const authorities = ((await coretime.query('aura', 'authorities')) as unknown as Codec[]).map((key) => key.toHex());
    // The Aura key is the keys' first (only) part on this runtime.
    const auraKey = authorities.find((key) => keysHex.includes(key.slice(2)));
    expect(auraKey).toBeDefined();

    const collator = await startFixtureCollator(coretimeParaId, { FAKE_SESSION_KEYS: keysHex, FAKE_AURA_KEYS: auraKey! });
    const diagnosis = await service(collator).read({ kind: 'collator', id: 'coretime-collator' });
    expect(diagnosis.evidence.keys).toEqual({
      read: true,
      accountsWithKeysInKeystore: [account],
      accountsWithKeysOnChain: entries.length,
      authorityCount: authorities.length,
      authorityKeyHeld: auraKey,
      queuedForNextSession: true,
      collatorSelection: { invulnerable: true, candidate: false },
    });
    expect(diagnosis.checks.find((check) => check.id === 'keys')?.status).toBe('pass');
    // The relay is not connected: its side is not read, and nothing on the collator's side is blamed.
    expect(diagnosis.cause).toBe('unknown');
  });

  it('a keystore without any of the on-chain session keys: keys not in the keystore', async () => {
    const collator = await startFixtureCollator(coretimeParaId);
    const diagnosis = await service(collator).read({ kind: 'collator', id: 'coretime-collator' });
    expect(diagnosis.cause).toBe('keys-not-in-keystore');
    expect(diagnosis.evidence.keys).toMatchObject({ read: true, accountsWithKeysInKeystore: [], authorityKeyHeld: null });
  });

  it("keys set on chain for a new account and held, but not an authority nor a candidate: 'not in the authority set'", async () => {
    const dave = coretime.account('//Dave');
    const newAuraKey = u8aToHex(coretime.account('//DiagnosisAura').publicKey);
    await coretime.submit(coretime.tx('session', 'setKeys', newAuraKey, '0x'), dave);
    const stored = (await coretime.query('session', 'nextKeys', dave.address)) as unknown as { unwrap(): Codec };
    const keysHex = stored.unwrap().toHex();
    const collator = await startFixtureCollator(coretimeParaId, { FAKE_SESSION_KEYS: keysHex });
    const diagnosis = await service(collator).read({ kind: 'collator', id: 'coretime-collator' });
    expect(diagnosis.evidence.keys).toMatchObject({ read: true, accountsWithKeysInKeystore: [coretime.api.createType('AccountId32', dave.address).toString()], authorityKeyHeld: null, queuedForNextSession: false, collatorSelection: { invulnerable: false, candidate: false } });
    expect(diagnosis.cause).toBe('not-in-authority-set');
    expect(diagnosis.words).toMatch(/Aura key is not in the authority set: its account \S+ is neither an invulnerable nor a candidate\./);
  });

  it('a region assigned Final and not renewed reads as ended once the relay clock passes its end', async () => {
    await setCoretimeRelayClock(coretime, 2_000);
    await startCoretimeSales(coretime, { endPricePlanck: 1_000_000_000_000n, extraCores: 2, advanceNotice: 10, interludeLength: 100, leadinLength: 400, regionLength: 10 });
    const sale = (await coretime.query('broker', 'saleInfo')).toJSON() as { saleStart: number; leadinLength: number; regionEnd: number };
    await setCoretimeRelayClock(coretime, sale.saleStart + sale.leadinLength);
    const bought = await coretime.submit(coretime.tx('broker', 'purchase', 10n ** 15n), coretime.account('//Bob'));
    const purchased = bought.events.find(({ event }) => event.section === 'broker' && event.method === 'Purchased');
    const region = (purchased?.event.data[1] as unknown as Codec).toJSON() as { begin: number; core: number; mask: string };
    expect(region.mask).toBe(FULL);
    await coretime.submit(coretime.tx('broker', 'assign', region, PARA, 'Final'), coretime.account('//Bob'));
    expect(await readEndedRegion(coretime.api, PARA)).toBeNull();

    const period = Number(coretime.constant('broker', 'timeslicePeriod').toString());
    await setCoretimeRelayClock(coretime, sale.regionEnd * period + 1);
    expect(await readEndedRegion(coretime.api, PARA)).toBe(sale.regionEnd * period);
    expect(await readEndedRegion(coretime.api, PARA + 1)).toBeNull();
  });
});
