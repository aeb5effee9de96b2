import type { ApiPromise } from '@polkadot/api';
import type { DispatchError } from '@polkadot/types/interfaces';
import type { CallPermissionCheck } from '../capabilities/call-permissions';

/** Any signed origin will do: the call filter runs before the call looks at its origin's funds or rights. */
const PROBE_ORIGIN = '5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM';
const DRY_RUN_XCM_VERSION = 4;

/**
 * Whether the runtime lets a call through its call filter, found by dry-running
 * it (with default arguments) through `DryRunApi`: a filtered call fails with
 * `System.CallFiltered` whatever its arguments; any other outcome means the
 * filter let it through. `unknown` on a runtime without the dry-run API.
 */
export function dryRunCallPermission(api: ApiPromise): CallPermissionCheck {
  return async (pallet, call) => {
    const runtimeCall = api.call.dryRunApi?.dryRunCall;
    const create = api.tx[pallet]?.[call];
    if (!runtimeCall || !create) return 'unknown';
    try {
      const args = create.meta.args.map((arg) => api.createType(arg.type.toString()));
      const origin = { system: { Signed: PROBE_ORIGIN } };
      const params = (runtimeCall as unknown as { meta?: { params?: unknown[] } }).meta?.params?.length ?? 2;
      const result = (await runtimeCall(...(params >= 3 ? [origin, create(...args), DRY_RUN_XCM_VERSION] : [origin, create(...args)]))) as unknown as DryRunOutcome;
      if (result.isErr) return 'unknown';
      const execution = result.asOk.executionResult;
      if (!execution.isErr) return 'allowed';
      const error = execution.asErr.error;
      if (!error.isModule) return 'allowed';
      const meta = api.registry.findMetaError(error.asModule);
      return meta.section === 'system' && meta.name === 'CallFiltered' ? 'filtered' : 'allowed';
    } catch {
      return 'unknown';
    }
  };
}

interface DryRunOutcome {
  isErr: boolean;
  asOk: { executionResult: { isErr: boolean; asErr: { error: DispatchError } } };
}
