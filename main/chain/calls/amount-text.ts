import type { TokenInfo } from '../networks';

/**
 * An exact amount in the network's token for a sentence the operator reads
 * before signing: `3,300.1 DOT`. No floating point: every planck is kept.
 */
export function formatPlanck(planck: bigint, token: TokenInfo): string {
  const negative = planck < 0n;
  const magnitude = negative ? -planck : planck;
  const unit = 10n ** BigInt(token.decimals);
  const whole = (magnitude / unit).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = token.decimals === 0 ? '' : (magnitude % unit).toString().padStart(token.decimals, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`} ${token.symbol}`;
}
