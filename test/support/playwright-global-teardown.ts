import { RUN_MARKER, failOnLeftovers } from './leftover-processes';

/** Playwright globalTeardown: fails the run if a fixture collator, chopsticks fork or headless console it started is still running. */
export default async function globalTeardown(): Promise<void> {
  await failOnLeftovers(process.env[RUN_MARKER], 'The Playwright run');
}
