import type { MessageBoxOptions } from 'electron';
import type { Settings } from '../../shared/contract/settings';

export type QuitChoice = 'stop' | 'keep' | 'cancel';

/** The answer when no question is needed: nothing running, or the operator chose once and for all in Settings. */
export function quitWithoutAsking(running: number, preference: Settings['onQuit']): QuitChoice | null {
  if (running === 0 || preference === 'stop-collators') return 'stop';
  if (preference === 'keep-collators') return 'keep';
  return null;
}

const BUTTONS: ReadonlyArray<{ label: string; choice: QuitChoice }> = [
  { label: 'Leave them running', choice: 'keep' },
  { label: 'Stop collators', choice: 'stop' },
  { label: 'Cancel', choice: 'cancel' },
];

/** The quit question: what to do with the collators still running. Leaving them running is the default, since they keep the parachain producing. */
export function quitQuestion(running: number): MessageBoxOptions {
  return {
    type: 'question',
    title: 'Quit Parachain Console',
    message: `${running} collator${running === 1 ? ' is' : 's are'} running.`,
    detail: 'Leave them running to keep your parachain producing blocks; the console finds them again when it starts.',
    buttons: BUTTONS.map((button) => button.label),
    defaultId: 0,
    cancelId: BUTTONS.findIndex((button) => button.choice === 'cancel'),
    checkboxLabel: 'Remember my choice',
  };
}

/** What the operator's answer to `quitQuestion` means, and what to remember in Settings (nothing for Cancel). */
export function quitAnswer(response: number, checkboxChecked: boolean): { choice: QuitChoice; remember: Settings['onQuit'] | null } {
  const choice = BUTTONS[response]?.choice ?? 'cancel';
  const remember = checkboxChecked && choice !== 'cancel' ? (choice === 'keep' ? 'keep-collators' : 'stop-collators') : null;
  return { choice, remember };
}
