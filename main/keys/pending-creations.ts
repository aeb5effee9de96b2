import { randomInt, randomUUID } from 'node:crypto';
import { ServiceError } from '../errors/service-error';
import { splitWords } from './mnemonic-check';

export const PENDING_CREATION_TTL_MS = 15 * 60_000;
const WORDS_TO_CONFIRM = 3;
const MAX_WRONG_CONFIRMATIONS = 5;

export interface PendingCreation {
  id: string;
  name: string;
  mnemonic: string;
  address: string;
  /** 1-based positions the operator must re-type, ascending. */
  confirmPositions: number[];
  expiresAt: number;
  wrongAttempts: number;
}

/**
 * New mnemonics waiting for the operator to prove they wrote them down. Held
 * in memory only: a restart or a lock forgets them, and nothing is saved
 * until the words come back right.
 */
export class PendingCreations {
  private readonly pending = new Map<string, PendingCreation>();

  constructor(private readonly now: () => number = Date.now) {}

  add(name: string, mnemonic: string, address: string): PendingCreation {
    this.dropExpired();
    const wordCount = mnemonic.split(' ').length;
    const creation: PendingCreation = {
      id: randomUUID(),
      name,
      mnemonic,
      address,
      confirmPositions: pickPositions(wordCount, WORDS_TO_CONFIRM),
      expiresAt: this.now() + PENDING_CREATION_TTL_MS,
      wrongAttempts: 0,
    };
    this.pending.set(creation.id, creation);
    return creation;
  }

  /** The creation whose asked words match `typedWords` (in the order asked); it is removed once confirmed. */
  confirm(id: string, typedWords: readonly string[]): PendingCreation {
    this.dropExpired();
    const creation = this.pending.get(id);
    if (!creation) {
      throw new ServiceError('not_found', 'This new account is no longer waiting for confirmation.', 'It expires after 15 minutes or when the vault locks: create the account again and write down the new words.');
    }
    const words = creation.mnemonic.split(' ');
    const wrong = creation.confirmPositions.filter((position, index) => splitWords(typedWords[index] ?? '').join(' ') !== words[position - 1]);
    if (wrong.length === 0) {
      this.pending.delete(id);
      return creation;
    }
    creation.wrongAttempts += 1;
    if (creation.wrongAttempts >= MAX_WRONG_CONFIRMATIONS) {
      this.pending.delete(id);
      throw new ServiceError('invalid_input', 'The words did not match too many times, so this new account was discarded.', 'Create the account again and copy the words carefully.');
    }
    throw new ServiceError('invalid_input', `${wrong.length === 1 ? `Word ${wrong[0]} does` : `Words ${wrong.join(', ')} do`} not match the mnemonic shown.`, 'Check your written copy; the account is saved only once the words match.');
  }

  cancel(id: string): boolean {
    return this.pending.delete(id);
  }

  /** Forgets every mnemonic held in memory (the vault locked). */
  clear(): void {
    this.pending.clear();
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [id, creation] of this.pending) if (creation.expiresAt <= now) this.pending.delete(id);
  }
}

function pickPositions(wordCount: number, howMany: number): number[] {
  const positions = new Set<number>();
  while (positions.size < howMany) positions.add(randomInt(1, wordCount + 1));
  return [...positions].sort((a, b) => a - b);
}
