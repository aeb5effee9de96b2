import type { ApiPromise } from '@polkadot/api';
import { stringToU8a, u8aConcat, u8aToBigInt, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, decodeAddress } from '@polkadot/util-crypto';
import { PALLET_NAMES } from '../capabilities/pallet-names';
import { bigintOf, field, itemsOf, numberOf } from './codec-values';
import { storageItem } from './storage-item';

/** `crowdloan.funds(id)` on the relay chain. */
export interface CrowdloanFund {
  readonly depositor: string;
  readonly depositPlanck: bigint;
  readonly raisedPlanck: bigint;
  readonly capPlanck: bigint;
  /** Relay block at which contributions close. */
  readonly endBlock: number;
  readonly firstPeriod: number;
  readonly lastPeriod: number;
  readonly fundIndex: number;
}

export const crowdloanFunds = storageItem<[paraId: number], CrowdloanFund>(PALLET_NAMES.crowdloan, 'funds', (value) => ({
  depositor: field(value, 'depositor').toString(),
  depositPlanck: bigintOf(field(value, 'deposit')),
  raisedPlanck: bigintOf(field(value, 'raised')),
  capPlanck: bigintOf(field(value, 'cap')),
  endBlock: numberOf(field(value, 'end')),
  firstPeriod: numberOf(field(value, 'firstPeriod')),
  lastPeriod: numberOf(field(value, 'lastPeriod')),
  fundIndex: numberOf(field(value, 'fundIndex')),
}));

/**
 * What can be reclaimed on Asset Hub after the migration (`ahOps`), keyed by
 * (unlock block, para id, account). `readEntries(api, item, unlockBlock?)`
 * lists them; the key arguments give the unlock block and para for the
 * reclaim calls.
 */
export const ahCrowdloanContribution = storageItem<[unlockBlock: number, paraId: number, account: string], { pot: string; amountPlanck: bigint }>(
  PALLET_NAMES.ahOps,
  'rcCrowdloanContribution',
  (value) => {
    const [pot, amount] = itemsOf(value);
    if (pot === undefined || amount === undefined) throw new Error('a contribution is (pot, amount)');
    return { pot: pot.toString(), amountPlanck: bigintOf(amount) };
  },
);

export const ahLeaseReserve = storageItem<[unlockBlock: number, paraId: number, account: string], bigint>(PALLET_NAMES.ahOps, 'rcLeaseReserve', bigintOf);

export const ahCrowdloanReserve = storageItem<[unlockBlock: number, paraId: number, account: string], bigint>(
  PALLET_NAMES.ahOps,
  'rcCrowdloanReserve',
  bigintOf,
);

export const crowdloanNextFundIndex = storageItem<[], number>(PALLET_NAMES.crowdloan, 'nextFundIndex', numberOf);

/** `:child_storage:default:` as bytes: the prefix of every default child trie's storage key. */
const DEFAULT_CHILD_STORAGE_PREFIX = stringToU8a(':child_storage:default:');

/**
 * The prefixed storage key of a fund's child trie, where the relay keeps each
 * contribution (`Crowdloan::id_from_index`: blake2-256 of "crowdloan" and the
 * fund index as a little-endian u32).
 */
export function crowdloanChildKey(fundIndex: number): `0x${string}` {
  const id = blake2AsU8a(u8aConcat(stringToU8a('crowdloan'), u32Le(fundIndex)), 256);
  return u8aToHex(u8aConcat(DEFAULT_CHILD_STORAGE_PREFIX, id));
}

/** The fund's own account: the pallet id's sub-account for the fund index (`into_sub_account_truncating`). */
export function crowdloanFundAccount(palletId: Uint8Array, fundIndex: number): Uint8Array {
  const account = new Uint8Array(32);
  account.set(u8aConcat(stringToU8a('modl'), palletId, u32Le(fundIndex)).subarray(0, 32));
  return account;
}

/** What `who` has contributed to the fund (0 when nothing), read from the fund's child trie. */
export async function readContribution(api: ApiPromise, fundIndex: number, who: string): Promise<bigint> {
  const raw = await api.rpc.childstate.getStorage(crowdloanChildKey(fundIndex), u8aToHex(decodeAddress(who)));
  return contributionAmount(raw.isSome ? raw.unwrap().toU8a(true) : undefined);
}

/** Every contribution of the fund (account hex → amount), in the child trie's key order, as `refund` walks it. */
export async function readContributions(api: ApiPromise, fundIndex: number): Promise<{ account: `0x${string}`; amountPlanck: bigint }[]> {
  const childKey = crowdloanChildKey(fundIndex);
  const keys: { toHex(): `0x${string}` }[] = [];
  // Paged: the nodes that serve child storage do not all serve the unpaged `childstate_getKeys`.
  for (let startKey: string | undefined; ;) {
    const page = await api.rpc.childstate.getKeysPaged(childKey, '0x', CONTRIBUTION_PAGE, startKey);
    keys.push(...page);
    const last = page[page.length - 1];
    if (page.length < CONTRIBUTION_PAGE || last === undefined) break;
    startKey = last.toHex();
  }
  const found = await Promise.all(keys.map(async (key) => {
    const raw = await api.rpc.childstate.getStorage(childKey, key);
    return { account: key.toHex(), amountPlanck: contributionAmount(raw.isSome ? raw.unwrap().toU8a(true) : undefined) };
  }));
  return found.filter((entry) => entry.amountPlanck > 0n).sort((a, b) => (a.account < b.account ? -1 : a.account > b.account ? 1 : 0));
}

const CONTRIBUTION_PAGE = 500;

/** A contribution is stored as `(Balance, memo)`: the balance is the first 16 bytes, little-endian. */
function contributionAmount(bytes: Uint8Array | undefined): bigint {
  if (bytes === undefined || bytes.length < 16) return 0n;
  return u8aToBigInt(bytes.subarray(0, 16), { isLe: true });
}

function u32Le(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value, true);
  return bytes;
}
