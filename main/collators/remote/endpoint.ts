import type { RemoteEndpointView } from '../../../shared/contract/remote-collators';

/**
 * Where a remote collator's endpoint points, and what the operator should
 * know about it. A node's RPC carries "unsafe" methods (they create and insert
 * keys in its keystore), so it must not listen on a public interface; the
 * safe way to reach it from here is an SSH tunnel to its loopback port.
 */
export function describeEndpoint(address: string): RemoteEndpointView {
  const url = new URL(address);
  const loopback = isLoopbackHost(url.hostname);
  return {
    host: url.port ? `${url.hostname}:${url.port}` : url.hostname,
    loopback,
    advice: loopback ? null : tunnelAdvice(url),
  };
}

/** 127.0.0.0/8, ::1 and localhost: this computer, or a local SSH tunnel to the node. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * The plain words shown beside an endpoint that is not on this computer:
 * why, and the exact tunnel that makes it loopback.
 */
export function tunnelAdvice(url: URL): string {
  const port = url.port ? Number(url.port) : 9944;
  const scheme = url.protocol === 'wss:' || url.protocol === 'https:' ? 'ws:' : url.protocol === 'http:' ? 'http:' : url.protocol;
  return (
    `${url.hostname} is not this computer: the console reaches this node across the network. ` +
    'A collator must not expose its RPC there, because its unsafe methods manage its session keys. ' +
    `Keep the node's RPC on 127.0.0.1 and forward it over SSH: ssh -N -L ${port}:127.0.0.1:${port} user@${url.hostname}, ` +
    `then watch it at ${scheme}//127.0.0.1:${port}. Session keys are only rotated or checked over such a loopback address.`
  );
}
