import { u8aEq } from '@polkadot/util';
import { ServiceError } from '../../errors/service-error';

/** `\0asm`: a plain WebAssembly module. */
export const WASM_MAGIC = new Uint8Array([0x00, 0x61, 0x73, 0x6d]);
/** The prefix `sp-maybe-compressed-blob` puts before zstd-compressed code: 0x52bc537646db8e05. */
export const ZSTD_CODE_PREFIX = new Uint8Array([0x52, 0xbc, 0x53, 0x76, 0x46, 0xdb, 0x8e, 0x05]);

export type ValidationCodeFormat = 'wasm' | 'compressed-wasm' | 'unknown';

/** The relay's limits that apply to a para's artifacts, from `configuration.activeConfig`. */
export interface RelayArtifactLimits {
  readonly maxCodeSize: number;
  readonly maxHeadDataSize: number;
}

export function validationCodeFormat(code: Uint8Array): ValidationCodeFormat {
  if (startsWith(code, WASM_MAGIC)) return 'wasm';
  if (startsWith(code, ZSTD_CODE_PREFIX)) return 'compressed-wasm';
  return 'unknown';
}

/**
 * Refuse, before anything is signed, validation code the relay would reject:
 * empty, not Wasm, or larger than `maxCodeSize` (the limit applies to the
 * bytes as submitted, compressed or not).
 */
export function checkValidationCode(code: Uint8Array, limits: Pick<RelayArtifactLimits, 'maxCodeSize'>): void {
  if (code.length === 0) {
    throw new ServiceError('bad_file', 'The validation code is empty.', 'Export it again with your collator binary: export-genesis-wasm (or export-genesis-code).');
  }
  if (validationCodeFormat(code) === 'unknown') {
    throw new ServiceError(
      'bad_file',
      'This file is not validation code: it is neither a Wasm module nor zstd-compressed Wasm.',
      'Use the output of export-genesis-wasm; if you have it as hex text, pass it as hex, not as a file of text.',
    );
  }
  if (code.length > limits.maxCodeSize) {
    throw new ServiceError(
      'bad_file',
      `The validation code is ${code.length.toLocaleString('en-US')} bytes; this relay chain accepts at most ${limits.maxCodeSize.toLocaleString('en-US')}.`,
      'Build the runtime compressed (the default for release builds) or trim it, then export it again.',
    );
  }
}

/** Refuse a genesis head the relay would reject: empty, or larger than `maxHeadDataSize`. */
export function checkGenesisHead(head: Uint8Array, limits: Pick<RelayArtifactLimits, 'maxHeadDataSize'>): void {
  if (head.length === 0) {
    throw new ServiceError('bad_file', 'The genesis head is empty.', 'Export it again with your collator binary: export-genesis-head (or export-genesis-state).');
  }
  if (head.length > limits.maxHeadDataSize) {
    throw new ServiceError(
      'bad_file',
      `The genesis head is ${head.length.toLocaleString('en-US')} bytes; this relay chain accepts at most ${limits.maxHeadDataSize.toLocaleString('en-US')}.`,
      'A genesis head is a block header, a few hundred bytes: check you exported the head, not the chain spec or the code.',
    );
  }
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return bytes.length >= prefix.length && u8aEq(bytes.subarray(0, prefix.length), prefix);
}
