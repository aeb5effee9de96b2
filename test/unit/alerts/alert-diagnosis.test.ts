import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diagnosisEvidenceSchema, type DiagnosisEvidence, type DiagnosisSubject } from '../../../shared/contract/diagnosis';
import type { Alert } from '../../../shared/contract/health';
import { diagnose } from '../../../main/health/diagnosis/diagnose';
import { AlertDispatcher } from '../../../main/alerts/alert-dispatcher';
import { informationForNoCore, wantsDiagnosis, type ReadDiagnosis } from '../../../main/alerts/alert-diagnoser';
import { PendingWork } from '../../../main/health/pending-work';
import { silentLogger } from '../../../main/logging/logger';
import { BLOCK_TIME_MS, monitorForTest, unlockedSecretBox } from '../health/support/monitor';
import { recordingPlatform } from '../health/support/recording-platform';
import { polkadotRelay } from '../health/support/relay-events';

/**
 * Alerts of a stalled parachain carry the diagnosis read when they raised:
 * relay events drive the real rules and latches, and the diagnosis is the
 * real `diagnose` over evidence in the contract's shape (what the
 * DiagnosisService gathers from the chains).
 */

const relay = polkadotRelay();
const PARA = 2000;
const HEAD = 1_000;
let cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** A para that holds the core `cores` says, with nothing included over the last 20 relay blocks. */
function stalledParaEvidence(blockspace: { claimedCores: number[]; onDemandPoolCores: number | null }): DiagnosisEvidence {
  const notACollator = { read: false as const, why: 'the subject is a parachain, not a collator' };
  return diagnosisEvidenceSchema.parse({
    paraId: PARA,
    blockTimeMs: BLOCK_TIME_MS,
    relayBlockTimeMs: BLOCK_TIME_MS,
    registration: { read: true, lifecycle: blockspace.onDemandPoolCores === null ? 'Parachain' : 'Parathread' },
    blockspace: { read: true, relayBlock: HEAD, claimedCores: blockspace.claimedCores, assignedCores: blockspace.claimedCores, leasePeriodsHeld: null, leaseEndsAtRelayBlock: null, legacyDedicatedCore: false, onDemandPoolCores: blockspace.onDemandPoolCores, onDemandOrdersQueued: 0, orderingAccount: null, regionEndedAtRelayBlock: null },
    inclusion: { read: true, fromRelayBlock: HEAD - 20, toRelayBlock: HEAD, backed: 0, included: 0, timedOut: 0, lastBackedRelayBlock: null, lastIncludedRelayBlock: null, lastTimedOutRelayBlock: null },
    collations: notACollator,
    relayNode: notACollator,
    paraNode: notACollator,
    keys: notACollator,
    code: { read: true, upgradeAppliesAtRelayBlock: null, upgradeCodeHash: null, relayHeadNumber: 10, relayHeadHash: `0x${'11'.repeat(32)}`, nodeHashAtRelayHead: null },
  });
}

/** The diagnosis service's answer for this evidence, counting the reads asked of it. */
function diagnosisOf(evidence: () => DiagnosisEvidence) {
  const asked: DiagnosisSubject[] = [];
  const read: ReadDiagnosis = async (subject) => {
    asked.push(subject);
    return diagnose(evidence());
  };
  return { read, asked };
}

/** A real HTTP receiver on 127.0.0.1 keeping the alerts posted to it. */
async function receiver(): Promise<{ url: string; received: Alert[] }> {
  const received: Alert[] = [];
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      received.push((JSON.parse(text) as { alert: Alert }).alert);
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

async function stallingPara(read: ReadDiagnosis) {
  const dir = mkdtempSync(join(tmpdir(), 'alert-diagnosis-'));
  const withSecrets = monitorForTest({ dir, secrets: await unlockedSecretBox(dir) });
  cleanups.push(withSecrets.cleanup);
  const { monitor } = withSecrets;
  monitor.diagnoseAlertsWith(read);
  monitor.watchParachain({ paraId: PARA, name: 'Para 2000' });
  const hook = await receiver();
  await monitor.updateWebhook({ enabled: true, url: hook.url, minLevel: 'warn' });
  let relayNumber = HEAD;
  let head = 10;
  const relayBlock = (included: boolean) => {
    withSecrets.clock.advance(BLOCK_TIME_MS);
    relayNumber += 1;
    if (included) head += 1;
    monitor.recordRelayBlock({ number: relayNumber, events: relay.events(included ? [{ kind: 'CandidateIncluded', paraId: PARA, headNumber: head, slot: BigInt(head) }] : [{ kind: 'CandidateIncluded', paraId: 3000 }]) });
    monitor.evaluate();
  };
  return { ...withSecrets, hook, relayBlock };
}

describe('alerts carry the diagnosis', () => {
  it('reads it when a para stops being included, and again when it escalates; the history, webhook, notification and tray say why', async () => {
    const { read, asked } = diagnosisOf(() => stalledParaEvidence({ claimedCores: [0], onDemandPoolCores: null }));
    const t = await stallingPara(read);
    t.relayBlock(true);
    for (let i = 0; i < 2; i += 1) t.relayBlock(false);
    await t.monitor.idle();
    expect(asked).toEqual([{ kind: 'parachain', paraId: PARA }]);
    for (let i = 0; i < 3; i += 1) t.relayBlock(false);
    await t.monitor.idle();
    expect(asked).toHaveLength(2);

    const raised = t.alerts().filter((alert) => alert.rule === 'not-included');
    expect(raised.map((alert) => `${alert.from}→${alert.to}`)).toEqual(['ok→warn', 'warn→crit']);
    for (const alert of raised) expect(alert.diagnosis).toMatchObject({ cause: 'not-backed', verdict: 'problem' });
    expect(t.hook.received.map((alert) => alert.diagnosis?.cause)).toEqual(['not-backed', 'not-backed']);
    const critNotice = t.notifications.find((notice) => notice.title === 'Para 2000: CRIT');
    expect(critNotice?.level).toBe('critical');
    expect(critNotice?.body).toContain(raised[1]?.diagnosis?.words);
    expect(critNotice?.body).toContain(`Next: ${raised[1]?.diagnosis?.nextStep}`);
    expect(t.monitor.status().summary).toBe(`0 collators, 1 parachain: 1 CRIT (Para 2000: ${raised[1]?.diagnosis?.words})`);
    expect(t.monitor.status().parachains[0]?.findings[0]?.diagnosis?.cause).toBe('not-backed');

    for (let i = 0; i < 4; i += 1) t.relayBlock(true);
    await t.monitor.idle();
    const recovered = t.alerts().at(-1);
    expect(recovered).toMatchObject({ from: 'crit', to: 'ok' });
    expect(recovered?.diagnosis).toBeUndefined();
    expect(asked).toHaveLength(2);
    expect(t.monitor.status().parachains[0]?.findings).toEqual([]);
  });

  it('a stalled para that holds no core is told as "no core", at information level, and pages no one', async () => {
    const { read } = diagnosisOf(() => stalledParaEvidence({ claimedCores: [], onDemandPoolCores: 1 }));
    const t = await stallingPara(read);
    t.relayBlock(true);
    for (let i = 0; i < 6; i += 1) t.relayBlock(false);
    await t.monitor.idle();

    const raised = t.alerts().filter((alert) => alert.rule === 'not-included');
    expect(raised.length).toBeGreaterThan(0);
    for (const alert of raised) expect(alert.diagnosis).toMatchObject({ cause: 'on-demand-no-order', verdict: 'idle' });
    expect(raised[0]?.diagnosis?.words).toMatch(/^No core assigned/);
    expect(t.notifications.map((notice) => [notice.title, notice.level])).toEqual(raised.map(() => ['Para 2000: no core', 'info']));
    expect(t.notifications.every((notice) => !/collator/i.test(notice.title))).toBe(true);
    expect(t.hook.received).toEqual([]);
  });

  it('a no-core stall never reaches CRIT: not in the status, the tray, the alert history, a notification or the webhook, however long it lasts', async () => {
    const { read, asked } = diagnosisOf(() => stalledParaEvidence({ claimedCores: [], onDemandPoolCores: 1 }));
    const t = await stallingPara(read);
    await t.monitor.updateWebhook({ minLevel: 'ok' });
    t.relayBlock(true);
    // Far past the CRIT threshold (5 block times): the rule's latch is at CRIT underneath.
    for (let i = 0; i < 12; i += 1) t.relayBlock(false);
    await t.monitor.idle();
    // Read at the raise and again at the escalation: the para still holds no core, so nothing new is told.
    expect(asked).toHaveLength(2);

    const status = t.monitor.status();
    expect(status.level).toBe('ok');
    expect(status.parachains[0]).toMatchObject({ level: 'ok', findings: [{ rule: 'not-included', level: 'ok', diagnosis: { cause: 'on-demand-no-order', verdict: 'idle' } }] });
    expect(status.summary).toMatch(/^0 collators, 1 parachain: all OK; Para 2000: No core assigned: para 2000 is on demand and no order is placed for it/);
    expect(t.tray.health).toBe('ok');
    expect(t.tray.tooltip).toBe(status.summary);
    expect(t.tray.tooltip).not.toMatch(/CRIT|WARN/);

    const told = t.alerts().filter((alert) => alert.rule === 'not-included');
    expect(told.map((alert) => `${alert.from}→${alert.to}`)).toEqual(['ok→warn']);
    expect(told[0]?.diagnosis?.verdict).toBe('idle');
    expect(t.notifications.map((notice) => [notice.title, notice.level])).toEqual([['Para 2000: no core', 'info']]);
    expect(t.hook.received.map((alert) => [alert.to, alert.diagnosis?.cause])).toEqual([['warn', 'on-demand-no-order']]);

    // When blocks are included again the recovery reads from what was told (WARN), never from the latch's CRIT.
    for (let i = 0; i < 4; i += 1) t.relayBlock(true);
    await t.monitor.idle();
    expect(t.alerts().filter((alert) => alert.rule === 'not-included').map((alert) => `${alert.from}→${alert.to}`)).toEqual(['ok→warn', 'warn→ok']);
    expect([...t.alerts(), ...t.hook.received].some((alert) => alert.to === 'crit' || alert.from === 'crit')).toBe(false);
  });

  it('a stalled collator of a para without a core is not a broken collator: its escalation is capped, its status shown as information', async () => {
    const platform = recordingPlatform();
    const dispatcher = new AlertDispatcher({
      platform: platform.platform,
      log: silentLogger,
      historyFilePath: join(mkdtempSync(join(tmpdir(), 'alert-no-core-')), 'alerts.jsonl'),
      webhooks: { deliver: () => undefined },
      controls: null,
    });
    const noCore = diagnose(stalledParaEvidence({ claimedCores: [], onDemandPoolCores: 0 }));
    expect(noCore).toMatchObject({ cause: 'no-core', verdict: 'idle' });
    dispatcher.diagnoseWith(async () => noCore);
    const alice = { atMs: 1, subject: { kind: 'collator' as const, id: 'alice' }, subjectName: 'alice', rule: 'best-stalled' as const, message: 'alice has not imported a block', acknowledged: false };
    const work = new PendingWork();
    const sent: Alert[] = [];
    dispatcher.onAlert((alert) => sent.push(alert));
    // Straight to CRIT (a stall found late): told at WARN as information; the escalation after it has nothing new.
    dispatcher.dispatch([{ ...alice, id: 'a', from: 'ok', to: 'crit' }]);
    dispatcher.dispatch([{ ...alice, id: 'b', from: 'crit', to: 'ok' }]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await work.idle();
    expect(sent.map((alert) => `${alert.from}→${alert.to}`)).toEqual(['ok→warn', 'warn→ok']);
    expect(platform.notifications[0]).toMatchObject({ title: 'alice: no core', level: 'info' });

    const shown = informationForNoCore([{ rule: 'best-stalled', level: 'crit' as const, message: 'stalled', sinceMs: 1, diagnosis: { cause: noCore.cause, verdict: noCore.verdict, words: noCore.words, nextStep: noCore.nextStep } }, { rule: 'peers-low', level: 'warn' as const, message: 'one peer', sinceMs: 1 }]);
    // A real fault beside it still counts; the no-core stall does not make it CRIT.
    expect(shown.level).toBe('warn');
    expect(shown.findings.map((finding) => [finding.rule, finding.level])).toEqual([['peers-low', 'warn'], ['best-stalled', 'ok']]);
  });

  it('an alert goes out without a diagnosis when it cannot be read, in the order judged', async () => {
    const t = await stallingPara(async () => {
      throw new Error('the console is not connected to the relay chain');
    });
    t.relayBlock(true);
    for (let i = 0; i < 2; i += 1) t.relayBlock(false);
    for (let i = 0; i < 4; i += 1) t.relayBlock(true);
    await t.monitor.idle();
    const changes = t.alerts().filter((alert) => alert.rule === 'not-included');
    expect(changes.map((alert) => `${alert.from}→${alert.to}`)).toEqual(['ok→warn', 'warn→ok']);
    expect(changes[0]?.diagnosis).toBeUndefined();
    expect(t.hook.received.map((alert) => alert.to)).toEqual(['warn', 'ok']);
  });

  it("holds no other rule's alert behind a diagnosis being read, and a rule's recovery never before its raise", async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const work = new PendingWork();
    const dispatcher = new AlertDispatcher({
      platform: recordingPlatform().platform,
      log: silentLogger,
      historyFilePath: join(mkdtempSync(join(tmpdir(), 'alert-order-')), 'alerts.jsonl'),
      webhooks: { deliver: () => undefined },
      controls: null,
      work,
    });
    dispatcher.diagnoseWith(async () => {
      await gate;
      return diagnose(stalledParaEvidence({ claimedCores: [0], onDemandPoolCores: null }));
    });
    const sent: string[] = [];
    dispatcher.onAlert((alert) => sent.push(alert.id));
    const alice = { atMs: 1, subject: { kind: 'collator' as const, id: 'alice' }, subjectName: 'alice', message: 'alice', acknowledged: false };
    dispatcher.dispatch([{ ...alice, id: 'stalled', rule: 'best-stalled', from: 'ok', to: 'warn' }, { ...alice, id: 'down', rule: 'process-down', from: 'ok', to: 'crit' }]);
    dispatcher.dispatch([{ ...alice, id: 'moving', rule: 'best-stalled', from: 'warn', to: 'ok' }]);
    expect(sent).toEqual(['down']);
    release();
    await work.idle();
    expect(sent).toEqual(['down', 'stalled', 'moving']);
  });

  it('is read for a parachain not included and a collator stalled or not authoring, when they raise or escalate', () => {
    const collator = { kind: 'collator' as const, id: 'alice' };
    const para = { kind: 'parachain' as const, paraId: PARA };
    expect(wantsDiagnosis({ subject: para, rule: 'not-included', from: 'ok', to: 'warn' })).toBe(true);
    expect(wantsDiagnosis({ subject: para, rule: 'not-included', from: 'warn', to: 'crit' })).toBe(true);
    expect(wantsDiagnosis({ subject: para, rule: 'not-included', from: 'crit', to: 'warn' })).toBe(false);
    expect(wantsDiagnosis({ subject: para, rule: 'not-included', from: 'warn', to: 'ok' })).toBe(false);
    expect(wantsDiagnosis({ subject: para, rule: 'blockspace-ending', from: 'ok', to: 'warn' })).toBe(false);
    expect(wantsDiagnosis({ subject: collator, rule: 'best-stalled', from: 'ok', to: 'crit' })).toBe(true);
    expect(wantsDiagnosis({ subject: collator, rule: 'not-authoring', from: 'ok', to: 'warn' })).toBe(true);
    expect(wantsDiagnosis({ subject: collator, rule: 'peers-low', from: 'ok', to: 'warn' })).toBe(false);
  });
});
