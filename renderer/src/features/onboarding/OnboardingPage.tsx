import type { ReactElement } from 'react';
import { Card, PageHeader } from '../../components/layout';

const steps = [
  { title: 'Network and account', text: 'Pick the relay network (or a rehearsal fork of it) and the account that pays deposits and fees.' },
  { title: 'Prepare', text: 'Choose the collator binary and chain spec; export the genesis head and validation code and check them against the relay’s limits.' },
  { title: 'Register', text: 'Reserve a para id, register the parachain, and follow the validators’ pre-check until it becomes a parathread.' },
  { title: 'Blockspace', text: 'Buy bulk coretime, order blocks on demand, or bid in an auction where the network still runs them.' },
  { title: 'Collators', text: 'Start your collators, give each its session keys, and register them with the parachain.' },
  { title: 'Done', text: 'Watch your parachain produce blocks from the dashboard and the tray.' },
];

export function OnboardingPage(): ReactElement {
  return (
    <>
      <PageHeader title="Onboarding" description="From a chain spec to a parachain producing blocks, one step at a time. Your progress is kept, so you can stop and come back." />
      <Card title="The path">
        <ol className="steps">
          {steps.map((step, index) => (
            <li key={step.title} className="step">
              <span className="step-number" aria-hidden="true">{index + 1}</span>
              <div>
                <h3>{step.title}</h3>
                <p className="muted">{step.text}</p>
              </div>
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
