import { type ReactElement } from 'react';
import { blocksToMs, formatBlockNumber, formatDuration } from '../../../format/time';
import { auctionPeriods, blocksCountdown, endingPhase, type AuctionView } from '../blockspace-model';

export function AuctionFacts({ auction, nowBlock, blockTimeMs }: { auction: AuctionView; nowBlock: number | undefined; blockTimeMs: number }): ReactElement {
  const periods = auctionPeriods(auction);
  const ending = nowBlock === undefined ? undefined : endingPhase(auction, nowBlock);
  return (
    <>
      {auction.auctionIndex !== undefined ? <><dt>Auction</dt><dd>Number {auction.auctionIndex}</dd></> : null}
      <dt>Lease periods sold</dt><dd>{periods.first} to {periods.last} <span className="muted small">(a bid takes up to {periods.last - periods.first + 1} consecutive periods of these)</span></dd>
      <dt>Candle ending</dt>
      <dd>
        {ending?.phase === 'ending'
          ? <><span className="badge badge-warn">Running</span> since {formatBlockNumber(auction.endingPeriodStartBlock)}, {blocksCountdown(auction.endingPeriodStartBlock, nowBlock ?? 0, blockTimeMs)}</>
          : <>Starts at {formatBlockNumber(auction.endingPeriodStartBlock)}{nowBlock !== undefined ? `, ${blocksCountdown(auction.endingPeriodStartBlock, nowBlock, blockTimeMs)}` : ''}</>}
        {auction.endingPeriodBlocks !== undefined ? (
          <span className="small auction-note">
            Lasts {auction.endingPeriodBlocks.toLocaleString('en-US')} relay blocks (about {formatDuration(blocksToMs(auction.endingPeriodBlocks, blockTimeMs))}), until {formatBlockNumber(auction.endingPeriodStartBlock + auction.endingPeriodBlocks)}.
          </span>
        ) : null}
        <span className="muted small auction-note">Once it starts, a block picked at random afterwards decides which bids were winning: bid before it, not at the last moment.</span>
      </dd>
      {nowBlock !== undefined ? <><dt>Relay block now</dt><dd>{formatBlockNumber(nowBlock)}</dd></> : null}
    </>
  );
}
