import type { Metadata, Option } from '@polkadot/types';
import type { PalletCallMetadataLatest, PalletErrorMetadataLatest } from '@polkadot/types/interfaces';
import type { Registry } from '@polkadot/types/types';
import { stringCamelCase } from '@polkadot/util';

/**
 * What one runtime's metadata offers, by the names `api.tx`, `api.query` and
 * `api.consts` use (camelCase pallets, calls and items), so detection and the
 * builders speak the same language.
 */
export interface PalletIndex {
  readonly name: string;
  readonly index: number;
  readonly calls: ReadonlySet<string>;
  readonly storage: ReadonlySet<string>;
  readonly constants: ReadonlySet<string>;
  readonly errors: ReadonlySet<string>;
}

export interface RuntimeApiIndex {
  readonly name: string;
  readonly methods: ReadonlySet<string>;
}

export class MetadataIndex {
  readonly metadataVersion: number;
  /** True when the metadata lists the runtime APIs (v15 and later). */
  readonly describesRuntimeApis: boolean;
  private readonly pallets: ReadonlyMap<string, PalletIndex>;
  private readonly runtimeApis: ReadonlyMap<string, RuntimeApiIndex>;

  constructor(metadata: Metadata, registry: Registry) {
    this.metadataVersion = metadata.version;
    this.describesRuntimeApis = metadata.version >= 15;
    const latest = metadata.asLatest;
    this.pallets = new Map(
      latest.pallets.map((pallet) => {
        const name = stringCamelCase(pallet.name.toString());
        const variantNames = (holder: Option<PalletCallMetadataLatest | PalletErrorMetadataLatest>): string[] =>
          holder.isSome ? registry.lookup.getSiType(holder.unwrap().type).def.asVariant.variants.map((v) => v.name.toString()) : [];
        const entry: PalletIndex = {
          name,
          index: pallet.index.toNumber(),
          calls: new Set(variantNames(pallet.calls).map((call) => stringCamelCase(call))),
          storage: new Set(pallet.storage.isSome ? pallet.storage.unwrap().items.map((item) => stringCamelCase(item.name.toString())) : []),
          constants: new Set(pallet.constants.map((constant) => stringCamelCase(constant.name.toString()))),
          errors: new Set(variantNames(pallet.errors)),
        };
        return [name, entry] as const;
      }),
    );
    this.runtimeApis = new Map(
      (this.describesRuntimeApis ? latest.apis : []).map((api) => {
        const name = api.name.toString();
        return [name, { name, methods: new Set(api.methods.map((m) => m.name.toString())) }] as const;
      }),
    );
  }

  pallet(name: string): PalletIndex | undefined {
    return this.pallets.get(name);
  }

  palletNames(): string[] {
    return [...this.pallets.keys()];
  }

  hasCall(pallet: string, call: string): boolean {
    return this.pallets.get(pallet)?.calls.has(call) ?? false;
  }

  hasStorage(pallet: string, item: string): boolean {
    return this.pallets.get(pallet)?.storage.has(item) ?? false;
  }

  hasConstant(pallet: string, constant: string): boolean {
    return this.pallets.get(pallet)?.constants.has(constant) ?? false;
  }

  /** The first of the candidate pallet names this runtime has (pallets get renamed between runtimes). */
  findPallet(candidates: readonly string[]): PalletIndex | undefined {
    for (const name of candidates) {
      const pallet = this.pallets.get(name);
      if (pallet !== undefined) return pallet;
    }
    return undefined;
  }

  runtimeApi(name: string): RuntimeApiIndex | undefined {
    return this.runtimeApis.get(name);
  }
}
