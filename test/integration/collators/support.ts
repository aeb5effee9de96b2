import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CollatorAlert, CollatorState, ProfileInput, ProfilePorts } from '../../../shared/contract/collators';
import { settingsSchema, type Settings } from '../../../shared/contract/settings';
import { Collators, type CollatorsDeps } from '../../../main/collators/collators';
import type { CollatorSupervisor } from '../../../main/collators/supervisor';
import { silentLogger } from '../../../main/logging/logger';
import { plainSpec } from '../../fixtures/fake-collator/plain-spec';

const here = path.dirname(fileURLToPath(import.meta.url));
export const fakeCollatorPath = path.resolve(here, '../../fixtures/fake-collator/fake-collator.mjs');
export const chopsticksCollatorPath = path.resolve(here, '../../fixtures/fake-collator/chopsticks-collator.mjs');

export { plainSpec };

/**
 * Test files run in parallel workers, each choosing "free" ports before any
 * node binds them: each worker searches its own range, below the OS's
 * ephemeral ports, so two workers never pick the same one.
 */
function workerPorts(): ProfilePorts {
  const base = 20_000 + Number(process.env.VITEST_POOL_ID ?? 0) * 1_200;
  return {
    para: { p2p: base, rpc: base + 200, prometheus: base + 400 },
    relay: { p2p: base + 600, rpc: base + 800, prometheus: base + 1_000 },
  };
}

export interface Workspace {
  dir: string;
  dataDir: string;
  logsDir: string;
  specPath: string;
  settings: Settings;
  /** A console session over this data folder; several may be opened one after the other. */
  open(overrides?: CollatorsDeps['supervisor']): Collators;
  profileInput(name: string, extra?: Partial<ProfileInput>): ProfileInput;
  cleanup(): Promise<void>;
}

export async function createWorkspace(settingsPatch: Partial<Settings> = {}): Promise<Workspace> {
  const dir = await mkdtemp(path.join(tmpdir(), 'collators-'));
  const specPath = path.join(dir, 'spec.json');
  await writeFile(specPath, JSON.stringify(plainSpec));
  const settings = settingsSchema.parse({ schemaVersion: 2, stopTimeoutMs: 20_000, ...settingsPatch });
  const opened: Collators[] = [];
  const workspace: Workspace = {
    dir,
    dataDir: path.join(dir, 'data'),
    logsDir: path.join(dir, 'logs'),
    specPath,
    settings,
    open(overrides) {
      const collators = new Collators({
        dataDir: workspace.dataDir,
        logsDir: workspace.logsDir,
        settings: () => workspace.settings,
        log: silentLogger,
        portSearchFrom: workerPorts(),
        supervisor: { sampleIntervalMs: 250, probeIntervalMs: 200, livenessPollMs: 100, restartPolicy: { initialDelayMs: 50 }, ...overrides },
      });
      opened.push(collators);
      return collators;
    },
    profileInput(name, extra = {}) {
      return {
        name,
        binaryPath: fakeCollatorPath,
        chainSpecPath: specPath,
        basePath: path.join(dir, 'base', name),
        relay: { mode: 'embedded', chain: 'rococo-local' },
        ...extra,
      };
    },
    async cleanup() {
      for (const collators of opened) await collators.dispose({ keepCollators: false });
      await rm(dir, { recursive: true, force: true });
    },
  };
  return workspace;
}

/** Resolves with the first state of the node that satisfies `check` (the current one included). */
export function waitForState(supervisor: CollatorSupervisor, id: string, check: (state: CollatorState) => boolean, what: string, timeoutMs = 60_000): Promise<CollatorState> {
  return new Promise((resolve, reject) => {
    const current = supervisor.state(id);
    if (check(current)) {
      resolve(current);
      return;
    }
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`timed out waiting for ${what}; last state ${JSON.stringify(supervisor.state(id))}`));
    }, timeoutMs);
    const stop = supervisor.onState((state) => {
      if (!check(state)) return;
      clearTimeout(timer);
      stop();
      resolve(state);
    }, id);
  });
}

export function waitForAlert(supervisor: CollatorSupervisor, kind: CollatorAlert['kind'], timeoutMs = 60_000): Promise<CollatorAlert> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`timed out waiting for a ${kind} alert`));
    }, timeoutMs);
    const stop = supervisor.onAlert((alert) => {
      if (alert.kind !== kind) return;
      clearTimeout(timer);
      stop();
      resolve(alert);
    });
  });
}
