import { describe, expect, it } from 'vitest';
import { applyCallPermissions, isCallOffered } from '../../../main/chain/capabilities/call-permissions';
import {
  detectAssetHubCapabilities,
  detectCoretimeCapabilities,
  detectNetworkCapabilities,
  detectParachainCapabilities,
  detectRelayCapabilities,
} from '../../../main/chain/capabilities/detect';
import { detectRegistrar, relayRegistrar } from '../../../main/chain/capabilities/registrar';
import { loadRuntime } from './support/real-metadata';

describe('what the Polkadot relay runtime (2,000,000) offers', () => {
  it('registers paras on the relay chain, orders on-demand blocks from `onDemand`, and dry-runs', async () => {
    const { index } = await loadRuntime('polkadot');
    const caps = detectRelayCapabilities(index);
    expect(caps.registrar).toMatchObject({ available: true, generation: 'relay-registrar', chain: 'relay', pallet: 'registrar', supported: true });
    if (!caps.registrar.available) throw new Error('registrar expected');
    expect(caps.registrar.actions.register).toEqual({ state: 'unchecked' });
    expect(caps.registrar.actions.scheduleCodeUpgrade).toEqual({ state: 'unchecked' });
    expect(caps.onDemand).toMatchObject({ available: true, pallet: 'onDemand', queueItem: 'queueStatus' });
    expect(caps.dryRun).toEqual({ available: true, runtimeApi: 'DryRunApi' });
  });

  it('still lists auctions and crowdloans, but leaves "allowed" to the dry-run', async () => {
    const { index } = await loadRuntime('polkadot');
    const caps = detectRelayCapabilities(index);
    expect(caps.auctions).toMatchObject({ available: true, pallet: 'auctions', calls: { bid: { state: 'unchecked' } } });
    expect(caps.crowdloan).toMatchObject({ available: true, pallet: 'crowdloan' });
    if (!caps.auctions.available) throw new Error('auctions expected');

    const checked = await applyCallPermissions(caps.auctions, async (pallet, call) =>
      pallet === 'auctions' && call === 'bid' ? 'filtered' : 'unknown',
    );
    expect(checked).toMatchObject({ calls: { bid: { state: 'filtered' } } });
    expect(isCallOffered(checked, 'bid')).toBe(false);
    expect(isCallOffered(caps.auctions, 'bid')).toBe(true);
  });
});

describe('what the Kusama relay runtimes offer', () => {
  it('finds on-demand under its Kusama name `onDemandAssignmentProvider`', async () => {
    const { index } = await loadRuntime('kusama');
    const caps = detectRelayCapabilities(index);
    expect(caps.onDemand).toMatchObject({ available: true, pallet: 'onDemandAssignmentProvider', queueItem: 'queueStatus' });
    expect(caps.registrar).toMatchObject({ available: true, generation: 'relay-registrar' });
  });

  it('on an older runtime (metadata v14) still finds the flows, but cannot promise a dry-run', async () => {
    const { index } = await loadRuntime('kusamaV14');
    const caps = detectRelayCapabilities(index);
    expect(caps.onDemand).toMatchObject({ available: true, pallet: 'onDemandAssignmentProvider' });
    expect(caps.dryRun.available).toBe(false);
    if (caps.dryRun.available) throw new Error('no dry-run expected');
    expect(caps.dryRun.reason).toMatch(/does not list its runtime APIs/);
  });

  it('says in plain words why on-demand is missing on a relay runtime that predates it', async () => {
    const { index } = await loadRuntime('polkadotV14');
    const caps = detectRelayCapabilities(index);
    expect(caps.onDemand.available).toBe(false);
    if (caps.onDemand.available) throw new Error('on-demand not expected');
    expect(caps.onDemand.reason).toMatch(/no on-demand coretime pallet/);
  });
});

describe('system parachains and the team parachain', () => {
  it('reclaims crowdloan contributions on Asset Hub through `ahOps`, on Polkadot and Kusama', async () => {
    for (const name of ['assetHubPolkadot', 'assetHubKusama'] as const) {
      const { index } = await loadRuntime(name);
      const caps = detectAssetHubCapabilities(index);
      expect(caps.crowdloanReclaim, name).toMatchObject({
        available: true,
        pallet: 'ahOps',
        calls: {
          withdrawCrowdloanContribution: { state: 'unchecked' },
          unreserveLeaseDeposit: { state: 'unchecked' },
          unreserveCrowdloanReserve: { state: 'unchecked' },
        },
      });
    }
  });

  it('sees session keys and collator selection on a Cumulus runtime (Asset Hub as the example)', async () => {
    const { index } = await loadRuntime('assetHubPolkadot');
    const caps = detectParachainCapabilities(index);
    expect(caps.session).toMatchObject({ available: true, pallet: 'session', calls: { setKeys: { state: 'unchecked' } } });
    expect(caps.collatorSelection).toMatchObject({ available: true, calls: { registerAsCandidate: { state: 'unchecked' } } });
  });

  it('finds the broker pallet and its calls on a runtime that carries it', async () => {
    const { index } = await loadRuntime('substrate');
    expect(detectCoretimeCapabilities(index).broker).toMatchObject({
      available: true,
      pallet: 'broker',
      calls: { purchase: { state: 'unchecked' }, renew: { state: 'unchecked' }, assign: { state: 'unchecked' }, transfer: { state: 'unchecked' } },
    });
  });

  it('says why a relay runtime cannot sell bulk coretime or register paras where it lacks the pallets', async () => {
    const relay = await loadRuntime('polkadot');
    const assetHub = await loadRuntime('assetHubPolkadot');
    const broker = detectCoretimeCapabilities(relay.index).broker;
    expect(broker.available).toBe(false);
    if (broker.available) throw new Error('no broker expected');
    expect(broker.reason).toMatch(/no broker pallet/);
    const onAssetHub = detectRelayCapabilities(assetHub.index);
    expect(onAssetHub.registrar.available).toBe(false);
    expect(relayRegistrar.detect({ relay: assetHub.index })).toBeUndefined();
    expect(detectRegistrar({ relay: relay.index })?.generation).toBe('relay-registrar');
  });
});

describe('a whole network', () => {
  it('marks flows on chains the console has not connected to as missing, with the reason', async () => {
    const relay = await loadRuntime('polkadot');
    const caps = detectNetworkCapabilities({ relay: relay.index });
    expect(caps.relay.registrar.available).toBe(true);
    expect(caps.coretime.broker).toEqual({
      available: false,
      reason: 'Not connected to the Coretime chain yet: its runtime decides whether this is offered.',
    });
    expect(caps.parachain.session.available).toBe(false);
  });
});
