import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * The headless console run as an operator runs it (its real entry point, in
 * a real child process), then cut off from its terminal in the ways a
 * terminal goes away.
 */
interface RunningConsole {
  child: ChildProcess;
  dataDir: string;
  port: number;
  token: string;
  logFile: string;
}

const started: RunningConsole[] = [];

afterEach(async () => {
  for (const running of started.splice(0)) {
    await stopConsole(running);
    rmSync(running.dataDir, { recursive: true, force: true });
  }
});

async function startConsole(dataDir = mkdtempSync(join(tmpdir(), 'pc-terminal-')), port = 0): Promise<RunningConsole> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/server/index.ts', '--port', String(port), '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const running: RunningConsole = { child, dataDir, port: 0, token: '', logFile: join(dataDir, 'logs', 'console.log') };
  started.push(running);
  let output = '';
  const address = await new Promise<URL>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /serving on (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match?.[1]) resolve(new URL(match[1]));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the console exited with ${code} before it was ready:\n${output}`)));
  });
  running.port = Number(address.port);
  running.token = address.searchParams.get('token') ?? '';
  return running;
}

async function stopConsole(running: RunningConsole): Promise<number | null> {
  const { child } = running;
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

/** The console answers HTTP: the status of a page request with its token. */
function pageStatus(running: RunningConsole): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: running.port, path: `/?token=${running.token}` }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

async function logFileSays(running: RunningConsole, text: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (readLog(running).includes(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(readLog(running)).toContain(text);
}

function readLog(running: RunningConsole): string {
  try {
    return readFileSync(running.logFile, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Opens an authorised WebSocket by hand and sends a frame with a reserved bit
 * set; the server's WebSocket library rejects it and the server logs a warning.
 */
function sendBrokenWebSocketFrame(running: RunningConsole): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(running.port, '127.0.0.1');
    let answer = '';
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (!answer.includes('\r\n\r\n')) return;
      if (!answer.startsWith('HTTP/1.1 101')) return reject(new Error(`upgrade refused: ${answer.split('\r\n')[0]}`));
      // FIN + RSV2 + text opcode, masked, empty payload: RSV2 must be clear without an extension that uses it.
      socket.write(Buffer.from([0xa1, 0x80, 1, 2, 3, 4]));
    });
    socket.write(
      [
        `GET /api?token=${running.token} HTTP/1.1`,
        `Host: 127.0.0.1:${running.port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        '',
        '',
      ].join('\r\n'),
    );
  });
}

/** Closes our ends of the child's stdout and stderr pipes, as a parent that went away would. */
function closeOutputPipes(running: RunningConsole): void {
  running.child.stdout?.destroy();
  running.child.stderr?.destroy();
}

describe('the headless console outlives its terminal', { timeout: 180_000 }, () => {
  it('keeps serving after its stdout and stderr are closed and it writes to them (EPIPE), and stops cleanly on SIGTERM', async () => {
    const running = await startConsole();
    closeOutputPipes(running);
    // A broken WebSocket frame makes the server log a warning: its first write to the closed stderr.
    await sendBrokenWebSocketFrame(running);
    await logFileSays(running, 'stderr was closed (EPIPE); still running, the log file keeps the record');
    await sendBrokenWebSocketFrame(running);
    running.child.kill('SIGHUP');
    await logFileSays(running, 'websocket error');
    for (let i = 0; i < 5; i++) expect(await pageStatus(running)).toBe(303);
    expect(running.child.exitCode).toBeNull();
    expect(await stopConsole(running)).toBe(0);
    await logFileSays(running, 'SIGTERM, stopping');
  });

  it('keeps serving after a SIGHUP with its terminal still there', async () => {
    const running = await startConsole();
    running.child.kill('SIGHUP');
    await logFileSays(running, 'the terminal hung up (SIGHUP)');
    expect(await pageStatus(running)).toBe(303);
    expect(running.child.exitCode).toBeNull();
  });

  it('keeps only its stderr when stdout alone is closed', async () => {
    const running = await startConsole();
    running.child.stdout?.destroy();
    running.child.kill('SIGHUP');
    await logFileSays(running, 'the terminal hung up (SIGHUP)');
    expect(await pageStatus(running)).toBe(303);
    expect(running.child.exitCode).toBeNull();
  });

  it('keeps its access token across a restart on the same data folder, in a file only its owner can read', async () => {
    const first = await startConsole();
    const { token, port, dataDir } = first;
    expect(await stopConsole(first)).toBe(0);
    started.splice(started.indexOf(first), 1);
    const second = await startConsole(dataDir, port);
    expect(second.token).toBe(token);
    expect(second.port).toBe(port);
    expect(statSync(join(dataDir, 'access-token')).mode & 0o777).toBe(0o600);
  });
});
