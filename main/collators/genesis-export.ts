import { execFile } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { hexToU8a, isHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import type { CollatorProfile, GenesisArtifacts } from '../../shared/contract/collators';
import { ServiceError } from '../errors/service-error';
import { checkBinary } from './binary-check';
import { isRawSpec, withParaId, type ChainSpecJson } from './chain-spec';
import { safeChildEnv } from '../process/safe-child-env';
import { writeFileAtomic } from '../fs/write-file-atomic';

const EXPORT_TIMEOUT_MS = 180_000;

/**
 * Produces what registering a parachain needs from the profile's own
 * binary: a raw chain spec carrying the chosen para id, the genesis head
 * and the validation code. Saved under `<data>/artifacts/<paraId>/` with a
 * manifest of sizes and blake2-256 hashes. Each file is replaced whole (a
 * crash mid-export leaves the previous export's file, never half of one), and
 * the manifest is written last, so it only ever names finished files.
 */
export async function exportGenesis(profile: CollatorProfile, paraId: number, artifactsRoot: string): Promise<GenesisArtifacts> {
  const binary = await checkBinary(profile.binaryPath);
  const { genesisHead, genesisCode, chainSpec } = binary.subcommands;
  if (!genesisHead || !genesisCode) {
    throw new ServiceError('not_supported', `${binary.name} ${binary.version} lists no genesis export commands in its --help.`, 'Use the collator binary of your parachain; it exports the genesis head and validation code.');
  }
  const spec = await readSpec(profile.chainSpecPath);
  const directory = join(artifactsRoot, String(paraId));
  await mkdir(directory, { recursive: true });
  const commands: string[] = [];

  const rawSpecPath = join(directory, 'chain-spec-raw.json');
  if (isRawSpec(spec)) {
    // A raw spec's genesis is fixed storage: the para id inside it cannot be changed here.
    await writeFileAtomic(rawSpecPath, JSON.stringify(spec, null, 2));
  } else {
    if (!chainSpec) {
      throw new ServiceError('not_supported', `${binary.name} cannot turn a plain chain spec into a raw one (no build-spec or export-chain-spec).`, 'Give the profile a raw chain spec instead.');
    }
    const plainPath = join(directory, 'chain-spec-plain.json');
    await writeFileAtomic(plainPath, JSON.stringify(withParaId(spec, paraId), null, 2));
    const args = chainSpec === 'build-spec' ? ['build-spec', '--chain', plainPath, '--raw', '--disable-default-bootnode'] : ['export-chain-spec', '--chain', plainPath, '--raw'];
    commands.push(args[0] ?? chainSpec);
    const rawText = await runExport(profile.binaryPath, args);
    assertJson(rawText, `${args[0]} printed no JSON chain spec`);
    await writeFileAtomic(rawSpecPath, rawText);
    await rm(plainPath, { force: true });
  }

  const headPath = join(directory, 'genesis-head.hex');
  const codePath = join(directory, 'validation-code.hex');
  commands.push(genesisHead, genesisCode);
  await writeFileAtomic(headPath, normaliseHex(await runExport(profile.binaryPath, [genesisHead, '--chain', rawSpecPath]), genesisHead));
  await writeFileAtomic(codePath, normaliseHex(await runExport(profile.binaryPath, [genesisCode, '--chain', rawSpecPath]), genesisCode));

  const artifacts: GenesisArtifacts = {
    paraId,
    directory,
    chainSpecRaw: await describeFile(rawSpecPath, false),
    genesisHead: await describeFile(headPath, true),
    validationCode: await describeFile(codePath, true),
    commands,
    createdAt: Date.now(),
  };
  await writeFileAtomic(join(directory, 'manifest.json'), JSON.stringify(artifacts, null, 2));
  return artifacts;
}

async function readSpec(path: string): Promise<ChainSpecJson> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as ChainSpecJson;
  } catch {
    throw new ServiceError('bad_file', `The chain spec ${path} could not be read as JSON.`, 'Check the chain spec path of the profile.');
  }
}

/** Size and hash of the bytes the chain will see: decoded bytes for hex files, the file itself for the spec. */
async function describeFile(path: string, hexFile: boolean): Promise<GenesisArtifacts['genesisHead']> {
  const content = await readFile(path);
  const bytes = hexFile ? hexToU8a(content.toString('utf8').trim()) : new Uint8Array(content);
  return { path, sizeBytes: bytes.length, blake2: blake2AsHex(bytes, 256) };
}

function normaliseHex(output: string, command: string): string {
  const hex = output.trim();
  if (!isHex(hex) || hex.length <= 2) {
    throw new ServiceError('failed', `${command} did not print hex data.`, 'Run the command by hand to see what the binary says.');
  }
  return hex;
}

function assertJson(text: string, what: string): void {
  try {
    JSON.parse(text);
  } catch {
    throw new ServiceError('failed', `${what}.`, 'Run the command by hand to see what the binary says.');
  }
}

function runExport(binaryPath: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(binaryPath, args, { timeout: EXPORT_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024, env: safeChildEnv(process.env) }, (error, stdout, stderr) => {
      if (error) {
        const detail = String(stderr).trim().split('\n').slice(-3).join(' ').slice(0, 400);
        reject(new ServiceError('failed', `${args[0]} failed${detail ? `: ${detail}` : ''}.`, 'Check the chain spec of the profile and that the binary matches it.', { cause: error }));
        return;
      }
      resolve(String(stdout));
    });
  });
}
