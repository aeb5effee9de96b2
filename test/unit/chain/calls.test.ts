import type { ApiPromise } from '@polkadot/api';
import type { Call } from '@polkadot/types/interfaces';
import type { Codec } from '@polkadot/types-codec/types';
import { stringCamelCase, u8aToHex } from '@polkadot/util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPlanck } from '../../../main/chain/calls/amount-text';
import { buildAuctionBid } from '../../../main/chain/calls/auctions';
import { COMPLETE_CORE_MASK, buildBrokerAssign, buildBrokerPurchase, buildBrokerRenew, buildBrokerTransfer } from '../../../main/chain/calls/broker';
import type { BuiltCall, CallContext } from '../../../main/chain/calls/built-call';
import { buildRegisterAsCandidate, buildSetSessionKeys } from '../../../main/chain/calls/collator';
import {
  buildCrowdloanContribute,
  buildCrowdloanCreate,
  buildCrowdloanDissolve,
  buildCrowdloanRefund,
  buildCrowdloanWithdraw,
} from '../../../main/chain/calls/crowdloan';
import {
  buildUnreserveCrowdloanReserve,
  buildUnreserveLeaseDeposit,
  buildWithdrawCrowdloanContribution,
} from '../../../main/chain/calls/crowdloan-reclaim';
import { buildPlaceOrder } from '../../../main/chain/calls/on-demand';
import {
  buildAddLock,
  buildDeregister,
  buildRegister,
  buildReserve,
  buildScheduleCodeUpgrade,
  buildSetCurrentHead,
  registrarCallsFor,
} from '../../../main/chain/calls/registrar';
import { KUSAMA, POLKADOT } from '../../../main/chain/networks';
import { isServiceError } from '../../../main/errors/service-error';
import { offlineApi, type ShippedRuntime } from './support/real-metadata';

/**
 * Every call is built against real runtime metadata, encoded, decoded back
 * from its bytes with the same metadata, and checked: exactly the intended
 * pallet, call and arguments.
 */

const ALICE = '15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5';
const BOB = '14E5nqKAp3oAJcmzgZhUD2RcptBeUBScxKHgJKU4HPNcKVf3';
const WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04]);
const COMPRESSED_WASM = new Uint8Array([0x52, 0xbc, 0x53, 0x76, 0x46, 0xdb, 0x8e, 0x05, 0x28, 0xb5, 0x2f, 0xfd]);
const HEAD = new Uint8Array(Array.from({ length: 120 }, (_, i) => i));
const LIMITS = { maxCodeSize: 3_145_728, maxHeadDataSize: 20_480 };

interface Decoded {
  section: string;
  method: string;
  args: Record<string, Codec>;
}

function decodeBack(api: ApiPromise, call: BuiltCall): Decoded {
  const bytes = call.extrinsic.method.toU8a();
  const decoded: Call = api.registry.createType('Call', bytes);
  expect(u8aToHex(decoded.toU8a())).toBe(u8aToHex(bytes));
  // argsDef keeps the runtime's snake_case names; compare in the camelCase api.tx uses.
  const names = Object.keys(decoded.argsDef).map((name) => stringCamelCase(name));
  expect(names.length).toBe(decoded.args.length);
  const args = Object.fromEntries(names.map((name, i) => [name, decoded.args[i] as Codec]));
  return { section: decoded.section, method: decoded.method, args };
}

const apis = new Map<ShippedRuntime, ApiPromise>();
async function ctxFor(runtime: ShippedRuntime, token = POLKADOT.token): Promise<{ api: ApiPromise; ctx: CallContext }> {
  let api = apis.get(runtime);
  if (api === undefined) {
    api = await offlineApi(runtime);
    apis.set(runtime, api);
  }
  return { api, ctx: { api, token } };
}

afterAll(async () => {
  await Promise.all([...apis.values()].map((api) => api.disconnect()));
});

const RELAYS = [
  ['Polkadot 2,000,000', 'polkadot', POLKADOT.token],
  ['Kusama 1,009,002', 'kusama', KUSAMA.token],
] as const;

describe.each(RELAYS)('registrar calls on %s', (_label, runtime, token) => {
  let api: ApiPromise;
  let ctx: CallContext;
  beforeAll(async () => ({ api, ctx } = await ctxFor(runtime, token)));

  it('reserves the next free para id', () => {
    const call = buildReserve(ctx);
    expect(decodeBack(api, call)).toMatchObject({ section: 'registrar', method: 'reserve', args: {} });
    expect(call.details[0]).toMatch(new RegExp(`Holds [\\d,.]+ ${token.symbol}`));
  });

  it('registers para 2000 with exactly the head and code given, and shows the exact deposit', () => {
    const call = buildRegister(ctx, { paraId: 2000, genesisHead: HEAD, validationCode: WASM, limits: LIMITS });
    const back = decodeBack(api, call);
    expect(back.section).toBe('registrar');
    expect(back.method).toBe('register');
    expect(Object.keys(back.args)).toEqual(['id', 'genesisHead', 'validationCode']);
    expect(back.args['id']?.toJSON()).toBe(2000);
    expect(back.args['genesisHead']?.toU8a(true)).toEqual(HEAD);
    expect(back.args['validationCode']?.toU8a(true)).toEqual(WASM);
    expect(call.details.join(' ')).toMatch(new RegExp(`Deposit held: [\\d,.]+ ${token.symbol} in total`));
  });

  it('accepts zstd-compressed code, and refuses what the relay would reject before building anything', () => {
    expect(decodeBack(api, buildRegister(ctx, { paraId: 2001, genesisHead: HEAD, validationCode: COMPRESSED_WASM, limits: LIMITS })).method).toBe('register');
    const refusals: [string, () => unknown][] = [
      ['not wasm', () => buildRegister(ctx, { paraId: 2000, genesisHead: HEAD, validationCode: new TextEncoder().encode('{"name":"spec"}'), limits: LIMITS })],
      ['empty code', () => buildRegister(ctx, { paraId: 2000, genesisHead: HEAD, validationCode: new Uint8Array(), limits: LIMITS })],
      ['code too large', () => buildRegister(ctx, { paraId: 2000, genesisHead: HEAD, validationCode: WASM, limits: { ...LIMITS, maxCodeSize: 8 } })],
      ['head too large', () => buildRegister(ctx, { paraId: 2000, genesisHead: HEAD, validationCode: WASM, limits: { ...LIMITS, maxHeadDataSize: 64 } })],
      ['empty head', () => buildRegister(ctx, { paraId: 2000, genesisHead: new Uint8Array(), validationCode: WASM, limits: LIMITS })],
    ];
    for (const [label, attempt] of refusals) {
      let caught: unknown;
      try {
        attempt();
      } catch (error) {
        caught = error;
      }
      expect(isServiceError(caught), label).toBe(true);
      if (isServiceError(caught)) {
        expect(caught.code, label).toBe('bad_file');
        expect(caught.hint, label).toBeTruthy();
      }
    }
  });

  it('deregisters, locks, upgrades code and sets the head of para 2000', () => {
    expect(decodeBack(api, buildDeregister(ctx, 2000))).toMatchObject({ section: 'registrar', method: 'deregister' });
    expect(decodeBack(api, buildDeregister(ctx, 2000)).args['id']?.toJSON()).toBe(2000);
    const lock = decodeBack(api, buildAddLock(ctx, 2000));
    expect(lock).toMatchObject({ section: 'registrar', method: 'addLock' });
    expect(lock.args['para']?.toJSON()).toBe(2000);
    const upgrade = decodeBack(api, buildScheduleCodeUpgrade(ctx, { paraId: 2000, newCode: WASM, limits: LIMITS }));
    expect(upgrade).toMatchObject({ section: 'registrar', method: 'scheduleCodeUpgrade' });
    expect(upgrade.args['para']?.toJSON()).toBe(2000);
    expect(upgrade.args['newCode']?.toU8a(true)).toEqual(WASM);
    const head = decodeBack(api, buildSetCurrentHead(ctx, { paraId: 2000, head: HEAD, limits: LIMITS }));
    expect(head).toMatchObject({ section: 'registrar', method: 'setCurrentHead' });
    expect(head.args['newHead']?.toU8a(true)).toEqual(HEAD);
  });
});

describe.each(RELAYS)('auctions and crowdloans on %s', (_label, runtime, token) => {
  let api: ApiPromise;
  let ctx: CallContext;
  beforeAll(async () => ({ api, ctx } = await ctxFor(runtime, token)));

  it('bids in an auction for a range of lease periods', () => {
    const back = decodeBack(api, buildAuctionBid(ctx, { paraId: 2000, auctionIndex: 7, firstSlot: 20, lastSlot: 27, amountPlanck: 12_345_678_901_234n }));
    expect(back).toMatchObject({ section: 'auctions', method: 'bid' });
    expect(Object.keys(back.args)).toEqual(['para', 'auctionIndex', 'firstSlot', 'lastSlot', 'amount']);
    expect(back.args['para']?.toJSON()).toBe(2000);
    expect(back.args['auctionIndex']?.toJSON()).toBe(7);
    expect(back.args['firstSlot']?.toJSON()).toBe(20);
    expect(back.args['lastSlot']?.toJSON()).toBe(27);
    expect(BigInt(back.args['amount']?.toString() ?? '')).toBe(12_345_678_901_234n);
  });

  it('creates, contributes to, withdraws from, refunds and dissolves a crowdloan', () => {
    const create = decodeBack(api, buildCrowdloanCreate(ctx, { paraId: 2000, capPlanck: 5_000_000_000_000_000n, firstPeriod: 20, lastPeriod: 27, endBlock: 1_000_000 }));
    expect(create).toMatchObject({ section: 'crowdloan', method: 'create' });
    expect(create.args['index']?.toJSON()).toBe(2000);
    expect(BigInt(create.args['cap']?.toString() ?? '')).toBe(5_000_000_000_000_000n);
    expect(create.args['firstPeriod']?.toJSON()).toBe(20);
    expect(create.args['lastPeriod']?.toJSON()).toBe(27);
    expect(create.args['end']?.toJSON()).toBe(1_000_000);
    expect(create.args['verifier']?.isEmpty).toBe(true);

    const contribute = decodeBack(api, buildCrowdloanContribute(ctx, { paraId: 2000, amountPlanck: 50_000_000_000n }));
    expect(contribute).toMatchObject({ section: 'crowdloan', method: 'contribute' });
    expect(BigInt(contribute.args['value']?.toString() ?? '')).toBe(50_000_000_000n);
    expect(contribute.args['signature']?.isEmpty).toBe(true);

    const withdraw = decodeBack(api, buildCrowdloanWithdraw(ctx, { contributor: ALICE, paraId: 2000 }));
    expect(withdraw).toMatchObject({ section: 'crowdloan', method: 'withdraw' });
    expect(withdraw.args['who']?.toU8a()).toEqual(api.registry.createType('AccountId32', ALICE).toU8a());
    expect(withdraw.args['index']?.toJSON()).toBe(2000);

    expect(decodeBack(api, buildCrowdloanRefund(ctx, 2000))).toMatchObject({ section: 'crowdloan', method: 'refund' });
    const dissolve = decodeBack(api, buildCrowdloanDissolve(ctx, 2000));
    expect(dissolve).toMatchObject({ section: 'crowdloan', method: 'dissolve' });
    expect(dissolve.args['index']?.toJSON()).toBe(2000);
  });
});

describe('on-demand orders', () => {
  it.each([
    ['polkadot', 'onDemand'],
    ['kusama', 'onDemandAssignmentProvider'],
  ] as const)('on %s go to the `%s` pallet, keep-alive and allow-death, with the price cap and para', async (runtime, pallet) => {
    const { api, ctx } = await ctxFor(runtime);
    for (const keepAlive of [true, false]) {
      const call = buildPlaceOrder(ctx, { paraId: 2000, maxAmountPlanck: 1_500_000_000n, keepAlive });
      const back = decodeBack(api, call);
      expect(back.section).toBe(pallet);
      expect(back.method).toBe(keepAlive ? 'placeOrderKeepAlive' : 'placeOrderAllowDeath');
      expect(Object.keys(back.args)).toEqual(['maxAmount', 'paraId']);
      expect(BigInt(back.args['maxAmount']?.toString() ?? '')).toBe(1_500_000_000n);
      expect(back.args['paraId']?.toJSON()).toBe(2000);
    }
    expect(buildPlaceOrder(ctx, { paraId: 2000, maxAmountPlanck: 1_500_000_000n, keepAlive: true }).summary).toContain('at most 0.15 DOT');
  });

  it('is refused with not_supported on a relay runtime without on-demand', async () => {
    const { ctx } = await ctxFor('polkadotV14');
    expect(() => buildPlaceOrder(ctx, { paraId: 2000, maxAmountPlanck: 1n, keepAlive: true })).toThrow(/no onDemand \/ onDemandAssignmentProvider "placeOrderKeepAlive" call/);
  });
});

describe.each([
  ['Polkadot Asset Hub', 'assetHubPolkadot'],
  ['Kusama Asset Hub', 'assetHubKusama'],
] as const)('crowdloan reclaim on %s', (_label, runtime) => {
  it('withdraws a contribution, and releases the lease deposit and crowdloan reserve, for an account or the caller', async () => {
    const { api, ctx } = await ctxFor(runtime);
    const builders = [
      [buildWithdrawCrowdloanContribution, 'withdrawCrowdloanContribution'],
      [buildUnreserveLeaseDeposit, 'unreserveLeaseDeposit'],
      [buildUnreserveCrowdloanReserve, 'unreserveCrowdloanReserve'],
    ] as const;
    for (const [build, method] of builders) {
      const forBob = decodeBack(api, build(ctx, { unlockBlock: 24_000_000, paraId: 2004, depositor: BOB }));
      expect(forBob).toMatchObject({ section: 'ahOps', method });
      expect(Object.keys(forBob.args)).toEqual(['block', 'depositor', 'paraId']);
      expect(forBob.args['block']?.toJSON()).toBe(24_000_000);
      expect(forBob.args['depositor']?.toU8a()).toEqual(api.registry.createType('Option<AccountId32>', BOB).toU8a());
      expect(forBob.args['paraId']?.toJSON()).toBe(2004);
      const own = decodeBack(api, build(ctx, { unlockBlock: 24_000_000, paraId: 2004 }));
      expect(own.args['depositor']?.isEmpty).toBe(true);
    }
  });
});

describe.each([
  ['Polkadot Asset Hub', 'assetHubPolkadot'],
  ['Kusama Asset Hub', 'assetHubKusama'],
] as const)('collator calls on a Cumulus parachain (%s)', (_label, runtime) => {
  it('sets the session keys returned by author_rotateKeys and registers as a candidate', async () => {
    const { api, ctx } = await ctxFor(runtime);
    const keys = `0x${'ab'.repeat(32)}` as const;
    const setKeys = decodeBack(api, buildSetSessionKeys(ctx, { keys }));
    expect(setKeys).toMatchObject({ section: 'session', method: 'setKeys' });
    expect(setKeys.args['keys']?.toHex()).toBe(keys);
    expect(setKeys.args['proof']?.toU8a(true)).toEqual(new Uint8Array());
    expect(decodeBack(api, buildRegisterAsCandidate(ctx))).toMatchObject({ section: 'collatorSelection', method: 'registerAsCandidate', args: {} });
  });
});

describe('bulk coretime (the real pallet_broker, as shipped in the Substrate node 268 metadata)', () => {
  it('purchases with a price limit, renews a core, assigns a region provisionally or finally, and transfers it', async () => {
    const { api, ctx } = await ctxFor('substrate');
    const purchase = decodeBack(api, buildBrokerPurchase(ctx, 25_000_000_000_000n));
    expect(purchase).toMatchObject({ section: 'broker', method: 'purchase' });
    expect(BigInt(purchase.args['priceLimit']?.toString() ?? '')).toBe(25_000_000_000_000n);

    const renew = decodeBack(api, buildBrokerRenew(ctx, { core: 42, renewalPricePlanck: 1n, window: 'test' }));
    expect(renew).toMatchObject({ section: 'broker', method: 'renew' });
    expect(renew.args['core']?.toJSON()).toBe(42);

    const region = { begin: 334_800, core: 42, mask: COMPLETE_CORE_MASK };
    for (const finality of ['Provisional', 'Final'] as const) {
      const assign = decodeBack(api, buildBrokerAssign(ctx, { region, paraId: 2000, finality }));
      expect(assign).toMatchObject({ section: 'broker', method: 'assign' });
      expect(assign.args['regionId']?.toJSON()).toEqual({ begin: 334_800, core: 42, mask: COMPLETE_CORE_MASK });
      expect(assign.args['task']?.toJSON()).toBe(2000);
      expect(assign.args['finality']?.toString()).toBe(finality);
    }

    const transfer = decodeBack(api, buildBrokerTransfer(ctx, { region, newOwner: BOB }));
    expect(transfer).toMatchObject({ section: 'broker', method: 'transfer' });
    expect(transfer.args['regionId']?.toJSON()).toEqual({ begin: 334_800, core: 42, mask: COMPLETE_CORE_MASK });
    expect(transfer.args['newOwner']?.toU8a()).toEqual(api.registry.createType('AccountId32', BOB).toU8a());
  });

  it('is refused on a relay chain, which has no broker', async () => {
    const { ctx } = await ctxFor('polkadot');
    expect(() => buildBrokerRenew(ctx, { core: 1, renewalPricePlanck: 1n, window: 'test' })).toThrow(/no broker "renew" call/);
  });
});

describe('registrar calls per runtime generation', () => {
  it('drives the relay registrar, and refuses in words a generation it cannot drive yet', async () => {
    const { api, ctx } = await ctxFor('polkadot');
    expect(decodeBack(api, registrarCallsFor('relay-registrar').reserve(ctx))).toMatchObject({ section: 'registrar', method: 'reserve' });
    expect(() => registrarCallsFor('coretime-authorised')).toThrow(/Coretime chain/);
  });
});

describe('amounts in the sentences the operator reads before signing', () => {
  it('are exact to the planck, grouped, without trailing zeros', () => {
    expect(formatPlanck(32_460_280_000_000n, POLKADOT.token)).toBe('3,246.028 DOT');
    expect(formatPlanck(1n, KUSAMA.token)).toBe('0.000000000001 KSM');
    expect(formatPlanck(0n, POLKADOT.token)).toBe('0 DOT');
    expect(formatPlanck(-15_000_000_000n, POLKADOT.token)).toBe('-1.5 DOT');
    expect(formatPlanck(1_234_567n, { symbol: 'UNIT', decimals: 0 })).toBe('1,234,567 UNIT');
  });
});
