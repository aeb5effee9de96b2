import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { RUN_MARKER, failOnLeftovers, leftoverProcesses } from '../../support/leftover-processes';

/** The end-of-suite check, against a real fixture collator left running on purpose under a marker of its own. */
describe.skipIf(process.platform !== 'linux')('the check for processes a test run left behind', () => {
  it('finds a fixture collator started under this run\'s marker, kills it and fails listing it', async () => {
    const runId = `leftover-check-${process.pid}`;
    const child = spawn(process.execPath, ['test/fixtures/fake-collator/fake-collator.mjs', '--rpc-port', '0', '--prometheus-port', '0', '--port', '0'], {
      stdio: 'ignore',
      env: { ...process.env, [RUN_MARKER]: runId },
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await expect.poll(() => leftoverProcesses(runId).map((p) => p.pid)).toEqual([child.pid]);
      // Another run's marker does not see it.
      expect(leftoverProcesses('some-other-run')).toEqual([]);
      await expect(failOnLeftovers(runId, 'This suite')).rejects.toThrow(new RegExp(`left 1 process running \\(now killed\\)[\\s\\S]*pid ${child.pid}: .*fake-collator`));
      await exited;
      expect(leftoverProcesses(runId)).toEqual([]);
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);

  it('passes when everything a run started has stopped', async () => {
    await expect(failOnLeftovers(`nothing-started-${process.pid}`, 'This suite')).resolves.toBeUndefined();
  });
});
