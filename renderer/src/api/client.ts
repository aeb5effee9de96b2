import { ApiError, type ApiErrorData } from '../../../shared/contract/envelope';
import type { CallInput, CallName, CallOutput, StreamEvent, StreamName, StreamParams } from '../../../shared/contract/index';
import type { ClientFrame } from '../../../shared/contract/wire';
import type { FrameTransport, TransportStatus } from './transport';

interface PendingCall {
  resolve: (data: unknown) => void;
  reject: (error: ApiError) => void;
}

interface Subscription {
  name: string;
  params: unknown;
  onEvent: (data: unknown) => void;
  onError: (error: ApiError) => void;
}

const CALL_TIMEOUT_MS = 120_000;

/**
 * The typed face of the contract in the renderer: `call` resolves with the
 * declared output or throws `ApiError`; `subscribe` survives reconnects:
 * every subscription is sent again each time the carrier opens.
 */
export class ApiClient {
  private nextId = 1;
  private readonly pending = new Map<number, PendingCall>();
  private readonly subscriptions = new Map<number, Subscription>();
  /** Calls made before the transport opened, sent as soon as it does. */
  private queued: ClientFrame[] = [];

  constructor(private readonly transport: FrameTransport) {
    transport.onFrame((frame) => this.receive(frame));
    transport.onStatus((status) => this.onStatus(status));
  }

  get kind(): FrameTransport['kind'] {
    return this.transport.kind;
  }

  status(): TransportStatus {
    return this.transport.status();
  }

  onStatus(listener: (status: TransportStatus) => void): () => void;
  onStatus(status: TransportStatus): void;
  onStatus(arg: TransportStatus | ((status: TransportStatus) => void)): void | (() => void) {
    if (typeof arg === 'function') return this.transport.onStatus(arg);
    if (arg === 'closed') this.failPending({ code: 'disconnected', message: 'The connection to the console was lost.', hint: 'It reconnects by itself; try again in a moment.' });
    if (arg === 'open') {
      // A new session on the main side knows none of this page's subscriptions: send them all again.
      const queued = this.queued;
      this.queued = [];
      for (const frame of queued) this.send(frame);
      for (const [id, sub] of this.subscriptions) this.send({ kind: 'subscribe', id, name: sub.name, params: sub.params });
    }
  }

  call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
    const id = this.nextId++;
    return new Promise<CallOutput<K>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.queued = this.queued.filter((frame) => !('id' in frame) || frame.id !== id);
        reject(new ApiError({ code: 'timeout', message: `${name} did not answer in time.`, hint: 'Try again; the log file says more if it keeps happening.' }));
      }, CALL_TIMEOUT_MS);
      this.pending.set(id, {
        resolve: (data) => {
          clearTimeout(timer);
          resolve(data as CallOutput<K>);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      const frame: ClientFrame = { kind: 'call', id, name, input };
      if (this.transport.status() === 'open') this.send(frame);
      else this.queued.push(frame);
    });
  }

  subscribe<K extends StreamName>(
    name: K,
    params: StreamParams<K>,
    onEvent: (event: StreamEvent<K>) => void,
    onError: (error: ApiError) => void = () => undefined,
  ): () => void {
    const id = this.nextId++;
    this.subscriptions.set(id, { name, params, onEvent: onEvent as (data: unknown) => void, onError });
    // Not open yet (or reconnecting): the subscription goes out with the others when the carrier opens.
    if (this.transport.status() === 'open') this.send({ kind: 'subscribe', id, name, params });
    return () => {
      this.subscriptions.delete(id);
      if (this.transport.status() === 'open') this.send({ kind: 'unsubscribe', id });
    };
  }

  private send(frame: ClientFrame): void {
    this.transport.send(frame);
  }

  private receive(frame: unknown): void {
    if (typeof frame !== 'object' || frame === null || !('kind' in frame)) return;
    const f = frame as { kind: string; id: number | null; result?: { ok: boolean; data?: unknown; error?: ApiErrorData }; data?: unknown; error?: ApiErrorData };
    if (f.kind === 'result' && f.id !== null) {
      const call = this.pending.get(f.id);
      if (!call || !f.result) return;
      this.pending.delete(f.id);
      if (f.result.ok) call.resolve(f.result.data);
      else call.reject(new ApiError(f.result.error ?? { code: 'internal', message: 'The console sent an empty error.' }));
    } else if (f.kind === 'event' && f.id !== null) {
      this.subscriptions.get(f.id)?.onEvent(f.data);
    } else if ((f.kind === 'stream-error' || f.kind === 'frame-error') && f.id !== null && f.error) {
      const call = this.pending.get(f.id);
      if (call) {
        this.pending.delete(f.id);
        call.reject(new ApiError(f.error));
      }
      this.subscriptions.get(f.id)?.onError(new ApiError(f.error));
    }
  }

  private failPending(error: ApiErrorData): void {
    for (const call of this.pending.values()) call.reject(new ApiError(error));
    this.pending.clear();
  }
}
