import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { genesisArtifactsSchema } from '../../shared/contract/collators';
import type { GenesisPayload } from '../../shared/contract/onboarding';
import { ServiceError } from '../errors/service-error';

const WASM_MAGIC = '0061736d';
/** zstd-compressed Wasm as Substrate ships it (`sp_maybe_compressed_blob` prefix). */
const COMPRESSED_WASM_PREFIX = '52bc537646db8e05';

/**
 * Reads the genesis head and validation code exported for a para id. Only the
 * artifacts folder is read, by para id, so no caller can name another file.
 */
export async function readGenesisPayload(artifactsRoot: string, paraId: number): Promise<GenesisPayload> {
  const directory = join(artifactsRoot, String(paraId));
  let manifestText: string;
  try {
    manifestText = await readFile(join(directory, 'manifest.json'), 'utf8');
  } catch {
    throw new ServiceError('not_found', `No genesis head and validation code have been exported for para id ${paraId}.`, 'Export them in the Prepare step with this para id first.');
  }
  const manifest = genesisArtifactsSchema.safeParse(JSON.parse(manifestText));
  if (!manifest.success) {
    throw new ServiceError('bad_file', `The genesis export for para id ${paraId} is incomplete or damaged.`, 'Export the genesis head and validation code again.');
  }
  const [head, code] = await Promise.all([
    readHex(manifest.data.genesisHead.path, 'genesis head'),
    readHex(manifest.data.validationCode.path, 'validation code'),
  ]);
  return {
    paraId,
    genesisHeadHex: head,
    validationCodeHex: code,
    headSizeBytes: (head.length - 2) / 2,
    codeSizeBytes: (code.length - 2) / 2,
    codeLooksLikeWasm: code.slice(2, 10) === WASM_MAGIC || code.slice(2, 18) === COMPRESSED_WASM_PREFIX,
    createdAt: manifest.data.createdAt,
  };
}

async function readHex(path: string, what: string): Promise<string> {
  const text = (await readFile(path, 'utf8').catch(() => {
    throw new ServiceError('not_found', `The exported ${what} file is missing (${path}).`, 'Export the genesis head and validation code again.');
  })).trim();
  const hex = text.startsWith('0x') ? text.slice(2) : text;
  if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(hex)) {
    throw new ServiceError('bad_file', `The exported ${what} is not hex.`, 'Export it again; if it repeats, the collator binary printed something unexpected.');
  }
  return `0x${hex.toLowerCase()}`;
}
