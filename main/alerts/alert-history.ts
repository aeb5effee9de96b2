import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { alertSchema, type Alert, type Subject } from '../../shared/contract/health';
import { readJsonLines, writeJsonLinesFile } from '../health/json-file';

const lineSchema = z.union([alertSchema, z.object({ ack: z.string() })]);

export interface AlertQuery {
  limit: number;
  subject?: Subject;
  unacknowledgedOnly: boolean;
}

/**
 * Every level change, appended to a JSON-lines file under the data folder
 * (an acknowledgement is a line of its own), so history survives a restart and
 * a crash loses at most the line being written. Keeps the newest `capacity`.
 */
export class AlertHistory {
  private alerts: Alert[] = [];
  private linesWritten = 0;

  constructor(
    private readonly filePath: string,
    private readonly capacity = 5_000,
  ) {
    this.load();
  }

  add(alert: Alert): void {
    this.alerts.push(alert);
    this.append(alert);
    if (this.alerts.length > this.capacity) this.alerts.splice(0, this.alerts.length - this.capacity);
    if (this.linesWritten > 2 * this.capacity) this.compact();
  }

  list(query: AlertQuery): Alert[] {
    const matching: Alert[] = [];
    for (let i = this.alerts.length - 1; i >= 0 && matching.length < query.limit; i -= 1) {
      const alert = this.alerts[i];
      if (alert === undefined) continue;
      if (query.unacknowledgedOnly && alert.acknowledged) continue;
      if (query.subject && !sameSubject(alert.subject, query.subject)) continue;
      matching.push(alert);
    }
    return matching;
  }

  acknowledge(ids: string[]): number {
    const wanted = new Set(ids);
    let count = 0;
    for (const alert of this.alerts) {
      if (!wanted.has(alert.id) || alert.acknowledged) continue;
      alert.acknowledged = true;
      this.append({ ack: alert.id });
      count += 1;
    }
    return count;
  }

  private load(): void {
    const byId = new Map<string, Alert>();
    for (const line of readJsonLines(this.filePath, lineSchema)) {
      this.linesWritten += 1;
      if ('ack' in line) {
        const alert = byId.get(line.ack);
        if (alert) alert.acknowledged = true;
      } else {
        byId.set(line.id, line);
      }
    }
    this.alerts = [...byId.values()].sort((a, b) => a.atMs - b.atMs).slice(-this.capacity);
  }

  private append(line: Alert | { ack: string }): void {
    mkdirSync(dirname(this.filePath), { recursive: true });
    appendFileSync(this.filePath, `${JSON.stringify(line)}\n`);
    this.linesWritten += 1;
  }

  private compact(): void {
    writeJsonLinesFile(this.filePath, this.alerts.map((alert) => JSON.stringify(alert)));
    this.linesWritten = this.alerts.length;
  }
}

export function sameSubject(a: Subject, b: Subject): boolean {
  return a.kind === 'collator' ? b.kind === 'collator' && a.id === b.id : b.kind === 'parachain' && a.paraId === b.paraId;
}
