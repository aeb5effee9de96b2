import { describe, expect, it } from 'vitest';
import { checkAddress, sameAccount, shortenAddress, toNetworkAddress } from '../../../../renderer/src/format/address';

// //Alice's public key, in the generic (42), Polkadot (0) and Kusama (2) formats.
const ALICE_GENERIC = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const ALICE_POLKADOT = '15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5';
const ALICE_KUSAMA = 'HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F';
const ALICE_HEX = '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d';

describe('addresses in the network SS58 format', () => {
  it('re-encodes an address for Polkadot and Kusama', () => {
    expect(toNetworkAddress(ALICE_GENERIC, 0)).toBe(ALICE_POLKADOT);
    expect(toNetworkAddress(ALICE_POLKADOT, 2)).toBe(ALICE_KUSAMA);
    expect(toNetworkAddress(ALICE_HEX, 42)).toBe(ALICE_GENERIC);
  });

  it('accepts a pasted address and gives its network form and public key', () => {
    expect(checkAddress(` ${ALICE_GENERIC} `, 0)).toEqual({ ok: true, address: ALICE_POLKADOT, publicKeyHex: ALICE_HEX });
  });

  it('explains a mistyped or truncated address', () => {
    const typo = checkAddress(ALICE_POLKADOT.slice(0, -1) + 'X', 0);
    expect(typo).toMatchObject({ ok: false, reason: expect.stringContaining('not a valid SS58 address') });
    expect(checkAddress('', 0)).toEqual({ ok: false, reason: 'Enter an address.' });
    expect(checkAddress('0x1234', 0)).toMatchObject({ ok: false });
  });

  it('shortens for display and recognises the same key in any format', () => {
    expect(shortenAddress(ALICE_POLKADOT)).toBe('15oF4u…r6Sp5');
    expect(sameAccount(ALICE_POLKADOT, ALICE_KUSAMA)).toBe(true);
    expect(sameAccount(ALICE_POLKADOT, 'nonsense')).toBe(false);
  });
});
