import { readFile } from 'node:fs/promises';
import type { ApiPromise } from '@polkadot/api';
import path from 'node:path';
import { z } from 'zod';
import type {
  Capability, ChainRoleName, ConnectInput, ConnectionStateEvent, NetworkSummary, ReadQuery, ReadValue, RehearsalState,
  SignRequest, TxEstimate, TxIntent, TxRecord, TxSignerChoice,
} from '../../shared/contract/chain';
import { ServiceError } from '../errors/service-error';
import type { AccountSigner } from './tx/account-signer';
import { writeFileAtomic } from '../fs/write-file-atomic';
import type { Logger } from '../logging/logger';
import { capabilitiesOf } from './capabilities-report';
import { ConnectionPool, roleName } from './connection/connection-pool';
import { BUILT_IN_NETWORKS, customNetworkSchema, toNetworkDefinition, type CustomNetwork, type NetworkDefinition } from './networks';
import { absentChainError, absentChainReason } from './absent-chains';
import { ReadModel, roleOf } from './read/read-model';
import { readEpochTiming } from './storage/session';
import { declaredToken, withDeclaredToken } from './token-of-chain';
import type { ChopsticksSource } from './rehearsal/chopsticks-process';
import { RehearsalManager } from './rehearsal/rehearsal-manager';
import { ExtensionSignerBridge, type SignAnswer } from './tx/extension-signer-bridge';
import { PendingStore } from './tx/pending-store';
import { TxPipeline, type TxPipelineDeps } from './tx/tx-pipeline';

export interface ChainServiceDeps {
  /** The app's data folder: custom networks, pending transactions and rehearsal forks live under `chain/`. */
  dataDir: string;
  log: Logger;
  /** The vault's signing seam (main process only). */
  vault?: AccountSigner;
  /** The network chosen in settings, used until `connect` picks one. */
  defaultNetworkId?: () => string;
  /** Where a rehearsal fork copies its chain from; by default the chain's first endpoint (tests give a genesis spec). */
  rehearsalSource?: (network: NetworkDefinition, role: ChainRoleName, endpoints: readonly string[]) => ChopsticksSource;
  connectTimeoutMs?: number;
  retryDelayMs?: number;
  /** No new block for this long on a connected chain is shown as a stall (default 30 s). */
  stallAfterMs?: number;
  /** The calls features build for their own intents (`main/hrmp` builds the parachain's channel message send). */
  featureCalls?: TxPipelineDeps['featureCalls'];
}

/** Capabilities come from metadata already loaded: a chain still loading it counts as not connected. */
const CAPABILITY_READY_TIMEOUT_MS = 5_000;

const customNetworksFileSchema = z.object({ version: z.literal(1), networks: z.array(customNetworkSchema) });

/**
 * The chain layer as one service: which network, its shared connections, the
 * read model, the transaction pipeline and the rehearsal fork. The API
 * handlers talk to this and nothing below it.
 */
export class ChainService {
  readonly pool: ConnectionPool;
  readonly readModel: ReadModel;
  readonly pipeline: TxPipeline;
  readonly extension = new ExtensionSignerBridge();
  readonly rehearsal: RehearsalManager;
  private readonly custom = new Map<string, CustomNetwork>();
  private networkId: string | undefined;
  /** The endpoints each role used before a rehearsal took it over, to go back to. */
  private beforeRehearsal: { role: ChainRoleName; endpoints: readonly string[] | undefined } | undefined;

  private constructor(private readonly deps: ChainServiceDeps, store: PendingStore) {
    this.pool = new ConnectionPool({ log: deps.log, retryDelayMs: deps.retryDelayMs, stallAfterMs: deps.stallAfterMs });
    this.readModel = new ReadModel(this.pool, deps.connectTimeoutMs);
    this.pipeline = new TxPipeline({
      pool: this.pool,
      store,
      vault: deps.vault,
      extension: this.extension,
      network: () => this.currentNetwork(),
      log: deps.log,
      connectTimeoutMs: deps.connectTimeoutMs,
      featureCalls: deps.featureCalls,
    });
    this.rehearsal = new RehearsalManager({ dir: path.join(deps.dataDir, 'chain', 'rehearsal'), log: deps.log });
  }

  static async create(deps: ChainServiceDeps): Promise<ChainService> {
    const store = await PendingStore.open(path.join(deps.dataDir, 'chain', 'transactions.json'), deps.log);
    const service = new ChainService(deps, store);
    await service.loadCustomNetworks();
    return service;
  }

  // Networks and connections ------------------------------------------------

  networks(): NetworkSummary[] {
    return this.allNetworks().map(summarise);
  }

  async addNetwork(network: CustomNetwork): Promise<NetworkSummary> {
    this.custom.set(network.id, network);
    await writeFileAtomic(this.customNetworksPath(), JSON.stringify({ version: 1, networks: [...this.custom.values()] }, null, 1));
    return summarise(toNetworkDefinition(network));
  }

  /** Opens each chain of the network (shared connections) and answers once each is connected or has failed. */
  async connect(input: ConnectInput): Promise<ConnectionStateEvent[]> {
    const network = this.network(input.networkId);
    if (this.networkId !== undefined && this.networkId !== network.id) await this.disconnect();
    this.networkId = network.id;
    const roles = input.roles ?? rolesOf(network, input);
    const opened = await Promise.all(roles.map((role) => {
      const endpoints = input.endpoints?.[role] ?? endpointsOf(network, role);
      const rehearsal = this.rehearsal.state();
      const forked = rehearsal.status === 'running' && rehearsal.networkId === network.id && rehearsal.role === role && rehearsal.endpoint !== undefined;
      return this.pool.open({ networkId: network.id, role, endpoints: forked ? [rehearsal.endpoint as string] : endpoints, rehearsal: forked });
    }));
    await Promise.allSettled(opened.map((connection) => connection.ready(this.deps.connectTimeoutMs)));
    await this.adoptDeclaredToken(network.id);
    for (const connection of opened) {
      if (connection.state.status !== 'connected') continue;
      const resumed = this.pipeline.resumeInterrupted(network.id, connection.role);
      if (resumed.length > 0) this.deps.log.info(`chain: finishing ${resumed.length} interrupted transaction(s) on ${connection.label}`);
    }
    return opened.map((connection) => connection.state);
  }

  /** Closes every chain; open views stay and get values again on the next connect. */
  async disconnect(): Promise<number> {
    return this.pool.closeAll();
  }

  connections(): ConnectionStateEvent[] {
    return this.pool.states();
  }

  onConnection(listener: (state: ConnectionStateEvent) => void): () => void {
    for (const state of this.pool.states()) listener(state);
    return this.pool.onState(listener);
  }

  /** What the connected runtimes offer; chains not connected (yet) report their flows as missing. */
  async capabilities(): Promise<Capability[]> {
    const apis: Partial<Record<ChainRoleName, ApiPromise>> = {};
    await Promise.all(this.pool.states().filter((state) => state.status === 'connected').map(async (state) => {
      const api = await this.pool.api(state.role, CAPABILITY_READY_TIMEOUT_MS).catch(() => undefined);
      if (api) apis[state.role] = api;
    }));
    const network = this.currentNetwork();
    // A chain the network does not have is not "not connected yet": say it has none.
    return (await capabilitiesOf(apis)).map((row) => {
      const absent = row.available ? undefined : absentChainReason(network, row.role);
      return absent === undefined ? row : { ...row, reason: absent };
    });
  }

  // Read model --------------------------------------------------------------

  read(query: ReadQuery): Promise<ReadValue> {
    const absent = absentChainError(this.currentNetwork(), roleOf(query));
    if (absent) return Promise.reject(absent);
    return this.readModel.read(query);
  }

  watch(query: ReadQuery, emit: (value: ReadValue) => void): () => void {
    const absent = absentChainError(this.currentNetwork(), roleOf(query));
    if (absent) throw absent;
    return this.readModel.watch(query, emit, (error) => this.deps.log.warn(`chain: read-model subscription ${query.kind} ended`, error));
  }

  /** Every network the console knows, built-in and custom, with what only its definition says (block time, explorers). */
  networkDefinitions(): NetworkDefinition[] {
    return this.allNetworks();
  }

  /**
   * The relay's block time: as its runtime states it (`babe.expectedBlockTime`) while that network's relay is
   * connected, since a custom or local relay may run at another pace than the one it was added with; the
   * network definition's otherwise.
   */
  async relayBlockTimeMs(networkId: string): Promise<number> {
    const network = this.network(networkId);
    const relay = this.pool.get('relay');
    if (relay?.networkId === network.id && relay.state.status === 'connected') {
      const api = await this.pool.api('relay', CAPABILITY_READY_TIMEOUT_MS).catch(() => undefined);
      const stated = api === undefined ? undefined : readEpochTiming(api)?.expectedBlockTimeMs;
      if (stated !== undefined && stated > 0) return stated;
    }
    return network.relayBlockTimeMs;
  }

  /**
   * A connected chain's API, for the reads the read model does not stream (one-off figures, dry runs). A chain
   * the current network does not have is refused in those words, not as "not connected yet".
   */
  api(role: ChainRoleName, timeoutMs?: number): Promise<ApiPromise> {
    const absent = absentChainError(this.currentNetwork(), role);
    if (absent) return Promise.reject(absent);
    return this.pool.api(role, timeoutMs);
  }

  // Transactions ------------------------------------------------------------

  estimate(intent: TxIntent, signer: TxSignerChoice): Promise<TxEstimate> {
    return this.pipeline.estimate(intent, signer);
  }

  submit(intent: TxIntent, signer: TxSignerChoice, intentKey: string): Promise<TxRecord> {
    return this.pipeline.submit(intent, signer, intentKey);
  }

  retry(txId: string): Promise<TxRecord> {
    return this.pipeline.retry(txId);
  }

  onTxStatus(txId: string | undefined, emit: (record: TxRecord) => void): () => void {
    if (txId !== undefined) emit(this.pipeline.get(txId));
    return this.pipeline.onStatus((record) => {
      if (txId === undefined || record.txId === txId) emit(record);
    });
  }

  onSignRequest(emit: (request: SignRequest) => void): () => void {
    return this.extension.onRequest(emit);
  }

  answerSignRequest(answer: SignAnswer): boolean {
    return this.extension.answer(answer);
  }

  // Rehearsal ---------------------------------------------------------------

  /** Starts a fork of one chain, funds the accounts, and points that chain's connection at it. */
  async startRehearsal(request: { networkId: string; role: ChainRoleName; fund: Array<{ address: string; freePlanck: bigint }> }): Promise<RehearsalState> {
    const network = this.network(request.networkId);
    const live = this.pool.get(request.role);
    const endpoints = live && !live.rehearsal ? live.endpoints : endpointsOf(network, request.role);
    const source = this.deps.rehearsalSource?.(network, request.role, endpoints) ?? { kind: 'endpoint', endpoint: firstOf(endpoints, request.role) };
    const state = await this.rehearsal.start({ networkId: network.id, role: request.role, source, fund: request.fund });
    this.beforeRehearsal = { role: request.role, endpoints: live && !live.rehearsal ? live.endpoints : undefined };
    this.networkId = network.id;
    const fork = await this.pool.open({ networkId: network.id, role: request.role, endpoints: [state.endpoint as string], rehearsal: true });
    await fork.ready(this.deps.connectTimeoutMs);
    return state;
  }

  /** Stops the fork and puts that chain back on the endpoints it used before (or leaves it closed if it was not open). */
  async stopRehearsal(): Promise<RehearsalState> {
    const before = this.beforeRehearsal;
    this.beforeRehearsal = undefined;
    if (before?.endpoints && this.networkId !== undefined) {
      await this.pool.open({ networkId: this.networkId, role: before.role, endpoints: before.endpoints });
    } else if (before && this.pool.get(before.role)?.rehearsal) {
      await this.pool.close(before.role);
    }
    return this.rehearsal.stop();
  }

  async dispose(): Promise<void> {
    await this.disconnect();
    await this.pipeline.close();
    await this.rehearsal.stop();
  }

  // -------------------------------------------------------------------------

  private currentNetwork(): NetworkDefinition {
    return this.network(this.networkId ?? this.deps.defaultNetworkId?.() ?? 'paseo');
  }

  private network(id: string): NetworkDefinition {
    const network = this.allNetworks().find((candidate) => candidate.id === id);
    if (!network) throw new ServiceError('not_found', `There is no network called "${id}".`, 'Pick one of the listed networks, or add it as a custom network.');
    return network;
  }

  private allNetworks(): NetworkDefinition[] {
    return [...Object.values(BUILT_IN_NETWORKS), ...[...this.custom.values()].map(toNetworkDefinition)];
  }

  /** A custom network takes the token its relay declares (see `withDeclaredToken`); the operator is told in the log. */
  private async adoptDeclaredToken(networkId: string): Promise<void> {
    const custom = this.custom.get(networkId);
    const relay = this.pool.get('relay');
    if (!custom || relay?.state.status !== 'connected') return;
    try {
      const corrected = withDeclaredToken(custom, await declaredToken(await this.pool.api('relay')));
      if (!corrected) return;
      this.deps.log.warn(`chain: ${custom.name} declares ${corrected.token.decimals} decimals of ${corrected.token.symbol} (SS58 ${corrected.ss58Prefix}); it was added with ${custom.token.decimals} of ${custom.token.symbol} (SS58 ${custom.ss58Prefix}): using the chain's`);
      await this.addNetwork(corrected);
    } catch (error) {
      this.deps.log.warn(`chain: could not read ${custom.name}'s token from its relay`, error);
    }
  }

  private customNetworksPath(): string {
    return path.join(this.deps.dataDir, 'chain', 'networks.json');
  }

  private async loadCustomNetworks(): Promise<void> {
    try {
      const parsed = customNetworksFileSchema.safeParse(JSON.parse(await readFile(this.customNetworksPath(), 'utf8')));
      if (parsed.success) for (const network of parsed.data.networks) this.custom.set(network.id, network);
      else this.deps.log.warn('chain: ignoring an unreadable custom network file');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.deps.log.warn('chain: could not read custom networks', error);
    }
  }
}

function rolesOf(network: NetworkDefinition, input: ConnectInput): ChainRoleName[] {
  const roles: ChainRoleName[] = ['relay'];
  if (network.chains.coretime) roles.push('coretime');
  if (network.chains.assetHub) roles.push('assetHub');
  if (input.endpoints?.parachain) roles.push('parachain');
  return roles;
}

function endpointsOf(network: NetworkDefinition, role: ChainRoleName): readonly string[] {
  const chain = role === 'parachain' ? undefined : network.chains[role];
  if (!chain || chain.rpcEndpoints.length === 0) {
    throw new ServiceError('not_found', `${network.name} has no ${roleName(role)} endpoint the console knows.`,
      role === 'parachain' ? 'Give your parachain\'s RPC endpoint (your collator\'s, or a private one).' : 'Add the endpoint as a custom endpoint.');
  }
  return chain.rpcEndpoints;
}

function firstOf(endpoints: readonly string[], role: ChainRoleName): string {
  const first = endpoints[0];
  if (first === undefined) throw new ServiceError('not_found', `No endpoint to fork the ${roleName(role)} from.`);
  return first;
}

function summarise(network: NetworkDefinition): NetworkSummary {
  const chains = (['relay', 'coretime', 'assetHub'] as const).flatMap((role) => {
    const chain = network.chains[role];
    return chain ? [{ role, name: chain.name, ...(chain.paraId === undefined ? {} : { paraId: chain.paraId }), endpoints: [...chain.rpcEndpoints] }] : [];
  });
  return { id: network.id, name: network.name, builtIn: network.builtIn, testnet: network.testnet, token: { ...network.token }, ss58Prefix: network.ss58Prefix, chains };
}
