import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  profileInputSchema,
  type BinaryInfo,
  type CollatorProfile,
  type NodePorts,
  type ProfileInput,
  type ProfilePorts,
} from '../../shared/contract/collators';
import { ServiceError } from '../errors/service-error';
import { checkBinary } from './binary-check';
import { describePortOwner, findPortOwner } from './port-owner';
import { choosePorts, isPortFree, listPorts, type PortsRequest } from './ports';
import type { ProfileStore } from './profile-store';

export interface ProfilesDeps {
  store: ProfileStore;
  /** Ports the profile's own running node holds: not a conflict when it is saved again. */
  portsInUseBy?: (profileId: string) => readonly number[];
  checkBinary?: (path: string) => Promise<BinaryInfo>;
  /** Where the search for free ports starts; Substrate's defaults unless given. */
  portSearchFrom?: ProfilePorts;
  now?: () => number;
}

/**
 * Creates, changes and deletes profiles, each save checked the way the
 * operator would want before a node is started: the binary, the chain spec,
 * the base path and every port.
 */
export class CollatorProfiles {
  private readonly check: (path: string) => Promise<BinaryInfo>;
  private readonly now: () => number;
  /** Saves run one at a time, so two new profiles never get the same free port. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: ProfilesDeps) {
    this.check = deps.checkBinary ?? checkBinary;
    this.now = deps.now ?? Date.now;
  }

  list(): CollatorProfile[] {
    return this.deps.store.list();
  }

  get(id: string): CollatorProfile {
    const profile = this.deps.store.get(id);
    if (!profile) throw new ServiceError('not_found', `There is no collator profile "${id}".`, 'It may have been deleted: reload the list.');
    return profile;
  }

  create(input: ProfileInput): Promise<CollatorProfile> {
    return this.serial(() => this.save(randomUUID(), input, null));
  }

  update(id: string, input: ProfileInput): Promise<CollatorProfile> {
    return this.serial(() => this.save(id, input, this.get(id)));
  }

  delete(id: string): boolean {
    return this.deps.store.delete(id);
  }

  private async save(id: string, rawInput: ProfileInput, previous: CollatorProfile | null): Promise<CollatorProfile> {
    const input = profileInputSchema.parse(rawInput);
    const clash = this.list().find((p) => p.id !== id && p.name.toLowerCase() === input.name.toLowerCase());
    if (clash) throw new ServiceError('already_exists', `A profile named "${input.name}" already exists.`, 'Choose another name.');

    const binary = await this.check(input.binaryPath);
    await assertChainSpec(input.chainSpecPath);
    await assertWritableDirectory(input.basePath);
    const ports = await this.portsFor(id, input.ports ?? {}, previous?.ports);

    const now = this.now();
    const profile: CollatorProfile = {
      ...input,
      id,
      ports,
      binaryVersion: binary.versionLine,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
    };
    this.deps.store.put(profile);
    return profile;
  }

  /** Given ports are checked; the rest keep their previous value (an update) or are chosen free (a new profile). */
  private async portsFor(id: string, request: NonNullable<ProfileInput['ports']>, previous?: ProfilePorts): Promise<ProfilePorts> {
    const others = new Map<number, string>();
    for (const profile of this.list()) {
      if (profile.id === id) continue;
      for (const port of listPorts(profile.ports)) others.set(port, profile.name);
    }
    const given = [...Object.values(request.para ?? {}), ...Object.values(request.relay ?? {})];
    const seen = new Set<number>();
    for (const port of given) {
      if (seen.has(port)) throw new ServiceError('conflict', `Port ${port} is given twice in this profile.`, 'Every port of both halves must differ.');
      seen.add(port);
      const owner = others.get(port);
      if (owner !== undefined) throw new ServiceError('conflict', `Port ${port} is already used by the profile "${owner}".`, 'Choose another port, or leave it empty to get a free one.');
    }
    const ownPorts = new Set(this.deps.portsInUseBy?.(id) ?? []);
    for (const port of given) {
      if (ownPorts.has(port) || (previous && listPorts(previous).includes(port))) continue;
      await assertPortFree(port);
    }
    const kept = previous ? keepPrevious(previous, request, new Set([...others.keys(), ...seen])) : {};
    return choosePorts({ para: { ...kept.para, ...request.para }, relay: { ...kept.relay, ...request.relay } }, new Set([...others.keys(), ...ownPorts]), this.deps.portSearchFrom);
  }

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const result = this.queue.then(job, job);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

/** The previous ports not replaced by the request, unless another profile or a given port has taken them since. */
function keepPrevious(previous: ProfilePorts, request: NonNullable<ProfileInput['ports']>, taken: ReadonlySet<number>): PortsRequest {
  const kept: { para: Partial<NodePorts>; relay: Partial<NodePorts> } = { para: {}, relay: {} };
  for (const half of ['para', 'relay'] as const) {
    for (const kind of ['p2p', 'rpc', 'prometheus'] as const) {
      const port = previous[half][kind];
      if (request[half]?.[kind] === undefined && !taken.has(port)) kept[half][kind] = port;
    }
  }
  return kept;
}

export async function assertPortFree(port: number): Promise<void> {
  if (await isPortFree(port)) return;
  const owner = await findPortOwner(port);
  throw new ServiceError(
    'port_in_use',
    `Port ${port} is already in use by ${describePortOwner(owner)}.`,
    'Stop that process, or choose another port for this profile (leave it empty to get a free one).',
  );
}

async function assertChainSpec(path: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ServiceError('bad_file', `The chain spec ${path} could not be read.`, 'Check the path: it must be the JSON chain spec file of your parachain.');
  }
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch {
    throw new ServiceError('bad_file', `The chain spec ${path} is not valid JSON.`, 'Choose the chain spec JSON file your binary produced (build-spec or export-chain-spec).');
  }
  if (typeof spec !== 'object' || spec === null || !('genesis' in spec)) {
    throw new ServiceError('bad_file', `The file ${path} is not a chain spec: it has no "genesis" section.`, 'Choose the chain spec JSON file of your parachain.');
  }
}

async function assertWritableDirectory(path: string): Promise<void> {
  const probe = join(path, `.write-check-${process.pid}`);
  try {
    await mkdir(path, { recursive: true });
    await access(path, constants.W_OK);
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ServiceError('bad_file', `The base path ${path} cannot be written (${code}).`, 'Choose a folder the console may create and write to; the node keeps its database there.');
  }
}
