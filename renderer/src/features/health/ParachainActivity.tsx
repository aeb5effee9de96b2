import { useId, useState, type ReactElement } from 'react';
import type { CollatorHealth, ParachainHealth } from '../../../../shared/contract/health';
import { useApiQuery } from '../../api/hooks';
import { Amount } from '../../components/Amount';
import { formatAmount, formatAmountExact, type TokenFormat } from '../../format/amount';
import { useCurrentNetwork } from '../../chain/use-network';
import { BarChartTile, type BarDatum } from './BarChartTile';
import { countByAuthor, startOfLocalDay, sumIntoBuckets, tokensForPlot, totalSince, type BucketSize } from './count-buckets';
import { useNow } from './use-health-status';

const HOUR_MS = 3_600_000;
const REFRESH_MS = 15_000;

/**
 * What the relay chain saw of the parachain lately: blocks included per
 * author over the last hour, and what its on-demand orders cost over time.
 * Renders nothing until there is something to show, so a parachain the
 * console does not follow on the relay chain keeps its small card.
 */
export function ParachainActivity({ para, collators }: { para: ParachainHealth; collators: CollatorHealth[] }): ReactElement | null {
  const now = useNow(REFRESH_MS);
  const subject = { kind: 'parachain', paraId: para.paraId } as const;
  const authors = useApiQuery('health.series', { subject, metric: 'includedAuthorIndex', resolution: 'second' }, { refetchInterval: REFRESH_MS, retry: false });
  const included = useApiQuery('health.series', { subject, metric: 'includedBlocks', resolution: 'second' }, { refetchInterval: REFRESH_MS, retry: false });
  // From the start of the seventh local day back: the query's input, and so its cache key, changes once a day.
  const weekFromMs = startOfWeek(now);
  const spent = useApiQuery('health.series', { subject, metric: 'onDemandSpentPlanck', resolution: 'minute', fromMs: weekFromMs }, { refetchInterval: REFRESH_MS, retry: false });

  const spentPoints = spent.data?.points ?? [];
  const showSpending = para.blockspace === 'on-demand' || spentPoints.some(([, value]) => value > 0);
  const includedPoints = included.data?.points ?? [];
  const showAuthors = includedPoints.length > 0;
  if (!showSpending && !showAuthors) return null;
  return (
    <div className="parachain-activity">
      {showAuthors ? <IncludedByAuthor para={para} collators={collators} includedPoints={includedPoints} authorPoints={authors.data?.points ?? []} /> : null}
      {showSpending ? <OnDemandSpending points={spentPoints} now={now} /> : null}
    </div>
  );
}

function IncludedByAuthor({
  para,
  collators,
  includedPoints,
  authorPoints,
}: {
  para: ParachainHealth;
  collators: CollatorHealth[];
  includedPoints: ReadonlyArray<readonly [number, number]>;
  authorPoints: ReadonlyArray<readonly [number, number]>;
}): ReactElement {
  const total = totalSince(includedPoints, -Infinity);
  const counts = countByAuthor(authorPoints, para.authorSetSize ?? 0);
  const unattributed = Number(total) - counts.reduce((sum, count) => sum + count, 0);
  const most = Math.max(1, ...counts, unattributed);
  const nameOf = (index: number): string | undefined =>
    index === para.lastAuthorIndex && para.lastAuthorCollatorId !== null ? collators.find((c) => c.id === para.lastAuthorCollatorId)?.name : undefined;
  return (
    <section className="activity-block" aria-label="Blocks included per author">
      <h4 className="activity-title">
        Included in the last hour <span className="activity-figure">{String(total)}</span>
      </h4>
      {counts.length === 0 ? (
        <p className="muted activity-note">The author of each block shows once the parachain’s Aura authorities are read.</p>
      ) : (
        <ul className="author-bars">
          {counts.map((count, index) => (
            <AuthorBar key={index} label={`Author ${index}`} name={nameOf(index)} count={count} most={most} idle={count === 0} />
          ))}
          {unattributed > 0 ? <AuthorBar label="Not attributed" count={unattributed} most={most} idle={false} /> : null}
        </ul>
      )}
    </section>
  );
}

function AuthorBar({ label, name, count, most, idle }: { label: string; name?: string; count: number; most: number; idle: boolean }): ReactElement {
  return (
    <li className={idle ? 'author-bar author-bar-idle' : 'author-bar'}>
      <span className="author-bar-label">
        {label}
        {name ? <span className="muted"> · {name}</span> : null}
      </span>
      <span className="author-bar-track" aria-hidden="true">
        <span className="author-bar-fill" style={{ width: `${(count / most) * 100}%` }} />
      </span>
      <span className="author-bar-count">{idle ? 'none' : count}</span>
    </li>
  );
}

const hourLabel = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayLabel = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric' });
const periods = { day: { label: '24 h', bucket: 'hour' }, week: { label: '7 days', bucket: 'day' } } as const satisfies Record<string, { label: string; bucket: BucketSize }>;
type Period = keyof typeof periods;

function OnDemandSpending({ points, now }: { points: ReadonlyArray<readonly [number, number]>; now: number }): ReactElement {
  const { token } = useCurrentNetwork();
  const [period, setPeriod] = useState<Period>('day');
  const radioName = useId();
  const today = totalSince(points, startOfLocalDay(now));
  const week = totalSince(points, startOfWeek(now));
  const bucket = periods[period].bucket;
  const buckets = sumIntoBuckets(points, bucket, period === 'day' ? now - 23 * HOUR_MS : startOfWeek(now), now);
  const inChart = buckets.reduce((sum, { total }) => sum + (total ?? 0n), 0n);
  const shown = (planck: bigint): string => (token ? formatAmount(planck, token) : `${planck} planck`);
  const bars: BarDatum[] = buckets.map(({ atMs, total }) => ({
    label: (bucket === 'hour' ? hourLabel : dayLabel).format(atMs),
    value: total === null ? null : plotValue(total, token),
    detail: total === null ? 'not followed' : token ? formatAmountExact(total, token) : `${total} planck`,
  }));
  return (
    <section className="activity-block" aria-label="On-demand spending">
      <h4 className="activity-title">On-demand spending</h4>
      <dl className="facts spending-totals">
        <dt>Today</dt>
        <dd>{token ? <Amount planck={today} token={token} /> : shown(today)}</dd>
        <dt>This week</dt>
        <dd>{token ? <Amount planck={week} token={token} /> : shown(week)}</dd>
      </dl>
      <BarChartTile
        title={`Spent per ${bucket}`}
        latest={shown(inChart)}
        bars={bars}
        formatTick={(value) => (token ? `${trimNumber(value)} ${token.symbol}` : String(value))}
        color="var(--accent)"
        emptyText="No relay blocks followed in this period."
        actions={
          <span className="segmented spending-period" role="radiogroup" aria-label="Spending period">
            {(Object.keys(periods) as Period[]).map((key) => (
              <label key={key} className={key === period ? 'segment selected' : 'segment'}>
                <input type="radio" name={radioName} checked={key === period} onChange={() => setPeriod(key)} />
                {periods[key].label}
              </label>
            ))}
          </span>
        }
      />
    </section>
  );
}

/** "This week": today and the six local days before it, as the 7-day chart shows them. */
function startOfWeek(nowMs: number): number {
  return startOfLocalDay(nowMs - 6 * 24 * HOUR_MS);
}

function plotValue(planck: bigint, token: TokenFormat | undefined): number {
  return token ? tokensForPlot(planck, token) : Number(planck);
}

/** Axis ticks: a few significant digits are enough to read a bar. */
function trimNumber(value: number): string {
  return value >= 100 ? String(Math.round(value)) : String(Number(value.toPrecision(3)));
}
