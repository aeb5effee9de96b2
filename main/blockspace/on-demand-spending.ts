import { readFileSync, renameSync } from 'node:fs';
import { z } from 'zod';
import type { OnDemandSpending } from '../../shared/contract/onboarding';
import { writeFileAtomicSync } from '../fs/write-file-atomic';
import type { Logger } from '../logging/logger';

/**
 * What the console's on-demand orders cost, as the chain charged them
 * (the `OnDemandOrderPlaced` price and the `TransactionFeePaid` fee), kept on
 * disk so the auto-order budget survives a restart. Bounded: one total per
 * para and UTC day for the last `DAYS_KEPT` days, and the last `RECENT_KEPT`
 * orders. Orders on their way hold a reservation of the most they may cost,
 * so neither a restart nor a slow block lets the budget be passed.
 */

export const DAYS_KEPT = 31;
/** Intent keys of the orders the auto-order driver places. */
export const AUTO_ORDER_KEY_PREFIX = 'auto-order:';
export const RECENT_KEPT = 50;

const planck = z.string().regex(/^\d{1,40}$/);
const dayTotalSchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  networkId: z.string(),
  paraId: z.number().int(),
  orders: z.number().int(),
  refused: z.number().int(),
  pricePlanck: planck,
  feePlanck: planck,
  /** Price and fee of the orders the auto-order driver placed: what its daily budget counts. */
  autoSpentPlanck: planck,
});
const placedOrderSchema = z.object({
  txId: z.string(),
  networkId: z.string(),
  paraId: z.number().int(),
  atMs: z.number().int(),
  by: z.enum(['auto', 'manual']),
  placed: z.boolean(),
  pricePlanck: planck.optional(),
  feePlanck: planck,
  blockNumber: z.number().int(),
  paidWith: z.enum(['balance', 'credits']),
});
/** Keyed by the order's intent key: it is known before the transaction exists, so the reservation is on disk before anything is signed. */
const reservationSchema = z.object({ intentKey: z.string(), networkId: z.string(), paraId: z.number().int(), atMs: z.number().int(), reservedPlanck: planck });
const fileSchema = z.object({
  version: z.literal(1),
  days: z.array(dayTotalSchema),
  recent: z.array(placedOrderSchema),
  inFlight: z.array(reservationSchema),
});

type SpendingFile = z.infer<typeof fileSchema>;
export type PlacedOrder = z.infer<typeof placedOrderSchema>;
export type Reservation = z.infer<typeof reservationSchema>;

export interface OrderCharged {
  txId: string;
  intentKey: string;
  networkId: string;
  paraId: number;
  atMs: number;
  placed: boolean;
  pricePlanck?: bigint;
  feePlanck: bigint;
  blockNumber: number;
  paidWith: 'balance' | 'credits';
}

export class OnDemandSpendingLedger {
  /** Set when the file on disk could not be read at start (it is moved aside): that day's spending is unknown, so the driver does not order blind. */
  unreadable: { movedTo: string; day: string } | undefined;
  private file: SpendingFile;

  constructor(private readonly deps: { filePath: string; log: Logger; now?: () => number }) {
    this.file = this.load();
  }

  /** Before an automatic order is sent: hold the most it may cost against its day's budget. */
  reserve(reservation: { intentKey: string; networkId: string; paraId: number; reservedPlanck: bigint; atMs?: number }): void {
    if (this.file.inFlight.some((held) => held.intentKey === reservation.intentKey)) return;
    this.file.inFlight.push({ intentKey: reservation.intentKey, networkId: reservation.networkId, paraId: reservation.paraId, atMs: reservation.atMs ?? this.now(), reservedPlanck: reservation.reservedPlanck.toString() });
    this.save();
  }

  /** The order never reached a block (refused by its dry run, dropped): nothing was taken. */
  release(intentKey: string): void {
    const before = this.file.inFlight.length;
    this.file.inFlight = this.file.inFlight.filter((held) => held.intentKey !== intentKey);
    if (this.file.inFlight.length !== before) this.save();
  }

  /** Whether the intent is an automatic order still holding a reservation. */
  isReserved(intentKey: string): boolean {
    return this.file.inFlight.some((held) => held.intentKey === intentKey);
  }

  reservations(): Reservation[] {
    return this.file.inFlight.map((held) => ({ ...held }));
  }

  /** Whether this transaction's charges are already counted. */
  isRecorded(txId: string): boolean {
    return this.file.recent.some((order) => order.txId === txId);
  }

  /** The charges recorded for a transaction (among the recent ones kept). */
  recorded(txId: string): PlacedOrder | undefined {
    const order = this.file.recent.find((entry) => entry.txId === txId);
    return order && { ...order };
  }

  /**
   * Counts what the chain took for one order transaction, once. An automatic
   * order's reservation is replaced by its real cost, on the day it was placed.
   */
  record(charged: OrderCharged): void {
    if (this.isRecorded(charged.txId)) return;
    const reservation = this.file.inFlight.find((held) => held.intentKey === charged.intentKey);
    const by = reservation || charged.intentKey.startsWith(AUTO_ORDER_KEY_PREFIX) ? 'auto' : 'manual';
    const atMs = reservation?.atMs ?? charged.atMs;
    this.file.inFlight = this.file.inFlight.filter((held) => held.intentKey !== charged.intentKey);
    const price = charged.placed ? charged.pricePlanck ?? 0n : 0n;
    const total = this.dayTotal(dayOf(atMs), charged.networkId, charged.paraId);
    total.orders += charged.placed ? 1 : 0;
    total.refused += charged.placed ? 0 : 1;
    total.pricePlanck = (BigInt(total.pricePlanck) + price).toString();
    total.feePlanck = (BigInt(total.feePlanck) + charged.feePlanck).toString();
    if (by === 'auto') total.autoSpentPlanck = (BigInt(total.autoSpentPlanck) + price + charged.feePlanck).toString();
    this.file.recent.unshift({
      txId: charged.txId,
      networkId: charged.networkId,
      paraId: charged.paraId,
      atMs,
      by,
      placed: charged.placed,
      ...(charged.placed && charged.pricePlanck !== undefined ? { pricePlanck: charged.pricePlanck.toString() } : {}),
      feePlanck: charged.feePlanck.toString(),
      blockNumber: charged.blockNumber,
      paidWith: charged.paidWith,
    });
    this.save();
  }

  /** What automatic orders took (or hold, while on their way) on the UTC day of `atMs`: price and fee. */
  autoSpentOn(networkId: string, paraId: number, atMs = this.now()): bigint {
    const day = dayOf(atMs);
    const counted = this.file.days.find((total) => total.day === day && total.networkId === networkId && total.paraId === paraId);
    const held = this.file.inFlight
      .filter((reservation) => reservation.networkId === networkId && reservation.paraId === paraId && dayOf(reservation.atMs) === day)
      .reduce((sum, reservation) => sum + BigInt(reservation.reservedPlanck), 0n);
    return BigInt(counted?.autoSpentPlanck ?? '0') + held;
  }

  summary(networkId: string, paraId: number): OnDemandSpending {
    const mine = <T extends { networkId: string; paraId: number }>(entry: T): boolean => entry.networkId === networkId && entry.paraId === paraId;
    return {
      networkId,
      paraId,
      autoSpentTodayPlanck: this.autoSpentOn(networkId, paraId).toString(),
      days: this.file.days.filter(mine).map(({ day, orders, refused, pricePlanck, feePlanck, autoSpentPlanck }) => ({ day, orders, refused, pricePlanck, feePlanck, autoSpentPlanck })),
      recent: this.file.recent.filter(mine).map(({ networkId: _network, paraId: _para, ...order }) => order),
      inFlight: this.file.inFlight.filter(mine).length,
    };
  }

  private dayTotal(day: string, networkId: string, paraId: number): SpendingFile['days'][number] {
    let total = this.file.days.find((entry) => entry.day === day && entry.networkId === networkId && entry.paraId === paraId);
    if (!total) {
      total = { day, networkId, paraId, orders: 0, refused: 0, pricePlanck: '0', feePlanck: '0', autoSpentPlanck: '0' };
      this.file.days.push(total);
      this.file.days.sort((a, b) => b.day.localeCompare(a.day));
    }
    return total;
  }

  private save(): void {
    const oldest = dayOf(this.now() - (DAYS_KEPT - 1) * 86_400_000);
    this.file.days = this.file.days.filter((total) => total.day >= oldest);
    this.file.recent = this.file.recent.slice(0, RECENT_KEPT);
    writeFileAtomicSync(this.deps.filePath, JSON.stringify(this.file, null, 1));
  }

  private load(): SpendingFile {
    let text: string;
    try {
      text = readFileSync(this.deps.filePath, 'utf8');
    } catch {
      return { version: 1, days: [], recent: [], inFlight: [] };
    }
    const parsed = fileSchema.safeParse(safeJson(text));
    if (parsed.success) return parsed.data;
    // Spending counts against a budget: never start from zero silently. Keep the file for the operator and refuse to order.
    const aside = `${this.deps.filePath}.unreadable-${this.now()}`;
    renameSync(this.deps.filePath, aside);
    this.deps.log.warn(`auto-order: ${this.deps.filePath} could not be read; moved aside to ${aside}`);
    this.unreadable = { movedTo: aside, day: dayOf(this.now()) };
    return { version: 1, days: [], recent: [], inFlight: [] };
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}

/** Budgets reset at midnight UTC whatever the machine's time zone. */
export function dayOf(atMs: number): string {
  return new Date(atMs).toISOString().slice(0, 10);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
