import type { DispatchError } from '@polkadot/types/interfaces';
import { stringCamelCase } from '@polkadot/util';
import { describe, expect, it } from 'vitest';
import { describeDispatchError, describeModuleError, knownModuleErrors } from '../../../main/chain/dispatch-errors';
import { loadRuntime, type LoadedRuntime, type ShippedRuntime } from './support/real-metadata';

/**
 * A module error exactly as the runtime emits it in `ExtrinsicFailed`: pallet index and the error's variant index,
 * in the runtime's own DispatchError type from metadata (not polkadot-js' legacy built-in one).
 */
function moduleError(runtime: LoadedRuntime, pallet: string, name: string): DispatchError {
  const entry = runtime.metadata.asLatest.pallets.find((p) => stringCamelCase(p.name.toString()) === pallet);
  if (entry === undefined || entry.errors.isNone) throw new Error(`${pallet} has no errors here`);
  const variants = runtime.registry.lookup.getSiType(entry.errors.unwrap().type).def.asVariant.variants;
  const variant = variants.find((v) => v.name.toString() === name);
  if (variant === undefined) throw new Error(`${pallet}.${name} not in this runtime`);
  return runtime.registry.createType<DispatchError>('SpRuntimeDispatchError', {
    Module: { index: entry.index.toNumber(), error: new Uint8Array([variant.index.toNumber(), 0, 0, 0]) },
  });
}

describe('dispatch errors in plain words', () => {
  it('explains registrar refusals on Polkadot with what to do', async () => {
    const polkadot = await loadRuntime('polkadot');
    const tooLarge = describeDispatchError(polkadot.registry, moduleError(polkadot, 'registrar', 'CodeTooLarge'));
    expect(tooLarge).toMatchObject({ code: 'registrar.CodeTooLarge', title: 'Validation code too large' });
    expect(tooLarge.hint).toMatch(/compressed/);
    expect(describeDispatchError(polkadot.registry, moduleError(polkadot, 'registrar', 'NotReserved'))).toMatchObject({ code: 'registrar.NotReserved', title: 'Para id not reserved' });
    expect(describeDispatchError(polkadot.registry, moduleError(polkadot, 'registrar', 'ParaLocked')).hint).toMatch(/XCM|governance/);
  });

  it('says the same about on-demand whether the pallet is `onDemand` (Polkadot) or `onDemandAssignmentProvider` (Kusama)', async () => {
    const polkadot = await loadRuntime('polkadot');
    const kusama = await loadRuntime('kusama');
    const onPolkadot = describeDispatchError(polkadot.registry, moduleError(polkadot, 'onDemand', 'SpotPriceHigherThanMaxAmount'));
    const onKusama = describeDispatchError(kusama.registry, moduleError(kusama, 'onDemandAssignmentProvider', 'SpotPriceHigherThanMaxAmount'));
    expect(onPolkadot.code).toBe('onDemand.SpotPriceHigherThanMaxAmount');
    expect(onKusama.code).toBe('onDemandAssignmentProvider.SpotPriceHigherThanMaxAmount');
    expect(onKusama.title).toBe(onPolkadot.title);
    expect(describeDispatchError(kusama.registry, moduleError(kusama, 'onDemandAssignmentProvider', 'QueueFull')).title).toBe('On-demand queue full');
  });

  it('explains a call-filtered flow, missing funds, and token and arithmetic errors', async () => {
    const polkadot = await loadRuntime('polkadot');
    expect(describeDispatchError(polkadot.registry, moduleError(polkadot, 'system', 'CallFiltered'))).toMatchObject({ code: 'system.CallFiltered', title: 'Switched off on this network' });
    expect(describeDispatchError(polkadot.registry, moduleError(polkadot, 'balances', 'InsufficientBalance')).title).toBe('Not enough funds');
    const token = polkadot.registry.createType<DispatchError>('SpRuntimeDispatchError', { Token: 'FundsUnavailable' });
    expect(describeDispatchError(polkadot.registry, token)).toMatchObject({ code: 'token.FundsUnavailable', title: 'Not enough funds' });
    const arithmetic = polkadot.registry.createType<DispatchError>('SpRuntimeDispatchError', { Arithmetic: 'Overflow' });
    expect(describeDispatchError(polkadot.registry, arithmetic)).toMatchObject({ code: 'arithmetic.Overflow', title: 'Amount out of range' });
    expect(describeDispatchError(polkadot.registry, polkadot.registry.createType<DispatchError>('SpRuntimeDispatchError', 'BadOrigin')).code).toBe('BadOrigin');
  });

  it('explains broker, reclaim and collator errors on the runtimes that carry them', async () => {
    const substrate = await loadRuntime('substrate');
    expect(describeDispatchError(substrate.registry, moduleError(substrate, 'broker', 'Overpriced')).hint).toMatch(/Raise the limit/);
    expect(describeDispatchError(substrate.registry, moduleError(substrate, 'broker', 'SoldOut')).title).toBe('Sold out');
    const assetHub = await loadRuntime('assetHubPolkadot');
    expect(describeDispatchError(assetHub.registry, moduleError(assetHub, 'ahOps', 'NotYet')).title).toBe('Not unlocked yet');
    expect(describeDispatchError(assetHub.registry, moduleError(assetHub, 'collatorSelection', 'ValidatorNotRegistered')).hint).toMatch(/session keys/);
  });

  it('falls back to the runtime’s own documentation for an error it has no words for', async () => {
    const polkadot = await loadRuntime('polkadot');
    const words = describeDispatchError(polkadot.registry, moduleError(polkadot, 'paras', 'PvfCheckDoubleVote'));
    expect(words.code).toBe('paras.PvfCheckDoubleVote');
    expect(words.title).toBe('Pvf check double vote (paras)');
    expect(words.message.length).toBeGreaterThan(10);
    expect(words.hint).toBeUndefined();
    expect(describeModuleError('Paras', 'Mystery').message).toBe('The paras pallet refused the call: Mystery.');
  });

  it('has words only for errors that real runtimes define (except EmptyCode, named by newer registrars)', async () => {
    const runtimes: ShippedRuntime[] = ['polkadot', 'kusama', 'assetHubPolkadot', 'substrate'];
    const defined = new Set<string>();
    for (const name of runtimes) {
      const { index } = await loadRuntime(name);
      for (const pallet of index.palletNames()) for (const error of index.pallet(pallet)?.errors ?? []) defined.add(`${pallet}.${error}`);
    }
    const undefinedHere = knownModuleErrors().filter((code) => !defined.has(code));
    expect(undefinedHere).toEqual(['registrar.EmptyCode']);
  });
});
