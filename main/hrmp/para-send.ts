import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { hexToU8a } from '@polkadot/util';
import { ServiceError } from '../errors/service-error';
import { relayLocationFromPara, versionedXcmTypeOfSend, type XcmVersion } from './relay-xcm';

/**
 * The parachain call that sends a prepared message up to the relay:
 * `polkadotXcm.send(relay, message)`. Only a Root origin on the parachain
 * sends it unchanged; any other origin makes pallet-xcm put a `DescendOrigin`
 * in front, and the relay then no longer sees the para itself. So the message
 * goes out through sudo (`sudo.sudo(..)`) where the para has one, or as call
 * data its governance dispatches as Root.
 */

const XCM_PALLETS = ['polkadotXcm', 'xcmPallet'] as const;

export interface ParaSendCall {
  readonly extrinsic: SubmittableExtrinsic<'promise'>;
  /** `polkadotXcm.send` or `sudo.sudo(polkadotXcm.send)`. */
  readonly label: string;
}

/** `polkadotXcm.send({ parents: 1, Here }, message)` on the parachain, with the message's bytes exactly as prepared. */
export function buildParaSend(paraApi: ApiPromise, version: XcmVersion, messageHex: `0x${string}`): ParaSendCall {
  const pallet = XCM_PALLETS.find((name) => paraApi.tx[name]?.send !== undefined);
  const send = pallet === undefined ? undefined : paraApi.tx[pallet]?.send;
  if (pallet === undefined || send === undefined) {
    throw new ServiceError('not_supported', 'The parachain\'s runtime has no polkadotXcm.send call, so it cannot send a message to the relay.',
      'Add pallet-xcm to the parachain runtime, or send the message some other way your runtime offers.');
  }
  // Decoding the relay-built bytes with the parachain's own type proves the parachain reads the same message.
  const message = paraApi.registry.createType(versionedXcmTypeOfSend(paraApi, pallet), hexToU8a(messageHex));
  if (message.toHex() !== messageHex) {
    throw new ServiceError('not_supported', `The parachain encodes this XCM v${version} message differently from the relay.`, 'Upgrade the parachain runtime\'s XCM to the relay\'s version.');
  }
  return { extrinsic: send(relayLocationFromPara(version), message), label: `${pallet}.send` };
}

/** The same call under `sudo.sudo`, for a para whose runtime keeps sudo. Undefined when it has none. */
export function buildSudoParaSend(paraApi: ApiPromise, inner: ParaSendCall): ParaSendCall | undefined {
  const sudo = paraApi.tx.sudo?.sudo;
  if (sudo === undefined) return undefined;
  return { extrinsic: sudo(inner.extrinsic), label: `sudo.sudo(${inner.label})` };
}

/** The account that may use sudo on the parachain, when it has one. */
export async function paraSudoKey(paraApi: ApiPromise): Promise<string | undefined> {
  const key = paraApi.query.sudo?.key;
  if (key === undefined) return undefined;
  const value = (await key()).toJSON();
  return typeof value === 'string' ? value : undefined;
}

/** The parachain's own para id (`parachainInfo.parachainId`), when its runtime says it. */
export async function connectedParaId(paraApi: ApiPromise): Promise<number | undefined> {
  const query = paraApi.query.parachainInfo?.parachainId;
  if (query === undefined) return undefined;
  const id = Number((await query()).toString());
  return Number.isInteger(id) ? id : undefined;
}
