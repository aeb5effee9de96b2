import { mnemonicValidate } from '@polkadot/util-crypto';
import english from '@polkadot/util-crypto/mnemonic/wordlists/en';
import { ServiceError } from '../errors/service-error';

const WORD_COUNTS = [12, 15, 18, 21, 24];
const englishWords = new Set(english);

/**
 * Normalises a typed mnemonic and says precisely what is wrong with it,
 * naming word positions only: the words themselves are secret and never
 * appear in a message or a log.
 */
export function checkMnemonic(typed: string): string {
  const words = splitWords(typed);
  if (!WORD_COUNTS.includes(words.length)) {
    throw new ServiceError(
      'invalid_input',
      `A mnemonic has 12, 15, 18, 21 or 24 words; this one has ${words.length}.`,
      'Type the words in order, separated by spaces, exactly as written down.',
    );
  }
  const unknownPositions = words.flatMap((word, index) => (englishWords.has(word) ? [] : [index + 1]));
  if (unknownPositions.length > 0) {
    throw new ServiceError('invalid_input', `${describePositions(unknownPositions)} not in the BIP-39 English word list.`, 'Check the spelling of those words against your written copy.');
  }
  const phrase = words.join(' ');
  if (!mnemonicValidate(phrase)) {
    throw new ServiceError(
      'invalid_input',
      'Every word is in the list, but the checksum does not match: a word is wrong or out of order.',
      'Compare each word and its position with your written copy.',
    );
  }
  return phrase;
}

export function splitWords(typed: string): string[] {
  return typed.normalize('NFKD').trim().toLowerCase().split(/\s+/).filter((word) => word.length > 0);
}

function describePositions(positions: number[]): string {
  if (positions.length === 1) return `Word ${positions[0]} is`;
  const last = positions[positions.length - 1];
  return `Words ${positions.slice(0, -1).join(', ')} and ${last} are`;
}
