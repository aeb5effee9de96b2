import type { CollatorProfile } from '../../shared/contract/collators';

/**
 * The exact arguments a profile's node runs with. Every port of both halves
 * is set, so two collators on one host never collide on the relay half.
 *
 * Parachain node (before `--`):
 *   --name <node name>               the profile name as Substrate accepts it (no dots, at most 64 characters)
 *   --chain <spec>                   the parachain's chain spec file
 *   --base-path <dir>                database, keystore and network key
 *   --port <p2p>                     libp2p listen port of the parachain node
 *   --rpc-port <rpc>                 JSON-RPC (HTTP and WebSocket), localhost only by default
 *   --prometheus-port <prometheus>   metrics endpoint
 *   --collator                       author blocks (when the profile is a collator)
 *   --relay-chain-rpc-urls <url>...  follow the relay chain through these RPC nodes instead of syncing it
 *   <extra args>                     the operator's own flags, as given
 * Embedded relay node (after `--`):
 *   --chain <relay>                  relay chain name or spec (embedded mode only)
 *   --sync <mode>                    relay sync mode (embedded mode, when set)
 *   --port, --rpc-port, --prometheus-port   the relay half's own ports
 *   <relay extra args>
 */
export function buildCommandLine(profile: CollatorProfile): string[] {
  const { ports, relay } = profile;
  const para = [
    '--name', nodeName(profile.name),
    '--chain', profile.chainSpecPath,
    '--base-path', profile.basePath,
    '--port', String(ports.para.p2p),
    '--rpc-port', String(ports.para.rpc),
    '--prometheus-port', String(ports.para.prometheus),
  ];
  if (profile.collator) para.push('--collator');
  if (relay.mode === 'rpc') para.push('--relay-chain-rpc-urls', ...relay.rpcUrls);
  para.push(...profile.extraArgs);

  const relayArgs: string[] = [];
  if (relay.mode === 'embedded') {
    relayArgs.push('--chain', relay.chain);
    if (relay.syncMode) relayArgs.push('--sync', relay.syncMode);
  }
  relayArgs.push(
    '--port', String(ports.relay.p2p),
    '--rpc-port', String(ports.relay.rpc),
    '--prometheus-port', String(ports.relay.prometheus),
    ...profile.relayExtraArgs,
  );
  return [...para, '--', ...relayArgs];
}

/** Substrate refuses a node name with a dot or longer than 64 characters. */
export function nodeName(profileName: string): string {
  return profileName.replace(/\./g, '-').slice(0, 64);
}
