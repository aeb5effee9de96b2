import Identicon from '@polkadot/react-identicon';
import './Address.css';
import type { ReactElement } from 'react';
import { shortenAddress, toNetworkAddress } from '../format/address';
import { CopyButton } from './CopyButton';

/**
 * An account as operators recognise it: its identicon, the address in the
 * network's SS58 format (shortened, the full one in the title and the copy
 * button), and its name when the console knows one.
 */
export function Address({ address, ss58Prefix, name, full = false, href }: {
  address: string;
  ss58Prefix: number;
  name?: string;
  /** Show every character (a confirmation screen), not the shortened form. */
  full?: boolean;
  /** An explorer link for the account. */
  href?: string;
}): ReactElement {
  const shown = safeNetworkAddress(address, ss58Prefix);
  const text = full ? shown : shortenAddress(shown);
  return (
    <span className="address" title={shown}>
      <Identicon value={shown} size={20} theme="polkadot" className="address-icon" />
      {name ? <span className="address-name">{name}</span> : null}
      {href ? (
        <a className="address-text mono" href={href} target="_blank" rel="noreferrer">{text}</a>
      ) : (
        <span className="address-text mono">{text}</span>
      )}
      <CopyButton value={shown} label={`Copy address ${name ?? shortenAddress(shown)}`} />
    </span>
  );
}

function safeNetworkAddress(address: string, ss58Prefix: number): string {
  try {
    return toNetworkAddress(address, ss58Prefix);
  } catch {
    return address; // shown as given; the main process validated it
  }
}
