import type { ReactElement } from 'react';
import { useApi, useApiQuery } from '../api/hooks';
import { Icon } from '../components/icons';
import { AccountsPage } from '../features/keys/AccountsPage';
import { AlertsPage } from '../features/alerts/AlertsPage';
import { ChannelsPage } from '../features/channels/ChannelsPage';
import { CollatorsPage } from '../features/collators/CollatorsPage';
import { OnboardingPage } from '../features/onboarding/OnboardingPage';
import { ParachainsPage } from '../features/parachains/ParachainsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { ConnectionBanner, Notices } from './Notices';
import { routes, useRoute, type RoutePath } from './routes';
import { useTheme } from './theme';

const screens: Record<RoutePath, () => ReactElement> = {
  onboarding: OnboardingPage,
  parachains: ParachainsPage,
  channels: ChannelsPage,
  accounts: AccountsPage,
  collators: CollatorsPage,
  alerts: AlertsPage,
  settings: SettingsPage,
};

export function App(): ReactElement {
  const [route, navigate] = useRoute();
  const settings = useApiQuery('settings.get', {});
  const info = useApiQuery('app.info', {});
  const api = useApi();
  useTheme(settings.data?.theme);
  const Screen = screens[route];

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>Parachain Console</span>
        </div>
        <ul>
          {routes.map((item) => (
            <li key={item.path}>
              <a
                href={`#/${item.path}`}
                className={item.path === route ? 'nav-link active' : 'nav-link'}
                aria-current={item.path === route ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(item.path);
                }}
              >
                <Icon name={item.path} />
                {item.label}
              </a>
            </li>
          ))}
        </ul>
        <div className="sidebar-footer muted">
          {info.data ? `v${info.data.version} · ${api.kind === 'electron' ? 'desktop' : 'headless'}` : ' '}
        </div>
      </nav>
      <main className="content" id="content">
        <ConnectionBanner />
        <Notices />
        <Screen />
      </main>
    </div>
  );
}
