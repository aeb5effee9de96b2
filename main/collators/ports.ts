import { createServer } from 'node:net';
import getPort, { portNumbers } from 'get-port';
import type { NodePorts, ProfilePorts } from '../../shared/contract/collators';

/** The ports Substrate uses when none are given; new profiles start their search here. */
export const defaultPorts: ProfilePorts = {
  para: { p2p: 30333, rpc: 9944, prometheus: 9615 },
  relay: { p2p: 30334, rpc: 9945, prometheus: 9616 },
};

export type PortsRequest = {
  para?: Partial<NodePorts> | undefined;
  relay?: Partial<NodePorts> | undefined;
};

export function listPorts(ports: ProfilePorts): number[] {
  return [ports.para.p2p, ports.para.rpc, ports.para.prometheus, ports.relay.p2p, ports.relay.rpc, ports.relay.prometheus];
}

/**
 * Fills the ports the operator left out with free ones near Substrate's
 * defaults, never one that another profile (or this one) already uses.
 */
export async function choosePorts(request: PortsRequest, taken: ReadonlySet<number>, searchFrom: ProfilePorts = defaultPorts): Promise<ProfilePorts> {
  const used = new Set<number>(taken);
  for (const half of ['para', 'relay'] as const) {
    for (const value of Object.values(request[half] ?? {})) if (value !== undefined) used.add(value);
  }
  const result = { para: { ...defaultPorts.para }, relay: { ...defaultPorts.relay } };
  for (const half of ['para', 'relay'] as const) {
    for (const kind of ['p2p', 'rpc', 'prometheus'] as const) {
      const given = request[half]?.[kind];
      if (given !== undefined) {
        result[half][kind] = given;
        continue;
      }
      const start = searchFrom[half][kind];
      const chosen = await getPort({ port: portNumbers(start, Math.min(65_535, start + 5_000)), exclude: [...used] });
      used.add(chosen);
      result[half][kind] = chosen;
    }
  }
  return result;
}

/** Whether nothing listens on the port, on any address a node would bind. */
export async function isPortFree(port: number): Promise<boolean> {
  for (const host of ['0.0.0.0', '127.0.0.1']) {
    if (!(await canListen(port, host))) return false;
  }
  return true;
}

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
