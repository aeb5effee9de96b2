import { app, dialog } from 'electron';
import type { Services } from '../services';
import { markQuitting } from './window';

type QuitChoice = 'stop' | 'keep' | 'cancel';

/**
 * Quitting asks what to do with running collators (unless the operator
 * already chose in Settings), then stops the services accordingly.
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
  const preference = services.settings.get().onQuit;
  if (running === 0 || preference === 'stop-collators') return 'stop';
  if (preference === 'keep-collators') return 'keep';
  const { response, checkboxChecked } = await dialog.showMessageBox({
    type: 'question',
    title: 'Quit Parachain Console',
    message: `${running} collator${running === 1 ? ' is' : 's are'} running.`,
    detail: 'Leave them running to keep your parachain producing blocks; the console finds them again when it starts.',
    buttons: ['Leave them running', 'Stop collators', 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    checkboxLabel: 'Remember my choice',
  });
  const choice: QuitChoice = response === 0 ? 'keep' : response === 1 ? 'stop' : 'cancel';
  if (checkboxChecked && choice !== 'cancel') services.settings.update({ onQuit: choice === 'keep' ? 'keep-collators' : 'stop-collators' });
  return choice;
}
