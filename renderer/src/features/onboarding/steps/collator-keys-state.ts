import type { CollatorSigner, OnboardingProgress, RotatedSessionKeysRecord } from '../../../../../shared/contract/onboarding';
import { sameAccount } from '../../../format/address';

/**
 * Whether one collator's session keys may go on chain with `session.setKeys`.
 * The ownership proof from `author_rotateKeysWithOwner` names one account, and
 * keys already set by one account cannot be set by another, so keys rotated
 * for an earlier signer are stale: the node must rotate again.
 */
export type CollatorKeysState =
  | { kind: 'no-signer' }
  | { kind: 'not-rotated' }
  | { kind: 'stale'; rotatedFor: string; signer: string }
  /** The node says its keystore lacks them (another base path, a wiped keystore): they would never author. */
  | { kind: 'missing-on-node' }
  /** Rotated for this signer; the node could not be asked (yet) whether it holds them. */
  | { kind: 'unverified' }
  | { kind: 'ready' };

/** `keysOnNode`: the last `author_hasSessionKeys` answer for the rotated keys; undefined when not asked or it failed. */
export function collatorKeysState(input: { rotated?: RotatedSessionKeysRecord; signer?: { address: string }; keysOnNode?: boolean }): CollatorKeysState {
  if (!input.signer) return { kind: 'no-signer' };
  if (!input.rotated) return { kind: 'not-rotated' };
  if (!sameAccount(input.rotated.owner, input.signer.address)) return { kind: 'stale', rotatedFor: input.rotated.owner, signer: input.signer.address };
  if (input.keysOnNode === false) return { kind: 'missing-on-node' };
  if (input.keysOnNode === undefined) return { kind: 'unverified' };
  return { kind: 'ready' };
}

/** Only rotated keys for the current signer that the node does not deny holding may be set. */
export function maySetKeys(state: CollatorKeysState): boolean {
  return state.kind === 'ready' || state.kind === 'unverified';
}

/** Who signs for a collator: its own choice, else the onboarding signer when that one can sign. */
export function collatorSignerOf(progress: OnboardingProgress, profileId: string): (CollatorSigner & { inherited: boolean }) | undefined {
  const own = progress.collators[profileId]?.signer;
  if (own) return { ...own, inherited: false };
  const onboarding = progress.signer;
  if (!onboarding || onboarding.kind === 'watch') return undefined;
  return { kind: onboarding.kind, address: onboarding.address, ...(onboarding.name ? { name: onboarding.name } : {}), inherited: true };
}

/** Whether a signer's parachain balance can pay anything at all, or the known cost of the next transaction. */
export type SignerFunds = { kind: 'unknown' } | { kind: 'empty' } | { kind: 'short'; shortPlanck: bigint } | { kind: 'enough' };

export function signerFunds(transferablePlanck: bigint | undefined, costPlanck?: bigint): SignerFunds {
  if (transferablePlanck === undefined) return { kind: 'unknown' };
  if (transferablePlanck === 0n) return { kind: 'empty' };
  if (costPlanck !== undefined && transferablePlanck < costPlanck) return { kind: 'short', shortPlanck: costPlanck - transferablePlanck };
  return { kind: 'enough' };
}
