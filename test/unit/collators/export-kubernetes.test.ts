import { loadAll } from 'js-yaml';
import { StatefulSet, type IStatefulSet } from 'kubernetes-models/apps/v1';
import { Service, type IService } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import type { CollatorProfile } from '../../../shared/contract/collators';
import { buildCommandLine } from '../../../main/collators/command-line';
import { kubernetesManifests, type KubernetesOptions } from '../../../main/collators/export/kubernetes';

const base: CollatorProfile = {
  id: 'p1',
  name: 'collator-a',
  binaryPath: '/opt/bin/polkadot-parachain',
  chainSpecPath: '/home/ops/specs/para raw.json',
  basePath: '/home/ops/collator-a',
  collator: true,
  relay: { mode: 'embedded', chain: 'paseo' },
  extraArgs: [],
  relayExtraArgs: [],
  ports: { para: { p2p: 30333, rpc: 9944, prometheus: 9615 }, relay: { p2p: 30334, rpc: 9945, prometheus: 9616 } },
  binaryVersion: 'polkadot-parachain 1.17.0-7e5c6b3a',
  createdAt: 0,
  updatedAt: 0,
};

const cases: Array<{ title: string; profile: CollatorProfile; options?: KubernetesOptions }> = [
  { title: "Substrate's default ports", profile: base },
  {
    title: 'custom ports on both halves, a namespace, a storage class',
    profile: { ...base, name: 'Collator B', ports: { para: { p2p: 40333, rpc: 19944, prometheus: 19615 }, relay: { p2p: 40334, rpc: 19945, prometheus: 19616 } } },
    options: { namespace: 'paseo-collators', storageClassName: 'fast-ssd', storageSize: '750Gi', image: 'registry.example/para-node:v1.2.3' },
  },
  {
    title: 'arguments with spaces and quotes, a relay spec file, the profile setting --rpc-methods itself',
    profile: { ...base, name: 'c "quoted"', extraArgs: ['--telemetry-url', "wss://telemetry.polkadot.io/submit/ 0", '--rpc-methods=unsafe', '--log', "it's: #1"], relay: { mode: 'embedded', chain: '/home/ops/specs/relay raw.json', syncMode: 'warp' }, relayExtraArgs: ['--in-peers', '8'] },
  },
  { title: 'a full node following the relay over RPC, an unknown binary', profile: { ...base, name: 'rpc-follower', collator: false, binaryPath: '/usr/local/bin/my-para-node', relay: { mode: 'rpc', rpcUrls: ['wss://relay-a.example', 'wss://relay-b.example'] } } },
];

/** Names the API server checks and the OpenAPI schema does not: objects DNS-1123 (63), ports IANA service names (15). */
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;

describe('a profile as Kubernetes manifests', () => {
  for (const { title, profile, options } of cases) {
    describe(title, () => {
      const exported = kubernetesManifests(profile, options);
      const docs = loadAll(exported.text) as Array<{ kind: string; metadata: { name: string } }>;

      it('reads back from its YAML as the very objects, each valid against the Kubernetes schema', () => {
        expect(docs).toEqual(exported.objects);
        expect(docs.map((doc) => doc.kind)).toEqual(['StatefulSet', 'Service', 'Service', 'Service']);
        for (const doc of docs) {
          // Each object through its model class: validate() throws with the schema's complaint.
          if (doc.kind === 'StatefulSet') new StatefulSet(doc as unknown as IStatefulSet).validate();
          else new Service(doc as unknown as IService).validate();
          expect(doc.metadata.name).toMatch(DNS_LABEL);
        }
      });

      const statefulSet = new StatefulSet(docs[0] as unknown as IStatefulSet);
      const pod = statefulSet.spec?.template.spec;
      const node = pod?.containers[0];

      it('runs the profile\'s own argument array, its paths moved to the pod and pod flags added to each half', () => {
        const args = node?.args ?? [];
        const split = args.indexOf('--');
        const expected = buildCommandLine({ ...profile, basePath: '/data', chainSpecPath: '/chain-spec/chain-spec.json', relay: profile.relay.mode === 'embedded' && profile.relay.chain.includes('/') ? { ...profile.relay, chain: '/relay-chain-spec/relay-chain-spec.json' } : profile.relay });
        const expectedSplit = expected.indexOf('--');
        expect(args.slice(0, expectedSplit)).toEqual(expected.slice(0, expectedSplit));
        expect(args.slice(split + 1, split + 1 + expected.length - expectedSplit - 1)).toEqual(expected.slice(expectedSplit + 1));
        expect(args.slice(0, split)).toContain('--rpc-external');
        expect(args.slice(0, split)).toContain('--node-key-file');
        // A flag the profile sets itself is not given twice (the node would refuse to start).
        expect(args.filter((arg) => arg.startsWith('--rpc-methods')).length).toBe(2);
        expect(node?.command).toEqual([profile.binaryPath.split('/').at(-1)]);
      });

      it('opens the same ports on both halves, in the pod and in the Services', () => {
        const { para, relay } = profile.ports;
        const byName = Object.fromEntries((node?.ports ?? []).map((port) => [port.name, port.containerPort]));
        expect(byName).toEqual({ p2p: para.p2p, rpc: para.rpc, prometheus: para.prometheus, 'relay-p2p': relay.p2p, 'relay-rpc': relay.rpc, 'relay-prom': relay.prometheus });
        for (const name of Object.keys(byName)) expect(name).toMatch(PORT_NAME);
        const servicePorts = docs.slice(1).flatMap((doc) => new Service(doc as unknown as IService).spec?.ports ?? []);
        expect(Object.fromEntries(servicePorts.map((port) => [port.name, port.port]))).toEqual(byName);
        for (const port of servicePorts) expect(port.targetPort).toBe(port.name);
      });

      it('keeps the base path on a claim of its own, one replica, a clean stop', () => {
        expect(statefulSet.spec?.replicas).toBe(1);
        expect(statefulSet.spec?.volumeClaimTemplates?.map((claim) => claim.metadata?.name)).toEqual(['data']);
        expect(node?.volumeMounts?.find((mount) => mount.name === 'data')?.mountPath).toBe('/data');
        expect(pod?.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(60);
        expect(node?.securityContext?.readOnlyRootFilesystem).toBe(true);
        if (options?.namespace) for (const doc of docs) expect((doc.metadata as { namespace?: string }).namespace).toBe(options.namespace);
      });

      it('holds no secret: keys come from Secrets it references, created by the commands it prints', () => {
        expect(docs.some((doc) => doc.kind === 'Secret')).toBe(false);
        const secrets = (pod?.volumes ?? []).flatMap((volume) => (volume.secret?.secretName ? [volume.secret.secretName] : []));
        const name = docs[0]?.metadata.name;
        expect(secrets).toEqual(profile.collator ? [`${name}-node-key`, `${name}-aura`] : [`${name}-node-key`]);
        for (const secret of secrets) expect(exported.setupCommands.some((command) => command.startsWith(`kubectl create secret generic ${secret}`))).toBe(true);
        expect(node?.env ?? []).toEqual([]);
        if (profile.collator) {
          const inject = pod?.initContainers?.[0];
          expect(inject?.name).toBe('inject-keys');
          expect(inject?.args?.[0]).toContain('key insert --base-path /data');
          expect(inject?.args?.[0]).toContain('--suri /var/run/secrets/aura/seed');
        } else {
          expect(pod?.initContainers).toBeUndefined();
        }
      });
    });
  }

  it('adds no pod flag the profile already sets, nor a node key file beside its own --node-key', () => {
    const [statefulSet] = kubernetesManifests({ ...base, extraArgs: ['--node-key', '0'.repeat(64), '--rpc-external', '--prometheus-external'] }).objects;
    const args = new StatefulSet(statefulSet as unknown as IStatefulSet).spec?.template.spec?.containers[0]?.args ?? [];
    const para = args.slice(0, args.indexOf('--'));
    expect(para.filter((arg) => arg === '--rpc-external')).toHaveLength(1);
    expect(para.filter((arg) => arg === '--prometheus-external')).toHaveLength(1);
    expect(para).not.toContain('--node-key-file');
    expect(para).toContain('--rpc-methods');
  });

  it('really validates: a broken object is refused', () => {
    const broken = structuredClone(kubernetesManifests(base).objects[0]) as unknown as IStatefulSet;
    (broken.spec as unknown as { replicas: string }).replicas = 'one';
    expect(() => new StatefulSet(broken).validate()).toThrow();
  });

  it('refuses a namespace or size Kubernetes would refuse', () => {
    expect(() => kubernetesManifests(base, { namespace: 'Bad_NS' })).toThrow(/namespace/);
    expect(() => kubernetesManifests(base, { storageSize: 'lots' })).toThrow(/quantity/);
  });
});
