import type { CollatorProfile, ProfileInput } from '../../../../shared/contract/collators';

/** The add/edit form as the operator types it: text everywhere, checked when saved. */
export interface ProfileFormValues {
  name: string;
  binaryPath: string;
  chainSpecPath: string;
  basePath: string;
  collator: boolean;
  relayMode: 'embedded' | 'rpc';
  relayChain: string;
  syncMode: '' | 'full' | 'fast' | 'fast-unsafe' | 'warp';
  /** One ws:// or wss:// address per line. */
  relayRpcUrls: string;
  extraArgs: string;
  relayExtraArgs: string;
  ports: Record<PortField, string>;
}

export const portFields = ['para.p2p', 'para.rpc', 'para.prometheus', 'relay.p2p', 'relay.rpc', 'relay.prometheus'] as const;
export type PortField = (typeof portFields)[number];

export function emptyForm(): ProfileFormValues {
  return {
    name: '',
    binaryPath: '',
    chainSpecPath: '',
    basePath: '',
    collator: true,
    relayMode: 'embedded',
    relayChain: 'polkadot',
    syncMode: '',
    relayRpcUrls: '',
    extraArgs: '',
    relayExtraArgs: '',
    ports: { 'para.p2p': '', 'para.rpc': '', 'para.prometheus': '', 'relay.p2p': '', 'relay.rpc': '', 'relay.prometheus': '' },
  };
}

export function formFromProfile(profile: CollatorProfile): ProfileFormValues {
  return {
    name: profile.name,
    binaryPath: profile.binaryPath,
    chainSpecPath: profile.chainSpecPath,
    basePath: profile.basePath,
    collator: profile.collator,
    relayMode: profile.relay.mode,
    relayChain: profile.relay.mode === 'embedded' ? profile.relay.chain : 'polkadot',
    syncMode: profile.relay.mode === 'embedded' ? (profile.relay.syncMode ?? '') : '',
    relayRpcUrls: profile.relay.mode === 'rpc' ? profile.relay.rpcUrls.join('\n') : '',
    extraArgs: joinArgs(profile.extraArgs),
    relayExtraArgs: joinArgs(profile.relayExtraArgs),
    ports: {
      'para.p2p': String(profile.ports.para.p2p),
      'para.rpc': String(profile.ports.para.rpc),
      'para.prometheus': String(profile.ports.para.prometheus),
      'relay.p2p': String(profile.ports.relay.p2p),
      'relay.rpc': String(profile.ports.relay.rpc),
      'relay.prometheus': String(profile.ports.relay.prometheus),
    },
  };
}

export type FormErrors = Partial<Record<keyof ProfileFormValues | PortField, string>>;

/**
 * Turns the form into the contract's profile input, or says what is wrong
 * with each field in words. Ports left empty are chosen by the main process.
 */
export function toProfileInput(values: ProfileFormValues): { input: ProfileInput; errors: null } | { input: null; errors: FormErrors } {
  const errors: FormErrors = {};
  const required = ['name', 'binaryPath', 'chainSpecPath', 'basePath'] as const;
  const words: Record<(typeof required)[number], string> = {
    name: 'Give the collator a name.',
    binaryPath: 'Give the path of the collator binary.',
    chainSpecPath: 'Give the path of the chain spec file.',
    basePath: 'Give the folder where the node keeps its database and keys.',
  };
  for (const field of required) if (values[field].trim() === '') errors[field] = words[field];

  const extraArgs = splitArgs(values.extraArgs);
  if (typeof extraArgs === 'string') errors.extraArgs = extraArgs;
  const relayExtraArgs = splitArgs(values.relayExtraArgs);
  if (typeof relayExtraArgs === 'string') errors.relayExtraArgs = relayExtraArgs;

  const rpcUrls = values.relayRpcUrls.split(/\s+/).filter(Boolean);
  if (values.relayMode === 'rpc') {
    if (rpcUrls.length === 0) errors.relayRpcUrls = 'Give at least one relay chain RPC address (ws:// or wss://).';
    const bad = rpcUrls.find((url) => !/^wss?:\/\/\S+$/.test(url));
    if (bad) errors.relayRpcUrls = `"${bad}" is not a ws:// or wss:// address.`;
  } else if (values.relayChain.trim() === '') {
    errors.relayChain = 'Name the relay chain (polkadot, kusama, paseo) or give the path of its chain spec.';
  }

  const ports: { para: Record<string, number>; relay: Record<string, number> } = { para: {}, relay: {} };
  const seen = new Map<number, PortField>();
  for (const field of portFields) {
    const raw = values.ports[field].trim();
    if (raw === '') continue;
    const port = Number(raw);
    if (!/^\d+$/.test(raw) || port < 1 || port > 65_535) {
      errors[field] = 'A port is a whole number from 1 to 65535; leave it empty to have one chosen.';
      continue;
    }
    const twin = seen.get(port);
    if (twin) errors[field] = `Port ${port} is already used for ${portLabel(twin)}.`;
    seen.set(port, field);
    const [half, kind] = field.split('.') as ['para' | 'relay', string];
    ports[half][kind] = port;
  }

  if (Object.keys(errors).length > 0 || typeof extraArgs === 'string' || typeof relayExtraArgs === 'string') return { input: null, errors };
  return {
    errors: null,
    input: {
      name: values.name.trim(),
      binaryPath: values.binaryPath.trim(),
      chainSpecPath: values.chainSpecPath.trim(),
      basePath: values.basePath.trim(),
      collator: values.collator,
      relay:
        values.relayMode === 'rpc'
          ? { mode: 'rpc', rpcUrls }
          : { mode: 'embedded', chain: values.relayChain.trim(), ...(values.syncMode ? { syncMode: values.syncMode } : {}) },
      extraArgs,
      relayExtraArgs,
      ports: { para: ports.para, relay: ports.relay },
    },
  };
}

export function portLabel(field: PortField): string {
  const [half, kind] = field.split('.') as [string, string];
  return `the ${half === 'para' ? 'parachain' : 'relay'} node's ${kind === 'p2p' ? 'P2P' : kind === 'rpc' ? 'RPC' : 'Prometheus'} port`;
}

/**
 * Splits a command-line fragment the way a shell would split words, with
 * single and double quotes, so `--name "my collator"` stays two arguments.
 * Nothing is ever run through a shell: this only builds the argument array.
 */
export function splitArgs(text: string): string[] | string {
  const args: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = null;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) args.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (quote) return `A ${quote === '"' ? 'double' : 'single'} quote is not closed.`;
  if (inWord) args.push(current);
  return args;
}

export function joinArgs(args: readonly string[]): string {
  return args.map((arg) => (arg === '' || /[\s"']/.test(arg) ? `"${arg.replace(/"/g, '')}"` : arg)).join(' ');
}
