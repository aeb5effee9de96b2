/**
 * The answer to "can the operator do this here?", with the reason in plain
 * words when not, so the UI can show it as is.
 */
export type Availability<T extends object = object> =
  | ({ readonly available: true } & T)
  | { readonly available: false; readonly reason: string };

/**
 * One call of a flow. Metadata tells only whether the call exists; whether the
 * runtime lets it through (call filters, e.g. auctions on the live relays) is
 * found by a dry-run, which the transaction pipeline performs and reports back
 * through `applyCallPermissions`.
 */
export type CallPermission =
  | { readonly state: 'absent'; readonly reason: string }
  | { readonly state: 'unchecked' }
  | { readonly state: 'allowed' }
  | { readonly state: 'filtered'; readonly reason: string };

export interface PalletFlow {
  /** The pallet's name in `api.tx` / `api.query` on this runtime. */
  readonly pallet: string;
  readonly calls: Readonly<Record<string, CallPermission>>;
}

export function available<T extends object>(details: T): Availability<T> {
  return { available: true, ...details };
}

export function missing(reason: string): { readonly available: false; readonly reason: string } {
  return { available: false, reason };
}
