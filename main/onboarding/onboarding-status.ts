import { join } from 'node:path';
import type { ApiPromise } from '@polkadot/api';
import type { ChainRoleName, ReadQuery, ReadValue } from '../../shared/contract/chain';
import type { CoretimeSaleView, GenesisPayload, NetworkFacts, OnboardingStatusView, RegistrationFacts } from '../../shared/contract/onboarding';
import type { NetworkDefinition } from '../chain/networks';
import { lastRelayChainBlockNumber } from '../chain/storage/block-number';
import { hasItem, readItem } from '../chain/storage/storage-item';
import { describeSale } from '../blockspace/coretime-sale';
import { readGenesisPayload } from './genesis-payload';
import { readRegistrationFacts } from './registration-facts';

/** What the wizard's chain reads need from the chain layer (ChainService). */
export interface OnboardingChain {
  read(query: ReadQuery): Promise<ReadValue>;
  api(role: ChainRoleName, timeoutMs?: number): Promise<ApiPromise>;
  networkDefinitions(): NetworkDefinition[];
  relayBlockTimeMs(networkId: string): Promise<number>;
}

export interface OnboardingStatusDeps {
  chain: OnboardingChain;
  /** The console's data folder: genesis exports lie under `artifacts/<para id>/` there. */
  dataDir: string;
}

/** The Coretime chain is optional for the sale's clock (the relay's head stands in): a short wait, not the connection's own. */
const CORETIME_CLOCK_TIMEOUT_MS = 5_000;

/**
 * What the onboarding wizard reads to show where a para stands and what the
 * next step will take: the exported genesis, the registration figures, the
 * onboarding status, the network's pace and links, and the bulk coretime sale.
 * Stateless: everything comes from the chain layer and the genesis exports.
 */
export class OnboardingStatus {
  constructor(private readonly deps: OnboardingStatusDeps) {}

  genesis(paraId: number): Promise<GenesisPayload> {
    return readGenesisPayload(this.artifactsDir(), paraId);
  }

  /** With the para's exported genesis where there is one, so the deposit is the one its code and head will hold. */
  async registrationFacts(paraId?: number): Promise<RegistrationFacts> {
    const genesis = paraId === undefined ? undefined : await this.genesis(paraId).catch(() => undefined);
    return readRegistrationFacts(await this.deps.chain.api('relay'), paraId, genesis);
  }

  /**
   * `onboarding.status`: the read model's `onboardingEta` value, read once.
   * There is one onboarding ETA in the console (chain/read/para-progress-watch.ts
   * over chain/calc/onboarding-eta.ts); screens follow it as a stream, this
   * answers a single question.
   */
  async status(paraId: number): Promise<OnboardingStatusView> {
    return toStatusView(await this.deps.chain.read({ kind: 'onboardingEta', paraId }));
  }

  /** Built-in and custom networks alike: a local network's block time drives its countdowns too. */
  networkFacts(): Promise<NetworkFacts[]> {
    return Promise.all(this.deps.chain.networkDefinitions().map(async (network) => ({
      networkId: network.id,
      relayBlockTimeMs: await this.deps.chain.relayBlockTimeMs(network.id),
      explorers: {
        ...(network.chains.relay.explorerUrl ? { relay: network.chains.relay.explorerUrl } : {}),
        ...(network.chains.coretime?.explorerUrl ? { coretime: network.chains.coretime.explorerUrl } : {}),
        ...(network.chains.assetHub?.explorerUrl ? { assetHub: network.chains.assetHub.explorerUrl } : {}),
      },
    })));
  }

  /** The current bulk coretime sale, told at the relay block the broker prices by; null between sales or without a clock. */
  async coretimeSale(): Promise<{ sale: CoretimeSaleView | null }> {
    const [sale, now] = await Promise.all([this.deps.chain.read({ kind: 'coretimeSale' }), this.saleClock()]);
    if (sale.kind !== 'coretimeSale' || now === undefined || sale.sale === null) return { sale: null };
    return { sale: describeSale(sale.sale, now) };
  }

  /**
   * The relay block the sale's phase and price are told at: the broker prices a purchase by the relay block the
   * Coretime chain last built on (`parachainSystem.lastRelayChainBlockNumber`), so that clock, not the relay's own
   * head (which runs a few blocks ahead of it, or anywhere when the two chains are not in step), is what the
   * purchase will pay by. The relay's head where the Coretime chain does not say.
   */
  private async saleClock(): Promise<number | undefined> {
    const coretime = await this.deps.chain.api('coretime', CORETIME_CLOCK_TIMEOUT_MS).catch(() => undefined);
    if (coretime && hasItem(coretime, lastRelayChainBlockNumber)) {
      const seen = await readItem(coretime, lastRelayChainBlockNumber).catch(() => undefined);
      if (seen !== undefined) return seen;
    }
    const head = await this.deps.chain.read({ kind: 'head', role: 'relay' });
    return head.kind === 'head' ? head.number : undefined;
  }

  private artifactsDir(): string {
    return join(this.deps.dataDir, 'artifacts');
  }
}

/** The read model's `onboardingEta` value as `onboarding.status` answers it: the same fields, without the kind. */
export function toStatusView(value: ReadValue): OnboardingStatusView {
  if (value.kind !== 'onboardingEta') throw new Error(`expected an onboardingEta value, got ${value.kind}`);
  const { kind: _kind, ...view } = value;
  return view;
}
