import type { ApiPromise } from '@polkadot/api';
import type { DispatchErrorData } from '../../../shared/contract/chain';
import { inclusionIn, type Inclusion } from './find-inclusion';

/** A submitted transaction whose fate the chain must tell: included, or never to be. */
export interface WatchedTx {
  hash: string;
  address: string;
  nonce: number;
  /** The head when it was signed: it cannot be in an earlier block. */
  sentAtBlock: number;
  /** The signed bytes, for its era (mortality). */
  signedHex: string;
}

export type Fate =
  | { kind: 'landed'; inclusion: Inclusion }
  | { kind: 'dropped'; cause: 'nonce-used' | 'expired' | 'left-pool'; error: DispatchErrorData }
  /**
   * `leftOutOfBlocks`: blocks made since it was first seen waiting in the pool as the account's next
   * transaction, none holding it (a node that cannot apply it keeps it and builds without it).
   */
  | { kind: 'pending'; leftOutOfBlocks: number; deathBlock?: number };

/** Checks in a row that must find it neither in the pool nor in a block before it counts as dropped. */
const ABSENT_CHECKS_TO_DROP = 3;

/**
 * Reads the chain to learn what became of a submitted transaction, without
 * trusting the node's status feed (which can stay at "ready" forever: a
 * chopsticks node that fails to build a block drops the transaction without a
 * word, and a node that took another transaction with the same nonce may never
 * say so). Each `check` looks, in this order:
 *
 * 1. the account's nonce at the head, then every block since submission up to
 *    that head for the hash: found means landed; the nonce past ours and not
 *    found means another transaction took the nonce: this one can never land;
 * 2. its era: the head past its death block means it expired;
 * 3. the node's pool (`author_pendingExtrinsics`): absent from the pool and
 *    from every block for several checks in a row, with no block made in
 *    between, means the node dropped it.
 */
export class FateWatch {
  private scannedTo: number;
  private absentChecks = 0;
  private nextInLineSince: number | undefined;
  private behindOthers = false;
  private lastHead: number | undefined;
  private readonly deathBlock: number | undefined;

  constructor(private readonly api: ApiPromise, private readonly tx: WatchedTx) {
    this.scannedTo = tx.sentAtBlock - 1;
    this.deathBlock = deathOf(api, tx);
  }

  /** `expectInPool`: false while the node holds it as a future transaction, which its pool listing leaves out. */
  async check(expectInPool: boolean): Promise<Fate> {
    const { api, tx } = this;
    const head = await api.rpc.chain.getHeader();
    const headNumber = head.number.toNumber();
    const chainNonce = await accountNonceAt(api, head.hash.toHex(), tx.address);
    const landed = await this.scanTo(headNumber);
    if (landed) return { kind: 'landed', inclusion: landed };
    if (chainNonce !== undefined && chainNonce > tx.nonce) {
      return {
        kind: 'dropped',
        cause: 'nonce-used',
        error: {
          code: 'Dropped.NonceUsed',
          title: 'Replaced by another transaction',
          message: `Another transaction from this account used nonce ${tx.nonce} (the account's nonce is now ${chainNonce}, and this one is in no block since ${tx.sentAtBlock}): it can never be included, and nothing was taken for it.`,
          hint: 'Check whether the other transaction did what you wanted; if not, submit this one again.',
        },
      };
    }
    // The next block is the first it could go into: from its death block on, it never can.
    if (this.deathBlock !== undefined && headNumber + 1 >= this.deathBlock) {
      return {
        kind: 'dropped',
        cause: 'expired',
        error: {
          code: 'Dropped.Expired',
          title: 'Expired',
          message: `It could be included only before block ${this.deathBlock.toLocaleString('en-US')} and was not (head ${headNumber.toLocaleString('en-US')}): it can no longer be included, and nothing was taken for it.`,
          hint: 'Submit it again; it will be signed afresh.',
        },
      };
    }
    const inPool = expectInPool ? await this.inPool() : undefined;
    if (chainNonce === undefined || chainNonce < tx.nonce) {
      // An earlier transaction of the account goes first: blocks without this one are no sign of trouble yet.
      this.behindOthers = true;
      this.nextInLineSince = undefined;
    } else {
      this.nextInLineSince ??= this.behindOthers ? headNumber : tx.sentAtBlock;
    }
    // Absence counts only while no block is made: a node building blocks takes transactions out of its
    // pool while it builds (chopsticks puts back those it could not apply). With blocks coming, the era decides.
    const headMoved = this.lastHead !== undefined && headNumber !== this.lastHead;
    this.lastHead = headNumber;
    if (inPool === false && !headMoved) {
      this.absentChecks += 1;
      if (this.absentChecks >= ABSENT_CHECKS_TO_DROP) {
        return {
          kind: 'dropped',
          cause: 'left-pool',
          error: {
            code: 'Dropped.NotInPool',
            title: 'Dropped by the node',
            message: `The node no longer holds it in its transaction pool, and it is in no block since ${tx.sentAtBlock.toLocaleString('en-US')}; its nonce ${tx.nonce} is still unused, so nothing was taken for it.`,
            hint: 'Submit it again. If it is dropped again, the node cannot build a block with it: the log of the node (or of the chopsticks fork) says why.',
          },
        };
      }
    } else {
      this.absentChecks = 0;
    }
    return {
      kind: 'pending',
      leftOutOfBlocks: this.nextInLineSince === undefined ? 0 : headNumber - this.nextInLineSince,
      ...(this.deathBlock === undefined ? {} : { deathBlock: this.deathBlock }),
    };
  }

  private async scanTo(headNumber: number): Promise<Inclusion | undefined> {
    for (let number = Math.max(0, this.scannedTo + 1); number <= headNumber; number += 1) {
      const hash = await this.api.rpc.chain.getBlockHash(number);
      // A node may have no block at a number (a dev chain that jumped its height): nothing to look at there.
      const found = hash.isEmpty ? undefined : await inclusionIn(this.api, hash.toHex(), this.tx.hash);
      if (found) return found;
      this.scannedTo = number;
    }
    return undefined;
  }

  /** True when the pool cannot be read (an RPC provider that refuses it): only the chain then decides. */
  private async inPool(): Promise<boolean> {
    try {
      const pending = await this.api.rpc.author.pendingExtrinsics();
      return pending.some((extrinsic) => extrinsic.hash.toHex() === this.tx.hash);
    } catch {
      return true;
    }
  }
}

async function accountNonceAt(api: ApiPromise, blockHash: string, address: string): Promise<number | undefined> {
  const at = await api.at(blockHash);
  const read = at.query.system?.account;
  if (!read) return undefined;
  const account = (await read(address)) as unknown as { nonce?: { toNumber(): number } };
  return account.nonce?.toNumber();
}

/**
 * The first block at which a mortal transaction is no longer valid; undefined
 * for an immortal one. Its checkpoint block is not in the bytes, only its
 * phase: taken as the first block from `sentAtBlock` on with that phase, which
 * is the real one or one period later, never earlier, so a transaction is
 * never called expired while it can still land.
 */
function deathOf(api: ApiPromise, tx: WatchedTx): number | undefined {
  try {
    const era = api.createType('Extrinsic', tx.signedHex).era;
    if (!era.isMortalEra) return undefined;
    const mortal = era.asMortalEra;
    return mortal.death(tx.sentAtBlock + Number(mortal.period.toString()) - 1);
  } catch {
    return undefined;
  }
}
