import type { Codec } from '@polkadot/types/types';
import { compactToU8a, u8aConcat } from '@polkadot/util';
import { afterEach, describe, expect, it } from 'vitest';
import type { RelayEventRecord } from '../../../main/health/probes/inclusion-probe';
import { onDemandOrdersIn, onDemandSpendingByPara } from '../../../main/health/probes/on-demand-orders';
import { loadRuntime, type LoadedRuntime, type ShippedRuntime } from '../chain/support/real-metadata';
import { monitorForTest } from './support/monitor';

const ALICE = '15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5';
const BOB = '14E5nqKAp3oAJcmzgZhUD2RcptBeUBScxKHgJKU4HPNcKVf3';

interface PalletEvent {
  pallet: string;
  event: string;
  /** The event's fields, in order, as polkadot-js accepts them. */
  fields: unknown[];
}

/**
 * Relay-chain `system.events` as a node returns them: each event encoded
 * field by field with the runtime's own types from its real metadata, the
 * records SCALE-encoded, and decoded back with `System.Events`' storage type.
 */
function relayEvents({ registry, metadata }: LoadedRuntime, list: PalletEvent[]): RelayEventRecord[] {
  const pallets = metadata.asLatest.pallets;
  const system = pallets.find((pallet) => pallet.name.toString() === 'System');
  const eventsItem = system?.storage.unwrap().items.find((item) => item.name.toString() === 'Events');
  if (!eventsItem) throw new Error('metadata without System.Events');
  const encode = ({ pallet: name, event, fields }: PalletEvent): Uint8Array => {
    const pallet = pallets.find((candidate) => candidate.name.toString() === name);
    if (!pallet || pallet.events.isNone) throw new Error(`no pallet ${name} with events`);
    const variant = registry.lookup.getSiType(pallet.events.unwrap().type).def.asVariant.variants.find((v) => v.name.toString() === event);
    if (!variant) throw new Error(`no ${name}.${event}`);
    const encoded = variant.fields.map((field, i) => registry.createType(registry.createLookupType(field.type), fields[i]).toU8a());
    return u8aConcat(new Uint8Array([pallet.index.toNumber(), variant.index.toNumber()]), ...encoded);
  };
  const records = list.map((event, i) => u8aConcat(new Uint8Array([0]), registry.createType('u32', i).toU8a(), encode(event), new Uint8Array([0])));
  const decoded = registry.createType(registry.createLookupType(eventsItem.type.asPlain), u8aConcat(compactToU8a(records.length), ...records));
  return [...(decoded as unknown as Iterable<Codec & RelayEventRecord>)];
}

const order = (pallet: string, paraId: number, spotPrice: bigint, orderedBy = ALICE): PalletEvent => ({ pallet, event: 'OnDemandOrderPlaced', fields: [paraId, spotPrice, orderedBy] });

describe('on-demand orders read from real relay runtime events', () => {
  const runtimes: Array<[ShippedRuntime, string]> = [
    ['polkadot', 'OnDemand'],
    ['kusama', 'OnDemandAssignmentProvider'],
    ['kusamaV14', 'OnDemandAssignmentProvider'],
  ];

  it.each(runtimes)('reads every order placed in a %s block (pallet %s), whoever paid, and nothing else', async (name, pallet) => {
    const runtime = await loadRuntime(name);
    const events = relayEvents(runtime, [
      order(pallet, 2000, 1_234_567_890_123n),
      { pallet, event: 'SpotPriceSet', fields: [999n] },
      order(pallet, 3000, 5n, BOB),
      // A price over 2^64 planck: the full u128 survives the decoding.
      order(pallet, 2000, 2n ** 70n + 1n, BOB),
    ]);
    const block = { number: 9_000, events };

    expect(onDemandOrdersIn(block)).toEqual([
      { paraId: 2000, spotPricePlanck: 1_234_567_890_123n, orderedBy: runtime.registry.createType('AccountId32', ALICE).toString() },
      { paraId: 3000, spotPricePlanck: 5n, orderedBy: runtime.registry.createType('AccountId32', BOB).toString() },
      { paraId: 2000, spotPricePlanck: 2n ** 70n + 1n, orderedBy: runtime.registry.createType('AccountId32', BOB).toString() },
    ]);
    expect(onDemandSpendingByPara(block)).toEqual(
      new Map([
        [2000, 1_234_567_890_123n + 2n ** 70n + 1n],
        [3000, 5n],
      ]),
    );
  });

  it('finds nothing in a block whose events are about something else', async () => {
    const runtime = await loadRuntime('polkadot');
    const events = relayEvents(runtime, [{ pallet: 'ParaInclusion', event: 'UpwardMessagesReceived', fields: [2000, 3] }]);
    expect(onDemandOrdersIn({ number: 1, events })).toEqual([]);
  });
});

describe('on-demand spending over time, per parachain', () => {
  let test: ReturnType<typeof monitorForTest> | undefined;
  afterEach(async () => {
    await test?.cleanup();
    test = undefined;
  });

  it('adds up what the parachain paid in each minute, from the relay blocks the console follows', async () => {
    const runtime = await loadRuntime('polkadot');
    const { monitor, clock } = (test = monitorForTest());
    const startMs = 1_700_000_040_000 - (1_700_000_040_000 % 60_000);
    clock.set(startMs);
    monitor.watchParachain({ paraId: 2000, name: 'Para' });
    const blocks: PalletEvent[][] = [
      [order('OnDemand', 2000, 300_000_000n), order('OnDemand', 3000, 7n)],
      [],
      [order('OnDemand', 2000, 250_000_000n)],
      [order('OnDemand', 3000, 7n)],
    ];
    for (const [i, events] of blocks.entries()) {
      monitor.recordRelayBlock({ number: 100 + i, events: relayEvents(runtime, events) });
      clock.advance(20_000);
    }
    const spent = monitor.querySeries({ subject: { kind: 'parachain', paraId: 2000 }, metric: 'onDemandSpentPlanck', fromMs: startMs, resolution: 'minute' });
    expect(spent.points).toEqual([
      [startMs, 550_000_000],
      [startMs + 60_000, 0],
    ]);
  });
});
