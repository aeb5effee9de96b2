import type { ApiErrorData } from '../../shared/contract/envelope';
import { clientFrameSchema, type ServerFrame } from '../../shared/contract/wire';
import type { ApiRouter, Unsubscribe } from './router';

/**
 * One client's session over any transport: reads frames, runs calls, keeps
 * its subscriptions, and ends them all when the client goes away. A frame it
 * cannot read gets a `frame-error` answer; nothing a client sends can stop it.
 */
export class ApiConnection {
  private readonly subscriptions = new Map<number, Unsubscribe>();
  private closed = false;
  private callsInFlight = 0;
  /** Counts the pages this carrier has served (each `hello` starts one). */
  private page = 0;

  constructor(
    private readonly router: ApiRouter,
    private readonly send: (frame: ServerFrame) => void,
  ) {}

  receiveText(text: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      this.reply({ kind: 'frame-error', id: null, error: { code: 'invalid_input', message: 'The message was not valid JSON.' } });
      return;
    }
    this.receive(raw);
  }

  receive(raw: unknown): void {
    if (this.closed) return;
    const parsed = clientFrameSchema.safeParse(raw);
    if (!parsed.success) {
      this.reply({ kind: 'frame-error', id: recoverId(raw), error: { code: 'invalid_input', message: 'The message was not a call, subscribe or unsubscribe frame.' } });
      return;
    }
    const frame = parsed.data;
    switch (frame.kind) {
      case 'hello':
        // A new page on this carrier: what the previous page subscribed to has no one left to show it.
        this.endSubscriptions();
        this.page += 1;
        this.reply({ kind: 'welcome' });
        return;
      case 'call': {
        if (this.callsInFlight >= MAX_CALLS_IN_FLIGHT) {
          this.reply({ kind: 'result', id: frame.id, result: { ok: false, error: tooManyCalls() } });
          return;
        }
        // The new page numbers its calls from 1 again: an answer meant for the previous page must not reach it.
        const page = this.page;
        this.callsInFlight += 1;
        void this.router
          .call(frame.name, frame.input)
          .then((result) => {
            if (page === this.page) this.reply({ kind: 'result', id: frame.id, result });
          })
          .finally(() => {
            this.callsInFlight -= 1;
          });
        return;
      }
      case 'subscribe': {
        this.subscriptions.get(frame.id)?.();
        this.subscriptions.delete(frame.id);
        if (this.subscriptions.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          this.reply({ kind: 'stream-error', id: frame.id, error: tooManySubscriptions() });
          return;
        }
        const started = this.router.subscribe(frame.name, frame.params, (data) => this.reply({ kind: 'event', id: frame.id, data }));
        if (started.ok) this.subscriptions.set(frame.id, started.unsubscribe);
        else this.reply({ kind: 'stream-error', id: frame.id, error: started.error });
        return;
      }
      case 'unsubscribe':
        this.subscriptions.get(frame.id)?.();
        this.subscriptions.delete(frame.id);
        return;
    }
  }

  close(): void {
    this.closed = true;
    this.endSubscriptions();
  }

  get subscriptionCount(): number {
    return this.subscriptions.size;
  }

  private endSubscriptions(): void {
    for (const unsubscribe of this.subscriptions.values()) unsubscribe();
    this.subscriptions.clear();
  }

  private reply(frame: ServerFrame): void {
    if (!this.closed) this.send(frame);
  }
}

/**
 * Each subscription holds a listener and buffers in the main process. The
 * busiest page (the collators page with every node's log and charts open)
 * uses a few dozen; a client past this many is a bug or an attacker, and
 * must not grow the main process without bound.
 */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 500;

/**
 * Calls one connection may have running at once. A page waits on a handful
 * (a dashboard load, a transaction in flight); a client that sends thousands
 * without waiting would otherwise start thousands of scrypt derivations,
 * binary checks or chain reads at once.
 */
export const MAX_CALLS_IN_FLIGHT = 256;

function tooManyCalls(): ApiErrorData {
  return {
    code: 'limit_reached',
    message: `This connection already has ${MAX_CALLS_IN_FLIGHT} calls running, the most one page may wait on.`,
    hint: 'Wait for answers before sending more calls.',
  };
}

function tooManySubscriptions(): ApiErrorData {
  return {
    code: 'limit_reached',
    message: `This connection already has ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions open, the most one page may hold.`,
    hint: 'Unsubscribe from streams the page no longer shows, or reload the page to start over.',
  };
}

function recoverId(raw: unknown): number | null {
  if (typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'number') return raw.id;
  return null;
}
