import type { ReactElement } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CoretimeSaleView } from '../../../../shared/contract/onboarding';
import { formatAmount, type TokenFormat } from '../../format/amount';
import { formatBlockNumber } from '../../format/time';

/**
 * The sale's price over its blocks. Plotting needs numbers, so each planck
 * price becomes a token amount here, for the chart's geometry only; every
 * label and tooltip is formatted from the exact planck string.
 */
export function SalePriceChart({ sale, token }: { sale: CoretimeSaleView; token: TokenFormat }): ReactElement {
  const scale = 10n ** BigInt(Math.max(0, token.decimals - 4));
  const points = sale.curve.map((point) => ({ block: point.block, value: Number(BigInt(point.pricePlanck) / scale), planck: point.pricePlanck }));
  const byBlock = new Map(points.map((point) => [point.block, point.planck]));
  return (
    <figure className="sale-chart" aria-label={`Coretime price from ${formatAmount(sale.curve[0]?.pricePlanck ?? '0', token)} down to ${formatAmount(sale.endPricePlanck, token)}`}>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={points} margin={{ top: 20, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis dataKey="block" type="number" domain={['dataMin', 'dataMax']} tickFormatter={(block: number) => formatBlockNumber(block)} stroke="var(--muted)" fontSize={11} />
          <YAxis dataKey="value" stroke="var(--muted)" fontSize={11} width={72} tickFormatter={(value: number) => formatAmount(BigInt(Math.round(value)) * scale, token, { maxFractionDigits: 2 })} />
          <Tooltip
            contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }}
            labelFormatter={(block) => `Relay block ${formatBlockNumber(Number(block))}`}
            formatter={(_value, _name, item) => [formatAmount((item.payload as { planck: string }).planck, token), 'Price']}
          />
          <ReferenceLine x={sale.nowBlock} stroke="var(--accent)" label={{ value: 'now', fill: 'var(--accent)', fontSize: 11, position: 'top' }} />
          <Line type="linear" dataKey="value" stroke="var(--accent)" dot={false} strokeWidth={2} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
      <figcaption className="muted small">Price now {formatAmount(byBlock.get(sale.nowBlock) ?? sale.priceNowPlanck, token)}; it falls through the lead-in to {formatAmount(sale.endPricePlanck, token)} and stays there until the sale ends.</figcaption>
    </figure>
  );
}
