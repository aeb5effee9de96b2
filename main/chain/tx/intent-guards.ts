import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import { decodeAddress } from '@polkadot/util-crypto';
import { u8aEq } from '@polkadot/util';
import type { TxIntent } from '../../../shared/contract/chain';

/**
 * Reads the chain before an intent is signed (first attempt and every retry
 * from scratch): when the chain already shows the intent done, nothing is
 * sent. This is what keeps "reserve a para id" from reserving a second one.
 * Returns plain words saying what is already there, or undefined.
 */
export async function alreadyDone(api: ApiPromise, intent: TxIntent, address: string): Promise<string | undefined> {
  switch (intent.kind) {
    case 'reserveParaId': {
      const held = await unregisteredParaIdsOf(api, address);
      return held.length === 0 ? undefined
        : `This account already holds para id ${held.join(', ')}, reserved and not yet registered: register with it instead of reserving another.`;
    }
    case 'registerPara': {
      const lifecycle = await paraLifecycle(api, intent.paraId);
      return lifecycle === undefined ? undefined : `Para ${intent.paraId} is already registered (${lifecycle}).`;
    }
    case 'addParaLock': {
      const info = await registrarEntry(api, intent.paraId);
      return info?.locked === true ? `Para ${intent.paraId} is already locked.` : undefined;
    }
    default:
      return undefined;
  }
}

/** Para ids this account manages that have no lifecycle yet: reserved, never registered. */
export async function unregisteredParaIdsOf(api: ApiPromise, address: string): Promise<number[]> {
  const paras = api.query.registrar?.paras;
  if (!paras) return [];
  const me = decodeAddress(address);
  const held: number[] = [];
  for (const [key, value] of await paras.entries()) {
    const info = (value as Codec).toJSON() as { manager?: string } | null;
    if (!info?.manager || !u8aEq(decodeAddress(info.manager), me)) continue;
    const paraId = Number((key.args[0] as Codec).toString());
    if ((await paraLifecycle(api, paraId)) === undefined) held.push(paraId);
  }
  return held.sort((a, b) => a - b);
}

async function paraLifecycle(api: ApiPromise, paraId: number): Promise<string | undefined> {
  const entry = api.query.paras?.paraLifecycles;
  if (!entry) return undefined;
  const value = (await entry(paraId)) as Codec;
  return value.isEmpty ? undefined : value.toString();
}

async function registrarEntry(api: ApiPromise, paraId: number): Promise<{ locked?: boolean } | undefined> {
  const entry = api.query.registrar?.paras;
  if (!entry) return undefined;
  const value = (await entry(paraId)) as Codec;
  return value.isEmpty ? undefined : (value.toJSON() as { locked?: boolean });
}
