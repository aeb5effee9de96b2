import type { Signer } from '@polkadot/api/types';
import type { Registry } from '@polkadot/types/types';

/**
 * The seam between the transaction pipeline and whoever holds the keys. The chain layer declares what it needs
 * and the vault (`main/keys/`) provides it, so the chain layer never depends on the vault. The pipeline asks for
 * a polkadot-js `Signer` with a plain-words description of what it is about to sign; the key never leaves the
 * vault: the pipeline gets signatures, never a pair, and nothing crosses the contract.
 */
export interface SigningRequest {
  /** What is being signed, in the operator's words: "Reserve a para id on Paseo (deposit 100 PAS)". */
  description: string;
  /** The network the transaction goes to, for display. */
  network?: string;
}

export interface AccountSigner {
  /**
   * A `Signer` for one vault account, to pass as
   * `tx.signAsync(address, { signer, nonce })`. Each signature opens the
   * sealed key, announces `request`, signs and locks the key again.
   * `registry` is the one the extrinsic was built with (`extrinsic.registry`).
   * Throws ServiceError('locked') when the vault is locked and ('not_found')
   * for an address that is not in the vault (any SS58 prefix is accepted),
   * before anything is asked of the chain.
   */
  signerFor(address: string, request: SigningRequest, registry: Registry): Promise<Signer>;
}
