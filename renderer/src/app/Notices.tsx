import { useQueryClient } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { useApiMutation, useApiQuery, useStream, useTransportStatus } from '../api/hooks';

/** Warnings from the main process the operator must see (a settings file moved aside...), until dismissed. */
export function Notices(): ReactElement | null {
  const notices = useApiQuery('app.notices', {});
  const dismiss = useApiMutation('app.dismissNotice', { invalidates: ['app.notices'] });
  const queryClient = useQueryClient();
  useStream('app.notice', {}, () => void queryClient.invalidateQueries({ queryKey: ['app.notices'] }));
  if (!notices.data?.length) return null;
  return (
    <div className="notices">
      {notices.data.map((notice) => (
        <div key={notice.id} className={`banner banner-${notice.level === 'info' ? 'info' : notice.level === 'error' ? 'error' : 'warning'}`} role="alert">
          <div>
            <strong>{notice.title}</strong>
            <p>{notice.message}</p>
            {notice.hint ? <p className="muted">{notice.hint}</p> : null}
          </div>
          <button type="button" className="button button-ghost" onClick={() => dismiss.mutate({ id: notice.id })}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}

export function ConnectionBanner(): ReactElement | null {
  const status = useTransportStatus();
  if (status === 'open') return null;
  return (
    <div className="banner banner-warning connection-banner" role="status">
      <strong>{status === 'connecting' ? 'Connecting to the console…' : 'Lost the connection to the console.'}</strong>
      <span> Reconnecting by itself. If it does not come back, check that the console process is still running.</span>
    </div>
  );
}
