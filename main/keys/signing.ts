import type { KeyringPair } from '@polkadot/keyring/types';

/**
 * The seam between the vault and the chain layer's transaction pipeline.
 * The pipeline asks for a pair with a plain-words description of what it is
 * about to sign; the vault announces that description to the operator before
 * handing the pair over. Main process only: a pair never crosses the contract.
 */
export interface SigningRequest {
  /** What is being signed, in the operator's words: "Reserve a para id on Paseo (deposit 100 PAS)". */
  description: string;
  /** The network the transaction goes to, for display. */
  network?: string;
}

/** What the operator is shown for each signature (the `keys.signing` stream). */
export interface SigningNotice {
  id: string;
  address: string;
  accountName: string;
  description: string;
  network?: string;
  at: number;
}

export interface AccountSigner {
  /**
   * An unlocked pair to pass to `tx.signAndSend(pair)`; call `pair.lock()`
   * once signed, so the secret key does not linger in memory. Throws
   * ServiceError('locked') when the vault is locked and ('not_found') for an
   * address that is not in the vault (any SS58 prefix is accepted).
   */
  pairFor(address: string, request: SigningRequest): Promise<KeyringPair>;
}
