import { encodeAddress } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import type { OnboardingProgress, RotatedSessionKeysRecord } from '../../../shared/contract/onboarding';
import { collatorKeysState, collatorSignerOf, maySetKeys, signerFunds } from '../../../renderer/src/features/onboarding/steps/collator-keys-state';

const alice = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const bob = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const aura = `0x${'d4'.repeat(32)}`;
const rotatedFor = (owner: string): RotatedSessionKeysRecord => ({ keys: aura, proof: `0x${'ab'.repeat(64)}`, owner, decoded: null, at: 1 });

const progress = (over: Partial<OnboardingProgress> = {}): OnboardingProgress => ({
  step: 'collators', completed: [], rehearsal: false, collatorProfileIds: ['c1', 'c2'], watchedParaIds: [], collators: {}, txIds: {}, updatedAt: 0, ...over,
});

describe('whether a collator’s session keys may be set', () => {
  it('asks for a signer, then for keys, before anything can be set', () => {
    expect(collatorKeysState({})).toEqual({ kind: 'no-signer' });
    expect(collatorKeysState({ signer: { address: alice } })).toEqual({ kind: 'not-rotated' });
  });

  it('keys rotated for one account go stale when another account signs for the collator: rotate again', () => {
    const state = collatorKeysState({ rotated: rotatedFor(alice), signer: { address: bob }, keysOnNode: true });
    expect(state).toEqual({ kind: 'stale', rotatedFor: alice, signer: bob });
    expect(maySetKeys(state)).toBe(false);
  });

  it('the same account in another network’s address format is not a change of signer', () => {
    const aliceOnPolkadot = encodeAddress(alice, 0);
    expect(aliceOnPolkadot).not.toBe(alice);
    expect(collatorKeysState({ rotated: rotatedFor(alice), signer: { address: aliceOnPolkadot }, keysOnNode: true })).toEqual({ kind: 'ready' });
  });

  it('blocks keys the node says it does not hold, and allows keys it has not been asked about yet', () => {
    const missing = collatorKeysState({ rotated: rotatedFor(alice), signer: { address: alice }, keysOnNode: false });
    expect(missing).toEqual({ kind: 'missing-on-node' });
    expect(maySetKeys(missing)).toBe(false);
    const unverified = collatorKeysState({ rotated: rotatedFor(alice), signer: { address: alice } });
    expect(unverified).toEqual({ kind: 'unverified' });
    expect(maySetKeys(unverified)).toBe(true);
  });

  it('an unreadable owner never matches the signer', () => {
    expect(collatorKeysState({ rotated: rotatedFor('not an address'), signer: { address: alice } }).kind).toBe('stale');
  });
});

describe('who signs for a collator', () => {
  it('defaults to the onboarding signer, and a collator’s own account takes over', () => {
    const withManager = progress({ signer: { kind: 'vault', address: alice, name: 'Manager' } });
    expect(collatorSignerOf(withManager, 'c1')).toEqual({ kind: 'vault', address: alice, name: 'Manager', inherited: true });
    const own = progress({ signer: { kind: 'vault', address: alice }, collators: { c2: { signer: { kind: 'extension', address: bob } } } });
    expect(collatorSignerOf(own, 'c2')).toEqual({ kind: 'extension', address: bob, inherited: false });
    expect(collatorSignerOf(own, 'c1')?.address).toBe(alice);
  });

  it('a watch-only onboarding signer leaves a collator without one until it gets its own', () => {
    expect(collatorSignerOf(progress({ signer: { kind: 'watch', address: alice } }), 'c1')).toBeUndefined();
  });
});

describe('whether the signer can pay on the parachain', () => {
  it('says so when the account is empty or short of a known cost', () => {
    expect(signerFunds(undefined)).toEqual({ kind: 'unknown' });
    expect(signerFunds(0n)).toEqual({ kind: 'empty' });
    expect(signerFunds(5n, 12n)).toEqual({ kind: 'short', shortPlanck: 7n });
    expect(signerFunds(12n, 12n)).toEqual({ kind: 'enough' });
    expect(signerFunds(1n)).toEqual({ kind: 'enough' });
  });
});
