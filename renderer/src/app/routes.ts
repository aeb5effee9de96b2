import { useEffect, useState } from 'react';

export const routes = [
  { path: 'onboarding', label: 'Onboarding', description: 'From a chain spec to a parachain producing blocks.' },
  { path: 'parachains', label: 'Parachains', description: 'Your parachains on the relay chain: lifecycle, blockspace, inclusion.' },
  { path: 'channels', label: 'Channels', description: 'HRMP message channels with other parachains: open, requested, and with system chains.' },
  { path: 'accounts', label: 'Accounts', description: 'Keys that pay deposits and fees, held encrypted by this console.' },
  { path: 'collators', label: 'Collators', description: 'The collator nodes this console runs and watches.' },
  { path: 'alerts', label: 'Alerts', description: 'What needs your attention, and what did.' },
  { path: 'settings', label: 'Settings', description: 'How the console behaves on this machine.' },
] as const;

export type RoutePath = (typeof routes)[number]['path'];

function currentRoute(): RoutePath {
  const hash = location.hash.replace(/^#\/?/, '').split('/')[0];
  return routes.find((route) => route.path === hash)?.path ?? 'onboarding';
}

/**
 * The whole app is a handful of top-level screens (the `routes` above), so the route is just the hash
 * (`#/collators`): it survives reloads and needs no router library.
 */
export function useRoute(): [RoutePath, (path: RoutePath) => void] {
  const [route, setRoute] = useState<RoutePath>(currentRoute);
  useEffect(() => {
    const onChange = (): void => setRoute(currentRoute());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return [route, (path) => (location.hash = `#/${path}`)];
}
