import type { ReactNode } from 'react';
import type { TxIntent } from '../../../../../shared/contract/chain';
import type { DepositLine } from '../../../components/TxConfirm';
import type { TokenFormat } from '../../../format/amount';
import type { StepProps } from '../../onboarding/step-props';
import type { AuctionOffers } from '../blockspace-model';

export type Props = StepProps & { token: TokenFormat; offers: AuctionOffers };

/** One transaction the operator is reviewing or following, with what TxFlow shows before signing. */
export interface FlowSpec {
  intent: TxIntent;
  intentKey: string;
  summary: string;
  /** What the review says besides the figures (the lock a crowdloan puts on the para). */
  details?: ReactNode;
  confirmLabel: string;
  deposits?: DepositLine[];
  spend?: DepositLine;
}
