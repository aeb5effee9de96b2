import { formatAmount, type TokenFormat } from '../../../format/amount';
import { formatBlockNumber } from '../../../format/time';
import type { FlowSpec } from './types';

export function createFlow(paraId: number, loan: { capPlanck: bigint; firstPeriod: number; lastPeriod: number; endBlock: number }, intentKey: string, token: TokenFormat): FlowSpec {
  return {
    intent: { kind: 'createCrowdloan', paraId, capPlanck: loan.capPlanck.toString(), firstPeriod: loan.firstPeriod, lastPeriod: loan.lastPeriod, endBlock: loan.endBlock },
    intentKey,
    summary: `Open a crowdloan for para ${paraId}: up to ${formatAmount(loan.capPlanck, token)} for lease periods ${loan.firstPeriod} to ${loan.lastPeriod}, closing at ${formatBlockNumber(loan.endBlock)}`,
    details: (
      <div className="banner banner-warning" role="note" data-testid="crowdloan-lock-warning">
        <div>
          <strong>Opening it locks para {paraId}.</strong>
          <p>From then on this manager account can no longer deregister the para, swap it, schedule a code upgrade or set its head: those need the para’s own origin (from the parachain, over XCM) or governance. The lock stays after the crowdloan is dissolved, until one of them lifts it.</p>
          <p className="small">The relay also reserves its crowdloan deposit from this account until the crowdloan is dissolved. Where the runtime tells the amount it is shown below; this runtime may not, and then the fund shows it once open.</p>
        </div>
      </div>
    ),
    confirmLabel: 'Sign and open the crowdloan',
  };
}
