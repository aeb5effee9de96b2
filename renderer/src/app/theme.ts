import { useEffect } from 'react';
import type { Settings } from '../../../shared/contract/settings';

/** Light and dark follow the OS unless the operator picked one in Settings. */
export function useTheme(theme: Settings['theme'] | undefined): void {
  useEffect(() => {
    const root = document.documentElement;
    if (!theme || theme === 'system') root.removeAttribute('data-theme');
    else root.setAttribute('data-theme', theme);
  }, [theme]);
}
