import { app, dialog } from 'electron';
import type { Services } from '../api/services';
import { quitAnswer, quitQuestion, quitWithoutAsking, type QuitChoice } from './quit-question';
import { markQuitting } from './window';

/**
 * Quitting asks what to do with running collators (unless the operator
 * already chose in Settings), then stops the services accordingly. The
 * question and the meaning of its answers are quit-question.ts (tested
 * there); this only shows the dialog and acts.
 */
export function handleQuit(services: Services, onDone: () => void): void {
  let decided = false;
  app.on('before-quit', (event) => {
    if (decided) return;
    event.preventDefault();
    void decide(services).then(async (choice) => {
      if (choice === 'cancel') return;
      decided = true;
      markQuitting();
      await services.dispose({ keepCollators: choice === 'keep' });
      onDone();
      app.quit();
    });
  });
}

async function decide(services: Services): Promise<QuitChoice> {
  const running = services.runningCollators();
  const known = quitWithoutAsking(running, services.settings.get().onQuit);
  if (known) return known;
  const { response, checkboxChecked } = await dialog.showMessageBox(quitQuestion(running));
  const { choice, remember } = quitAnswer(response, checkboxChecked);
  if (remember) services.settings.update({ onQuit: remember });
  return choice;
}
