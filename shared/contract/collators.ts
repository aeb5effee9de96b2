import { z } from 'zod';
import { call, noInput, stream } from './define';

/**
 * Collator nodes: profiles (how to run one node), the supervisor's live view
 * of each node, its logs, genesis artifacts and processes left over from a
 * previous run of the console.
 */

const port = z.number().int().min(1).max(65_535);

/** The three ports of one half of a collator node. */
export const nodePortsSchema = z.object({
  p2p: port,
  rpc: port,
  prometheus: port,
});
export type NodePorts = z.infer<typeof nodePortsSchema>;

/** Ports of the parachain node and of its embedded relay-chain node (the arguments after `--`). */
export const profilePortsSchema = z.object({
  para: nodePortsSchema,
  relay: nodePortsSchema,
});
export type ProfilePorts = z.infer<typeof profilePortsSchema>;

export const syncModeSchema = z.enum(['full', 'fast', 'fast-unsafe', 'warp']);

/**
 * How the collator follows the relay chain: an embedded relay node that syncs
 * `chain` itself, or external relay RPC endpoints (`--relay-chain-rpc-urls`).
 */
export const relayModeSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('embedded'),
    /** A chain name the binary knows (`polkadot`, `paseo`) or a path to a relay chain spec. */
    chain: z.string().min(1).max(4096),
    syncMode: syncModeSchema.optional(),
  }),
  z.object({
    mode: z.literal('rpc'),
    rpcUrls: z.array(z.string().regex(/^wss?:\/\/\S+$/, 'must be a ws:// or wss:// URL')).min(1).max(8),
  }),
]);
export type RelayMode = z.infer<typeof relayModeSchema>;

const extraArgsSchema = z.array(z.string().max(4096)).max(100);

/** What the operator edits: everything needed to run one node. */
export const profileFieldsSchema = z.object({
  name: z.string().trim().min(1).max(100),
  binaryPath: z.string().min(1).max(4096),
  chainSpecPath: z.string().min(1).max(4096),
  basePath: z.string().min(1).max(4096),
  /** Adds `--collator`: the node authors blocks when its session keys are set. */
  collator: z.boolean().default(true),
  relay: relayModeSchema,
  /** Extra arguments for the parachain node, before `--`. */
  extraArgs: extraArgsSchema.default([]),
  /** Extra arguments for the embedded relay node, after `--`. */
  relayExtraArgs: extraArgsSchema.default([]),
});

export const profileSchema = profileFieldsSchema.extend({
  id: z.string().min(1).max(100),
  ports: profilePortsSchema,
  /** What `--version` printed when the binary was last checked. */
  binaryVersion: z.string().optional(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type CollatorProfile = z.infer<typeof profileSchema>;

/** Ports the operator did not give are chosen free and unique across profiles. */
const portsInputSchema = z
  .object({
    para: nodePortsSchema.partial().strict().optional(),
    relay: nodePortsSchema.partial().strict().optional(),
  })
  .strict();

export const profileInputSchema = profileFieldsSchema.extend({ ports: portsInputSchema.optional() }).strict();
export type ProfileInput = z.input<typeof profileInputSchema>;

export const binaryInfoSchema = z.object({
  path: z.string(),
  /** The first line `--version` printed, e.g. `polkadot-parachain 1.17.0-7e5c6b3a`. */
  versionLine: z.string(),
  name: z.string(),
  version: z.string(),
  commit: z.string().optional(),
  /** Genesis and chain-spec subcommands found in `--help`. */
  subcommands: z.object({
    genesisHead: z.enum(['export-genesis-head', 'export-genesis-state']).optional(),
    genesisCode: z.enum(['export-genesis-wasm', 'export-genesis-code']).optional(),
    chainSpec: z.enum(['build-spec', 'export-chain-spec']).optional(),
  }),
});
export type BinaryInfo = z.infer<typeof binaryInfoSchema>;

/**
 * Lifecycle of one supervised node.
 * - `starting`: spawned, its RPC not answering yet; `running`: RPC answers.
 * - `backoff`: crashed, waiting `nextRestartAt` to restart.
 * - `crash-loop`: crashed too often; restarting stopped until the operator starts it.
 * - `stopping`: SIGINT sent, SIGKILL follows after the stop timeout.
 */
export const nodeStatusSchema = z.enum(['stopped', 'starting', 'running', 'stopping', 'backoff', 'crash-loop']);
export type NodeStatus = z.infer<typeof nodeStatusSchema>;

export const chainProgressSchema = z.object({
  best: z.number().int().nullable(),
  finalized: z.number().int().nullable(),
  peers: z.number().int().nullable(),
});
export type ChainProgress = z.infer<typeof chainProgressSchema>;

export const collatorStateSchema = z.object({
  profileId: z.string(),
  status: nodeStatusSchema,
  pid: z.number().int().nullable(),
  /** True when this run was found from a previous console session and followed, not spawned now. */
  adopted: z.boolean(),
  startedAt: z.number().int().nullable(),
  /** Crash restarts since the operator last started the node. */
  restarts: z.number().int(),
  nextRestartAt: z.number().int().nullable(),
  /** The delay chosen before that restart: it doubles with each crash in the crash-loop window. */
  backoffMs: z.number().int().nullable().optional(),
  lastExit: z
    .object({ code: z.number().int().nullable(), signal: z.string().nullable(), at: z.number().int(), crashed: z.boolean() })
    .nullable(),
  /** Percent of one core, and resident memory in bytes, from the last sample. */
  cpuPercent: z.number().nullable(),
  memoryBytes: z.number().int().nullable(),
  para: chainProgressSchema,
  relay: chainProgressSchema,
  /** Last block the node logged as prepared or authored by itself. */
  lastAuthored: z.number().int().nullable(),
  warnings: z.number().int(),
  errors: z.number().int(),
  /** The latest warning or error line, so a list can say why a node is unwell without opening its log. */
  lastProblem: z.object({ level: z.enum(['warn', 'error']), text: z.string(), at: z.number().int() }).nullable().optional(),
  logFile: z.string().nullable(),
});
export type CollatorState = z.infer<typeof collatorStateSchema>;

export const logLevelSchema = z.enum(['trace', 'debug', 'info', 'warn', 'error']);
export const logLineSchema = z.object({
  /** Increases by one per line for the node, across restarts; lets the UI spot gaps. */
  seq: z.number().int(),
  at: z.number().int(),
  text: z.string(),
  half: z.enum(['para', 'relay']).nullable(),
  level: logLevelSchema.nullable(),
});
export type LogLine = z.infer<typeof logLineSchema>;

export const logBatchSchema = z.object({
  profileId: z.string(),
  lines: z.array(logLineSchema),
  /** Lines that were written to disk but not sent because the batch would have been too large. */
  skipped: z.number().int(),
});
export type LogBatch = z.infer<typeof logBatchSchema>;

export const collatorAlertSchema = z.object({
  profileId: z.string(),
  kind: z.enum(['crash-loop', 'start-failed', 'orphans-found']),
  message: z.string(),
  hint: z.string().optional(),
  at: z.number().int(),
});
export type CollatorAlert = z.infer<typeof collatorAlertSchema>;

export const orphanSchema = z.object({
  profileId: z.string(),
  profileName: z.string().nullable(),
  pid: z.number().int(),
  startedAt: z.number().int(),
  commandLine: z.array(z.string()),
  logFile: z.string(),
});
export type Orphan = z.infer<typeof orphanSchema>;

const artifactSchema = z.object({ path: z.string(), sizeBytes: z.number().int(), blake2: z.string() });
export const genesisArtifactsSchema = z.object({
  paraId: z.number().int(),
  directory: z.string(),
  chainSpecRaw: artifactSchema,
  genesisHead: artifactSchema,
  validationCode: artifactSchema,
  /** The subcommands of the binary that produced them. */
  commands: z.array(z.string()),
  createdAt: z.number().int(),
});
export type GenesisArtifacts = z.infer<typeof genesisArtifactsSchema>;

const idInput = z.object({ id: z.string().min(1).max(100) }).strict();

/** A file the console writes for another engine (systemd, Kubernetes): its text, a name to save it as, and what to run first. */
export const exportedFileSchema = z.object({
  fileName: z.string(),
  text: z.string(),
  /** Commands the operator runs where it is deployed, in order; they create what the file references, secrets included, from local files. */
  setupCommands: z.array(z.string()),
});
export type ExportedFile = z.infer<typeof exportedFileSchema>;

export const collatorCalls = {
  'collators.list': call({
    input: noInput,
    output: z.array(z.object({ profile: profileSchema, state: collatorStateSchema })),
    summary: 'Every profile with its node state.',
  }),
  'collators.get': call({
    input: idInput,
    output: z.object({ profile: profileSchema, state: collatorStateSchema, commandLine: z.array(z.string()) }),
    summary: 'One profile, its node state and the exact command line it runs with.',
  }),
  'collators.create': call({
    input: z.object({ profile: profileInputSchema }).strict(),
    output: profileSchema,
    summary: 'Save a new profile: checks the binary, chain spec, base path and ports; chooses free ports not given.',
  }),
  'collators.update': call({
    input: z.object({ id: z.string().min(1).max(100), profile: profileInputSchema }).strict(),
    output: profileSchema,
    summary: 'Replace a profile with the same checks as create. A running node keeps its old settings until restarted.',
  }),
  'collators.delete': call({
    input: idInput,
    output: z.object({ deleted: z.boolean() }),
    summary: 'Delete a profile whose node is stopped. Files under its base path are left alone.',
  }),
  'collators.checkBinary': call({
    input: z.object({ path: z.string().min(1).max(4096) }).strict(),
    output: binaryInfoSchema,
    summary: 'Check a node binary: exists, executable, a Substrate/Cumulus node by its --version.',
  }),
  'collators.start': call({ input: idInput, output: collatorStateSchema, summary: 'Start the node of a profile (refused if already running).' }),
  'collators.stop': call({
    input: idInput,
    output: collatorStateSchema,
    summary: 'Stop the node: SIGINT, then SIGKILL after the stop timeout from settings. Resolves when it has exited.',
  }),
  'collators.restart': call({ input: idInput, output: collatorStateSchema, summary: 'Stop then start the node.' }),
  'collators.exportGenesis': call({
    input: z.object({ id: z.string().min(1).max(100), paraId: z.number().int().min(0).max(4_294_967_295) }).strict(),
    output: genesisArtifactsSchema,
    summary: 'Export the raw chain spec (with this para id), the genesis head and the validation code with sizes and hashes.',
  }),
  'collators.listOrphans': call({
    input: noInput,
    output: z.array(orphanSchema),
    summary: 'Node processes left running by a previous session and not yet adopted or stopped.',
  }),
  'collators.resolveOrphans': call({
    input: z.object({ action: z.enum(['adopt', 'stop']), ids: z.array(z.string().min(1).max(100)).max(1000).optional() }).strict(),
    output: z.array(collatorStateSchema),
    summary: 'Adopt (follow log and liveness) or stop the leftover processes; all of them when ids is omitted.',
  }),
  'collators.exportSystemd': call({
    input: z
      .object({
        id: z.string().min(1).max(100),
        /** The server's systemd: from 254 on the restart delay grows (`RestartSteps`). */
        systemdVersion: z.number().int().min(200).max(999).optional(),
        user: z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'a system user name: lower-case letters, digits, - and _').optional(),
      })
      .strict(),
    output: exportedFileSchema.extend({ user: z.string() }),
    summary: 'The profile as a hardened systemd unit: same arguments and ports, SIGINT with a long stop timeout, restart with backoff, its own user, only the base path writable.',
  }),
  'collators.exportKubernetes': call({
    input: z
      .object({
        id: z.string().min(1).max(100),
        namespace: z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'a Kubernetes namespace name').optional(),
        image: z.string().min(1).max(512).regex(/^\S+$/, 'an image reference without spaces').optional(),
        storageSize: z.string().regex(/^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/, 'a Kubernetes quantity, e.g. 500Gi').optional(),
        storageClassName: z.string().regex(/^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/, 'a storage class name').optional(),
      })
      .strict(),
    output: exportedFileSchema.extend({ notes: z.array(z.string()) }),
    summary: "The profile as Kubernetes manifests in the conventions of Parity's node helm chart: a StatefulSet with a volume for the base path, Services for p2p, RPC and Prometheus of both halves, keys from referenced Secrets (never their values).",
  }),
  'collators.recentLogs': call({
    input: z.object({ id: z.string().min(1).max(100), limit: z.number().int().min(1).max(10_000).default(500) }).strict(),
    output: z.array(logLineSchema),
    summary: 'The latest lines kept in memory for a node, oldest first.',
  }),
};

export const collatorStreams = {
  'collators.state': stream({
    params: z.object({ id: z.string().min(1).max(100).optional() }).strict(),
    event: collatorStateSchema,
    summary: 'State changes of every node (or one), including CPU/memory samples and block progress.',
  }),
  'collators.log': stream({
    params: z.object({ id: z.string().min(1).max(100) }).strict(),
    event: logBatchSchema,
    summary: 'New log lines of one node, in batches at most every ~16 ms.',
  }),
  'collators.alert': stream({
    params: z.object({}).strict(),
    event: collatorAlertSchema,
    summary: 'A node in a crash loop, a start that failed, leftover processes waiting for a decision.',
  }),
};
