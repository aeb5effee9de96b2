import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import type { BinaryInfo } from '../../shared/contract/collators';
import { ServiceError } from '../errors/service-error';
import { safeChildEnv } from '../process/safe-child-env';

const VERSION_TIMEOUT_MS = 15_000;

/** `polkadot-parachain 1.17.0-7e5c6b3a84b`, `polkadot 1.2.3`: Substrate's `--version` shape. */
const SUBSTRATE_VERSION = /^(\S+)\s+v?(\d+\.\d+\.\d+)(?:-([0-9A-Za-z.+-]+))?\s*$/;

/**
 * Checks that a path is a Substrate/Cumulus node binary: it exists, may be
 * run, answers `--version` like one, and says which genesis and chain-spec
 * subcommands its `--help` lists.
 */
export async function checkBinary(path: string): Promise<BinaryInfo> {
  await assertExecutableFile(path);
  const versionOut = await runFor(path, ['--version']);
  const versionLine = versionOut.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
  const parsed = parseVersionLine(versionLine);
  if (!parsed) {
    throw new ServiceError(
      'bad_binary',
      `${path} does not look like a Substrate or Cumulus node: its --version printed "${versionLine.slice(0, 120)}".`,
      'Choose the collator binary of your parachain (for example polkadot-parachain or polkadot-omni-node).',
    );
  }
  const helpOut = await runFor(path, ['--help']).catch(() => '');
  return { path, versionLine, ...parsed, subcommands: parseSubcommands(helpOut) };
}

export function parseVersionLine(line: string): Pick<BinaryInfo, 'name' | 'version' | 'commit'> | null {
  const match = SUBSTRATE_VERSION.exec(line);
  if (!match) return null;
  const [, name = '', version = '', commit] = match;
  return commit === undefined ? { name, version } : { name, version, commit };
}

/** Which of the alternative spellings of each subcommand `--help` lists. */
export function parseSubcommands(help: string): BinaryInfo['subcommands'] {
  const listed = new Set<string>();
  for (const match of help.matchAll(/^\s{1,8}([a-z][a-z0-9-]+)(?:\s|,|$)/gm)) listed.add(match[1] ?? '');
  const first = <T extends string>(names: readonly T[]): T | undefined => names.find((n) => listed.has(n));
  const subcommands: BinaryInfo['subcommands'] = {};
  const genesisHead = first(['export-genesis-head', 'export-genesis-state'] as const);
  const genesisCode = first(['export-genesis-wasm', 'export-genesis-code'] as const);
  const chainSpec = first(['export-chain-spec', 'build-spec'] as const);
  if (genesisHead) subcommands.genesisHead = genesisHead;
  if (genesisCode) subcommands.genesisCode = genesisCode;
  if (chainSpec) subcommands.chainSpec = chainSpec;
  return subcommands;
}

async function assertExecutableFile(path: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new ServiceError('bad_binary', `There is no file at ${path}.`, 'Check the path of the collator binary.');
  }
  if (!info.isFile()) {
    throw new ServiceError('bad_binary', `${path} is not a file.`, 'Choose the collator binary itself, not its folder.');
  }
  try {
    await access(path, constants.X_OK);
  } catch {
    throw new ServiceError('bad_binary', `${path} is not executable.`, `Make it executable (chmod +x ${path}) and try again.`);
  }
}

function runFor(path: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(path, args, { timeout: VERSION_TIMEOUT_MS, env: safeChildEnv(process.env), maxBuffer: 4 * 1024 * 1024 }, (error, stdout) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const why = code === 'ENOEXEC' || code === 'EACCES' ? 'could not be run on this machine' : error.killed ? 'did not answer in time' : 'failed';
        reject(new ServiceError('bad_binary', `${path} ${args.join(' ')} ${why}.`, 'Check that the binary is a collator node built for this system.', { cause: error }));
        return;
      }
      resolve(String(stdout));
    });
  });
}
