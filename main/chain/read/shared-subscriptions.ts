/** Starts one upstream subscription; resolves to the function that ends it. */
export type StartUpstream<T> = (emit: (value: T) => void, fail: (error: unknown) => void) => Promise<() => void>;

type Listener<T> = { value: (value: T) => void; error: (error: unknown) => void };

interface Entry<T> {
  start: StartUpstream<T>;
  listeners: Set<Listener<T>>;
  last?: { value: T };
  stop?: () => void;
  /** The upstream failed (no connection yet, say): its views stay, waiting for a restart. */
  failed?: boolean;
  starting: Promise<void>;
}

/**
 * One upstream subscription per key, however many views watch it: the first
 * listener starts it, later ones get the latest value at once, and the last
 * one to leave ends it. This is what keeps the RPC load independent of the
 * number of open views.
 */
export class SharedSubscriptions {
  private readonly entries = new Map<string, Entry<unknown>>();

  subscribe<T>(key: string, start: StartUpstream<T>, onValue: (value: T) => void, onError: (error: unknown) => void = () => undefined): () => void {
    const listener: Listener<T> = { value: onValue, error: onError };
    const entry = this.entries.get(key) as Entry<T> | undefined;
    if (entry?.failed) {
      // Try again for everyone watching, now that someone asks.
      const fresh = this.startEntry(key, start, listener);
      for (const waiting of entry.listeners) fresh.listeners.add(waiting);
    } else if (entry) {
      entry.listeners.add(listener);
      if (entry.last) onValue(entry.last.value);
    } else {
      this.startEntry(key, start, listener);
    }
    let left = false;
    return () => {
      if (left) return;
      left = true;
      // Look the entry up again: a restart may have replaced it since.
      const current = this.entries.get(key);
      if (!current?.listeners.delete(listener as Listener<unknown>)) return;
      if (current.listeners.size === 0) {
        this.entries.delete(key);
        void current.starting.then(() => current.stop?.());
      }
    };
  }

  /** The next value for a key: the cached one if a subscription is open, otherwise a short-lived subscription. */
  once<T>(key: string, start: StartUpstream<T>, timeoutMs = 60_000, timeoutError: () => Error = () => new Error(`no value for ${key} within ${timeoutMs} ms`)): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => settle(() => reject(timeoutError())), timeoutMs);
      const settle = (finish: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        finish();
        // The listener may fire synchronously, before subscribe() has returned.
        queueMicrotask(() => unsubscribe());
      };
      const unsubscribe = this.subscribe<T>(key, start, (value) => settle(() => resolve(value)), (error) => settle(() => reject(error)));
    });
  }

  /** Keys with an open upstream subscription, and how many listeners each has. */
  stats(): Array<{ key: string; listeners: number }> {
    return [...this.entries].map(([key, entry]) => ({ key, listeners: entry.listeners.size }));
  }

  /**
   * Starts the upstream of matching keys again (their chain connection was
   * replaced, e.g. by a rehearsal fork); listeners stay and get the new values.
   */
  restart(matches: (key: string) => boolean): number {
    let restarted = 0;
    for (const [key, entry] of [...this.entries]) {
      if (!matches(key)) continue;
      const old = entry.starting;
      void old.then(() => entry.stop?.());
      this.entries.delete(key);
      const [first, ...rest] = [...entry.listeners];
      if (!first) continue;
      const fresh = this.startEntry(key, entry.start, first);
      for (const listener of rest) fresh.listeners.add(listener);
      restarted += 1;
    }
    return restarted;
  }

  /** Ends every upstream subscription (the connection is going away). */
  clear(): void {
    for (const entry of this.entries.values()) void entry.starting.then(() => entry.stop?.());
    this.entries.clear();
  }

  private startEntry<T>(key: string, start: StartUpstream<T>, first: Listener<T>): Entry<T> {
    const entry: Entry<T> = { start, listeners: new Set([first]), starting: Promise.resolve() };
    this.entries.set(key, entry as Entry<unknown>);
    const fail = (error: unknown): void => {
      entry.failed = true;
      for (const listener of [...entry.listeners]) listener.error(error);
    };
    entry.starting = start(
      (value) => {
        entry.last = { value };
        for (const listener of entry.listeners) listener.value(value);
      },
      fail,
    ).then((stop) => {
      let stopped = false;
      // Several paths may end it (last view leaving, a restart, clear): it ends once.
      entry.stop = () => {
        if (stopped) return;
        stopped = true;
        stop();
      };
      // Everyone left while it was starting: end it now.
      if (this.entries.get(key) !== entry) entry.stop();
    }, fail);
    return entry;
  }
}
