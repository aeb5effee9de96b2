import type { ApiPromise } from '@polkadot/api';
import { WsProvider } from '@polkadot/api';
import type { ConnectionStateEvent } from '../../../shared/contract/chain';
import type { Diagnosis, DiagnosisEvidence, DiagnosisSubject } from '../../../shared/contract/diagnosis';
import { ServiceError } from '../../errors/service-error';
import { diagnose, stallRelayBlocks } from './diagnose';
import { collationEvidenceFromText, fetchMetricsText, nodeSyncFromText, readKeysEvidence, readNodeHashAt, type NodeRpc } from './collator-evidence';
import { readBlockspaceEvidence, readInclusionEvidence, readRegistration, readRelayCodeAndHead } from './relay-evidence';

/** Where one collator is reached, and which para it collates for. */
export interface CollatorEndpoints {
  paraId: number;
  /** The parachain node's WebSocket RPC. */
  rpcUrl: string;
  /** Prometheus of the parachain node (absent when the console was given none), and of its embedded relay node (absent when it has none, or its address is not known). */
  parachainMetricsUrl?: string;
  relayMetricsUrl?: string;
  /**
   * Why an exporter above is absent, in the words the evidence shows. A
   * profile the console runs has both halves' ports, so only its relay half
   * can be missing (it follows the relay over RPC); a remote collator is
   * known by the addresses the operator gave, and says so.
   */
  noMetricsWhy?: { parachain?: string; relay?: string };
  /** Where the para id should have come from, for the refusal when it is missing. */
  paraIdSource?: { message: string; hint: string };
}

/** What the service needs of the chain layer's connection pool. */
export interface DiagnosisConnections {
  states(): ConnectionStateEvent[];
  api(role: ConnectionStateEvent['role'], timeoutMs?: number): Promise<ApiPromise>;
}

export interface DiagnosisServiceDeps {
  connections: DiagnosisConnections;
  /** A collator's endpoints and para id (a profile the console runs, or a remote collator); undefined when there is none with that id. */
  collator(id: string): CollatorEndpoints | undefined;
  /** The para's expected block time and the relay's, from the health rules. */
  blockTimes(paraId: number): { blockTimeMs: number; relayBlockTimeMs: number };
  /** The account paying the para's on-demand orders, when the console knows it. */
  orderingAccountOf?(paraId: number): string | undefined;
  now?: () => number;
  /** How long one read of a node (RPC call or metrics scrape) may take. */
  nodeTimeoutMs?: number;
}

/** Relay blocks read back for inclusion, at least: about two minutes of a 6 s relay. */
const MIN_INCLUSION_WINDOW = 20;

/**
 * Gathers the evidence for one parachain or one collator from the relay,
 * the Coretime chain and the parachain (the chain layer's connections), and
 * from the collator's own node, then names the cause. Stateless: each read
 * is fresh, and a part it cannot read is reported with its reason instead of
 * failing the whole diagnosis.
 */
export class DiagnosisService {
  constructor(private readonly deps: DiagnosisServiceDeps) {}

  async read(subject: DiagnosisSubject): Promise<Diagnosis> {
    const evidence = await this.gather(subject);
    const found = diagnose(evidence);
    return { subject, paraId: evidence.paraId, ...found, evidence, readAtMs: (this.deps.now ?? Date.now)() };
  }

  async gather(subject: DiagnosisSubject): Promise<DiagnosisEvidence> {
    const collator = subject.kind === 'collator' ? this.deps.collator(subject.id) : undefined;
    if (subject.kind === 'collator' && !collator) throw new ServiceError('not_found', `No collator has the id "${subject.id}": neither a profile the console runs nor a remote collator it watches.`, 'It may have been removed: reload the Collators page.');
    const paraId = subject.kind === 'parachain' ? subject.paraId : (collator?.paraId ?? 0);
    if (subject.kind === 'collator' && paraId <= 0) {
      const source = collator?.paraIdSource ?? { message: `Collator "${subject.id}" has no para id: its chain spec does not name one.`, hint: 'Set para_id in its chain spec.' };
      throw new ServiceError('invalid_input', source.message, source.hint);
    }
    const times = this.deps.blockTimes(paraId);
    const relay = await this.connected('relay');
    const coretime = await this.connected('coretime');

    const registration = relay.ok ? await part(() => readRegistration(relay.api, paraId)) : notRead(relay.why);
    const lifecycle = registration.read ? registration.lifecycle : null;
    const orderingAccount = this.deps.orderingAccountOf?.(paraId);
    const blockspace = relay.ok
      ? await part(() => readBlockspaceEvidence(relay.api, paraId, { lifecycle, ...(coretime.ok ? { coretime: coretime.api } : {}), ...(orderingAccount ? { orderingAccount } : {}) }))
      : notRead(relay.why);
    const windowBlocks = Math.max(MIN_INCLUSION_WINDOW, 3 * stallRelayBlocks(times));
    const inclusion = relay.ok ? await part(() => readInclusionEvidence(relay.api, paraId, { windowBlocks })) : notRead(relay.why);
    const relayCode = relay.ok ? await part(() => readRelayCodeAndHead(relay.api, paraId)) : notRead(relay.why);
    const relayBest = blockspace.read ? blockspace.relayBlock : null;

    const notACollator = notRead('the subject is a parachain, not a collator');
    if (!collator) {
      const code = relayCode.read ? { ...relayCode, nodeHashAtRelayHead: null } : relayCode;
      return { paraId, ...times, registration, blockspace, inclusion, collations: notACollator, relayNode: notACollator, paraNode: notACollator, keys: notACollator, code };
    }

    const timeoutMs = this.deps.nodeTimeoutMs ?? 5_000;
    const missing = (why: string) => Promise.resolve({ ok: false as const, why });
    const [paraText, relayText] = await Promise.all([
      collator.parachainMetricsUrl ? fetchMetricsText(collator.parachainMetricsUrl, timeoutMs) : missing(collator.noMetricsWhy?.parachain ?? "the parachain node's Prometheus address is not known"),
      collator.relayMetricsUrl ? fetchMetricsText(collator.relayMetricsUrl, timeoutMs) : missing(collator.noMetricsWhy?.relay ?? 'the collator follows the relay over RPC: it has no embedded relay node to read'),
    ]);
    const paraNode = paraText.ok ? await part(async () => nodeSyncFromText(paraText.text, null)) : notRead(paraText.why);
    const relayNode = relayText.ok ? await part(async () => nodeSyncFromText(relayText.text, relayBest)) : notRead(relayText.why);
    const collations = relayText.ok ? await part(async () => collationEvidenceFromText(relayText.text)) : notRead(relayText.why);

    const node = await openNodeRpc(collator.rpcUrl, timeoutMs);
    try {
      const parachain = await this.connectedParachain(paraId);
      const keys = !node.ok ? notRead(node.why) : parachain.ok ? await part(() => readKeysEvidence(parachain.api, node.rpc)) : notRead(parachain.why);
      let code: DiagnosisEvidence['code'] = relayCode.read ? { ...relayCode, nodeHashAtRelayHead: null } : relayCode;
      if (code.read && node.ok && code.relayHeadNumber !== null) {
        const headNumber = code.relayHeadNumber;
        const hash = await part(async () => ({ read: true as const, hash: await readNodeHashAt(node.rpc, headNumber) }));
        if (hash.read) code = { ...code, nodeHashAtRelayHead: hash.hash };
      }
      return { paraId, collatorId: subject.kind === 'collator' ? subject.id : undefined, ...times, registration, blockspace, inclusion, collations, relayNode, paraNode, keys, code };
    } finally {
      if (node.ok) await node.close();
    }
  }

  private async connected(role: ConnectionStateEvent['role']): Promise<{ ok: true; api: ApiPromise } | { ok: false; why: string }> {
    const state = this.deps.connections.states().find((candidate) => candidate.role === role);
    if (state?.status !== 'connected') return { ok: false, why: `the console is not connected to the ${role === 'coretime' ? 'Coretime chain' : role === 'relay' ? 'relay chain' : role}` };
    try {
      return { ok: true, api: await this.deps.connections.api(role, 10_000) };
    } catch (error) {
      return { ok: false, why: messageOf(error) };
    }
  }

  /** The parachain connection, when it is this para (its own `parachainInfo.parachainId`). */
  private async connectedParachain(paraId: number): Promise<{ ok: true; api: ApiPromise } | { ok: false; why: string }> {
    const parachain = await this.connected('parachain');
    if (!parachain.ok) return parachain;
    const readParaId = parachain.api.query['parachainInfo']?.['parachainId'];
    const connectedParaId = readParaId ? Number((await readParaId()).toString()) : undefined;
    if (connectedParaId !== paraId) return { ok: false, why: `the connected parachain is para ${connectedParaId ?? '(unknown)'}, not para ${paraId}` };
    return parachain;
  }
}

type Part<T> = T | { read: false; why: string };

/** Reads one part; a failure becomes that part's reason, never the whole diagnosis's. */
async function part<T>(read: () => Promise<T>): Promise<Part<T>> {
  try {
    return await read();
  } catch (error) {
    return notRead(messageOf(error));
  }
}

function notRead(why: string): { read: false; why: string } {
  return { read: false, why };
}

async function openNodeRpc(url: string, timeoutMs: number): Promise<{ ok: true; rpc: NodeRpc; close: () => Promise<void> } | { ok: false; why: string }> {
  // No auto-reconnect: one diagnosis, one connection.
  const provider = new WsProvider(url, false, {}, timeoutMs);
  try {
    await Promise.race([
      provider.connect().then(() => provider.isReady),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs)),
    ]);
  } catch (error) {
    await provider.disconnect().catch(() => undefined);
    return { ok: false, why: `the collator's RPC at ${url} cannot be reached (${messageOf(error)})` };
  }
  return { ok: true, rpc: { send: (method, params) => provider.send(method, params) }, close: () => provider.disconnect().catch(() => undefined) };
}

function messageOf(error: unknown): string {
  if (error instanceof ServiceError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
