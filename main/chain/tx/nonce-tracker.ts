/**
 * Hands out account nonces for several transactions in a row: the chain's
 * next index (which counts the pool) or one past the last nonce handed out
 * here, whichever is higher, so two quick submissions never share a nonce.
 */
export class NonceTracker {
  private readonly nextLocal = new Map<string, number>();

  /** `chainNext` is `system_accountNextIndex` for the account on that chain. */
  async next(chainKey: string, address: string, chainNext: () => Promise<number>): Promise<number> {
    const key = `${chainKey}|${address}`;
    const fromChain = await chainNext();
    const nonce = Math.max(fromChain, this.nextLocal.get(key) ?? 0);
    this.nextLocal.set(key, nonce + 1);
    return nonce;
  }

  /** Gives a nonce back when its transaction was never submitted (refused signature, failed dry-run). */
  release(chainKey: string, address: string, nonce: number): void {
    const key = `${chainKey}|${address}`;
    if (this.nextLocal.get(key) === nonce + 1) this.nextLocal.set(key, nonce);
  }

  /** Forgets local state for a chain (a fork replaced it, or it was reset). */
  forget(chainKey: string): void {
    for (const key of [...this.nextLocal.keys()]) if (key.startsWith(`${chainKey}|`)) this.nextLocal.delete(key);
  }
}
