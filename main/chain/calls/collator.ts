import { isHex, u8aToHex } from '@polkadot/util';
import { ServiceError } from '../../errors/service-error';
import { PALLET_NAMES } from '../capabilities/pallet-names';
import { built, resolveCall, type BuiltCall, type CallContext } from './built-call';

/** Calls on the team's own parachain that make a node a collator. */

/**
 * `session.setKeys(keys, proof)`: `keys` is what `author_rotateKeys` returned
 * on the collator (the concatenated public keys); the runtime decodes them into
 * its own `SessionKeys`. `proof` is empty unless the runtime asks for a proof of
 * ownership.
 */
export function buildSetSessionKeys(ctx: CallContext, input: { readonly keys: string | Uint8Array; readonly proof?: string | Uint8Array }): BuiltCall {
  const keys = toHex(input.keys, 'session keys');
  const proof = input.proof === undefined ? '0x' : toHex(input.proof, 'proof');
  if (keys === '0x') throw new ServiceError('invalid_input', 'The session keys are empty.', 'Rotate keys on the collator first (author_rotateKeys) and use what it returns.');
  return built(
    resolveCall(ctx.api, PALLET_NAMES.session, 'setKeys'),
    'setKeys',
    [keys, proof],
    'Set the session keys of this account to the keys generated on your collator; they take effect from the next session.',
    [`Keys: ${keys}`],
  );
}

export function buildRegisterAsCandidate(ctx: CallContext): BuiltCall {
  return built(
    resolveCall(ctx.api, PALLET_NAMES.collatorSelection, 'registerAsCandidate'),
    'registerAsCandidate',
    [],
    'Register this account as a collator candidate; the candidacy bond is held while it is a candidate.',
    ['Needs session keys set on this parachain first.'],
  );
}

function toHex(value: string | Uint8Array, what: string): `0x${string}` {
  if (typeof value !== 'string') return u8aToHex(value);
  if (!isHex(value)) throw new ServiceError('invalid_input', `The ${what} must be hex (0x…).`);
  return value;
}
