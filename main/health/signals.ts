/**
 * What the other services feed into health monitoring. The collator supervisor
 * and the chain layer call these; nothing here depends on how they are built.
 */

/** One sample of a collator process, from the supervisor's pid sampling. */
export interface ProcessSample {
  alive: boolean;
  pid?: number;
  cpuPercent?: number;
  memoryBytes?: number;
  openFiles?: number;
}

/** A change in a collator process's life, as the supervisor sees it. */
export type ProcessEvent =
  | { kind: 'started'; pid: number }
  /** `expected` is true when the operator asked it to stop. */
  | { kind: 'exited'; code: number | null; signal: string | null; expected: boolean }
  | { kind: 'restarting'; attempt: number }
  /** The supervisor stopped restarting (its own crash-loop guard). */
  | { kind: 'gave-up' };

/** A structured event the supervisor's log parser found in a node's output. */
export type LogEvent =
  | { kind: 'imported'; number: number }
  | { kind: 'idle'; peers: number; best: number; finalized: number }
  | { kind: 'prepared-block'; number: number }
  | { kind: 'starting-collation' }
  | { kind: 'error'; message: string }
  | { kind: 'warning'; message: string };

/** Where a collator can be probed directly. */
export interface CollatorTarget {
  id: string;
  name: string;
  paraId: number;
  /** The parachain node's WebSocket RPC, e.g. ws://127.0.0.1:9944. */
  rpcUrl?: string;
  /** Prometheus endpoints of the two halves, e.g. http://127.0.0.1:9615/metrics. */
  parachainMetricsUrl?: string;
  relayMetricsUrl?: string;
  /** The node's base path: free disk is watched there. */
  basePath?: string;
  /** Hex public key of its Aura session key, to tell its blocks from the others'. */
  auraKey?: string;
  /** False while the operator has it stopped: then a dead process is not a fault. */
  expectedRunning: boolean;
}

export interface ParachainTarget {
  paraId: number;
  name: string;
}

/**
 * The parachain's blockspace as the chain layer reads it: a lease, a bulk
 * coretime region, or on-demand orders paid from an account.
 */
export type BlockspaceSignal =
  | { kind: 'none' }
  | { kind: 'lease'; endsAtMs: number }
  | {
      kind: 'bulk';
      endsAtMs: number;
      /**
       * The renewal interlude of the sale that follows this region. The renewal itself stays
       * possible after the interlude, while cores remain unsold, until `renewalClosesAtMs`
       * (the broker moves to the next sale); `soldOut` when no core is left for it.
       */
      interlude?: {
        open: boolean;
        endsAtMs: number;
        endsAtBlock?: number;
        renewed: boolean;
        renewalClosesAtMs?: number;
        renewalClosesAtBlock?: number;
        soldOut?: boolean;
      };
    }
  | {
      kind: 'on-demand';
      balancePlanck: bigint;
      /** What the next order pays at inclusion, as the relay will compute it. */
      spotPricePlanck: bigint;
      /** The transaction fee of one order, paid on top of the price (and even when the order is refused); undefined when the relay could not estimate it. */
      orderFeePlanck?: bigint;
      /** True while orders are queued or being placed: then the parachain is expected to be included. */
      ordering: boolean;
    };
