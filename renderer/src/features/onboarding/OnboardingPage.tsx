import type { ReactElement } from 'react';
import { onboardingSteps, type OnboardingStep } from '../../../../shared/contract/onboarding';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/layout';
import { useApiMutation } from '../../api/hooks';
import { useCurrentNetwork } from '../../chain/use-network';
import { BlockspaceStep } from './steps/BlockspaceStep';
import { CollatorsStep } from './steps/CollatorsStep';
import { DoneStep } from './steps/DoneStep';
import { NetworkStep } from './steps/NetworkStep';
import { PrepareStep } from './steps/PrepareStep';
import { RegisterStep } from './steps/RegisterStep';
import type { StepProps } from './step-props';
import { useProgress } from './use-progress';
import '../keys/accounts.css';
import './onboarding.css';

const stepInfo: Record<OnboardingStep, { title: string; text: string; Screen: (props: StepProps) => ReactElement }> = {
  network: { title: 'Network and account', text: 'Pick the relay network (or a rehearsal fork of it) and the account that pays deposits and fees.', Screen: NetworkStep },
  prepare: { title: 'Prepare', text: 'Choose the collator binary and chain spec; export the genesis head and validation code.', Screen: PrepareStep },
  register: { title: 'Register', text: 'Reserve a para id, register the parachain, and follow the validators’ pre-check until it becomes a parathread.', Screen: RegisterStep },
  blockspace: { title: 'Blockspace', text: 'Buy bulk coretime, order blocks on demand, or bid for a lease where the runtime still runs auctions.', Screen: BlockspaceStep },
  collators: { title: 'Collators', text: 'Start your collators, give each its session keys, and register them with the parachain.', Screen: CollatorsStep },
  done: { title: 'Done', text: 'Watch your parachain from the dashboard.', Screen: DoneStep },
};

/** The wizard: one step at a time, resumable, every figure from the main process. */
export function OnboardingPage(): ReactElement {
  const { progress, error, update } = useProgress();
  const current = useCurrentNetwork();
  const reset = useApiMutation('onboarding.reset', { invalidates: ['onboarding.get'] });
  if (!progress) {
    return (
      <>
        <PageHeader title="Onboarding" description="From a chain spec to a parachain producing blocks, one step at a time." />
        {error ? <ErrorMessage error={error} /> : <p className="muted">Reading your progress…</p>}
      </>
    );
  }
  const { title, text, Screen } = stepInfo[progress.step];
  const reachable = (step: OnboardingStep): boolean => step === progress.step || progress.completed.includes(step) || onboardingSteps.indexOf(step) <= progress.completed.length;
  return (
    <>
      <PageHeader
        title="Onboarding"
        description="From a chain spec to a parachain producing blocks, one step at a time. Your progress is kept, so you can stop and come back."
        actions={progress.completed.length > 0 ? <button type="button" className="button button-ghost nowrap" onClick={() => { if (confirm('Start the wizard over? Nothing on chain is undone.')) reset.mutate({}); }}>Start over</button> : undefined}
      />
      <div className="wizard">
        <nav aria-label="Onboarding steps">
          <ol className="wizard-steps">
            {onboardingSteps.map((step, index) => {
              const done = progress.completed.includes(step);
              const here = step === progress.step;
              return (
                <li key={step} className={`${done ? 'done' : ''}${here ? ' current' : ''}`}>
                  <button type="button" className="wizard-step" disabled={!reachable(step)} aria-current={here ? 'step' : undefined} onClick={() => void update({ step })}>
                    <span className="step-number" aria-hidden="true">{done ? '✓' : index + 1}</span>
                    <span>{stepInfo[step].title}{done ? <span className="visually-hidden"> (done)</span> : null}</span>
                  </button>
                </li>
              );
            })}
          </ol>
        </nav>
        <section className="card wizard-panel" aria-labelledby="wizard-step-title">
          <div className="card-body">
            <h2 id="wizard-step-title">{title}</h2>
            <p className="muted">{text}</p>
            <Screen progress={progress} update={update} current={current} />
          </div>
        </section>
      </div>
    </>
  );
}
