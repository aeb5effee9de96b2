import type { CollatorProfile } from '../../../shared/contract/collators';
import { ServiceError } from '../../errors/service-error';
import { buildCommandLine } from '../command-line';
import { exportSlug } from './names';
import { STOP_TIMEOUT_SECONDS, shellQuote } from './systemd-unit';
import { toYamlStream, type JsonValue } from './yaml';

export interface KubernetesOptions {
  /** Left out of the objects unless given, so `kubectl apply -n …` chooses. */
  namespace?: string;
  /** The container image holding the node binary; Parity's image of the same name by default. */
  image?: string;
  /** Size of the volume holding the base path (both halves' databases, keystore). */
  storageSize?: string;
  storageClassName?: string;
}

export interface KubernetesExport {
  fileName: string;
  /** Every object as YAML documents, with the setup commands as comments on top. */
  text: string;
  objects: Array<{ [key: string]: JsonValue }>;
  /** Secrets and ConfigMaps the manifests reference, created from files on the operator's machine; never their values. */
  setupCommands: string[];
  /** What the operator should know before applying (image guessed, sizes). */
  notes: string[];
}

/**
 * Where things live in the pod. The layout follows Parity's `node` helm chart
 * (paritytech/helm-charts, charts/node): the chain data on the StatefulSet's
 * own volume, keys read from Secrets mounted under /var/run/secrets, and the
 * session key inserted into the keystore by an init container before the
 * node starts (`key insert`, as the chart's `inject-keys` does), so the key
 * never passes through an RPC call or an environment variable.
 */
const DATA = '/data';
const CHAIN_SPEC_DIR = '/chain-spec';
const RELAY_SPEC_DIR = '/relay-chain-spec';
const NODE_KEY_DIR = '/var/run/secrets/node-key';
const AURA_DIR = '/var/run/secrets/aura';
/** The chart's default user; Parity's images run as it. */
const UID = 1000;

/**
 * Kubernetes manifests that run a profile's node as the console runs it: the
 * same argument array, with the base path and spec files moved to the pod's
 * mounts, the same ports on both halves, a StatefulSet of one (two pods with
 * one session key would author twice in a slot), its base path on a
 * PersistentVolumeClaim, and Services for p2p, RPC and Prometheus.
 */
export function kubernetesManifests(profile: CollatorProfile, options: KubernetesOptions = {}): KubernetesExport {
  const slug = exportSlug(profile.name);
  const name = slug.startsWith('collator') ? slug : `collator-${slug}`;
  if (options.namespace !== undefined && !/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(options.namespace)) {
    throw new ServiceError('invalid_input', `"${options.namespace}" is not a Kubernetes namespace name.`, 'Lower-case letters, digits and dashes, at most 63 characters.');
  }
  const binary = baseName(profile.binaryPath);
  const notes: string[] = [];
  const knownImage = /^polkadot(-parachain|-omni-node)?$/.test(binary);
  const image = options.image ?? (knownImage ? `docker.io/parity/${binary}:latest` : `${binary}:latest`);
  if (options.image === undefined) {
    notes.push(knownImage ? `The image is Parity's ${image}: pin the tag to the version you run (${profile.binaryVersion ?? 'see --version'}).` : `No public image is known for "${binary}": replace ${image} with your own image holding it.`);
  }
  const embedded = profile.relay.mode === 'embedded';
  const storageSize = options.storageSize ?? (embedded ? '500Gi' : '100Gi');
  if (!/^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/.test(storageSize)) {
    throw new ServiceError('invalid_input', `"${storageSize}" is not a Kubernetes quantity.`, 'For example 500Gi.');
  }

  const specFile = `${CHAIN_SPEC_DIR}/chain-spec.json`;
  const relaySpecIsFile = profile.relay.mode === 'embedded' && isPath(profile.relay.chain);
  const relaySpecFile = `${RELAY_SPEC_DIR}/relay-chain-spec.json`;
  // The profile's own argument array, only its paths moved into the pod.
  const moved: CollatorProfile = {
    ...profile,
    basePath: DATA,
    chainSpecPath: specFile,
    relay: profile.relay.mode === 'embedded' && relaySpecIsFile ? { ...profile.relay, chain: relaySpecFile } : profile.relay,
  };
  const args = buildCommandLine(moved);
  const split = args.indexOf('--');
  // Only what a pod needs beyond the profile: RPC reachable through its Service (safe methods only: anyone in the
  // cluster could reach it), metrics reachable, the node key from its Secret. A flag the profile sets itself is kept as
  // the profile has it: the node refuses a flag given twice.
  const podFlags = [['--rpc-external'], ['--rpc-methods', 'safe'], ['--prometheus-external']];
  const containerArgs = [
    ...withFlags(args.slice(0, split), [...podFlags, ['--node-key-file', `${NODE_KEY_DIR}/node-key`]], ['--node-key']),
    '--',
    ...withFlags(args.slice(split + 1), podFlags, []),
  ];

  const labels = { 'app.kubernetes.io/name': 'collator', 'app.kubernetes.io/instance': name, 'app.kubernetes.io/component': 'substrate-node', 'app.kubernetes.io/managed-by': 'parachain-console', role: profile.collator ? 'collator' : 'full' };
  const selector = { 'app.kubernetes.io/name': 'collator', 'app.kubernetes.io/instance': name };
  const meta = (objectName: string): { [key: string]: JsonValue } => ({ name: objectName, ...(options.namespace ? { namespace: options.namespace } : {}), labels });
  const { para, relay } = profile.ports;
  const names = { nodeKey: `${name}-node-key`, aura: `${name}-aura`, spec: `${name}-chain-spec`, relaySpec: `${name}-relay-chain-spec` };

  const volumes: JsonValue[] = [
    { name: 'chain-spec', configMap: { name: names.spec } },
    { name: 'node-key', secret: { secretName: names.nodeKey, defaultMode: 0o400 } },
    { name: 'tmp', emptyDir: {} },
  ];
  const mounts: JsonValue[] = [
    { name: 'data', mountPath: DATA },
    { name: 'chain-spec', mountPath: CHAIN_SPEC_DIR, readOnly: true },
    { name: 'node-key', mountPath: NODE_KEY_DIR, readOnly: true },
    { name: 'tmp', mountPath: '/tmp' },
  ];
  if (relaySpecIsFile) {
    volumes.push({ name: 'relay-chain-spec', configMap: { name: names.relaySpec } });
    mounts.push({ name: 'relay-chain-spec', mountPath: RELAY_SPEC_DIR, readOnly: true });
  }

  const containerSecurity = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } };
  const initContainers: JsonValue[] = [];
  if (profile.collator) {
    // Optional: without a seed in the Secret the node starts with an empty keystore and the keys are rotated over RPC instead.
    volumes.push({ name: 'aura', secret: { secretName: names.aura, defaultMode: 0o400, optional: true } });
    initContainers.push({
      name: 'inject-keys',
      image,
      command: ['/bin/sh', '-c'],
      args: [
        [
          'set -eu',
          `if [ ! -f ${AURA_DIR}/seed ]; then`,
          `  echo "No seed in the Secret ${names.aura}: the keystore is left as it is."`,
          '  exit 0',
          'fi',
          `exec ${shellQuote(binary)} key insert --base-path ${DATA} --chain ${specFile} --key-type "$(cat ${AURA_DIR}/type)" --scheme "$(cat ${AURA_DIR}/scheme)" --suri ${AURA_DIR}/seed`,
          '',
        ].join('\n'),
      ],
      volumeMounts: [
        { name: 'data', mountPath: DATA },
        { name: 'chain-spec', mountPath: CHAIN_SPEC_DIR, readOnly: true },
        { name: 'aura', mountPath: AURA_DIR, readOnly: true },
        { name: 'tmp', mountPath: '/tmp' },
      ],
      securityContext: containerSecurity,
    });
  }

  const statefulSet: { [key: string]: JsonValue } = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta(name),
    spec: {
      serviceName: name,
      replicas: 1,
      selector: { matchLabels: selector },
      // Deleting the StatefulSet keeps the database and keystore.
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      template: {
        metadata: { labels },
        spec: {
          securityContext: { runAsUser: UID, runAsGroup: UID, fsGroup: UID, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          // SIGTERM, then the node's clean stop (up to 60 s), then SIGKILL.
          terminationGracePeriodSeconds: STOP_TIMEOUT_SECONDS,
          automountServiceAccountToken: false,
          ...(initContainers.length > 0 ? { initContainers } : {}),
          containers: [
            {
              name: 'node',
              image,
              command: [binary],
              args: containerArgs,
              ports: [
                { name: 'p2p', containerPort: para.p2p, protocol: 'TCP' },
                { name: 'rpc', containerPort: para.rpc, protocol: 'TCP' },
                { name: 'prometheus', containerPort: para.prometheus, protocol: 'TCP' },
                { name: 'relay-p2p', containerPort: relay.p2p, protocol: 'TCP' },
                { name: 'relay-rpc', containerPort: relay.rpc, protocol: 'TCP' },
                { name: 'relay-prom', containerPort: relay.prometheus, protocol: 'TCP' },
              ],
              // Ready once its RPC server listens, as the console calls a node running; no liveness probe: restarting a syncing node only slows it.
              readinessProbe: { tcpSocket: { port: 'rpc' }, periodSeconds: 10 },
              volumeMounts: mounts,
              securityContext: containerSecurity,
            },
          ],
          volumes,
        },
      },
      volumeClaimTemplates: [
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: 'data' },
          spec: {
            accessModes: ['ReadWriteOnce'],
            ...(options.storageClassName ? { storageClassName: options.storageClassName } : {}),
            resources: { requests: { storage: storageSize } },
          },
        },
      ],
    },
  };

  const service = (serviceName: string, ports: Array<[string, number]>, headless: boolean): { [key: string]: JsonValue } => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(serviceName),
    spec: {
      type: 'ClusterIP',
      ...(headless ? { clusterIP: 'None', publishNotReadyAddresses: true } : {}),
      selector,
      ports: ports.map(([portName, port]) => ({ name: portName, port, targetPort: portName, protocol: 'TCP' })),
    },
  });
  const objects = [
    statefulSet,
    // The StatefulSet's own headless Service: peers reach the pod itself at <name>-0.<name>, even while it syncs.
    service(name, [['p2p', para.p2p], ['relay-p2p', relay.p2p]], true),
    service(`${name}-rpc`, [['rpc', para.rpc], ['relay-rpc', relay.rpc]], false),
    service(`${name}-metrics`, [['prometheus', para.prometheus], ['relay-prom', relay.prometheus]], false),
  ];

  const ns = options.namespace ? ` --namespace ${options.namespace}` : '';
  const setupCommands = [
    `kubectl create configmap ${names.spec}${ns} --from-file=chain-spec.json=${shellQuote(profile.chainSpecPath)}`,
    ...(relaySpecIsFile && profile.relay.mode === 'embedded' ? [`kubectl create configmap ${names.relaySpec}${ns} --from-file=relay-chain-spec.json=${shellQuote(profile.relay.chain)}`] : []),
    // On the operator's machine, with the binary the profile runs: a new identity, never the workstation node's own.
    `${shellQuote(profile.binaryPath)} key generate-node-key --file node-key`,
    `kubectl create secret generic ${names.nodeKey}${ns} --from-file=node-key=node-key && shred -u node-key`,
    ...(profile.collator
      ? [`kubectl create secret generic ${names.aura}${ns} --from-literal=type=aura --from-literal=scheme=sr25519 --from-file=seed=aura-seed   # aura-seed: a file holding the session key's secret URI; or leave this Secret out and rotate keys over RPC`]
      : []),
    `kubectl apply${ns} -f ${name}.yaml`,
  ];
  notes.push('A ConfigMap holds at most 1 MiB: a larger chain spec belongs in the image or on the volume.');
  const header = [
    `# Collator "${profile.name.replace(/[\r\n]+/g, ' ')}" for Kubernetes, exported by Parachain Console.`,
    '# Same arguments and ports as the profile; the base path is the volume at /data.',
    '# No secret is in this file. Create the ConfigMaps and Secrets it references first:',
    ...setupCommands.map((command) => `#   ${command}`),
    ...notes.map((note) => `# Note: ${note}`),
  ].join('\n');
  return { fileName: `${name}.yaml`, text: `${header}\n${toYamlStream(objects)}`, objects, setupCommands, notes };
}

/** Appends each flag the arguments do not already set (as `--flag value` or `--flag=value`), nor one that conflicts with it. */
function withFlags(args: string[], flags: string[][], conflicting: string[]): string[] {
  const given = (flag: string): boolean => args.some((arg) => arg === flag || arg.startsWith(`${flag}=`));
  const out = [...args];
  for (const flag of flags) {
    const [name] = flag;
    if (name !== undefined && !given(name) && !(name === '--node-key-file' && conflicting.some(given))) out.push(...flag);
  }
  return out;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).at(-1) ?? path;
}

/** A relay chain given as a file rather than a name the binary knows (`paseo`). */
function isPath(chain: string): boolean {
  return chain.includes('/') || chain.includes('\\') || chain.endsWith('.json');
}
