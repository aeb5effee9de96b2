import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import getPort from 'get-port';
import type { ChainRoleName, RehearsalState } from '../../../shared/contract/chain';
import { ServiceError } from '../../errors/service-error';
import type { Logger } from '../../logging/logger';
import { ChopsticksProcess, type ChopsticksSource } from './chopsticks-process';
import { fundAccounts, type FundedAccount } from './dev-rpc';

export interface RehearsalStart {
  networkId: string;
  role: ChainRoleName;
  /** Where the fork copies its state from: the chain's live endpoint (tests use a genesis spec). */
  source: ChopsticksSource;
  fund: FundedAccount[];
}

export interface RehearsalManagerDeps {
  /** Forks live in temporary folders under here. */
  dir: string;
  log: Logger;
  readyTimeoutMs?: number;
}

/**
 * One local chopsticks fork at a time, started on demand so a team can try a
 * whole flow (reserve, register, order, buy) without real tokens. Pointing
 * the console's connection at it is the chain service's job.
 */
export class RehearsalManager {
  private fork: ChopsticksProcess | undefined;
  private forkDir: string | undefined;
  private current: RehearsalState = { status: 'stopped', funded: [] };

  constructor(private readonly deps: RehearsalManagerDeps) {}

  state(): RehearsalState {
    return this.current;
  }

  async start(request: RehearsalStart): Promise<RehearsalState> {
    if (this.current.status === 'starting') {
      throw new ServiceError('conflict', 'A rehearsal fork is already starting.', 'Wait for it to be ready, or stop it first.');
    }
    await this.stop();
    this.current = { status: 'starting', networkId: request.networkId, role: request.role, funded: [] };
    try {
      await mkdir(this.deps.dir, { recursive: true });
      this.forkDir = await mkdtemp(path.join(this.deps.dir, `${request.networkId}-${request.role}-`));
      const port = await getPort({ host: '127.0.0.1' });
      this.fork = await ChopsticksProcess.start({ source: request.source, port, dir: this.forkDir, readyTimeoutMs: this.deps.readyTimeoutMs ?? 180_000 });
      if (request.fund.length > 0) await fundAccounts(this.fork.wsUrl, request.fund);
      this.current = {
        status: 'running',
        networkId: request.networkId,
        role: request.role,
        endpoint: this.fork.wsUrl,
        funded: request.fund.map((account) => ({ address: account.address, freePlanck: account.freePlanck.toString() })),
      };
      this.deps.log.info(`chain: rehearsal fork of ${request.networkId}/${request.role} at ${this.fork.wsUrl}`);
      return this.current;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.cleanUp();
      this.current = { status: 'failed', networkId: request.networkId, role: request.role, funded: [], reason };
      throw error instanceof ServiceError ? error : new ServiceError('failed', `The rehearsal fork did not start: ${reason}`, 'Check that the chain\'s endpoint is reachable and try again.');
    }
  }

  async stop(): Promise<RehearsalState> {
    await this.cleanUp();
    this.current = { status: 'stopped', funded: [] };
    return this.current;
  }

  private async cleanUp(): Promise<void> {
    const fork = this.fork;
    const dir = this.forkDir;
    this.fork = undefined;
    this.forkDir = undefined;
    await fork?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
