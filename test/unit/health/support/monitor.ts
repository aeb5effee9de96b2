import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../../../main/health/clock';
import { HealthMonitor, type HealthMonitorOptions } from '../../../../main/health/health-monitor';
import { silentLogger } from '../../../../main/logging/logger';
import { PassphraseBox } from '../../../../main/platform/passphrase-box';
import type { SecretBox } from '../../../../main/platform/platform';
import { recordingPlatform } from './recording-platform';

export const BLOCK_TIME_MS = 6_000;

/** A monitor on a hand-moved clock with its files in a fresh temp folder. */
export function monitorForTest(options: Partial<HealthMonitorOptions> & { dir?: string; secrets?: SecretBox } = {}) {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'health-'));
  const clock = options.clock instanceof ManualClock ? options.clock : new ManualClock();
  const recorded = recordingPlatform();
  const monitor = new HealthMonitor({
    platform: { ...recorded.platform, ...(options.secrets ? { secrets: options.secrets } : {}) },
    log: silentLogger,
    dir,
    clock,
    timings: { metricsTimeoutMs: 2_000, rpcReconnectMs: 100, rpcRequestTimeoutMs: 5_000 },
    webhookDelay: async () => undefined,
    ...options,
  });
  const alerts = () => monitor.alerts({ limit: 5_000, unacknowledgedOnly: false }).reverse();
  const levelOf = (subject: 'collator' | 'parachain', rule: string) => {
    const status = monitor.status();
    const list = subject === 'collator' ? status.collators : status.parachains;
    return list[0]?.findings.find((finding) => finding.rule === rule)?.level ?? 'ok';
  };
  return {
    dir,
    clock,
    monitor,
    ...recorded,
    alerts,
    /** The level changes of one rule, in order, e.g. ['ok→warn', 'warn→ok']. */
    changes: (rule: string) => alerts().filter((a) => a.rule === rule).map((a) => `${a.from}→${a.to}`),
    levelOf,
    cleanup: async () => {
      await monitor.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves when `condition` holds, re-checked after every signal the monitor folds in. */
export function untilSignal(monitor: HealthMonitor, condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  if (condition()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const off = monitor.onSignal(() => {
      if (!condition()) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

/**
 * The secret box the headless console uses (passphrase, scrypt, AES-GCM), at
 * a low scrypt cost so tests do not spend half a second deriving its key.
 */
export async function unlockedSecretBox(dir: string): Promise<PassphraseBox> {
  const box = new PassphraseBox({ filePath: join(dir, 'keys', 'passphrase-box.json'), cost: { N: 2 ** 10, r: 8, p: 1 } });
  await box.unlock('health tests passphrase');
  return box;
}
