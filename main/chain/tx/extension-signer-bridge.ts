import { randomUUID } from 'node:crypto';
import type { Signer, SignerResult } from '@polkadot/api/types';
import type { SignerPayloadJSON } from '@polkadot/types/types';
import type { SignRequest } from '../../../shared/contract/chain';
import { ServiceError } from '../../errors/service-error';

export interface SignAnswer {
  requestId: string;
  outcome: 'signed' | 'refused';
  signature?: string;
  reason?: string;
}

interface Waiting {
  resolve: (result: SignerResult) => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
}

/**
 * The main process's side of a browser-extension signature: it sends the
 * payload to the renderer (`tx.signRequest`), where the injected extension
 * signs it, and waits for `tx.signResponse`. The renderer never sees more
 * than the payload, and nothing is submitted that the main process did not build.
 */
export class ExtensionSignerBridge {
  private readonly listeners = new Set<(request: SignRequest) => void>();
  private readonly waiting = new Map<string, Waiting>();
  private readonly open = new Map<string, SignRequest>();

  constructor(private readonly timeoutMs = 5 * 60_000) {}

  /** A polkadot-js Signer for one transaction. */
  signerFor(txId: string, description: string): Signer {
    return {
      signPayload: (payload: SignerPayloadJSON) => this.request(txId, description, payload),
    };
  }

  onRequest(listener: (request: SignRequest) => void): () => void {
    this.listeners.add(listener);
    // A renderer that (re)connects sees what is still waiting for it.
    for (const request of this.open.values()) listener(request);
    return () => this.listeners.delete(listener);
  }

  answer(answer: SignAnswer): boolean {
    const waiting = this.waiting.get(answer.requestId);
    if (!waiting) return false;
    this.finish(answer.requestId);
    if (answer.outcome === 'signed' && answer.signature !== undefined) {
      waiting.resolve({ id: 1, signature: answer.signature as `0x${string}` });
    } else {
      waiting.reject(new ServiceError('failed', `The signature was refused${answer.reason ? `: ${answer.reason}` : '.'}`, 'Nothing was sent. Submit again when ready to sign.'));
    }
    return true;
  }

  private request(txId: string, description: string, payload: SignerPayloadJSON): Promise<SignerResult> {
    const requestId = randomUUID();
    const request: SignRequest = { requestId, txId, description, payload: { ...payload }, expiresAt: Date.now() + this.timeoutMs };
    return new Promise<SignerResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.finish(requestId);
        reject(new ServiceError('timeout', 'The extension did not sign in time.', 'Nothing was sent. Submit again and approve it in the extension.'));
      }, this.timeoutMs);
      this.waiting.set(requestId, { resolve, reject, timer });
      this.open.set(requestId, request);
      for (const listener of this.listeners) listener(request);
    });
  }

  private finish(requestId: string): void {
    const waiting = this.waiting.get(requestId);
    if (waiting) clearTimeout(waiting.timer);
    this.waiting.delete(requestId);
    this.open.delete(requestId);
  }
}
