import { describe, expect, it } from 'vitest';
import { SharedSubscriptions, type StartUpstream } from '../../../main/chain/read/shared-subscriptions';

/** An upstream the test drives by hand: counts starts and stops, pushes values on demand. */
function scriptedUpstream() {
  const emitters: Array<(value: number) => void> = [];
  const counts = { starts: 0, stops: 0 };
  const start: StartUpstream<number> = async (emit) => {
    counts.starts += 1;
    emitters.push(emit);
    return () => {
      counts.stops += 1;
    };
  };
  return { start, counts, push: (value: number) => emitters.at(-1)?.(value) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('one upstream subscription per key, shared by every view', () => {
  it('starts once for many views, gives late views the latest value, and stops when the last view leaves', async () => {
    const shared = new SharedSubscriptions();
    const upstream = scriptedUpstream();
    const first: number[] = [];
    const second: number[] = [];
    const leaveFirst = shared.subscribe('balance', upstream.start, (value) => first.push(value));
    await settle();
    upstream.push(10);
    const leaveSecond = shared.subscribe('balance', upstream.start, (value) => second.push(value));
    upstream.push(11);
    expect(upstream.counts.starts).toBe(1);
    expect(first).toEqual([10, 11]);
    expect(second).toEqual([10, 11]);
    leaveFirst();
    await settle();
    expect(upstream.counts.stops).toBe(0);
    leaveSecond();
    await settle();
    expect(upstream.counts.stops).toBe(1);
    expect(shared.stats()).toEqual([]);
  });

  it('ends an upstream whose only view left before it had even started', async () => {
    const shared = new SharedSubscriptions();
    const upstream = scriptedUpstream();
    const leave = shared.subscribe('head', upstream.start, () => undefined);
    leave();
    await settle();
    expect(upstream.counts).toEqual({ starts: 1, stops: 1 });
  });

  it('restarts the upstream on a new connection and keeps every view listening', async () => {
    const shared = new SharedSubscriptions();
    const upstream = scriptedUpstream();
    const seen: number[] = [];
    const leave = shared.subscribe('relay|para', upstream.start, (value) => seen.push(value));
    shared.subscribe('assetHub|head', scriptedUpstream().start, () => undefined);
    await settle();
    expect(shared.restart((key) => key.startsWith('relay|'))).toBe(1);
    await settle();
    upstream.push(5);
    expect(upstream.counts).toEqual({ starts: 2, stops: 1 });
    expect(seen).toEqual([5]);
    leave();
    await settle();
    expect(upstream.counts.stops).toBe(2);
  });

  it('keeps a view opened before the chain connects, and feeds it once the upstream restarts', async () => {
    const shared = new SharedSubscriptions();
    let connected = false;
    const errors: unknown[] = [];
    const seen: number[] = [];
    const start: StartUpstream<number> = async (emit) => {
      if (!connected) throw new Error('not connected yet');
      emit(42);
      return () => undefined;
    };
    shared.subscribe('relay|nextFreeParaId', start, (value) => seen.push(value), (error) => errors.push(error));
    await settle();
    expect(errors).toHaveLength(1);
    connected = true;
    shared.restart((key) => key.startsWith('relay|'));
    await settle();
    expect(seen).toEqual([42]);
    // A later read shares the revived subscription.
    await expect(shared.once('relay|nextFreeParaId', start)).resolves.toBe(42);
  });

  it('reads one value through a short-lived subscription, and passes on an upstream failure', async () => {
    const shared = new SharedSubscriptions();
    const upstream = scriptedUpstream();
    const value = shared.once('nonce', upstream.start);
    await settle();
    upstream.push(3);
    await expect(value).resolves.toBe(3);
    await settle();
    expect(upstream.counts.stops).toBe(1);
    const failing: StartUpstream<number> = async () => {
      throw new Error('the runtime has no such storage');
    };
    await expect(shared.once('missing', failing)).rejects.toThrow('the runtime has no such storage');
  });
});
