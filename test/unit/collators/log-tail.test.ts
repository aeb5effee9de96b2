import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LogTail } from '../../../main/collators/log-tail';

describe('following a node log file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'log-tail-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('hands back whole lines only, even when a line (and a character) is split across writes', () => {
    const file = path.join(dir, 'node.log');
    writeFileSync(file, '');
    const tail = new LogTail(file);
    const emoji = Buffer.from('💤 Idle (3 peers)\n');
    appendFileSync(file, Buffer.concat([Buffer.from('first line\r\nsecond '), emoji.subarray(0, 2)]));
    expect(tail.readLines(1024)).toEqual(['first line']);
    appendFileSync(file, emoji.subarray(2));
    expect(tail.readLines(1024)).toEqual(['second 💤 Idle (3 peers)']);
    appendFileSync(file, 'no newline at the end');
    expect(tail.readLines(1024)).toEqual([]);
    expect(tail.drain()).toEqual(['no newline at the end']);
    tail.close();
  });

  it('reads a big backlog in bounded steps without losing a line', () => {
    const file = path.join(dir, 'big.log');
    const lines = Array.from({ length: 20_000 }, (_v, i) => `line ${i} ${'x'.repeat(40)}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const tail = new LogTail(file);
    const read: string[] = [];
    for (let batch = tail.readLines(64 * 1024); batch.length > 0; batch = tail.readLines(64 * 1024)) read.push(...batch);
    expect(read).toEqual(lines);
    tail.close();
  });

  it('starts near the end for an adopted node, skipping the cut first line', () => {
    const file = path.join(dir, 'adopted.log');
    writeFileSync(file, `${'a'.repeat(100)}\nrecent one\nrecent two\n`);
    const tail = new LogTail(file, 30);
    appendFileSync(file, 'newest\n');
    expect(tail.readLines(1024)).toEqual(['recent one', 'recent two', 'newest']);
    tail.close();
  });
});
