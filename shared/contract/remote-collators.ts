import { z } from 'zod';
import { call, stream } from './define';
import { sessionKeyPartSchema } from './keys';

/**
 * Remote collators: nodes the console does not run (systemd, Kubernetes,
 * another machine) but watches through their RPC and, optionally, their
 * Prometheus endpoint. They get the same probes, rules and alerts as the
 * nodes it runs; what needs the process itself (CPU, memory, restarts, logs)
 * is not available for them.
 */

const RPC_PROTOCOLS = ['ws:', 'wss:', 'http:', 'https:'];
const METRICS_PROTOCOLS = ['http:', 'https:'];

function urlWith(protocols: string[], example: string) {
  return z
    .string()
    .trim()
    .min(1, `Write the address, like ${example}.`)
    .max(2048)
    .refine((value) => {
      try {
        const url = new URL(value);
        return protocols.includes(url.protocol) && url.hostname !== '';
      } catch {
        return false;
      }
    }, `Must be a ${protocols.map((protocol) => `${protocol}//`).join(', ')} address, like ${example}.`);
}

export const remoteRpcUrlSchema = urlWith(RPC_PROTOCOLS, 'ws://127.0.0.1:9944');
export const remoteMetricsUrlSchema = urlWith(METRICS_PROTOCOLS, 'http://127.0.0.1:9615/metrics');

/** What the operator types to add one. */
export const remoteCollatorFieldsSchema = z
  .object({
    name: z.string().trim().min(1, 'Give it a name.').max(100),
    rpcUrl: remoteRpcUrlSchema,
    /** Its Prometheus exporter; without it the figures come from RPC alone. */
    metricsUrl: remoteMetricsUrlSchema.optional(),
    /** The parachain it collates for; the console's configured parachain when not given. */
    paraId: z.number().int().min(0).max(4_294_967_295).optional(),
  })
  .strict();
export type RemoteCollatorFields = z.input<typeof remoteCollatorFieldsSchema>;

/** One remote collator as stored. */
export const remoteCollatorSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(100),
  rpcUrl: z.string(),
  metricsUrl: z.string().nullable(),
  paraId: z.number().int().min(0),
  createdAt: z.number().int(),
});
export type RemoteCollator = z.infer<typeof remoteCollatorSchema>;

/** Where its endpoints are, as the UI explains it. */
export const remoteEndpointViewSchema = z.object({
  /** The host as written (no credentials, no path). */
  host: z.string(),
  /** True for 127.0.0.0/8, ::1 and localhost: this computer, or a local SSH tunnel to the node. */
  loopback: z.boolean(),
  /** For an endpoint that is not loopback: why that is unsafe, and what to do instead. Null on loopback. */
  advice: z.string().nullable(),
  /** For an endpoint that is not loopback: the SSH tunnel that brings its RPC to this computer's loopback. Null on loopback. */
  tunnelCommand: z.string().nullable(),
});
export type RemoteEndpointView = z.infer<typeof remoteEndpointViewSchema>;

export const remoteCollatorViewSchema = remoteCollatorSchema.extend({
  endpoint: remoteEndpointViewSchema,
});
export type RemoteCollatorView = z.infer<typeof remoteCollatorViewSchema>;

const idInput = z.object({ id: z.string().min(1).max(100) }).strict();

export const remoteCollatorCalls = {
  'remotes.list': call({
    input: z.object({}).strict(),
    output: z.array(remoteCollatorViewSchema),
    summary: 'Every remote collator the console watches, with where its RPC is.',
  }),
  'remotes.add': call({
    input: z.object({ collator: remoteCollatorFieldsSchema }).strict(),
    output: remoteCollatorViewSchema,
    summary: 'Watch a collator that runs elsewhere, by its RPC (and optional Prometheus) endpoint. Its name must differ from every collator, local or remote.',
  }),
  'remotes.remove': call({
    input: idInput,
    output: z.object({ removed: z.boolean() }),
    summary: 'Stop watching a remote collator (the node itself is not touched).',
  }),
  'remotes.rotateSessionKeys': call({
    input: z.object({ id: z.string().min(1).max(100), owner: z.string().trim().min(1).max(100).optional() }).strict(),
    output: z.object({
      keys: z.string(),
      proof: z.string().nullable(),
      decoded: z.array(sessionKeyPartSchema).nullable(),
    }),
    summary: "Generate new session keys in a remote collator's keystore; only over a loopback endpoint (the node itself, or an SSH tunnel to it).",
  }),
  'remotes.hasSessionKeys': call({
    input: z.object({ id: z.string().min(1).max(100), keys: z.string().trim().min(3).max(4096) }).strict(),
    output: z.object({ present: z.boolean() }),
    summary: "Whether a remote collator's keystore holds these session keys (author_hasSessionKeys); only over a loopback endpoint.",
  }),
};

export const remoteCollatorStreams = {
  'remotes.changed': stream({
    params: z.object({}).strict(),
    event: z.array(remoteCollatorViewSchema),
    summary: 'The list of remote collators after one was added or removed.',
  }),
};

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
    tunnelCommand: loopback ? null : tunnelCommand(url),
  };
}

/** 127.0.0.0/8, ::1 and localhost: this computer, or a local SSH tunnel to the node. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The RPC port on the node's host: the address's own, else Substrate's default (a wss:// proxy on 443 usually fronts 9944). */
function nodePort(url: URL): number {
  return url.port ? Number(url.port) : 9944;
}

/** The SSH tunnel that brings a node's loopback RPC port to the same port on this computer. */
export function tunnelCommand(url: URL): string {
  const port = nodePort(url);
  return `ssh -N -L ${port}:127.0.0.1:${port} user@${url.hostname}`;
}

/**
 * The plain words shown beside an endpoint that is not on this computer:
 * why, and what to do instead (the tunnel itself is `tunnelCommand`).
 */
export function tunnelAdvice(url: URL): string {
  const port = nodePort(url);
  const scheme = url.protocol === 'http:' || url.protocol === 'https:' ? 'http:' : 'ws:';
  return (
    `${url.hostname} is not this computer: the console reaches this node across the network. ` +
    'A collator must not expose its RPC there, because its unsafe methods manage its session keys. ' +
    `Keep the node's RPC on 127.0.0.1, forward it over SSH (${tunnelCommand(url)}) and watch it at ${scheme}//127.0.0.1:${port} instead. ` +
    'Session keys are only rotated or checked over such a loopback address.'
  );
}
