import type { Codec, Registry } from '@polkadot/types/types';
import { auraAuthorIndex, decodeParachainHead, type ParachainHead } from './aura-author';

/** The part of a decoded `system.events` record the probe reads; `api.query.system.events` returns these. */
export interface RelayEventRecord {
  event: { section: string; method: string; data: ArrayLike<Codec>; registry: Registry };
}

/** One relay block's events, fed by the chain layer as it follows the relay chain. */
export interface RelayBlockEvents {
  number: number;
  events: Iterable<RelayEventRecord>;
}

export interface InclusionState {
  lastBackedRelayBlock: number | null;
  lastIncludedRelayBlock: number | null;
  lastIncludedAtMs: number | null;
  /** The newest relay block seen at all: inclusion gaps are counted against it. */
  latestRelayBlock: number | null;
  /** The first relay block seen: the gap before any inclusion is counted from it. */
  firstRelayBlock: number | null;
  timedOutCount: number;
  lastTimedOutRelayBlock: number | null;
  head: ParachainHead | null;
  headChangedAtMs: number | null;
  lastAuthorIndex: number | null;
  lastAuthorKey: string | null;
  /** Per author index: when a block of theirs was last included. */
  authoredAtMs: Map<number, number>;
}

export type InclusionEvent =
  | { kind: 'backed'; relayBlock: number }
  | { kind: 'included'; relayBlock: number; head: ParachainHead; authorIndex: number | null }
  | { kind: 'timed-out'; relayBlock: number };

const CANDIDATE_EVENTS = new Set(['CandidateBacked', 'CandidateIncluded', 'CandidateTimedOut']);

/**
 * Follows one parachain from the relay chain: which of its candidates were
 * backed, included or timed out, its head, and who authored each included block.
 */
export class InclusionProbe {
  readonly state: InclusionState = {
    lastBackedRelayBlock: null,
    lastIncludedRelayBlock: null,
    lastIncludedAtMs: null,
    latestRelayBlock: null,
    firstRelayBlock: null,
    timedOutCount: 0,
    lastTimedOutRelayBlock: null,
    head: null,
    headChangedAtMs: null,
    lastAuthorIndex: null,
    lastAuthorKey: null,
    authoredAtMs: new Map(),
  };
  private authorities: string[] = [];

  constructor(readonly paraId: number) {}

  /** The Aura authorities of the parachain (hex public keys), read by the chain layer. */
  setAuthorities(authorities: string[]): void {
    this.authorities = authorities.map((key) => key.toLowerCase());
  }

  get authorityKeys(): readonly string[] {
    return this.authorities;
  }

  get authorityCount(): number {
    return this.authorities.length;
  }

  authorityIndexOf(key: string): number | null {
    const index = this.authorities.indexOf(key.toLowerCase());
    return index < 0 ? null : index;
  }

  ingest(block: RelayBlockEvents, atMs: number): InclusionEvent[] {
    const found: InclusionEvent[] = [];
    this.state.firstRelayBlock ??= block.number;
    this.state.latestRelayBlock = Math.max(this.state.latestRelayBlock ?? 0, block.number);
    for (const { event } of block.events) {
      if (event.section !== 'paraInclusion' || !CANDIDATE_EVENTS.has(event.method)) continue;
      if (candidateParaId(event.data[0]) !== this.paraId) continue;
      found.push(this.apply(event, block.number, atMs));
    }
    return found;
  }

  private apply(event: RelayEventRecord['event'], relayBlock: number, atMs: number): InclusionEvent {
    if (event.method === 'CandidateBacked') {
      this.state.lastBackedRelayBlock = relayBlock;
      return { kind: 'backed', relayBlock };
    }
    if (event.method === 'CandidateTimedOut') {
      this.state.timedOutCount += 1;
      this.state.lastTimedOutRelayBlock = relayBlock;
      return { kind: 'timed-out', relayBlock };
    }
    const headBytes = event.data[1]?.toU8a(true) ?? new Uint8Array();
    const head = decodeParachainHead(event.registry, headBytes);
    if (this.state.head?.hash !== head.hash) this.state.headChangedAtMs = atMs;
    this.state.head = head;
    this.state.lastIncludedRelayBlock = relayBlock;
    this.state.lastIncludedAtMs = atMs;
    const authorIndex = head.auraSlot === null ? null : auraAuthorIndex(head.auraSlot, this.authorities.length);
    this.state.lastAuthorIndex = authorIndex;
    this.state.lastAuthorKey = authorIndex === null ? null : (this.authorities[authorIndex] ?? null);
    if (authorIndex !== null) this.state.authoredAtMs.set(authorIndex, atMs);
    return { kind: 'included', relayBlock, head, authorIndex };
  }
}

/** Reads `receipt.descriptor.paraId`, which every descriptor version carries. */
function candidateParaId(receipt: Codec | undefined): number | null {
  const descriptor = (receipt as { descriptor?: { paraId?: { toNumber?: () => number } } } | undefined)?.descriptor;
  const paraId = descriptor?.paraId;
  return typeof paraId?.toNumber === 'function' ? paraId.toNumber() : null;
}
