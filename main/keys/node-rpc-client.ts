import WebSocket from 'ws';
import { z } from 'zod';
import { ServiceError } from '../errors/service-error';

export const DEFAULT_NODE_RPC_TIMEOUT_MS = 30_000;

const responseSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: z.union([z.number(), z.string(), z.null()]),
  result: z.unknown().optional(),
  error: z.object({ code: z.number(), message: z.string(), data: z.unknown().optional() }).optional(),
});

/** A JSON-RPC error answered by the node itself, kept apart from "no node answered". */
export class NodeRpcError extends Error {
  constructor(
    readonly rpcCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'NodeRpcError';
  }
}

/**
 * One JSON-RPC request to a node, over WebSocket or HTTP, with a deadline.
 * One connection per request: session-key operations are rare and a stale
 * socket to a restarted node would only get in the way.
 */
export async function callNodeRpc(url: URL, method: string, params: unknown[], timeoutMs = DEFAULT_NODE_RPC_TIMEOUT_MS): Promise<unknown> {
  const request = JSON.stringify({ jsonrpc: '2.0', id: 1, method, params });
  const raw = url.protocol === 'ws:' || url.protocol === 'wss:' ? await overWebSocket(url, request, timeoutMs) : await overHttp(url, request, timeoutMs);
  const parsed = responseSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ServiceError('chain_error', `The node at ${url.host} answered ${method} with something that is not JSON-RPC.`, 'Check that the address is the node\'s RPC port, not its P2P or Prometheus port.');
  }
  if (parsed.data.error) throw new NodeRpcError(parsed.data.error.code, parsed.data.error.message);
  return parsed.data.result;
}

function overWebSocket(url: URL, request: string, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { handshakeTimeout: timeoutMs });
    const timer = setTimeout(() => finish(() => reject(timedOut(url, timeoutMs))), timeoutMs);
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.terminate();
      settle();
    };
    socket.on('open', () => socket.send(request));
    socket.on('message', (data) => {
      finish(() => {
        try {
          resolve(JSON.parse(data.toString()));
        } catch {
          resolve(undefined);
        }
      });
    });
    socket.on('error', () => finish(() => reject(unreachable(url))));
    socket.on('close', () => finish(() => reject(unreachable(url))));
  });
}

async function overHttp(url: URL, request: string, timeoutMs: number): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: request, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') throw timedOut(url, timeoutMs);
    throw unreachable(url);
  }
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function unreachable(url: URL): ServiceError {
  return new ServiceError('unavailable', `No node answered at ${url.origin}.`, 'Check that the collator is running and that this is its RPC port (--rpc-port).');
}

function timedOut(url: URL, timeoutMs: number): ServiceError {
  return new ServiceError('timeout', `The node at ${url.origin} did not answer within ${Math.round(timeoutMs / 1000)} s.`, 'The node may be busy syncing; try again in a moment.');
}
