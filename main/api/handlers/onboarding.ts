import { join } from 'node:path';
import type { onboardingCalls } from '../../../shared/contract/onboarding';
import { lastRelayChainBlockNumber } from '../../chain/storage/block-number';
import { hasItem, readItem } from '../../chain/storage/storage-item';
import { describeSale } from '../../onboarding/coretime-sale';
import { readGenesisPayload } from '../../onboarding/genesis-payload';
import { toStatusView } from '../../onboarding/onboarding-status';
import { readRegistrationFacts } from '../../onboarding/registration-facts';
import type { Services } from '../../services';
import type { CallHandlers } from '../router';

export function onboardingHandlers(services: Services): Pick<CallHandlers, keyof typeof onboardingCalls> {
  const artifacts = (): string => join(services.platform.paths.data, 'artifacts');
  return {
    'onboarding.get': () => services.onboarding.get(),
    'onboarding.update': ({ patch }) => services.onboarding.update(patch),
    'onboarding.reset': () => services.onboarding.reset(),
    'onboarding.genesis': ({ paraId }) => readGenesisPayload(artifacts(), paraId),
    'onboarding.registrationFacts': async ({ paraId }) => {
      const genesis = paraId === undefined ? undefined : await readGenesisPayload(artifacts(), paraId).catch(() => undefined);
      return readRegistrationFacts(await services.chain.pool.api('relay'), paraId, genesis);
    },
    'onboarding.status': async ({ paraId }) => toStatusView(await services.chain.read({ kind: 'onboardingEta', paraId })),
    // Built-in and custom networks alike: a local network's block time drives its countdowns too.
    'onboarding.networkFacts': () => services.chain.networkDefinitions().map((network) => ({
      networkId: network.id,
      relayBlockTimeMs: network.relayBlockTimeMs,
      explorers: {
        ...(network.chains.relay.explorerUrl ? { relay: network.chains.relay.explorerUrl } : {}),
        ...(network.chains.coretime?.explorerUrl ? { coretime: network.chains.coretime.explorerUrl } : {}),
        ...(network.chains.assetHub?.explorerUrl ? { assetHub: network.chains.assetHub.explorerUrl } : {}),
      },
    })),
    'onboarding.orderSpending': ({ paraId }) => services.orderSpending.summary(services.onboarding.get().networkId ?? services.settings.get().network, paraId),
    'onboarding.coretimeSale': async () => {
      const [sale, now] = await Promise.all([services.chain.read({ kind: 'coretimeSale' }), saleClock(services)]);
      if (sale.kind !== 'coretimeSale' || now === undefined || sale.sale === null) return { sale: null };
      return { sale: describeSale(sale.sale, now) };
    },
  };
}

/**
 * The relay block the sale's phase and price are told at: the broker prices a purchase by the relay block the
 * Coretime chain last built on (`parachainSystem.lastRelayChainBlockNumber`), so that clock, not the relay's own
 * head (which runs a few blocks ahead of it, or anywhere when the two chains are not in step), is what the
 * purchase will pay by. The relay's head where the Coretime chain does not say.
 */
async function saleClock(services: Services): Promise<number | undefined> {
  const coretime = await services.chain.pool.api('coretime', 5_000).catch(() => undefined);
  if (coretime && hasItem(coretime, lastRelayChainBlockNumber)) {
    const seen = await readItem(coretime, lastRelayChainBlockNumber).catch(() => undefined);
    if (seen !== undefined) return seen;
  }
  const head = await services.chain.read({ kind: 'head', role: 'relay' });
  return head.kind === 'head' ? head.number : undefined;
}
