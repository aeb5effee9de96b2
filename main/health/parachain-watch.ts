import { InclusionProbe } from './probes/inclusion-probe';
import type { BlockspaceSignal, ParachainTarget } from './signals';

/** What the monitor knows about one parachain from the relay chain and its blockspace. */
export class ParachainWatch {
  readonly inclusion: InclusionProbe;
  blockspace: BlockspaceSignal | null = null;

  constructor(
    public target: ParachainTarget,
    readonly watchedSinceMs: number,
  ) {
    this.inclusion = new InclusionProbe(target.paraId);
  }
}
