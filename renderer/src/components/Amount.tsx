import type { ReactElement } from 'react';
import { formatAmount, formatAmountExact, type TokenFormat } from '../format/amount';

/** An amount in the network's token; the exact figure is in the title when the display is cut. */
export function Amount({ planck, token, maxFractionDigits, className }: {
  planck: bigint | string;
  token: TokenFormat;
  maxFractionDigits?: number;
  className?: string;
}): ReactElement {
  const shown = formatAmount(planck, token, { maxFractionDigits });
  const exact = formatAmountExact(planck, token);
  return (
    <span className={className ? `amount ${className}` : 'amount'} title={exact !== shown ? exact : undefined}>
      {shown}
    </span>
  );
}
