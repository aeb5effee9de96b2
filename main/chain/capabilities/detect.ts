import type { Metadata } from '@polkadot/types';
import type { Registry } from '@polkadot/types/types';
import { available, missing, type Availability, type CallPermission, type PalletFlow } from './capability';
import { MetadataIndex } from './metadata-index';
import { ON_DEMAND_QUEUE_ITEMS, PALLET_NAMES, type OnDemandQueueItem } from './pallet-names';
import { detectRegistrar, type RegistrarDetection } from './registrar';

/** What capability detection reads: an `ApiPromise` gives `{ metadata: api.runtimeMetadata, registry: api.registry }`. */
export interface RuntimeMetadataSource {
  readonly metadata: Metadata;
  readonly registry: Registry;
}

export function indexMetadata(source: RuntimeMetadataSource): MetadataIndex {
  return new MetadataIndex(source.metadata, source.registry);
}

/** The index of a connected API's current runtime (rebuild it after a runtime upgrade). */
export function indexApi(api: { readonly runtimeMetadata: Metadata; readonly registry: Registry }): MetadataIndex {
  return new MetadataIndex(api.runtimeMetadata, api.registry);
}

export interface DryRunCapability {
  readonly runtimeApi: 'DryRunApi';
}

export interface OnDemandCapability extends PalletFlow {
  /** Where the queue's traffic lives on this runtime. */
  readonly queueItem: OnDemandQueueItem;
}

export interface RelayCapabilities {
  readonly registrar: Availability<RegistrarDetection>;
  readonly paras: Availability<{ readonly pallet: string }>;
  readonly slots: Availability<PalletFlow>;
  readonly auctions: Availability<PalletFlow>;
  readonly crowdloan: Availability<PalletFlow>;
  readonly onDemand: Availability<OnDemandCapability>;
  readonly dryRun: Availability<DryRunCapability>;
}

export interface CoretimeCapabilities {
  readonly broker: Availability<PalletFlow>;
  readonly dryRun: Availability<DryRunCapability>;
}

export interface AssetHubCapabilities {
  /** Crowdloan contributions and lease deposits returned on Asset Hub after the migration. */
  readonly crowdloanReclaim: Availability<PalletFlow>;
  readonly dryRun: Availability<DryRunCapability>;
}

export interface ParachainCapabilities {
  readonly session: Availability<PalletFlow>;
  readonly collatorSelection: Availability<PalletFlow>;
  readonly dryRun: Availability<DryRunCapability>;
}

export function detectRelayCapabilities(relay: MetadataIndex, coretime?: MetadataIndex): RelayCapabilities {
  const registrar = detectRegistrar({ relay, ...(coretime === undefined ? {} : { coretime }) });
  const paras = relay.findPallet(PALLET_NAMES.paras);
  return {
    registrar:
      registrar === undefined
        ? missing('This relay chain has no registrar, so para ids cannot be reserved or registered here.')
        : available(registrar),
    paras: paras === undefined ? missing('This chain has no paras pallet: it is not a relay chain.') : available({ pallet: paras.name }),
    slots: detectPalletFlow(relay, PALLET_NAMES.slots, [], 'slot leases'),
    auctions: detectPalletFlow(relay, PALLET_NAMES.auctions, ['bid'], 'slot auctions'),
    crowdloan: detectPalletFlow(relay, PALLET_NAMES.crowdloan, ['create', 'contribute', 'withdraw', 'refund', 'dissolve'], 'crowdloans'),
    onDemand: detectOnDemand(relay),
    dryRun: detectDryRun(relay),
  };
}

export function detectCoretimeCapabilities(coretime: MetadataIndex): CoretimeCapabilities {
  return {
    broker: detectPalletFlow(
      coretime,
      PALLET_NAMES.broker,
      ['purchase', 'renew', 'assign', 'transfer', 'partition', 'interlace', 'pool', 'enableAutoRenew'],
      'bulk coretime sales',
    ),
    dryRun: detectDryRun(coretime),
  };
}

export function detectAssetHubCapabilities(assetHub: MetadataIndex): AssetHubCapabilities {
  return {
    crowdloanReclaim: detectPalletFlow(
      assetHub,
      PALLET_NAMES.ahOps,
      ['withdrawCrowdloanContribution', 'unreserveLeaseDeposit', 'unreserveCrowdloanReserve'],
      'reclaiming crowdloan contributions and lease deposits',
    ),
    dryRun: detectDryRun(assetHub),
  };
}

export function detectParachainCapabilities(parachain: MetadataIndex): ParachainCapabilities {
  return {
    session: detectPalletFlow(parachain, PALLET_NAMES.session, ['setKeys', 'purgeKeys'], 'setting session keys'),
    collatorSelection: detectPalletFlow(
      parachain,
      PALLET_NAMES.collatorSelection,
      ['registerAsCandidate', 'leaveIntent'],
      'joining the collator set as a candidate',
    ),
    dryRun: detectDryRun(parachain),
  };
}

export interface NetworkRuntimes {
  readonly relay?: MetadataIndex;
  readonly coretime?: MetadataIndex;
  readonly assetHub?: MetadataIndex;
  readonly parachain?: MetadataIndex;
}

export interface NetworkCapabilities {
  readonly relay: RelayCapabilities;
  readonly coretime: CoretimeCapabilities;
  readonly assetHub: AssetHubCapabilities;
  readonly parachain: ParachainCapabilities;
}

/** Every flow across the network; a chain that is not connected makes its flows missing with that reason. */
export function detectNetworkCapabilities(runtimes: NetworkRuntimes): NetworkCapabilities {
  const notConnected = (chain: string) => missing(`Not connected to ${chain} yet: its runtime decides whether this is offered.`);
  const relay = runtimes.relay;
  const coretime = runtimes.coretime;
  const assetHub = runtimes.assetHub;
  const parachain = runtimes.parachain;
  return {
    relay:
      relay === undefined
        ? {
            registrar: notConnected('the relay chain'),
            paras: notConnected('the relay chain'),
            slots: notConnected('the relay chain'),
            auctions: notConnected('the relay chain'),
            crowdloan: notConnected('the relay chain'),
            onDemand: notConnected('the relay chain'),
            dryRun: notConnected('the relay chain'),
          }
        : detectRelayCapabilities(relay, coretime),
    coretime:
      coretime === undefined
        ? { broker: notConnected('the Coretime chain'), dryRun: notConnected('the Coretime chain') }
        : detectCoretimeCapabilities(coretime),
    assetHub:
      assetHub === undefined
        ? { crowdloanReclaim: notConnected('Asset Hub'), dryRun: notConnected('Asset Hub') }
        : detectAssetHubCapabilities(assetHub),
    parachain:
      parachain === undefined
        ? {
            session: notConnected('your parachain'),
            collatorSelection: notConnected('your parachain'),
            dryRun: notConnected('your parachain'),
          }
        : detectParachainCapabilities(parachain),
  };
}

function detectPalletFlow(
  index: MetadataIndex,
  candidates: readonly string[],
  calls: readonly string[],
  what: string,
): Availability<PalletFlow> {
  const pallet = index.findPallet(candidates);
  if (pallet === undefined) return missing(`This runtime has no ${candidates[0] ?? 'such'} pallet, so ${what} are not offered here.`);
  return available({ pallet: pallet.name, calls: callPermissions(pallet.calls, calls, what) });
}

function detectOnDemand(relay: MetadataIndex): Availability<OnDemandCapability> {
  const pallet = relay.findPallet(PALLET_NAMES.onDemand);
  if (pallet === undefined) {
    return missing('This relay chain has no on-demand coretime pallet, so single blocks cannot be ordered here.');
  }
  const queueItem = ON_DEMAND_QUEUE_ITEMS.find((item) => pallet.storage.has(item));
  if (queueItem === undefined) {
    return missing('This runtime keeps the on-demand queue in a form the console does not know, so the spot price cannot be shown.');
  }
  return available({
    pallet: pallet.name,
    queueItem,
    // placeOrderWithCredits: on runtimes where credits bought on the Coretime chain pay for orders.
    calls: callPermissions(pallet.calls, ['placeOrderAllowDeath', 'placeOrderKeepAlive', 'placeOrderWithCredits'], 'on-demand orders'),
  });
}

function detectDryRun(index: MetadataIndex): Availability<DryRunCapability> {
  if (!index.describesRuntimeApis) {
    return missing("This runtime's metadata does not list its runtime APIs, so a dry-run cannot be relied on.");
  }
  return index.runtimeApi('DryRunApi')?.methods.has('dry_run_call')
    ? available({ runtimeApi: 'DryRunApi' as const })
    : missing('This runtime offers no dry-run, so transactions are checked by fee estimate only.');
}

function callPermissions(present: ReadonlySet<string>, calls: readonly string[], what: string): Record<string, CallPermission> {
  return Object.fromEntries(
    calls.map((call): [string, CallPermission] => [
      call,
      present.has(call)
        ? { state: 'unchecked' }
        : { state: 'absent', reason: `This runtime has no "${call}" call for ${what}.` },
    ]),
  );
}
