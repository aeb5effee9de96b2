import { type ReactElement } from 'react';
import { Address } from '../../../components/Address';
import { Amount } from '../../../components/Amount';
import { type TokenFormat } from '../../../format/amount';
import { formatBlockNumber } from '../../../format/time';
import { blocksCountdown, type CrowdloanFund } from '../blockspace-model';

export function FundFacts({ fund, nowBlock, blockTimeMs, token, ss58Prefix }: { fund: CrowdloanFund; nowBlock: number | undefined; blockTimeMs: number; token: TokenFormat; ss58Prefix: number }): ReactElement {
  const raised = BigInt(fund.raisedPlanck);
  const cap = BigInt(fund.capPlanck);
  const percent = cap > 0n ? Number((raised * 1000n) / cap) / 10 : 0;
  const ended = nowBlock !== undefined && nowBlock >= fund.endBlock;
  return (
    <dl className="facts">
      <dt>Raised</dt>
      <dd className="fund-raised">
        <span><Amount planck={fund.raisedPlanck} token={token} /> of <Amount planck={fund.capPlanck} token={token} /></span>
        <span className="vote-bar" role="meter" aria-label="Raised of the cap" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}><span style={{ width: `${Math.min(100, percent)}%` }} /></span>
      </dd>
      <dt>{ended ? 'Closed' : 'Closes'}</dt><dd>{formatBlockNumber(fund.endBlock)}{nowBlock !== undefined ? `, ${blocksCountdown(fund.endBlock, nowBlock, blockTimeMs)}` : ''}</dd>
      <dt>Lease periods</dt><dd>{fund.firstPeriod} to {fund.lastPeriod}</dd>
      <dt>Depositor</dt><dd><Address address={fund.depositor} ss58Prefix={ss58Prefix} /> <span className="muted small">(deposit <Amount planck={fund.depositPlanck} token={token} />, back when the fund is dissolved)</span></dd>
    </dl>
  );
}
