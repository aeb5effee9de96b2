import { randomUUID } from 'node:crypto';
import {
  describeEndpoint,
  remoteCollatorFieldsSchema,
  type RemoteCollator,
  type RemoteCollatorFields,
  type RemoteCollatorView,
} from '../../../shared/contract/remote-collators';
import { ServiceError } from '../../errors/service-error';
import type { Logger } from '../../logging/logger';
import { RemoteCollatorStore } from './remote-collator-store';

export interface RemoteCollatorsDeps {
  filePath: string;
  log: Logger;
  /** Names of the collators the console runs itself: a remote one may not take one of them. */
  localNames: () => string[];
  /** The para id of the operator's configured parachain, used when the operator gives none. */
  defaultParaId: () => number | null;
}

type Listener = (collators: RemoteCollator[]) => void;

/**
 * The collators the console watches but does not run. Adding one only
 * records where it answers; health monitoring is fed from this list
 * (`main/health/remote-feed.ts`), so a remote collator gets the same probes,
 * rules and alerts as a local one.
 */
export class RemoteCollators {
  private readonly store: RemoteCollatorStore;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly deps: RemoteCollatorsDeps) {
    this.store = new RemoteCollatorStore(deps.filePath, deps.log);
  }

  list(): RemoteCollator[] {
    return this.store.list();
  }

  views(): RemoteCollatorView[] {
    return this.store.list().map(viewOf);
  }

  get(id: string): RemoteCollator {
    const found = this.store.get(id);
    if (!found) throw new ServiceError('not_found', `No remote collator has the id ${id}.`, 'It may have been removed: reload the Collators page.');
    return found;
  }

  add(fields: RemoteCollatorFields): RemoteCollatorView {
    const parsed = remoteCollatorFieldsSchema.safeParse(fields);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ServiceError('invalid_input', `${issue?.path.join('.') || 'The remote collator'}: ${issue?.message ?? 'not valid'}`, 'Correct it and add the collator again.');
    }
    const { name, rpcUrl, metricsUrl, paraId } = parsed.data;
    this.requireUniqueName(name);
    const sameRpc = this.store.list().find((existing) => sameAddress(existing.rpcUrl, rpcUrl));
    if (sameRpc) {
      throw new ServiceError('already_exists', `${rpcUrl} is already watched as ${sameRpc.name}.`, 'Each node is added once; remove the other entry first to rename it.');
    }
    const collator: RemoteCollator = {
      id: `remote-${randomUUID()}`,
      name,
      rpcUrl,
      metricsUrl: metricsUrl ?? null,
      paraId: paraId ?? this.deps.defaultParaId() ?? 0,
      createdAt: Date.now(),
    };
    this.store.put(collator);
    this.deps.log.info(`collators: watching remote collator ${name} at ${describeEndpoint(rpcUrl).host}`);
    this.changed();
    return viewOf(collator);
  }

  remove(id: string): boolean {
    const removed = this.store.delete(id);
    if (removed) this.changed();
    return removed;
  }

  /**
   * The address the session-key RPCs may use: only a loopback one. They are
   * unsafe methods, and a node that answers them across the network is one
   * anybody there can make rotate its keys; the refusal says how to tunnel.
   */
  sessionKeyEndpoint(id: string): string {
    const collator = this.get(id);
    const endpoint = describeEndpoint(collator.rpcUrl);
    if (!endpoint.loopback) {
      throw new ServiceError(
        'not_supported',
        `Session keys of ${collator.name} are not managed over ${endpoint.host}: it is not a loopback address, and these RPC methods must not be exposed to a network.`,
        endpoint.advice ?? undefined,
      );
    }
    return collator.rpcUrl;
  }

  onChanged(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private requireUniqueName(name: string): void {
    const taken = [...this.deps.localNames(), ...this.store.list().map((collator) => collator.name)];
    if (taken.some((other) => other.trim().toLowerCase() === name.trim().toLowerCase())) {
      throw new ServiceError('already_exists', `A collator is already named ${name}.`, 'Names tell collators apart in alerts and charts: choose another one.');
    }
  }

  private changed(): void {
    const collators = this.store.list();
    for (const listener of this.listeners) listener(collators);
  }
}

function viewOf(collator: RemoteCollator): RemoteCollatorView {
  return { ...collator, endpoint: describeEndpoint(collator.rpcUrl) };
}

/** One node serves HTTP and WebSocket on the same port: ws:// and http:// to the same place are the same node. */
function sameAddress(a: string, b: string): boolean {
  const place = (address: string) => {
    const url = new URL(address);
    return `${url.host}${url.pathname.replace(/\/$/, '')}`.toLowerCase();
  };
  return place(a) === place(b);
}
