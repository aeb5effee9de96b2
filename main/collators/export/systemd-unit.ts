import type { CollatorProfile } from '../../../shared/contract/collators';
import { ServiceError } from '../../errors/service-error';
import { buildCommandLine } from '../command-line';
import { defaultRestartPolicy } from '../restart-policy';
import { exportSlug } from './names';

export interface SystemdUnitOptions {
  /** The server's systemd version: `RestartSteps=`/`RestartMaxDelaySec=` exist from 254 on. */
  systemdVersion?: number;
  /** The system user the node runs as; `collator-<name>` unless given. */
  user?: string;
}

export interface SystemdUnit {
  fileName: string;
  text: string;
  user: string;
  /** What the operator runs on the server before enabling the unit, in order. */
  setupCommands: string[];
}

/** A Substrate node may take up to 60 s to stop cleanly (it flushes its database and closes its network first); the margin keeps a slow disk from turning it into SIGKILL. */
export const STOP_TIMEOUT_SECONDS = 90;
/** The first systemd release with exponential restart delays. */
export const RESTART_STEPS_SINCE = 254;
/** Debian 12 and RHEL 9 ship 252: the default targets the oldest common server. */
const DEFAULT_SYSTEMD_VERSION = 252;

/** Folders `ProtectHome=yes` would hide; a profile living there gets `ProtectHome=read-only` instead. */
const HOME_TREES = ['/home', '/root', '/run/user'];

/**
 * A hardened systemd service running the node exactly as the console runs it:
 * the same arguments (from `buildCommandLine`), so the same ports on both
 * halves and the same base path, which is the only path the unit may write.
 */
export function systemdUnit(profile: CollatorProfile, options: SystemdUnitOptions = {}): SystemdUnit {
  const version = options.systemdVersion ?? DEFAULT_SYSTEMD_VERSION;
  const slug = exportSlug(profile.name);
  // `collator-` says what the unit is, unless the name already does.
  const unitName = slug.startsWith('collator') ? slug : `collator-${slug}`;
  // useradd takes at most 32 characters.
  const user = options.user ?? unitName.slice(0, 32).replace(/-+$/, '');
  if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(user)) throw new ServiceError('invalid_input', `"${user}" is not a valid system user name.`, 'Use lower-case letters, digits, - and _, at most 32 characters.');
  const policy = defaultRestartPolicy;
  const underHome = [profile.basePath, profile.chainSpecPath, profile.binaryPath].some((path) => HOME_TREES.some((tree) => path === tree || path.startsWith(`${tree}/`)));
  const execStart = [profile.binaryPath, ...buildCommandLine(profile)].map(quoteExecArgument).join(' ');
  const backoff =
    version >= RESTART_STEPS_SINCE
      ? [
          `RestartSec=${policy.initialDelayMs / 1000}s`,
          '# The delay grows from RestartSec to RestartMaxDelaySec over RestartSteps restarts, as the console backs off.',
          `RestartSteps=${policy.maxRestarts}`,
          `RestartMaxDelaySec=${policy.maxDelayMs / 1000}s`,
        ]
      : [
          `RestartSec=${policy.initialDelayMs / 1000}s`,
          `# systemd ${version} has a fixed restart delay; from ${RESTART_STEPS_SINCE} on, RestartSteps=${policy.maxRestarts} and RestartMaxDelaySec=${policy.maxDelayMs / 1000}s make it grow.`,
        ];

  const lines = [
    `# ${unitName}.service: the collator "${oneLine(profile.name)}", exported by Parachain Console.`,
    '# Same arguments and ports as the profile. Before enabling it on the server:',
    ...setupCommands(user, profile.basePath, unitName).map((command) => `#   ${command}`),
    '',
    '[Unit]',
    `Description=Collator ${escapeSpecifiers(oneLine(profile.name))} (parachain and embedded relay node)`,
    'Wants=network-online.target',
    'After=network-online.target',
    '# A server has no operator watching a crash loop: never stop trying, the delay between tries says enough.',
    'StartLimitIntervalSec=0',
    '',
    '[Service]',
    'Type=exec',
    `User=${user}`,
    `Group=${user}`,
    `ExecStart=${execStart}`,
    'Restart=on-failure',
    ...backoff,
    '# The node stops cleanly on SIGINT, flushing its database; SIGKILL only after the timeout.',
    'KillSignal=SIGINT',
    `TimeoutStopSec=${STOP_TIMEOUT_SECONDS}s`,
    'SendSIGKILL=yes',
    // RocksDB and the networking keep many files open.
    'LimitNOFILE=65536',
    '',
    '# Read-only system; the base path (database, keystore, node key) is the one writable place.',
    'ProtectSystem=strict',
    underHome ? '# The profile lives under a home folder: read-only there rather than hidden.' : null,
    `ProtectHome=${underHome ? 'read-only' : 'yes'}`,
    `ReadWritePaths=${quotePathSetting(profile.basePath)}`,
    'PrivateTmp=yes',
    'PrivateDevices=yes',
    'NoNewPrivileges=yes',
    'ProtectKernelTunables=yes',
    'ProtectKernelModules=yes',
    'ProtectKernelLogs=yes',
    'ProtectControlGroups=yes',
    'ProtectClock=yes',
    'ProtectHostname=yes',
    'RestrictSUIDSGID=yes',
    'RestrictRealtime=yes',
    'RestrictNamespaces=yes',
    'LockPersonality=yes',
    'RemoveIPC=yes',
    'CapabilityBoundingSet=',
    'AmbientCapabilities=',
    'RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK',
    'SystemCallArchitectures=native',
    '# No MemoryDenyWriteExecute: the node compiles the runtime to machine code (wasmtime) and needs W+X pages.',
    // Not ~@resources: the node raises its open-file limit (setrlimit) at start.
    'SystemCallFilter=@system-service',
    'SystemCallFilter=~@privileged @mount @obsolete @debug @cpu-emulation',
    '# A filtered call fails with EPERM instead of killing the node mid-block.',
    'SystemCallErrorNumber=EPERM',
    'UMask=0077',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ];
  return { fileName: `${unitName}.service`, text: lines.filter((line): line is string => line !== null).join('\n'), user, setupCommands: setupCommands(user, profile.basePath, unitName) };
}

function setupCommands(user: string, basePath: string, unitName: string): string[] {
  const base = shellQuote(basePath);
  return [
    `sudo useradd --system --no-create-home --shell /usr/sbin/nologin ${user}`,
    `sudo install -d -m 0700 -o ${user} -g ${user} ${base}`,
    `sudo cp ${unitName}.service /etc/systemd/system/`,
    `sudo systemctl daemon-reload && sudo systemctl enable --now ${unitName}`,
  ];
}

/**
 * One word of a systemd command line (systemd.service, "Command lines"): always
 * double-quoted, so spaces, `;` and quotes stay inside the argument; `\` and `"`
 * backslash-escaped, control characters as C escapes, `%` doubled (a specifier
 * otherwise) and `$` doubled (an environment variable otherwise).
 */
export function quoteExecArgument(argument: string): string {
  let out = '';
  for (const char of argument) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\\') out += '\\\\';
    else if (char === '"') out += '\\"';
    else if (char === '%') out += '%%';
    else if (char === '$') out += '$$';
    else if (char === '\n') out += '\\n';
    else if (char === '\t') out += '\\t';
    else if (char === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return `"${out}"`;
}

/** Path settings split on spaces and take quotes too; specifiers still apply. */
function quotePathSetting(path: string): string {
  return /[\s"'\\%]/.test(path) ? `"${escapeSpecifiers(path).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : path;
}

function escapeSpecifiers(text: string): string {
  return text.replace(/%/g, '%%');
}

/** A comment or description is one line: a newline in a name would end it. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ');
}

/** POSIX shell single quotes, for the setup commands shown to the operator. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
