import { failOnLeftovers, markTestRun } from './leftover-processes';

/** vitest globalSetup: marks this run, and at its end fails it if any process a test started is still running. */
export default function setup(): () => Promise<void> {
  const runId = markTestRun();
  return () => failOnLeftovers(runId, 'The vitest run');
}
