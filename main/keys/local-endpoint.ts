import { ServiceError } from '../errors/service-error';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * The session-key RPCs are "unsafe": they create or insert private keys in
 * the node's keystore. They only go to a node on this computer (or one
 * reached through a local SSH tunnel), never across a network.
 */
export function requireLocalEndpoint(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ServiceError('invalid_input', 'The node RPC address is not a URL.', 'Write it like ws://127.0.0.1:9944.');
  }
  if (!['ws:', 'wss:', 'http:', 'https:'].includes(url.protocol)) {
    throw new ServiceError('invalid_input', `The node RPC address must start with ws:// or http://, not ${url.protocol}//.`, 'Write it like ws://127.0.0.1:9944.');
  }
  if (!isLoopback(url.hostname)) {
    throw new ServiceError(
      'not_supported',
      `Session keys are only managed over a node's own local RPC, and ${url.hostname} is not this computer.`,
      'These RPCs are unsafe to expose. For a remote collator, forward its RPC port over SSH (ssh -L 9944:127.0.0.1:9944 host) and use ws://127.0.0.1:9944.',
    );
  }
  return url;
}

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(hostname);
}
