import { randomUUID } from 'node:crypto';
import type { Notice } from '../../shared/contract/app';

type Listener = (notice: Notice) => void;

/** Warnings for the operator that must be seen, not just logged (a settings file moved aside, a refused keychain). */
export class NoticeBoard {
  private readonly notices = new Map<string, Notice>();
  private readonly listeners = new Set<Listener>();

  post(notice: Omit<Notice, 'id' | 'at'> & { id?: string }): Notice {
    const full: Notice = { ...notice, id: notice.id ?? randomUUID(), at: Date.now() };
    this.notices.set(full.id, full);
    for (const listener of this.listeners) listener(full);
    return full;
  }

  list(): Notice[] {
    return [...this.notices.values()].sort((a, b) => a.at - b.at);
  }

  dismiss(id: string): boolean {
    return this.notices.delete(id);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
