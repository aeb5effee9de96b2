import { markTestRun } from './leftover-processes';

/** Playwright globalSetup: marks this run; the workers and everything they start inherit the marker. */
export default function globalSetup(): void {
  markTestRun();
}
