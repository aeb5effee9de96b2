import type { ApiPromise } from '@polkadot/api';
import type { DispatchError, EventRecord } from '@polkadot/types/interfaces';
import type { DispatchErrorData } from '../../../shared/contract/chain';
import { describeDispatchError } from './dispatch-error-words';

export interface Inclusion {
  blockHash: `0x${string}`;
  blockNumber: number;
  finalized: boolean;
  events: string[];
  error?: DispatchErrorData;
}

/**
 * Looks for an extrinsic hash in the blocks from `fromBlock` to the head:
 * how a retry learns whether an interrupted transaction already landed
 * before it ever sends anything again.
 */
export async function findInclusion(api: ApiPromise, hash: string, fromBlock: number, maxBlocks = 512): Promise<Inclusion | undefined> {
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  const start = Math.max(0, fromBlock, head - maxBlocks);
  for (let number = start; number <= head; number += 1) {
    const blockHash = await api.rpc.chain.getBlockHash(number);
    const found = await inclusionIn(api, blockHash.toHex(), hash);
    if (found) return found;
  }
  return undefined;
}

/** Whether the block holds the extrinsic; its events and outcome if so. */
export async function inclusionIn(api: ApiPromise, blockHash: `0x${string}`, hash: string): Promise<Inclusion | undefined> {
  const signedBlock = await api.rpc.chain.getBlock(blockHash);
  const index = signedBlock.block.extrinsics.findIndex((extrinsic) => extrinsic.hash.toHex() === hash);
  if (index < 0) return undefined;
  const at = await api.at(blockHash);
  const events = at.query.system?.events;
  const records = events ? ((await events()) as unknown as EventRecord[]) : [];
  const mine = records.filter((record) => record.phase.isApplyExtrinsic && record.phase.asApplyExtrinsic.eqn(index));
  const failed = mine.find((record) => record.event.section === 'system' && record.event.method === 'ExtrinsicFailed');
  const finalizedHead = await api.rpc.chain.getFinalizedHead();
  const finalizedNumber = (await api.rpc.chain.getHeader(finalizedHead)).number.toNumber();
  const blockNumber = signedBlock.block.header.number.toNumber();
  return {
    blockHash,
    blockNumber,
    finalized: blockNumber <= finalizedNumber,
    events: mine.map((record) => `${record.event.section}.${record.event.method}`),
    ...(failed ? { error: describeDispatchError(api, failed.event.data[0] as DispatchError) } : {}),
  };
}
