import type { ReactElement, ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';
import './charts.css';

/**
 * What every dashboard chart tile shares: a caption with the title, optional
 * controls and the current value, and either the chart at a fixed height or,
 * while there is nothing to draw, a sentence in its place of the same height
 * (so the grid does not jump when the first points arrive).
 */
export function ChartFrame({
  title,
  latest,
  actions,
  heightPx,
  empty,
  emptyText,
  className,
  children,
}: {
  title: string;
  latest: string;
  actions?: ReactNode;
  heightPx: number;
  empty: boolean;
  emptyText: string;
  className?: string;
  /** One recharts chart, sized by the frame. */
  children: ReactElement;
}): ReactElement {
  return (
    <figure className={className ? `chart-tile ${className}` : 'chart-tile'} aria-label={`${title}: ${latest}`}>
      <figcaption className="chart-caption">
        <span className="chart-title">{title}</span>
        {actions}
        <span className="chart-latest">{latest}</span>
      </figcaption>
      {empty ? (
        <div className="chart-empty muted" style={{ height: heightPx }}>
          {emptyText}
        </div>
      ) : (
        <ResponsiveContainer width="100%" height={heightPx}>
          {children}
        </ResponsiveContainer>
      )}
    </figure>
  );
}
