import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';

/**
 * Why a node's RPC address cannot be reached, in the operator's words:
 * "connection refused", "TLS: certificate has expired", "no answer within 5 s
 * (timeout)", "host not found". Found by opening a TCP connection (and the TLS
 * handshake for wss:// and https://) to the address itself, because the
 * WebSocket client only says that it failed. Null when the socket (and TLS)
 * open fine: then the cause is above them, and the caller keeps its own words.
 */
export async function diagnoseUnreachable(address: string, timeoutMs: number): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return `${address} is not an address`;
  }
  const secure = url.protocol === 'wss:' || url.protocol === 'https:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port ? Number(url.port) : secure ? 443 : 80;
  const where = `${url.hostname}:${port}`;
  return new Promise((resolve) => {
    let settled = false;
    const socket: Socket = secure ? connectTls({ host, port, servername: isIpAddress(host) ? undefined : host }) : connectTcp({ host, port });
    const finish = (cause: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
      resolve(cause);
    };
    const timer = setTimeout(() => finish(`no answer from ${where} within ${timeoutMs < 1_000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1_000)} s`} (timeout): a firewall may drop the packets, or the host is down`), timeoutMs);
    socket.once(secure ? 'secureConnect' : 'connect', () => finish(null));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(causeOf(error, where, secure)));
  });
}

function causeOf(error: NodeJS.ErrnoException, where: string, secure: boolean): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return `connection refused by ${where}: nothing listens on that port (the node is stopped, or its RPC is on another port)`;
    case 'ECONNRESET':
      return `${where} reset the connection${secure ? ' during the TLS handshake' : ''}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host not found: ${where.replace(/:\d+$/, '')} does not resolve (${error.code})`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `no route to ${where} (${error.code})`;
    case 'ETIMEDOUT':
      return `no answer from ${where} (timeout)`;
    default:
      // Anything else on a TLS address is the handshake's verdict: certificate, name or protocol.
      if (secure) return `TLS handshake with ${where} failed: ${error.message}${error.code ? ` (${error.code})` : ''}`;
      return `${where} cannot be reached: ${error.message}${error.code ? ` (${error.code})` : ''}`;
  }
}

function isIpAddress(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
