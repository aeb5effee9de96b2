import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types-codec/types';
import parsePrometheusTextFormat, { type PrometheusFamily } from 'parse-prometheus-text-format';
import type { CollationEvidence, KeysEvidence, NodeSyncEvidence } from '../../../shared/contract/diagnosis';
import { hexOf, itemsOf } from '../../chain/storage/codec-values';
import { hasItem, readEntries, readItem, storageItem } from '../../chain/storage/storage-item';
import { parseMetricsText } from '../probes/prometheus-probe';

/**
 * The collator's side of a diagnosis: its two Prometheus exporters (the
 * parachain node, and the embedded relay node where the collator protocol
 * counts its collations), its keystore through its own RPC, and the
 * parachain's session and authority storage.
 */

/** The collator protocol's families, as polkadot-sdk registers them (collation-generation and collator-protocol's collator side). */
export const COLLATION_FAMILIES = {
  generated: 'polkadot_parachain_collations_generated_total',
  advertised: 'polkadot_parachain_collation_advertisements_made_total',
  sendRequested: 'polkadot_parachain_collations_sent_requested_total',
  sent: 'polkadot_parachain_collations_sent_total',
  backingLatency: 'polkadot_parachain_collation_backing_latency',
  inclusionLatency: 'polkadot_parachain_collation_inclusion_latency',
  expired: 'polkadot_parachain_collation_expired',
} as const;

/** A node's JSON-RPC, as far as the diagnosis asks it: the collator's own local RPC. */
export interface NodeRpc {
  send<T>(method: string, params: unknown[]): Promise<T>;
}

/** Fetches one exporter's text; the reason in words when it does not answer. */
export async function fetchMetricsText(url: string, timeoutMs: number): Promise<{ ok: true; text: string } | { ok: false; why: string }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return { ok: false, why: `${url} answered HTTP ${response.status}` };
    return { ok: true, text: await response.text() };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
    return { ok: false, why: `${url} did not answer (${cause})` };
  }
}

/**
 * The collation funnel from the embedded relay node's exposition text.
 * Histograms are read by their `_count` (and `_sum`) series, which is what
 * the exporter writes for each observation.
 */
export function collationEvidenceFromText(text: string): Extract<CollationEvidence, { read: true }> {
  const families = byName(parsePrometheusTextFormat(demoteHistograms(text)));
  const total = (name: string): number | null => sum(families.get(name));
  const inclusionCount = total(`${COLLATION_FAMILIES.inclusionLatency}_count`);
  const inclusionSum = total(`${COLLATION_FAMILIES.inclusionLatency}_sum`);
  const expiredByState: Record<string, number> = {};
  for (const sample of families.get(`${COLLATION_FAMILIES.expired}_count`)?.metrics ?? []) {
    const state = sample.labels?.['state'];
    if (state === undefined || sample.value === undefined) continue;
    expiredByState[state] = (expiredByState[state] ?? 0) + toNumber(sample.value);
  }
  return {
    read: true,
    generated: total(COLLATION_FAMILIES.generated),
    advertised: total(COLLATION_FAMILIES.advertised),
    sendRequested: total(COLLATION_FAMILIES.sendRequested),
    sent: total(COLLATION_FAMILIES.sent),
    backed: total(`${COLLATION_FAMILIES.backingLatency}_count`),
    included: inclusionCount,
    meanInclusionLatencyBlocks: inclusionCount !== null && inclusionCount > 0 && inclusionSum !== null ? inclusionSum / inclusionCount : null,
    expiredByState,
  };
}

/** One half's sync figures from its exposition text, beside the chain's own best block when known. */
export function nodeSyncFromText(text: string, chainBest: number | null): Extract<NodeSyncEvidence, { read: true }> {
  const reading = parseMetricsText(text);
  return {
    read: true,
    best: reading.best,
    finalized: reading.finalized,
    syncTarget: reading.syncTarget,
    peers: reading.peers,
    majorSyncing: reading.isMajorSyncing,
    chainBest,
  };
}

/** `session.nextKeys(account)`: the SCALE bytes of the keys, which are what `author_hasSessionKeys` takes. */
const sessionNextKeys = storageItem<[account: string], `0x${string}`>(['session'], 'nextKeys', hexOf);
/** `session.queuedKeys`: the (account, keys) pairs that become the authority set at the next session. */
const sessionQueuedKeys = storageItem<[], string[]>(['session'], 'queuedKeys', (value) => itemsOf(value).map((pair) => itemsOf(pair)[0]?.toString() ?? ''));
const auraAuthorities = storageItem<[], Array<`0x${string}`>>(['aura'], 'authorities', (value) => itemsOf(value).map(hexOf));
const invulnerables = storageItem<[], string[]>(['collatorSelection'], 'invulnerables', (value) => itemsOf(value).map(String));
/** Candidates' accounts: `candidateList` (newer) or `candidates` (older), each `{ who, deposit }`. */
const candidateAccounts = (item: string) => storageItem<[], string[]>(['collatorSelection'], item, (value) => itemsOf(value).map((candidate: Codec) => whoOf(candidate)));

/**
 * Which on-chain session keys the node's keystore holds, whether it holds a
 * key of the current Aura authority set, and where its account stands in
 * collator selection. The node answers `author_hasSessionKeys` and
 * `author_hasKey` on its local (unsafe) RPC.
 */
export async function readKeysEvidence(parachain: ApiPromise, node: NodeRpc): Promise<Extract<KeysEvidence, { read: true }>> {
  const authorities = hasItem(parachain, auraAuthorities) ? ((await readItem(parachain, auraAuthorities)) ?? []) : [];
  let authorityKeyHeld: `0x${string}` | null = null;
  for (const key of authorities) {
    if (await node.send<boolean>('author_hasKey', [key, 'aura'])) {
      authorityKeyHeld = key;
      break;
    }
  }
  const onChain = hasItem(parachain, sessionNextKeys) ? await readEntries(parachain, sessionNextKeys) : [];
  const held: string[] = [];
  for (const { keyArgs, value } of onChain) {
    if (await node.send<boolean>('author_hasSessionKeys', [value])) held.push(keyArgs[0]?.toString() ?? '');
  }
  const queued = hasItem(parachain, sessionQueuedKeys) ? ((await readItem(parachain, sessionQueuedKeys)) ?? []) : [];
  let collatorSelection: Extract<KeysEvidence, { read: true }>['collatorSelection'] = null;
  if (hasItem(parachain, invulnerables)) {
    const candidatesItem = [candidateAccounts('candidateList'), candidateAccounts('candidates')].find((item) => hasItem(parachain, item));
    const [fixed, candidates] = await Promise.all([readItem(parachain, invulnerables), candidatesItem ? readItem(parachain, candidatesItem) : Promise.resolve([])]);
    collatorSelection = {
      invulnerable: held.some((account) => (fixed ?? []).includes(account)),
      candidate: held.some((account) => (candidates ?? []).includes(account)),
    };
  }
  return {
    read: true,
    accountsWithKeysInKeystore: held,
    accountsWithKeysOnChain: onChain.length,
    authorityCount: authorities.length,
    authorityKeyHeld,
    queuedForNextSession: held.some((account) => queued.includes(account)),
    collatorSelection,
  };
}

/** The collator's own block hash at a number (`chain_getBlockHash`); null when it does not have that block. */
export async function readNodeHashAt(node: NodeRpc, number: number): Promise<`0x${string}` | null> {
  const hash = await node.send<string | null>('chain_getBlockHash', [number]);
  return typeof hash === 'string' && /^0x[0-9a-f]{64}$/i.test(hash) ? (hash.toLowerCase() as `0x${string}`) : null;
}

function whoOf(candidate: Codec): string {
  const who = (candidate as unknown as { who?: Codec }).who;
  return who === undefined ? candidate.toString() : who.toString();
}

function byName(families: PrometheusFamily[]): Map<string, PrometheusFamily> {
  // Untyped series interleave, so one name can come back as several families: merge them.
  const merged = new Map<string, PrometheusFamily>();
  for (const family of families) {
    const seen = merged.get(family.name);
    if (seen) seen.metrics.push(...family.metrics);
    else merged.set(family.name, { ...family, metrics: [...family.metrics] });
  }
  return merged;
}

function sum(family: PrometheusFamily | undefined): number | null {
  const values = (family?.metrics ?? []).flatMap((metric) => (metric.value === undefined ? [] : [toNumber(metric.value)]));
  return values.length === 0 ? null : values.reduce((total, value) => total + value, 0);
}

/** The parser keeps a histogram's `_count` only without labels; declared untyped, each series is its own family (as the health probe reads them). */
function demoteHistograms(text: string): string {
  return text.replace(/^# TYPE (\S+) (?:histogram|summary)\s*$/gm, '# TYPE $1 untyped');
}

function toNumber(text: string): number {
  const value = Number(text);
  return Number.isFinite(value) ? value : 0;
}
