import { randomUUID } from 'node:crypto';
import type { ApiPromise, SubmittableResult } from '@polkadot/api';
import type { Signer, SubmittableExtrinsic } from '@polkadot/api/types';
import type { DryRunResult, TxEstimate, TxIntent, TxPhase, TxRecord, TxSignerChoice } from '../../../shared/contract/chain';
import { ServiceError, isServiceError } from '../../errors/service-error';
import type { AccountSigner } from './account-signer';
import type { Logger } from '../../logging/logger';
import type { BuiltCall } from '../calls/built-call';
import type { TokenInfo } from '../networks';
import type { ConnectionPool } from '../connection/connection-pool';
import { describeDispatchError } from './dispatch-error-words';
import { canDryRunUnsigned, dryRun, dryRunBeforeSigning, type DryRunReport } from './dry-run';
import { effectsFromDryRunEvents } from './dry-run-effects';
import { PRICED_AT_INCLUSION, estimatedEffects } from './expected-effects';
import type { ExtensionSignerBridge } from './extension-signer-bridge';
import { LocalDryRunner, type LocalDryRunAnswer } from './local-dry-run';
import { feeFigures, localEffects, localRunNote, runLocally } from './review-figures';
import { FateWatch, type Fate } from './fate-watch';
import { findInclusion, inclusionIn, type Inclusion } from './find-inclusion';
import { alreadyDone } from './intent-guards';
import { withRefusalCause } from './refusal-causes';
import { buildIntentCall, roleOfIntent, type FeatureCallBuilders } from './intent-calls';
import { KeyedMutex } from './keyed-mutex';
import { NonceTracker } from './nonce-tracker';
import { isFinalPhase, publicRecord, type PendingStore, type StoredTx } from './pending-store';

export interface TxPipelineDeps {
  pool: ConnectionPool;
  store: PendingStore;
  /** The key vault's signing seam; undefined until a vault exists. */
  vault?: AccountSigner;
  extension: ExtensionSignerBridge;
  /** The network transactions go to now (its id and token). */
  network: () => { id: string; name: string; token: TokenInfo };
  log: Logger;
  /** How long to watch a submitted transaction before calling it timed out. */
  watchTimeoutMs?: number;
  /** How long to wait for a chain connection before giving up on a step. */
  connectTimeoutMs?: number;
  /** How often a submitted transaction's fate is read from the chain (fate-watch.ts). */
  fateCheckMs?: number;
  /** Dry runs on a local copy of the chain, for runtimes without `DryRunApi` (local-dry-run.ts); one is made when not given. */
  localDryRun?: LocalDryRunner;
  /** The calls features build for their own intents (the HRMP message send); without them those intents are refused. */
  featureCalls?: FeatureCallBuilders;
}

type Listener = (record: TxRecord) => void;

/** Blocks made without a transaction that is next in line before the operator is told it is being left out. */
const LEFT_OUT_BLOCKS_TO_WARN = 3;

/** Phases after which a new submission of the same intent key is a new attempt rather than a duplicate. */
const RETRYABLE_BY_RESUBMIT = new Set<TxPhase>(['failed', 'invalid', 'dropped', 'usurped']);

/**
 * The one way every transaction goes: build from an intent, read the chain
 * for work already done, take a nonce, sign (vault or extension), persist the
 * signed bytes, dry-run, submit and watch, decode the outcome. Every step is
 * saved, so `retry` can finish any transaction after a crash or a lost
 * connection without ever paying twice.
 */
export class TxPipeline {
  private readonly listeners = new Set<Listener>();
  private readonly nonces = new NonceTracker();
  private readonly perAccount = new KeyedMutex();
  private readonly active = new Set<string>();
  private readonly watchTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly fateCheckMs: number;
  private readonly localDryRun: LocalDryRunner;

  constructor(private readonly deps: TxPipelineDeps) {
    this.watchTimeoutMs = deps.watchTimeoutMs ?? 10 * 60_000;
    this.connectTimeoutMs = deps.connectTimeoutMs ?? 60_000;
    this.fateCheckMs = deps.fateCheckMs ?? 6_000;
    this.localDryRun = deps.localDryRun ?? new LocalDryRunner({ log: deps.log });
  }

  /** Drops the local copies of chains and their executor thread. */
  close(): Promise<void> {
    return this.localDryRun.close();
  }

  onStatus(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(txId: string): TxRecord {
    return publicRecord(this.stored(txId));
  }

  pending(): TxRecord[] {
    return this.deps.store.pending().map(publicRecord);
  }

  async estimate(intent: TxIntent, signer: TxSignerChoice): Promise<TxEstimate> {
    const role = roleOfIntent(intent);
    const api = await this.deps.pool.api(role, this.connectTimeoutMs);
    const built = await buildIntentCall({ api, token: this.deps.network().token }, intent, this.deps.featureCalls);
    const [info, report] = await Promise.all([built.extrinsic.paymentInfo(signer.address), dryRunBeforeSigning(api, built.extrinsic, signer.address)]);
    const local = await this.runLocally(role, api, built, signer.address);
    return {
      role,
      call: `${built.pallet}.${built.method}`,
      description: describe(built),
      ...(await feeFigures(api, built.extrinsic, signer.address, info.partialFee.toBigInt(), report, local?.ran ? local.result : undefined, this.deps.log)),
      dryRun: report.check.error ? { ...report.check, error: await withRefusalCause(api, intent, signer.address, report.check.error) } : report.check,
      ...(await this.expectedEffects(api, intent, signer.address, report, local)),
    };
  }

  /** Where the runtime has no dry-run API of its own: a run on a local copy of the chain (review-figures.ts). */
  private async runLocally(role: TxRecord['role'], api: ApiPromise, built: BuiltCall, signer: string): Promise<LocalDryRunAnswer | undefined> {
    const connection = this.deps.pool.get(role);
    if (canDryRunUnsigned(api) || !connection) return undefined;
    return runLocally({
      runner: this.localDryRun, api, provider: connection.provider, connectionKey: `${role}|${connection.endpoints.join(',')}`,
      extrinsic: built.extrinsic, signer, log: this.deps.log,
    });
  }

  /**
   * What the signer's balance will see besides the fee. The runtime's own dry
   * run wins: its events are what the chain will do on this state. Only where it
   * reports none does the flow's estimate stand in, labelled as such; and for an
   * intent the chain prices at inclusion (an on-demand order), whose price the
   * dry run's state understates under load.
   */
  private async expectedEffects(api: ApiPromise, intent: TxIntent, signer: string, report: DryRunReport, local?: LocalDryRunAnswer): Promise<Pick<TxEstimate, 'effects' | 'effectsSource' | 'effectsNote'>> {
    if (report.check.method === 'dryRunApi' && report.check.outcome === 'would-fail') return { effects: [], effectsSource: 'dry-run' };
    if (report.events !== undefined && !PRICED_AT_INCLUSION.has(intent.kind)) return { effects: effectsFromDryRunEvents(report.events, signer), effectsSource: 'dry-run' };
    // A local run fills in what no estimator can figure (a first crowdloan's deposit); where both have a figure, the estimator's stands for now.
    const fromLocalRun = local === undefined || PRICED_AT_INCLUSION.has(intent.kind) ? undefined : localEffects(local, signer);
    try {
      const estimated = await estimatedEffects({ api, signer }, intent);
      if ((estimated === undefined || estimated.length === 0) && fromLocalRun) return fromLocalRun;
      return estimated === undefined ? { effects: [], effectsSource: 'none', ...localRunNote(local) } : { effects: estimated, effectsSource: 'estimate', ...localRunNote(local) };
    } catch (error) {
      this.deps.log.warn(`chain: could not estimate what ${intent.kind} holds or pays`, error);
      return fromLocalRun ?? { effects: [], effectsSource: 'none' };
    }
  }

  /**
   * Starts an intent; answers at once with the record, progress follows on
   * `onStatus`. The same intent key never sends twice: while a transaction
   * for it is under way or done, that transaction is returned instead.
   */
  async submit(intent: TxIntent, signer: TxSignerChoice, intentKey: string): Promise<TxRecord> {
    const previous = this.deps.store.byIntentKey(intentKey);
    if (previous && !RETRYABLE_BY_RESUBMIT.has(previous.phase)) return publicRecord(previous);
    const now = Date.now();
    const tx: StoredTx = {
      txId: randomUUID(),
      intentKey,
      intent,
      role: roleOfIntent(intent),
      networkId: this.deps.network().id,
      signer,
      address: signer.address,
      rehearsal: this.deps.pool.get(roleOfIntent(intent))?.rehearsal ?? false,
      phase: 'queued',
      attempts: (previous?.attempts ?? 0) + 1,
      createdAt: now,
      updatedAt: now,
    };
    await this.deps.store.save(tx);
    this.publish(tx);
    this.launch(tx.txId, () => this.runFromScratch(tx.txId));
    return publicRecord(tx);
  }

  /**
   * Finishes an interrupted transaction. Reads the chain first: a transaction
   * that landed is reported as landed; signed bytes whose nonce is still
   * unused are sent again as they are (the nonce allows one inclusion, so
   * this cannot pay twice); only when the chain shows the nonce spent by
   * something else does it start over, after checking the intent is not done.
   */
  async retry(txId: string): Promise<TxRecord> {
    const tx = this.stored(txId);
    if (isFinalPhase(tx.phase) || this.active.has(txId)) return publicRecord(tx);
    const onFork = this.deps.pool.get(tx.role)?.rehearsal ?? false;
    if (onFork !== (tx.rehearsal ?? false)) {
      throw new ServiceError('conflict',
        tx.rehearsal ? 'This transaction was made on a rehearsal fork, and the console is now on the real chain.' : 'This transaction was made on the real chain, and a rehearsal fork stands in for it now.',
        tx.rehearsal ? 'Start the rehearsal again to finish it, or leave it: no real tokens were involved.' : 'Stop the rehearsal, then retry it.');
    }
    this.launch(txId, () => this.resume(txId));
    return publicRecord(tx);
  }

  /**
   * After a restart or a reconnection: finishes every interrupted transaction
   * of this chain that had been signed (nothing new is signed without the
   * operator), reading the chain first as `retry` does.
   */
  resumeInterrupted(networkId: string, role: TxRecord['role']): string[] {
    const onFork = this.deps.pool.get(role)?.rehearsal ?? false;
    const resumable = this.deps.store.pending().filter((tx) => tx.networkId === networkId && tx.role === role && tx.signedHex !== undefined
      && (tx.rehearsal ?? false) === onFork && !this.active.has(tx.txId));
    for (const tx of resumable) this.launch(tx.txId, () => this.resume(tx.txId));
    return resumable.map((tx) => tx.txId);
  }

  /** Resolves with the record once `done` says so (or it reaches a final phase when no predicate is given). */
  waitFor(txId: string, done: (record: TxRecord) => boolean = (record) => isFinalPhase(record.phase), timeoutMs = 120_000): Promise<TxRecord> {
    return new Promise((resolve, reject) => {
      const current = this.get(txId);
      if (done(current)) {
        resolve(current);
        return;
      }
      const timer = setTimeout(() => {
        stop();
        reject(new ServiceError('timeout', `Transaction ${txId} did not reach the expected step in time (now: ${this.get(txId).phase}).`));
      }, timeoutMs);
      const stop = this.onStatus((record) => {
        if (record.txId !== txId || !done(record)) return;
        clearTimeout(timer);
        stop();
        resolve(record);
      });
    });
  }

  // -------------------------------------------------------------------------

  private launch(txId: string, job: () => Promise<void>): void {
    this.active.add(txId);
    void job()
      .catch((error: unknown) => this.failUnexpectedly(txId, error))
      .finally(() => this.active.delete(txId));
  }

  private async runFromScratch(txId: string): Promise<void> {
    const tx = this.stored(txId);
    const api = await this.deps.pool.api(tx.role, this.connectTimeoutMs);
    await this.update(txId, { phase: 'checking-chain', note: 'Reading the chain for work already done.' });
    const done = await alreadyDone(api, tx.intent, tx.address);
    if (done !== undefined) {
      await this.update(txId, { phase: 'already-done', note: done });
      return;
    }
    const built = await buildIntentCall({ api, token: this.deps.network().token }, tx.intent, this.deps.featureCalls);
    await this.update(txId, { call: `${built.pallet}.${built.method}` });
    const signed = await this.perAccount.run(`${tx.role}|${tx.address}`, () => this.signAndSend(txId, api, built));
    if (signed) await this.watch(txId, api, signed);
  }

  /**
   * Nonce, signature, persisted bytes, dry-run and submission, one account
   * at a time so two quick intents get consecutive nonces. Returns the
   * submitted extrinsic, or undefined when it stopped before submission.
   */
  private async signAndSend(txId: string, api: ApiPromise, built: BuiltCall): Promise<SubmittableExtrinsic<'promise'> | undefined> {
    const tx = this.stored(txId);
    const chainKey = nonceChainKey(tx, api);
    const nonce = await this.nonces.next(chainKey, tx.address, async () => (await api.rpc.system.accountNextIndex(tx.address)).toNumber());
    const sentAtBlock = (await api.rpc.chain.getHeader()).number.toNumber();
    let extrinsic: SubmittableExtrinsic<'promise'>;
    try {
      extrinsic = await this.sign(txId, built, nonce);
    } catch (error) {
      this.nonces.release(chainKey, tx.address, nonce);
      throw error;
    }
    await this.update(txId, {
      phase: 'signed',
      nonce,
      hash: extrinsic.hash.toHex(),
      signedHex: extrinsic.toHex(),
      genesisHash: api.genesisHash.toHex(),
      sentAtBlock,
      note: 'Signed; saved before sending so a crash cannot lose it.',
    });
    const check = await dryRun(api, extrinsic, tx.address).catch((error: unknown): DryRunResult => {
      // The review promised a dry run: the record says it could not run rather than that none exists.
      this.deps.log.warn(`chain: dry-run of ${txId} failed to run`, error);
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
      return {
        outcome: 'inconclusive',
        method: canDryRunUnsigned(api) ? 'dryRunApi' : 'system_dryRun',
        error: { code: 'DryRunUnavailable', message: `The node could not dry-run it (${reason}), so it was sent without that check.` },
      };
    });
    if (check.outcome === 'would-fail' || check.outcome === 'invalid') {
      this.nonces.release(chainKey, tx.address, nonce);
      await this.update(txId, {
        phase: 'failed',
        dryRun: check,
        ...(check.error ? { error: check.error } : {}),
        note: 'The dry run showed it would fail, so nothing was sent and no fee was paid.',
      });
      return undefined;
    }
    await this.update(txId, { dryRun: check });
    return extrinsic;
  }

  /**
   * One signing path for every transaction: the vault and a browser extension
   * are both a polkadot-js `Signer`, so the payload, nonce, era and fee are
   * built the same way whichever signs, and no key reaches this module.
   */
  private async sign(txId: string, built: BuiltCall, nonce: number): Promise<SubmittableExtrinsic<'promise'>> {
    const tx = this.stored(txId);
    const signer = await this.signerOf(tx, built);
    return built.extrinsic.signAsync(tx.address, { signer, nonce });
  }

  private async signerOf(tx: StoredTx, built: BuiltCall): Promise<Signer> {
    const description = describe(built);
    if (tx.signer.kind === 'vault') {
      if (!this.deps.vault) throw new ServiceError('not_supported', 'There is no key vault to sign with.', 'Sign with a browser extension, or add the account to the vault.');
      return this.deps.vault.signerFor(tx.address, { description, network: this.deps.network().name }, built.extrinsic.registry);
    }
    await this.update(tx.txId, { phase: 'awaiting-signature', note: 'Waiting for the extension to sign.' });
    return this.deps.extension.signerFor(tx.txId, description);
  }

  /** Submits signed bytes and follows them until a final phase, a timeout or a lost connection. */
  private watch(txId: string, api: ApiPromise, extrinsic: SubmittableExtrinsic<'promise'>): Promise<void> {
    const connection = this.deps.pool.get(this.stored(txId).role);
    return new Promise<void>((resolve) => {
      let finished = false;
      let unsubscribe: (() => void) | undefined;
      const finish = async (patch: Partial<StoredTx>): Promise<void> => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        stopFate();
        stopWatchingConnection();
        unsubscribe?.();
        await this.update(txId, patch);
        if (patch.phase === 'unknown' || patch.phase === 'timed-out' || patch.phase === 'invalid' || patch.phase === 'dropped') {
          this.nonces.forget(nonceChainKey(this.stored(txId), api));
        }
        if (patch.phase === 'unknown') this.resumeWhenConnected(txId);
        resolve();
      };
      const timer = setTimeout(() => void finish({ phase: 'timed-out', note: 'No final answer from the chain in time; retry reads the chain to finish it.' }), this.watchTimeoutMs);
      const stopWatchingConnection = connection?.onState((state) => {
        if (state.status !== 'connected') void finish({ phase: 'unknown', note: `The connection dropped while waiting (${state.reason ?? state.status}); the console checks the chain when it is back.` });
      }) ?? (() => undefined);
      void this.update(txId, { phase: 'submitted' });
      // The node's own status feed may never tell (a dropped or replaced transaction can stay "ready"): the chain is read too.
      let accepted = false;
      let future = false;
      let stopFate: () => void = () => undefined;
      // Results are handled one after another: a slow in-block lookup must not overwrite the finalized answer after it.
      let handling = Promise.resolve();
      extrinsic.send((result: SubmittableResult) => {
        if (result.status.isFuture) future = true;
        else if (result.status.isReady) future = false;
        handling = handling.then(() => (finished ? undefined : this.onResult(txId, api, result, finish))).catch((error: unknown) => {
          this.deps.log.warn(`chain: could not read the outcome of ${txId}`, error);
        });
      }).then((stop) => {
        if (finished) {
          stop();
          return;
        }
        unsubscribe = stop;
        accepted = true;
        stopFate = this.followFate(txId, api, () => accepted && !future, finish);
      }, (error: unknown) => {
        void finish(submissionError(error));
      });
    });
  }

  /**
   * Reads the chain every `fateCheckMs` for what became of a submitted
   * transaction (fate-watch.ts): landed (the status feed may miss it), or
   * dropped for good (nonce taken by another, era passed, gone from the pool).
   * Returns a function that stops it.
   */
  private followFate(txId: string, api: ApiPromise, expectInPool: () => boolean, finish: (patch: Partial<StoredTx>) => Promise<void>): () => void {
    const tx = this.stored(txId);
    if (tx.hash === undefined || tx.nonce === undefined || tx.signedHex === undefined) return () => undefined;
    const fate = new FateWatch(api, { hash: tx.hash, address: tx.address, nonce: tx.nonce, sentAtBlock: tx.sentAtBlock ?? 0, signedHex: tx.signedHex });
    let checking = false;
    let stopped = false;
    const timer = setInterval(() => {
      if (checking || stopped) return;
      checking = true;
      void fate.check(expectInPool())
        .then(async (found) => {
          if (stopped) return;
          if (found.kind === 'dropped') {
            // The error says it all (the banner shows it); the old "in the pool" note must not linger.
            await finish({ phase: 'dropped', error: found.error, note: undefined });
          } else if (found.kind === 'pending' && found.leftOutOfBlocks >= LEFT_OUT_BLOCKS_TO_WARN) {
            const until = found.deathBlock === undefined ? '' : ` It can be included only before block ${found.deathBlock.toLocaleString('en-US')}; if it is still out by then, it is dropped and nothing is taken.`;
            const note = `Waiting in the pool, next in line for this account, but left out of the last ${found.leftOutOfBlocks} blocks: the node may be unable to include it.${until}`;
            if (this.stored(txId).note !== note) await this.update(txId, { note });
          } else if (found.kind === 'landed') {
            const patch = landedPatch(found.inclusion, 'Included (read from the chain).');
            if (patch.phase !== 'in-block') await finish(patch);
            else if (this.stored(txId).phase !== 'in-block') await this.update(txId, patch);
          }
        })
        .catch((error: unknown) => this.deps.log.warn(`chain: could not read what became of ${txId}`, error))
        .finally(() => {
          checking = false;
        });
    }, this.fateCheckMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }

  /** One reading of a submitted transaction's fate, outside the periodic follow. */
  private async fateNow(txId: string, api: ApiPromise): Promise<Fate | undefined> {
    const tx = this.stored(txId);
    if (tx.hash === undefined || tx.nonce === undefined || tx.signedHex === undefined) return undefined;
    return new FateWatch(api, { hash: tx.hash, address: tx.address, nonce: tx.nonce, sentAtBlock: tx.sentAtBlock ?? 0, signedHex: tx.signedHex }).check(false);
  }

  private async onResult(txId: string, api: ApiPromise, result: SubmittableResult, finish: (patch: Partial<StoredTx>) => Promise<void>): Promise<void> {
    const status = result.status;
    const events = result.events.map((record) => `${record.event.section}.${record.event.method}`);
    const error = result.dispatchError ? describeDispatchError(api, result.dispatchError) : undefined;
    if (status.isReady || status.isBroadcast || status.isFuture) {
      await this.update(txId, { phase: 'ready', note: status.isFuture ? 'Queued behind an earlier nonce of this account.' : 'In the transaction pool.' });
    } else if (status.isRetracted) {
      await this.update(txId, { phase: 'ready', note: 'Its block was retracted; waiting for it to be included again.' });
    } else if (status.isInBlock || status.isFinalized) {
      const blockHash = (status.isInBlock ? status.asInBlock : status.asFinalized).toHex();
      const blockNumber = (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
      const landed = { blockHash, blockNumber, events };
      if (error) await finish({ ...landed, phase: 'failed', error, note: 'Included in a block, but the call failed: the fee was paid, nothing else changed.' });
      else if (status.isFinalized) await finish({ ...landed, phase: 'finalized', note: 'Finalized.' });
      else await this.update(txId, { ...landed, phase: 'in-block', note: 'Included in a block; waiting for finality.' });
    } else if (status.isFinalityTimeout) {
      await finish({ phase: 'in-block', note: 'Included, but finality did not follow in time; check it in a block explorer.' });
    } else if (status.isUsurped) {
      await finish({ phase: 'usurped', note: 'Another transaction with the same nonce replaced it.' });
    } else if (status.isDropped) {
      await finish({ phase: 'dropped', note: 'The node dropped it from its pool; submit it again.' });
    } else if (status.isInvalid) {
      // The node says only "invalid": the chain tells which (its nonce taken, its era passed) when it can.
      const fate = await this.fateNow(txId, api).catch(() => undefined);
      if (fate?.kind === 'dropped') await finish({ phase: 'dropped', error: fate.error, note: undefined });
      else if (fate?.kind === 'landed') await finish(landedPatch(fate.inclusion, 'Included (read from the chain).'));
      else await finish({ phase: 'invalid', note: 'The node found it invalid (stale nonce, expired, or cannot pay the fee).' });
    }
  }

  private async resume(txId: string): Promise<void> {
    const tx = this.stored(txId);
    if (tx.signedHex === undefined || tx.hash === undefined || tx.nonce === undefined) {
      await this.runFromScratch(txId);
      return;
    }
    const api = await this.deps.pool.api(tx.role, this.connectTimeoutMs);
    await this.update(txId, { phase: 'checking-chain', note: 'Looking for the transaction on chain before sending anything.' });
    const landed = await findInclusion(api, tx.hash, tx.sentAtBlock ?? 0);
    if (landed) {
      await this.update(txId, landedPatch(landed));
      return;
    }
    // The nonce the chain has applied, not `accountNextIndex`: that one counts the pool, where these very bytes may wait.
    const chainNonce = await appliedNonce(api, tx.address);
    if (chainNonce > tx.nonce) {
      // The nonce went to another transaction: these signed bytes can never land. Start over, chain first.
      await this.update(txId, { signedHex: undefined, hash: undefined, nonce: undefined, note: 'Its nonce was used by another transaction; starting over.' });
      await this.runFromScratch(txId);
      return;
    }
    const extrinsic = api.tx(tx.signedHex);
    if (await this.alreadyInPool(api, tx.hash)) {
      await this.followUntilIncluded(txId, api, tx.hash, tx.sentAtBlock ?? 0);
      return;
    }
    await this.watch(txId, api, extrinsic);
  }

  private async alreadyInPool(api: ApiPromise, hash: string): Promise<boolean> {
    const pending = await api.rpc.author.pendingExtrinsics();
    return pending.some((extrinsic) => extrinsic.hash.toHex() === hash);
  }

  /** For bytes already in the pool (a resubmission would be refused as a duplicate): watch new blocks for them. */
  private followUntilIncluded(txId: string, api: ApiPromise, hash: string, fromBlock: number): Promise<void> {
    return new Promise<void>((resolve) => {
      let done = false;
      const timer = setTimeout(() => void end({ phase: 'timed-out', note: 'Still not included; retry again later.' }), this.watchTimeoutMs);
      let stop: (() => void) | undefined;
      let stopFate: () => void = () => undefined;
      const end = async (patch: Partial<StoredTx>): Promise<void> => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        stopFate();
        stop?.();
        await this.update(txId, patch);
        resolve();
      };
      void this.update(txId, { phase: 'ready', note: 'Already in the pool; waiting for a block that includes it.' });
      stopFate = this.followFate(txId, api, () => true, end);
      void api.rpc.chain.subscribeNewHeads((header) => {
        void inclusionIn(api, header.hash.toHex(), hash).then((landed) => {
          if (landed) void end(landedPatch(landed));
        });
      }).then((unsubscribe) => {
        if (done) unsubscribe();
        else stop = unsubscribe;
        // It may have landed between the pool check and the subscription.
        void findInclusion(api, hash, fromBlock).then((landed) => {
          if (landed) void end(landedPatch(landed));
        });
      }, (error: unknown) => void end(submissionError(error)));
    });
  }

  private resumeWhenConnected(txId: string): void {
    const connection = this.deps.pool.get(this.stored(txId).role);
    if (!connection) return;
    const stop = connection.onState((state) => {
      if (state.status === 'connected') {
        stop();
        void this.retry(txId);
      } else if (state.status === 'failed' || state.status === 'idle') {
        stop();
      }
    });
  }

  private async failUnexpectedly(txId: string, error: unknown): Promise<void> {
    const tx = this.deps.store.get(txId);
    if (!tx) return;
    if (isServiceError(error)) {
      // A signed transaction may have gone out: only the chain can tell.
      const phase: TxPhase = tx.signedHex !== undefined && error.code === 'disconnected' ? 'unknown' : 'failed';
      await this.update(txId, { phase, error: { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) }, note: error.message });
      if (phase === 'unknown') this.resumeWhenConnected(txId);
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    this.deps.log.error(`chain: transaction ${txId} stopped`, error);
    const lostConnection = /disconnected|not connected|WebSocket/i.test(message);
    if (lostConnection && tx.signedHex !== undefined) {
      await this.update(txId, { phase: 'unknown', note: 'The connection dropped mid-way; the console checks the chain when it is back.' });
      this.resumeWhenConnected(txId);
      return;
    }
    await this.update(txId, {
      phase: 'failed',
      error: lostConnection
        ? { code: 'disconnected', message: 'The connection to the chain dropped before the transaction was sent.', hint: 'Nothing was sent: submit it again once connected.' }
        : { code: 'internal', message: `The transaction stopped: ${message}`, hint: 'Retry it; if it keeps failing, the log has the details.' },
    });
  }

  private stored(txId: string): StoredTx {
    const tx = this.deps.store.get(txId);
    if (!tx) throw new ServiceError('not_found', `There is no transaction ${txId}.`, 'It may be older than the kept history.');
    return tx;
  }

  private async update(txId: string, patch: Partial<StoredTx>): Promise<void> {
    if (patch.error) patch = await this.withCause(txId, patch);
    const next: StoredTx = { ...this.stored(txId), ...patch, updatedAt: Date.now() };
    for (const key of Object.keys(patch) as Array<keyof StoredTx>) if (patch[key] === undefined) delete next[key];
    await this.deps.store.save(next);
    this.publish(next);
  }

  /** Every refusal, whichever step met it (dry run, block, resumed), names its real cause as read from the chain (refusal-causes.ts). */
  private async withCause(txId: string, patch: Partial<StoredTx>): Promise<Partial<StoredTx>> {
    const tx = this.stored(txId);
    const error = patch.error;
    if (!error) return patch;
    const api = await this.deps.pool.api(tx.role, 5_000).catch(() => undefined);
    if (!api) return patch;
    const explained = await withRefusalCause(api, tx.intent, tx.address, error);
    const dryRunError = patch.dryRun?.error;
    return {
      ...patch,
      error: explained,
      ...(patch.dryRun && dryRunError?.code === error.code ? { dryRun: { ...patch.dryRun, error: explained } } : {}),
    };
  }

  private publish(tx: StoredTx): void {
    const record = publicRecord(tx);
    for (const listener of this.listeners) listener(record);
  }
}

/** The account's nonce in the head's state: how many of its transactions the chain has included. */
async function appliedNonce(api: ApiPromise, address: string): Promise<number> {
  const read = api.query.system?.account;
  if (!read) return (await api.rpc.system.accountNextIndex(address)).toNumber();
  const account = (await read(address)) as unknown as { nonce: { toNumber(): number } };
  return account.nonce.toNumber();
}

function describe(built: BuiltCall): string {
  return [built.summary, ...built.details].join(' ');
}

function landedPatch(landed: Inclusion, note = 'It had already landed; nothing was sent again.'): Partial<StoredTx> {
  const common = { blockHash: landed.blockHash, blockNumber: landed.blockNumber, events: landed.events };
  if (landed.error) return { ...common, phase: 'failed', error: landed.error, note: `${note} The call failed: the fee was paid, nothing else changed.` };
  return { ...common, phase: landed.finalized ? 'finalized' : 'in-block', note };
}

function submissionError(error: unknown): Partial<StoredTx> {
  const message = error instanceof Error ? error.message : String(error);
  if (/disconnected|not connected|WebSocket/i.test(message)) {
    return { phase: 'unknown', note: 'The connection dropped while sending; the console checks the chain when it is back.' };
  }
  return { phase: 'invalid', error: { code: 'Rejected', message: `The node refused the transaction: ${message.split('\n')[0]}`, hint: 'Check the balance and try again.' } };
}

/**
 * Which chain an account's nonces count on. Not the genesis hash alone: every
 * local chain started from a raw spec by chopsticks reports the same one, so a
 * relay's nonce would be used on its Coretime chain (a future nonce there, and
 * the transaction refused as invalid). The network and role tell them apart.
 */
function nonceChainKey(tx: { networkId: string; role: string }, api: ApiPromise): string {
  return `${tx.networkId}|${tx.role}|${api.genesisHash.toHex()}`;
}
