import { useState, type ReactElement } from 'react';
import { collatorRuleIds, parachainRuleIds, type HealthRules, type RuleId, type RulesUpdate } from '../../../../shared/contract/health';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorMessage } from '../../components/ErrorMessage';
import { collatorThresholdFields, parachainThresholdFields, ruleWords, shownValue, thresholdPatch, type ThresholdField } from './rule-fields';

type Scope = { kind: 'collator-defaults' } | { kind: 'collator'; id: string } | { kind: 'parachain-defaults' } | { kind: 'parachain'; paraId: number };

/**
 * Rule thresholds: the defaults for every collator and parachain, and the
 * operator's overrides for one of them. Times are in the chain's block times.
 */
export function RulesEditor({ collators, parachains }: { collators: Array<{ id: string; name: string }>; parachains: Array<{ paraId: number; name: string }> }): ReactElement {
  const rules = useApiQuery('health.getRules', {});
  const [scopeKey, setScopeKey] = useState('collator-defaults');
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const scope = parseScope(scopeKey);
  return (
    <div className="rules-editor">
      <label className="rules-scope">
        <span className="field-label">Thresholds for</span>
        <select
          value={scopeKey}
          onChange={(e) => {
            setScopeKey(e.target.value);
            setSavedAt(null);
          }}
        >
          <option value="collator-defaults">Every collator (defaults)</option>
          {collators.map((c) => (
            <option key={c.id} value={`collator:${c.id}`}>
              Collator {c.name}
            </option>
          ))}
          <option value="parachain-defaults">Every parachain (defaults)</option>
          {parachains.map((p) => (
            <option key={p.paraId} value={`parachain:${p.paraId}`}>
              Parachain {p.name} ({p.paraId})
            </option>
          ))}
        </select>
      </label>
      {rules.error ? <ErrorMessage error={rules.error} /> : null}
      {/* A fresh form whenever the saved rules change, so it always starts from what applies now. */}
      {rules.data ? <ScopeForm key={`${scopeKey}:${JSON.stringify(rules.data)}`} rules={rules.data} scope={scope} saved={savedAt === scopeKey} onSaved={() => setSavedAt(scopeKey)} /> : null}
    </div>
  );
}

function ScopeForm({ rules, scope, saved, onSaved }: { rules: HealthRules; scope: Scope; saved: boolean; onSaved: () => void }): ReactElement {
  const update = useApiMutation('health.updateRules', { invalidates: ['health.getRules', 'health.status'] });
  const isCollator = scope.kind === 'collator' || scope.kind === 'collator-defaults';
  const fields = (isCollator ? collatorThresholdFields : parachainThresholdFields) as ThresholdField<string>[];
  const ruleIds: readonly RuleId[] = isCollator ? collatorRuleIds : parachainRuleIds;
  const override: Record<string, unknown> =
    scope.kind === 'collator' ? (rules.collators[scope.id] ?? {}) : scope.kind === 'parachain' ? (rules.parachains[String(scope.paraId)] ?? {}) : {};
  const effective = { ...(isCollator ? rules.collatorDefaults : rules.parachainDefaults), ...override } as unknown as Record<string, number> & { disabledRules: RuleId[] };
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [disabled, setDisabled] = useState<ReadonlySet<RuleId>>(new Set(effective.disabledRules));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const hasOverride = Object.keys(override).length > 0;

  const save = (): void => {
    const { patch, errors: fieldErrors } = thresholdPatch(fields, effective, typed);
    setErrors(fieldErrors as Record<string, string>);
    if (Object.keys(fieldErrors).length > 0) return;
    const disabledRules = [...disabled].sort();
    const fullPatch: Record<string, unknown> = { ...patch };
    if (disabledRules.join() !== [...effective.disabledRules].sort().join()) fullPatch.disabledRules = disabledRules;
    if (Object.keys(fullPatch).length === 0) return;
    // mutateAsync: the saved rules remount this form before a mutate callback would run.
    update.mutateAsync({ update: toUpdate(scope, fullPatch) }).then(onSaved, () => undefined);
  };

  const reset = (): void => {
    if (scope.kind === 'collator') update.mutateAsync({ update: { scope: 'reset-collator', id: scope.id } }).then(onSaved, () => undefined);
    if (scope.kind === 'parachain') update.mutateAsync({ update: { scope: 'reset-parachain', paraId: scope.paraId } }).then(onSaved, () => undefined);
  };

  return (
    <form
      className="rules-form"
      aria-label="Rule thresholds"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <div className="thresholds-grid">
        {fields.map((field) => (
          <label key={field.key} className="threshold">
            <span>
              {field.label}
              {field.key in override ? <span className="badge override-badge">changed here</span> : null}
            </span>
            <span className="threshold-input">
              <input type="text" inputMode="decimal" value={typed[field.key] ?? shownValue(field, effective[field.key] ?? 0)} onChange={(e) => setTyped({ ...typed, [field.key]: e.target.value })} aria-invalid={errors[field.key] ? true : undefined} />
              <span className="muted small">{field.unit}</span>
            </span>
            {errors[field.key] ? <span className="field-error">{errors[field.key]}</span> : null}
          </label>
        ))}
      </div>
      <fieldset className="rules-enabled">
        <legend className="field-label">Rules watched</legend>
        {ruleIds.map((rule) => (
          <label key={rule} className="toggle">
            <input
              type="checkbox"
              checked={!disabled.has(rule)}
              onChange={(e) => {
                const next = new Set(disabled);
                if (e.target.checked) next.delete(rule);
                else next.add(rule);
                setDisabled(next);
              }}
            />
            {ruleWords[rule]}
          </label>
        ))}
      </fieldset>
      {update.error ? <ErrorMessage error={update.error} /> : null}
      <div className="form-actions">
        {saved && !update.isPending ? <span className="muted" role="status">Saved.</span> : null}
        {hasOverride ? (
          <button type="button" className="button button-secondary" onClick={reset} disabled={update.isPending}>
            Use the defaults again
          </button>
        ) : null}
        <button type="submit" className="button" disabled={update.isPending}>
          Save thresholds
        </button>
      </div>
    </form>
  );
}

function parseScope(key: string): Scope {
  if (key.startsWith('collator:')) return { kind: 'collator', id: key.slice('collator:'.length) };
  if (key.startsWith('parachain:')) return { kind: 'parachain', paraId: Number(key.slice('parachain:'.length)) };
  return key === 'parachain-defaults' ? { kind: 'parachain-defaults' } : { kind: 'collator-defaults' };
}

function toUpdate(scope: Scope, patch: Record<string, unknown>): RulesUpdate {
  // The patch's keys come from the field lists of the same scope kind, which mirror the contract's schemas.
  switch (scope.kind) {
    case 'collator-defaults':
      return { scope: 'collator-defaults', patch } as RulesUpdate;
    case 'collator':
      return { scope: 'collator', id: scope.id, patch } as RulesUpdate;
    case 'parachain-defaults':
      return { scope: 'parachain-defaults', patch } as RulesUpdate;
    case 'parachain':
      return { scope: 'parachain', paraId: scope.paraId, patch } as RulesUpdate;
  }
}
