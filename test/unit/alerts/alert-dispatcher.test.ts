import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Alert, HealthLevel, HealthStatus } from '../../../shared/contract/health';
import { AlertDispatcher } from '../../../main/alerts/alert-dispatcher';
import { silentLogger } from '../../../main/logging/logger';
import type { Logger } from '../../../main/logging/logger';
import type { Platform } from '../../../main/platform/platform';
import { recordingLogger } from '../health/support/recording-logger';
import { recordingPlatform } from '../health/support/recording-platform';

const dir = mkdtempSync(join(tmpdir(), 'alert-dispatcher-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

function dispatcherWith(platform: Pick<Platform, 'notify' | 'tray'>, log: Logger = silentLogger) {
  const posted: string[] = [];
  const dispatcher = new AlertDispatcher({
    platform,
    log,
    historyFilePath: join(dir, `alerts-${(files += 1)}.jsonl`),
    webhooks: { deliver: (alert) => posted.push(alert.id) },
    controls: null,
  });
  return { dispatcher, posted };
}

function alert(id: string, subjectName: string, to: HealthLevel): Alert {
  return { id, atMs: 1_000, subject: { kind: 'collator', id: subjectName }, subjectName, rule: 'best-stalled', from: 'ok', to, message: `${subjectName} stalled`, acknowledged: false };
}

const critStatus: HealthStatus = { level: 'crit', summary: 'alice: best-stalled', collators: [], parachains: [], atMs: 1_000 };

describe('the alert dispatcher', () => {
  it('puts each alert in the history, on the webhook and on the stream, in the order judged', () => {
    const { platform, notifications } = recordingPlatform();
    const { dispatcher, posted } = dispatcherWith(platform);
    const streamed: string[] = [];
    const off = dispatcher.onAlert((a) => streamed.push(a.id));
    dispatcher.dispatch([alert('1', 'alice', 'warn'), alert('2', 'bob', 'crit')]);
    off();
    dispatcher.dispatch([alert('3', 'carol', 'warn')]);

    expect(streamed).toEqual(['1', '2']);
    expect(posted).toEqual(['1', '2', '3']);
    expect(dispatcher.alerts({ limit: 10, unacknowledgedOnly: false }).map((a) => a.id).sort()).toEqual(['1', '2', '3']);
    expect(notifications.map((n) => [n.title, n.level])).toEqual([
      ['alice: WARN', 'warning'],
      ['bob: CRIT', 'critical'],
      ['carol: WARN', 'warning'],
    ]);
    expect(dispatcher.acknowledge(['2'])).toBe(1);
    expect(dispatcher.alerts({ limit: 10, unacknowledgedOnly: true }).map((a) => a.id).sort()).toEqual(['1', '3']);
  });

  it('sums many changes at once up in one notification at the worst level', () => {
    const { platform, notifications } = recordingPlatform();
    const { dispatcher } = dispatcherWith(platform);
    dispatcher.dispatch(['a', 'b', 'c', 'd'].map((name, i) => alert(String(i), name, i === 0 ? 'crit' : 'ok')));
    expect(notifications).toEqual([{ title: '4 health changes: 1 CRIT, 3 OK again', body: 'a, b, c, d. Open the console for each one.', level: 'critical' }]);
  });

  it('tells nobody anything when nothing changed', () => {
    const { platform, notifications } = recordingPlatform();
    const { dispatcher, posted } = dispatcherWith(platform);
    dispatcher.dispatch([]);
    expect(notifications).toEqual([]);
    expect(posted).toEqual([]);
  });

  it('logs a shell that cannot notify or draw the tray, and still streams the alert and the status', () => {
    const recorded = recordingLogger();
    const broken: Pick<Platform, 'notify' | 'tray'> = {
      notify: () => {
        throw new Error('no notification daemon');
      },
      tray: {
        setHealth: () => {
          throw new Error('no tray');
        },
        setItems: () => undefined,
      },
    };
    const { dispatcher } = dispatcherWith(broken, recorded.log);
    const streamed: string[] = [];
    const statuses: HealthStatus[] = [];
    dispatcher.onAlert((a) => streamed.push(a.id));
    dispatcher.onChanged((status) => statuses.push(status));

    expect(() => dispatcher.dispatch([alert('1', 'alice', 'crit')])).not.toThrow();
    expect(() => dispatcher.publish(critStatus)).not.toThrow();
    expect(streamed).toEqual(['1']);
    expect(statuses).toEqual([critStatus]);
    expect(recorded.warnings()).toEqual(['health: desktop notification failed no notification daemon', 'health: tray update failed no tray']);
  });

  it('colours the tray with the status and streams it', () => {
    const { platform, tray } = recordingPlatform();
    const { dispatcher } = dispatcherWith(platform);
    dispatcher.publish(critStatus);
    expect(tray).toMatchObject({ health: 'crit', tooltip: 'alice: best-stalled', items: [] });
  });
});
