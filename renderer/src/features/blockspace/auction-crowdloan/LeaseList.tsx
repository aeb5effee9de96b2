import { type ReactElement } from 'react';
import { Address } from '../../../components/Address';
import { Amount } from '../../../components/Amount';
import { type TokenFormat } from '../../../format/amount';

export function LeaseList({ periods, token, ss58Prefix }: { periods: Array<{ account: string; depositPlanck: string } | null>; token: TokenFormat; ss58Prefix: number }): ReactElement {
  return (
    <ul className="lease-list">
      {periods.map((period, offset) => (
        <li key={offset}>
          <span className="lease-when">{offset === 0 ? 'Current period' : `Period +${offset}`}</span>
          {period ? <><Amount planck={period.depositPlanck} token={token} /> <span className="muted small">deposit by</span> <Address address={period.account} ss58Prefix={ss58Prefix} /></> : <span className="muted">not held</span>}
        </li>
      ))}
    </ul>
  );
}
