import type { ApiPromise } from '@polkadot/api';
import type { EventRecord } from '@polkadot/types/interfaces';
import type { Codec } from '@polkadot/types-codec/types';
import { PALLET_NAMES } from '../capabilities/pallet-names';

/** What the chain took for one on-demand order transaction, from the events of its own block. */
export interface OrderCharges {
  /** `OnDemandOrderPlaced.spotPrice`; absent when the order failed (nothing but the fee was taken). */
  readonly pricePlanck?: bigint;
  /** `TransactionFeePaid.actualFee + tip`: taken whether or not the order went through. */
  readonly feePlanck: bigint;
  readonly blockNumber: number;
  readonly placed: boolean;
}

const ON_DEMAND_SECTIONS: ReadonlySet<string> = new Set(PALLET_NAMES.onDemand);

/** Undefined when the block does not hold the transaction. */
export async function readOrderCharges(api: ApiPromise, blockHash: `0x${string}`, txHash: string): Promise<OrderCharges | undefined> {
  const signedBlock = await api.rpc.chain.getBlock(blockHash);
  const index = signedBlock.block.extrinsics.findIndex((extrinsic) => extrinsic.hash.toHex() === txHash);
  if (index < 0) return undefined;
  const readEvents = (await api.at(blockHash)).query['system']?.['events'];
  const records = readEvents ? ((await readEvents()) as unknown as EventRecord[]) : [];
  let pricePlanck: bigint | undefined;
  let feePlanck = 0n;
  for (const { phase, event } of records) {
    if (!phase.isApplyExtrinsic || !phase.asApplyExtrinsic.eqn(index)) continue;
    if (ON_DEMAND_SECTIONS.has(event.section) && event.method === 'OnDemandOrderPlaced') pricePlanck = namedBigint(event.data, 'spotPrice', 1);
    if (event.section === 'transactionPayment' && event.method === 'TransactionFeePaid') {
      feePlanck = namedBigint(event.data, 'actualFee', 1) + namedBigint(event.data, 'tip', 2);
    }
  }
  return { ...(pricePlanck === undefined ? {} : { pricePlanck }), feePlanck, blockNumber: signedBlock.block.header.number.toNumber(), placed: pricePlanck !== undefined };
}

/** A field of an event by its metadata name, else by position (older metadata names none). */
function namedBigint(data: Codec[] & { names?: string[] | null }, name: string, position: number): bigint {
  const index = data.names?.indexOf(name) ?? -1;
  const value = data[index >= 0 ? index : position];
  return value === undefined ? 0n : BigInt(value.toString());
}
