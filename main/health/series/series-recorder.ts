import type { Series, SeriesMetric, Subject } from '../../../shared/contract/health';
import { ServiceError } from '../../errors/service-error';
import type { Logger } from '../../logging/logger';
import { currentPeers } from '../collator-state';
import type { CollatorWatch } from '../collator-watch';
import type { InclusionEvent, InclusionState, RelayBlockEvents } from '../probes/inclusion-probe';
import { onDemandSpendingByPara } from '../probes/on-demand-orders';
import type { ProcessSample } from '../signals';
import { AuthoredBlocksTally } from './authored-blocks';
import { SeriesStore } from './series-store';

export interface SeriesQuery {
  subject: Subject;
  metric: SeriesMetric;
  fromMs?: number;
  toMs?: number;
  resolution: 'auto' | 'second' | 'minute';
}

/** What one watched parachain read from a relay block: its candidates' events and its inclusion afterwards. */
export interface ParachainRelayReading {
  paraId: number;
  found: InclusionEvent[];
  inclusion: InclusionState;
}

/**
 * The chart history: turns what the watcher sees into points of the series
 * store (process samples, each probe round, each relay block), answers the
 * charts' queries and saves the history. It judges nothing and tells no one.
 */
export class SeriesRecorder {
  private readonly store: SeriesStore;
  /** Per collator, its authored blocks since the last probe round, for the `authoredBlocks` series. */
  private readonly authoredTallies = new Map<string, AuthoredBlocksTally>();

  constructor(private readonly options: { filePath: string; log: Logger }) {
    this.store = new SeriesStore(options.filePath);
  }

  recordProcessSample(id: string, sample: ProcessSample, nowMs: number): void {
    const subject: Subject = { kind: 'collator', id };
    this.store.record(subject, 'cpuPercent', nowMs, sample.cpuPercent);
    this.store.record(subject, 'memoryBytes', nowMs, sample.memoryBytes);
  }

  /** A "Prepared block for proposing" log line: counted only while the collator's metrics do not answer. */
  noteLoggedBlock(id: string): void {
    this.authoredTally(id).noteLoggedBlock();
  }

  /** After a probe round: each collator's progress, peers and the blocks it authored since the last round. */
  recordProbeRound(collators: Iterable<CollatorWatch>, nowMs: number): void {
    for (const watch of collators) {
      const subject: Subject = { kind: 'collator', id: watch.state.target.id };
      this.store.record(subject, 'best', nowMs, watch.state.best?.number);
      this.store.record(subject, 'finalized', nowMs, watch.state.finalized?.number);
      this.store.record(subject, 'peers', nowMs, currentPeers(watch.state));
      this.store.record(subject, 'blockTimeMs', nowMs, watch.state.lastBlockIntervalMs);
      this.recordAuthoredBlocks(watch, subject, nowMs);
    }
  }

  /** One relay block as each watched parachain read it. */
  recordRelayBlock(block: RelayBlockEvents, readings: Iterable<ParachainRelayReading>, nowMs: number): void {
    const onDemandSpent = onDemandSpendingByPara(block);
    for (const { paraId, found, inclusion } of readings) {
      const subject: Subject = { kind: 'parachain', paraId };
      this.recordRelaySideSeries(subject, found, onDemandSpent.get(paraId) ?? 0n, nowMs);
      const { head, lastIncludedRelayBlock, latestRelayBlock, firstRelayBlock } = inclusion;
      this.store.record(subject, 'headNumber', nowMs, head?.number);
      this.store.record(subject, 'includedRelayBlock', nowMs, lastIncludedRelayBlock);
      if (latestRelayBlock !== null) this.store.record(subject, 'inclusionGapRelayBlocks', nowMs, latestRelayBlock - (lastIncludedRelayBlock ?? firstRelayBlock ?? latestRelayBlock));
    }
  }

  /** An unwatched collator's tally goes; its recorded points stay for the charts. */
  forgetCollator(id: string): void {
    this.authoredTallies.delete(id);
  }

  query(query: SeriesQuery, nowMs: number): Series {
    const fromMs = query.fromMs ?? nowMs - 3_600_000;
    const toMs = query.toMs ?? nowMs;
    if (fromMs > toMs) throw new ServiceError('invalid_input', 'The series starts after it ends.', 'Give fromMs before toMs.');
    const { resolutionMs, points } = this.store.query(query.subject, query.metric, fromMs, toMs, query.resolution, nowMs);
    return { subject: query.subject, metric: query.metric, resolutionMs, points };
  }

  /** Appends the closed minutes; a failed write is logged, not thrown, so a full disk does not stop the monitor. */
  persist(): void {
    try {
      this.store.persist();
    } catch (error) {
      this.options.log.warn('health: could not save the chart history', error);
    }
  }

  /** Rewrites the file with both tiers, on close. */
  compact(): void {
    try {
      this.store.compact();
    } catch (error) {
      this.options.log.warn('health: could not save the chart history', error);
    }
  }

  /** Blocks authored since the last round; nothing while the node is down, so the chart shows a gap, not zeros. */
  private recordAuthoredBlocks(watch: CollatorWatch, subject: Subject & { kind: 'collator' }, nowMs: number): void {
    const { state } = watch;
    const counter = state.metrics.status === 'up' ? (state.metrics.parachain?.blocksAuthored ?? null) : null;
    const authored = this.authoredTally(subject.id).take(counter);
    if (state.process.alive === true || state.rpc.status === 'up') this.store.record(subject, 'authoredBlocks', nowMs, authored);
  }

  private authoredTally(id: string): AuthoredBlocksTally {
    let tally = this.authoredTallies.get(id);
    if (tally === undefined) {
      tally = new AuthoredBlocksTally();
      this.authoredTallies.set(id, tally);
    }
    return tally;
  }

  /**
   * Per relay block, zeros included so a quiet minute reads as nothing
   * happened: candidates included, who authored each, planck spent on orders.
   * Planck becomes a number only for the chart's store, exact below 2^53 per bucket.
   */
  private recordRelaySideSeries(subject: Subject, found: InclusionEvent[], onDemandSpentPlanck: bigint, nowMs: number): void {
    const included = found.filter((event) => event.kind === 'included');
    this.store.record(subject, 'includedBlocks', nowMs, included.length);
    for (const event of included) this.store.record(subject, 'includedAuthorIndex', nowMs, event.authorIndex);
    this.store.record(subject, 'onDemandSpentPlanck', nowMs, Number(onDemandSpentPlanck));
  }
}
