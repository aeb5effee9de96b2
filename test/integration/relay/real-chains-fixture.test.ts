import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realChainsMissing, startRealChain, type RealChain } from '../../fixtures/real-chains';
import { passSessions, trustValidationCode, openOnDemandCore, startCoretimeSales } from '../../fixtures/network-stand-ins';

const missing = realChainsMissing('paseo-relay', 'paseo-coretime');

describe.skipIf(missing)('the real Paseo relay and Coretime chain under chopsticks', () => {
  let relay: RealChain;
  let coretime: RealChain;
  beforeAll(async () => {
    [relay, coretime] = await Promise.all([startRealChain('paseo-relay'), startRealChain('paseo-coretime')]);
  });
  afterAll(async () => {
    await Promise.all([relay?.stop(), coretime?.stop()]);
  });

  it('passes sessions, trusts code and opens an on-demand core the way the network would', async () => {
    const session = Number((await relay.query('session', 'currentIndex')).toString());
    expect(await passSessions(relay, 2)).toBe(session + 2);
    const code = '0x0061736d0100000000000000000000000000000000000000000000000000000000' as const;
    await trustValidationCode(relay, code);
    await openOnDemandCore(relay);
    expect(JSON.stringify((await relay.query('configuration', 'activeConfig')).toJSON())).toContain('"numCores":2');
  });

  it('starts a coretime sale on the Broker', async () => {
    await startCoretimeSales(coretime, { endPricePlanck: 1_000_000_000_000n, extraCores: 2 });
    const sale = await coretime.query('broker', 'saleInfo');
    expect(sale.isEmpty).toBe(false);
  });
});
if (missing) it.skip(missing, () => undefined);
