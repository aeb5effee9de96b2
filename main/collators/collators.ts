import { join } from 'node:path';
import type { BinaryInfo, CollatorProfile, CollatorState, GenesisArtifacts, ProfileInput, ProfilePorts } from '../../shared/contract/collators';
import type { Settings } from '../../shared/contract/settings';
import type { Logger } from '../logging/logger';
import { checkBinary } from './binary-check';
import { buildCommandLine } from './command-line';
import { ProfileStore } from './profile-store';
import { CollatorProfiles } from './profiles';
import { CollatorSupervisor, type SupervisorOptions } from './supervisor';

export interface CollatorsDeps {
  dataDir: string;
  logsDir: string;
  settings: () => Settings;
  log: Logger;
  /** Where free ports are searched from (tests give each worker its own range). */
  portSearchFrom?: ProfilePorts;
  /** Test hooks: short backoff, fast polling. */
  supervisor?: Partial<Omit<SupervisorOptions, 'stateDir' | 'logsDir' | 'getProfile' | 'settings' | 'log'>>;
}

/**
 * The collators domain as the API sees it: profiles, their nodes under the
 * supervisor, and genesis export. Also what the shells call when quitting.
 */
export class Collators {
  readonly profiles: CollatorProfiles;
  readonly supervisor: CollatorSupervisor;

  constructor(private readonly deps: CollatorsDeps) {
    const stateDir = join(deps.dataDir, 'collators');
    const store = new ProfileStore(join(stateDir, 'profiles.json'), deps.log);
    this.supervisor = new CollatorSupervisor({
      ...deps.supervisor,
      stateDir,
      logsDir: deps.logsDir,
      getProfile: (id) => store.get(id),
      settings: deps.settings,
      log: deps.log,
    });
    this.profiles = new CollatorProfiles({ store, portsInUseBy: (id) => this.supervisor.portsInUseBy(id), portSearchFrom: deps.portSearchFrom });
  }

  list(): Array<{ profile: CollatorProfile; state: CollatorState }> {
    return this.profiles.list().map((profile) => ({ profile, state: this.supervisor.state(profile.id) }));
  }

  get(id: string): { profile: CollatorProfile; state: CollatorState; commandLine: string[] } {
    const profile = this.profiles.get(id);
    return { profile, state: this.supervisor.state(id), commandLine: [profile.binaryPath, ...buildCommandLine(profile)] };
  }

  create(input: ProfileInput): Promise<CollatorProfile> {
    return this.profiles.create(input);
  }

  update(id: string, input: ProfileInput): Promise<CollatorProfile> {
    return this.profiles.update(id, input);
  }

  delete(id: string): boolean {
    this.profiles.get(id);
    this.supervisor.assertStopped(id);
    this.supervisor.forget(id);
    return this.profiles.delete(id);
  }

  checkBinary(path: string): Promise<BinaryInfo> {
    return checkBinary(path);
  }

  async exportGenesis(id: string, paraId: number): Promise<GenesisArtifacts> {
    const profile = this.profiles.get(id);
    // Loaded on first use: its hashing brings the polkadot crypto (tens of MB) the supervisor alone never needs.
    const { exportGenesis } = await import('./genesis-export');
    return exportGenesis(profile, paraId, join(this.deps.dataDir, 'artifacts'));
  }

  /** Collator processes running now: the shell asks before quitting when there are any. */
  runningCount(): number {
    return this.supervisor.runningCount;
  }

  /**
   * Ends supervision as the operator chose when quitting: stop every node
   * (SIGINT, SIGKILL after the stop timeout) or leave them running with their
   * pid files, for the next session to adopt.
   */
  dispose(options: { keepCollators: boolean }): Promise<void> {
    return this.supervisor.dispose(options.keepCollators ? 'detach' : 'stop');
  }
}
