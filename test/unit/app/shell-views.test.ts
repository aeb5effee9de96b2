import { afterEach, describe, expect, it } from 'vitest';
import { notificationOptions } from '../../../main/app/notification-view';
import { quitAnswer, quitQuestion, quitWithoutAsking } from '../../../main/app/quit-question';
import { trayIconFile, trayMenuTemplate, trayTooltip } from '../../../main/app/tray-view';
import { monitorForTest } from '../health/support/monitor';

/**
 * What the Electron shell shows, composed from what the real health monitor
 * publishes, by the same functions main/app/ hands to Electron.
 */
let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

function watchedAlice() {
  const started: string[] = [];
  const t = monitorForTest({ controls: { start: (id) => started.push(id), stop: () => undefined } });
  cleanups.push(t.cleanup);
  t.monitor.watchParachain({ paraId: 2000, name: 'Para 2000' });
  t.monitor.watchCollator({ id: 'alice', name: 'Alice', paraId: 2000, expectedRunning: true });
  t.monitor.recordProcessEvent('alice', { kind: 'started', pid: 4242 });
  t.monitor.evaluate();
  return { t, started };
}

describe('the tray', () => {
  it('names the product once in its tooltip, before the health summary', () => {
    const { t } = watchedAlice();
    expect(trayTooltip(t.tray.tooltip)).toBe('Parachain Console: 1 collator, 1 parachain: all OK');
    t.monitor.recordProcessEvent('alice', { kind: 'exited', code: 137, signal: 'SIGKILL', expected: false });
    t.monitor.evaluate();
    expect(trayTooltip(t.tray.tooltip)).toBe('Parachain Console: 1 collator, 1 parachain: 1 CRIT (Alice: process-down)');
    expect(trayIconFile(t.tray.health)).toBe('crit.png');
  });

  it('says only its name before anything is watched', () => {
    expect(trayTooltip(undefined)).toBe('Parachain Console');
    expect(trayTooltip('  ')).toBe('Parachain Console');
  });

  it('opens with "Open console", lists each collator greyed out with its action, and ends with Quit', () => {
    const { t, started } = watchedAlice();
    t.monitor.recordProcessEvent('alice', { kind: 'exited', code: 137, signal: 'SIGKILL', expected: false });
    t.monitor.evaluate();
    const opened: string[] = [];
    const menu = trayMenuTemplate(t.tray.items, { onOpen: () => opened.push('open'), onQuit: () => opened.push('quit') });
    expect(menu.map((item) => item.type === 'separator' ? '---' : `${item.label}${item.enabled === false ? ' (greyed)' : ''}`)).toEqual([
      'Open console',
      '---',
      'CRIT  Alice (process-down) (greyed)',
      '    Start Alice',
      '---',
      'Quit',
    ]);
    const click = (label: string): void => (menu.find((item) => item.label === label)?.click as (() => void) | undefined)?.();
    click('Open console');
    click('    Start Alice');
    click('Quit');
    expect(opened).toEqual(['open', 'quit']);
    expect(started).toEqual(['alice']);
  });

  it('has no empty section when no collator is watched', () => {
    const menu = trayMenuTemplate([], { onOpen: () => undefined, onQuit: () => undefined });
    expect(menu.map((item) => item.type ?? item.label)).toEqual(['Open console', 'separator', 'Quit']);
  });
});

describe('desktop notifications', () => {
  it('keeps a critical alert on screen with a sound, and an all-clear silent', () => {
    const { t } = watchedAlice();
    t.monitor.recordProcessEvent('alice', { kind: 'exited', code: 137, signal: 'SIGKILL', expected: false });
    t.monitor.evaluate();
    const critical = t.notifications.at(-1);
    if (!critical) throw new Error('no notification for a crashed collator');
    expect(notificationOptions(critical)).toEqual({ title: 'Alice: CRIT', body: critical.body, urgency: 'critical', silent: false });
    expect(notificationOptions({ title: 'Alice: OK again', body: 'Blocks again', level: 'info' })).toMatchObject({ urgency: 'normal', silent: true });
    expect(notificationOptions({ title: 'Alice: WARN', body: 'Few peers', level: 'warning' })).toMatchObject({ urgency: 'normal', silent: false });
  });
});

describe('the quit question', () => {
  it('is not asked when nothing runs or the operator already chose', () => {
    expect(quitWithoutAsking(0, 'ask')).toBe('stop');
    expect(quitWithoutAsking(3, 'keep-collators')).toBe('keep');
    expect(quitWithoutAsking(3, 'stop-collators')).toBe('stop');
    expect(quitWithoutAsking(3, 'ask')).toBeNull();
  });

  it('counts the running collators, offers leaving them running first, and cancels on Escape', () => {
    expect(quitQuestion(1).message).toBe('1 collator is running.');
    const question = quitQuestion(3);
    expect(question.message).toBe('3 collators are running.');
    expect(question.buttons).toEqual(['Leave them running', 'Stop collators', 'Cancel']);
    expect(question.buttons?.[question.defaultId ?? -1]).toBe('Leave them running');
    expect(question.buttons?.[question.cancelId ?? -1]).toBe('Cancel');
    expect(question.checkboxLabel).toBe('Remember my choice');
  });

  it('maps each answer to a choice, and remembers it only when asked to and not for Cancel', () => {
    const question = quitQuestion(2);
    const answer = (label: string, remember: boolean) => quitAnswer(question.buttons?.indexOf(label) ?? -1, remember);
    expect(answer('Leave them running', false)).toEqual({ choice: 'keep', remember: null });
    expect(answer('Leave them running', true)).toEqual({ choice: 'keep', remember: 'keep-collators' });
    expect(answer('Stop collators', true)).toEqual({ choice: 'stop', remember: 'stop-collators' });
    expect(answer('Cancel', true)).toEqual({ choice: 'cancel', remember: null });
  });
});
