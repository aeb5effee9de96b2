/** The vault announces each signature to the operator (the `keys.signing` stream); the seam it signs through is `main/chain/tx/account-signer.ts`. */
export interface SigningNotice {
  id: string;
  address: string;
  accountName: string;
  description: string;
  network?: string;
  at: number;
}
