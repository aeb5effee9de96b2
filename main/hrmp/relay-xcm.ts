import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import { blake2AsHex } from '@polkadot/util-crypto';
import { ServiceError } from '../errors/service-error';

/**
 * The message a para sends up to the relay to make a call there as itself:
 * take the fee out of its sovereign account, buy execution with it, `Transact`
 * the call, then give what was not spent back to the sovereign account.
 *
 *   WithdrawAsset(fee) · BuyExecution(fee, Unlimited) · Transact(originKind, call)
 *   · RefundSurplus · DepositAsset(All, para) · SetTopic(id)
 *
 * Locations are seen from the relay: its token is `{ parents: 0, Here }`, the
 * para is `{ parents: 0, X1: Parachain(id) }`.
 */

/** XCM versions the console writes, newest first; each differs in how `Transact` bounds the call's weight. */
const WRITABLE_VERSIONS = [5, 4] as const;
export type XcmVersion = (typeof WRITABLE_VERSIONS)[number];

export interface Weight {
  readonly refTime: bigint;
  readonly proofSize: bigint;
}

export interface RelayTransact {
  readonly paraId: number;
  /** The relay call's SCALE bytes (`call.method.toHex()`). */
  readonly callHex: `0x${string}`;
  readonly originKind: 'Native' | 'SovereignAccount';
  /** Withdrawn from the sovereign account to buy execution; the unspent part comes back. */
  readonly feeWithdrawPlanck: bigint;
  /** The call's weight: V4's `Transact` must state it (`requireWeightAtMost`); V5 works it out itself. */
  readonly callWeight: Weight;
}

/** The relay's `VersionedXcm` type name, as its XCM runtime APIs take it. */
export function versionedXcmType(api: ApiPromise): string {
  const params = (api.call.dryRunApi?.dryRunXcm as unknown as { meta?: { params?: Array<{ type: { toString(): string } }> } } | undefined)?.meta?.params;
  return params?.[1]?.type.toString() ?? 'XcmVersionedXcm';
}

/** XCM versions a chain's `VersionedXcm` holds, among those the console writes. */
export function writableXcmVersions(api: ApiPromise, typeName: string): XcmVersion[] {
  let variants: string[];
  try {
    variants = (api.registry.createType(typeName) as unknown as { defKeys: string[] }).defKeys;
  } catch {
    return [];
  }
  return WRITABLE_VERSIONS.filter((version) => variants.includes(`V${version}`));
}

/** The newest version both the relay and (when given) the sending parachain understand. */
export function pickXcmVersion(relayVersions: readonly XcmVersion[], paraVersions?: readonly XcmVersion[]): XcmVersion {
  const version = relayVersions.find((candidate) => paraVersions === undefined || paraVersions.includes(candidate));
  if (version === undefined) {
    throw new ServiceError('not_supported', `The relay and the parachain share no XCM version the console writes (relay: ${relayVersions.join(', ') || 'none'}; parachain: ${paraVersions?.join(', ') || 'none'}; the console writes 4 and 5).`,
      'Upgrade the parachain runtime to an XCM version the relay speaks.');
  }
  return version;
}

/** The instructions, in the plain JSON polkadot-js encodes for `version`. */
export function relayTransactInstructions(version: XcmVersion, transact: RelayTransact): unknown[] {
  const here = { parents: 0, interior: 'Here' };
  const fee = { id: here, fun: { Fungible: transact.feeWithdrawPlanck } };
  const transactInstruction = version >= 5
    ? { Transact: { originKind: transact.originKind, fallbackMaxWeight: null, call: { encoded: transact.callHex } } }
    : { Transact: { originKind: transact.originKind, requireWeightAtMost: { refTime: transact.callWeight.refTime, proofSize: transact.callWeight.proofSize }, call: { encoded: transact.callHex } } };
  return [
    { WithdrawAsset: [fee] },
    { BuyExecution: { fees: fee, weightLimit: 'Unlimited' } },
    transactInstruction,
    'RefundSurplus',
    { DepositAsset: { assets: { Wild: { AllCounted: 1 } }, beneficiary: { parents: 0, interior: { X1: [{ Parachain: transact.paraId }] } } } },
  ];
}

/**
 * The message as it leaves the parachain: Cumulus routers (`WithUniqueTopic`) append a `SetTopic` to a message
 * that has none, which the relay then weighs and charges for. Ending it with our own topic (the hash of the
 * instructions, as those routers derive one) keeps the bytes the relay dry-runs and prices the bytes it receives.
 */
export function withTopic(api: ApiPromise, version: XcmVersion, instructions: unknown[]): unknown[] {
  const bare = api.registry.createType(versionedXcmType(api), { [`V${version}`]: instructions });
  return [...instructions, { SetTopic: blake2AsHex(bare.toU8a(), 256) }];
}

/** The message as a `VersionedXcm` of the relay's registry: what the para sends upward, byte for byte. */
export function relayTransactXcm(api: ApiPromise, version: XcmVersion, transact: RelayTransact): Codec {
  return api.registry.createType(versionedXcmType(api), { [`V${version}`]: withTopic(api, version, relayTransactInstructions(version, transact)) });
}

/** The para as an XCM origin on the relay, in `version`. */
export function paraLocationOnRelay(version: XcmVersion, paraId: number): Record<string, unknown> {
  return { [`V${version}`]: { parents: 0, interior: { X1: [{ Parachain: paraId }] } } };
}

/** The relay as a destination seen from a parachain, in `version`. */
export function relayLocationFromPara(version: XcmVersion): Record<string, unknown> {
  return { [`V${version}`]: { parents: 1, interior: 'Here' } };
}

/** The `VersionedXcm` type a chain's `<pallet>.send` takes, by its registry name. */
export function versionedXcmTypeOfSend(api: ApiPromise, pallet: string): string {
  return api.tx[pallet]?.send?.meta.args[1]?.type.toString() ?? 'XcmVersionedXcm';
}
