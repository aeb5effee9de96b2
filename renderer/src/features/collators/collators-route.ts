import { useEffect, useState } from 'react';

/** Where on the Collators screen the operator is; kept in the hash so a reload lands on the same node. */
export type CollatorsView = { kind: 'list' } | { kind: 'new' } | { kind: 'new-remote' } | { kind: 'detail'; id: string } | { kind: 'edit'; id: string };

export function parseCollatorsHash(hash: string): CollatorsView {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] !== 'collators' || !parts[1]) return { kind: 'list' };
  if (parts[1] === 'new') return { kind: 'new' };
  if (parts[1] === 'new-remote') return { kind: 'new-remote' };
  return parts[2] === 'edit' ? { kind: 'edit', id: parts[1] } : { kind: 'detail', id: parts[1] };
}

export function collatorsHash(view: CollatorsView): string {
  switch (view.kind) {
    case 'list':
      return '#/collators';
    case 'new':
      return '#/collators/new';
    case 'new-remote':
      return '#/collators/new-remote';
    case 'detail':
      return `#/collators/${encodeURIComponent(view.id)}`;
    case 'edit':
      return `#/collators/${encodeURIComponent(view.id)}/edit`;
  }
}

export function useCollatorsView(): [CollatorsView, (view: CollatorsView) => void] {
  const [view, setView] = useState(() => parseCollatorsHash(location.hash));
  useEffect(() => {
    const onChange = (): void => setView(parseCollatorsHash(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return [view, (next) => (location.hash = collatorsHash(next))];
}
