import type { SignRequest } from '../../../shared/contract/chain';

/**
 * Accounts and signing from a browser extension (polkadot-js, Talisman,
 * SubWallet…), only when the console runs in a browser that injected one.
 * The desktop app's window has no extensions, so this always says so there.
 */

export interface ExtensionAccount {
  address: string;
  name?: string;
  source: string;
}

export type ExtensionDiscovery =
  | { status: 'unavailable'; reason: string }
  | { status: 'refused'; reason: string }
  | { status: 'ready'; extensions: string[]; accounts: ExtensionAccount[] };

const APP_NAME = 'Parachain Console';

export async function discoverExtensionAccounts(): Promise<ExtensionDiscovery> {
  const injected = (window as { injectedWeb3?: Record<string, unknown> }).injectedWeb3;
  if (!injected || Object.keys(injected).length === 0) {
    return {
      status: 'unavailable',
      reason: 'No browser extension is available here. Extensions work when you open the headless console in a browser that has one (polkadot-js, Talisman, SubWallet); the desktop window has none.',
    };
  }
  const { web3Accounts, web3Enable } = await import('@polkadot/extension-dapp');
  const enabled = await web3Enable(APP_NAME);
  if (enabled.length === 0) {
    return { status: 'refused', reason: 'The extension did not allow the console to see its accounts. Allow it in the extension’s popup, then look again.' };
  }
  const accounts = await web3Accounts();
  return {
    status: 'ready',
    extensions: enabled.map((extension) => extension.name),
    accounts: accounts.map((account) => ({ address: account.address, name: account.meta.name, source: account.meta.source })),
  };
}

export type ExtensionSignature = { outcome: 'signed'; signature: `0x${string}` } | { outcome: 'refused'; reason: string };

/** Asks the extension holding the address to sign the payload the main process prepared. */
export async function signWithExtension(request: SignRequest): Promise<ExtensionSignature> {
  try {
    const { web3Enable, web3FromAddress } = await import('@polkadot/extension-dapp');
    await web3Enable(APP_NAME);
    const injector = await web3FromAddress(request.payload.address);
    if (!injector.signer.signPayload) return { outcome: 'refused', reason: 'This extension cannot sign transaction payloads.' };
    const result = await injector.signer.signPayload(request.payload as Parameters<NonNullable<typeof injector.signer.signPayload>>[0]);
    return { outcome: 'signed', signature: result.signature };
  } catch (error) {
    return { outcome: 'refused', reason: error instanceof Error ? error.message.slice(0, 400) : 'The extension refused to sign.' };
  }
}
