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
      case 'call':
        void this.router.call(frame.name, frame.input).then((result) => this.reply({ kind: 'result', id: frame.id, result }));
        return;
      case 'subscribe': {
        this.subscriptions.get(frame.id)?.();
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
    for (const unsubscribe of this.subscriptions.values()) unsubscribe();
    this.subscriptions.clear();
  }

  get subscriptionCount(): number {
    return this.subscriptions.size;
  }

  private reply(frame: ServerFrame): void {
    if (!this.closed) this.send(frame);
  }
}

function recoverId(raw: unknown): number | null {
  if (typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'number') return raw.id;
  return null;
}
