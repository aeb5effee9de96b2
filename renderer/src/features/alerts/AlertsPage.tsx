import type { ReactElement } from 'react';
import { Card, PageHeader } from '../../components/layout';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useCollators } from '../collators/use-collators';
import { LevelBadge } from '../health/LevelBadge';
import { useHealthStatus } from '../health/use-health-status';
import { AlertHistory } from './AlertHistory';
import { CurrentStatus } from './CurrentStatus';
import { RulesEditor } from './RulesEditor';
import { WebhookSettings } from './WebhookSettings';
import '../collators/collators.css';
import './alerts.css';

export function AlertsPage(): ReactElement {
  const { status, error } = useHealthStatus();
  const { rows } = useCollators();
  const collators = rows ?? [];
  return (
    <>
      <PageHeader title="Alerts" description="What needs your attention, and what did." />
      {error ? <ErrorMessage error={error} /> : null}
      <Card title="Now">
        {status && status.level !== 'idle' ? (
          <p className="status-summary">
            <LevelBadge level={status.level} /> {status.summary}
          </p>
        ) : null}
        <CurrentStatus status={status} collators={collators} />
      </Card>
      <Card title="History">
        <AlertHistory />
      </Card>
      <div className="alerts-settings">
        <Card title="Rules">
          <RulesEditor collators={collators.map((row) => ({ id: row.profile.id, name: row.profile.name }))} parachains={(status?.parachains ?? []).map((p) => ({ paraId: p.paraId, name: p.name }))} />
        </Card>
        <Card title="Webhook">
          <WebhookSettings />
        </Card>
      </div>
    </>
  );
}
