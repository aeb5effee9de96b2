import parsePrometheusTextFormat, { type PrometheusFamily } from 'parse-prometheus-text-format';

/** The figures health monitoring reads from one half of a collator (parachain node or embedded relay node). */
export interface MetricsReading {
  best: number | null;
  finalized: number | null;
  syncTarget: number | null;
  peers: number | null;
  syncPeers: number | null;
  isMajorSyncing: boolean | null;
  readyTransactions: number | null;
  /** `substrate_proposer_block_constructed_count`: blocks this node authored since it started. */
  blocksAuthored: number | null;
  collationsGenerated: number | null;
  collationsExpired: number | null;
}

export type MetricsProbeResult = { ok: true; reading: MetricsReading } | { ok: false; reason: string };

/**
 * Scrapes one Prometheus endpoint. A port that answers but is not a Substrate
 * exporter (another program took it) counts as unreachable, with that reason.
 */
export async function probeMetrics(url: string, timeoutMs: number): Promise<MetricsProbeResult> {
  let text: string;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return { ok: false, reason: `${url} answered HTTP ${response.status}` };
    text = await response.text();
  } catch (error) {
    return { ok: false, reason: `${url} did not answer (${describe(error)})` };
  }
  let reading: MetricsReading;
  try {
    reading = parseMetricsText(text);
  } catch (error) {
    return { ok: false, reason: `${url} did not serve Prometheus metrics (${describe(error)})` };
  }
  if (reading.best === null && reading.peers === null) {
    return { ok: false, reason: `${url} answers but serves no Substrate node metrics: another program may hold the port` };
  }
  return { ok: true, reading };
}

/** Reads a node's exposition text; throws when it is not the Prometheus text format. */
export function parseMetricsText(text: string): MetricsReading {
  return readMetrics(parsePrometheusTextFormat(demoteHistograms(text)));
}

function readMetrics(families: PrometheusFamily[]): MetricsReading {
  // Untyped series interleave, so one name can come back as several families: merge them.
  const byName = new Map<string, PrometheusFamily>();
  for (const family of families) {
    const seen = byName.get(family.name);
    if (seen) seen.metrics.push(...family.metrics);
    else byName.set(family.name, { ...family, metrics: [...family.metrics] });
  }
  const height = (status: string) => gauge(byName.get('substrate_block_height'), (labels) => labels.status === status);
  const syncing = gauge(byName.get('substrate_sub_libp2p_is_major_syncing'));
  return {
    best: height('best'),
    finalized: height('finalized'),
    syncTarget: height('sync_target'),
    peers: gauge(byName.get('substrate_sub_libp2p_peers_count')),
    syncPeers: gauge(byName.get('substrate_sync_peers')),
    isMajorSyncing: syncing === null ? null : syncing > 0,
    readyTransactions: gauge(byName.get('substrate_ready_transactions_number')),
    blocksAuthored: sum(byName.get('substrate_proposer_block_constructed_count')),
    collationsGenerated: sum(byName.get('polkadot_parachain_collations_generated_total')),
    collationsExpired: sum(byName.get('polkadot_parachain_collation_expired')) ?? sum(byName.get('polkadot_parachain_collation_expired_count')),
  };
}

function gauge(family: PrometheusFamily | undefined, match: (labels: Record<string, string>) => boolean = () => true): number | null {
  const sample = family?.metrics.find((metric) => metric.value !== undefined && match(metric.labels ?? {}));
  return sample?.value === undefined ? null : toNumber(sample.value);
}

function sum(family: PrometheusFamily | undefined): number | null {
  const values = (family?.metrics ?? []).flatMap((metric) => (metric.value === undefined ? [] : [toNumber(metric.value)]));
  return values.length === 0 ? null : values.reduce((total, value) => total + value, 0);
}

/**
 * The parser keeps a histogram's `_count` and `_sum` only when the histogram
 * has no labels, and every Substrate metric carries a `chain` label. Declared
 * untyped, each `_count`, `_sum` and `_bucket` series comes out as its own family.
 */
function demoteHistograms(text: string): string {
  return text.replace(/^# TYPE (\S+) (?:histogram|summary)\s*$/gm, '# TYPE $1 untyped');
}

function toNumber(text: string): number {
  const value = Number(text);
  return Number.isFinite(value) ? value : 0;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.cause instanceof Error ? error.cause.message : error.message;
  return String(error);
}
