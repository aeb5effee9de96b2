import WebSocket from 'ws';
import { ServiceError } from '../../errors/service-error';

/**
 * One JSON-RPC request to a local fork's dev endpoints (`dev_setStorage`,
 * `dev_newBlock`, ...), on its own short-lived socket so it never disturbs the
 * console's shared connection.
 */
export function devRpc(wsUrl: string, method: string, params: unknown[], timeoutMs = 60_000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl);
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new ServiceError('timeout', `The local fork did not answer ${method} within ${Math.round(timeoutMs / 1000)} s.`, 'Check that the rehearsal fork is still running.'));
    }, timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      socket.close();
    };
    socket.once('open', () => socket.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method, params })));
    socket.once('error', (error) => {
      done();
      reject(new ServiceError('disconnected', `Could not reach the local fork at ${wsUrl}.`, 'Start the rehearsal again.', { cause: error }));
    });
    socket.on('message', (data: WebSocket.RawData) => {
      const reply = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message?: string } };
      if (reply.id !== 1) return;
      done();
      if (reply.error) reject(new ServiceError('chain_error', `The local fork refused ${method}: ${reply.error.message ?? 'no reason given'}.`));
      else resolve(reply.result);
    });
  });
}

export interface FundedAccount {
  address: string;
  freePlanck: bigint;
}

/** Gives test accounts a balance on a fork by writing their `System.Account` entries directly. */
export async function fundAccounts(wsUrl: string, accounts: FundedAccount[]): Promise<void> {
  const entries = accounts.map(({ address, freePlanck }) => [[address], { providers: 1, data: { free: freePlanck.toString() } }]);
  await devRpc(wsUrl, 'dev_setStorage', [{ System: { Account: entries } }]);
}

/** Builds one block now; returns its hash. */
export async function buildBlock(wsUrl: string): Promise<string> {
  return String(await devRpc(wsUrl, 'dev_newBlock', [{ count: 1 }]));
}
