/**
 * A console session in a process of its own, for the orphan test: opens the
 * collators of a data folder, starts one profile's node, waits until it
 * serves, prints `{ id, pid }` and quits leaving it running, as an operator
 * who chose "leave them running" does.
 * Usage: node --import tsx previous-session.ts <dataDir> <logsDir> <profile JSON>
 */
import { settingsSchema } from '../../../shared/contract/settings';
import type { ProfileInput } from '../../../shared/contract/collators';
import { Collators } from '../../../main/collators/collators';
import { silentLogger } from '../../../main/logging/logger';

const [dataDir = '', logsDir = '', profileJson = '{}'] = process.argv.slice(2);
const settings = settingsSchema.parse({ schemaVersion: 2 });
const collators = new Collators({ dataDir, logsDir, settings: () => settings, log: silentLogger, supervisor: { probeIntervalMs: 200 } });
const profile = await collators.create(JSON.parse(profileJson) as ProfileInput);
await collators.supervisor.start(profile.id);
const state = await new Promise<{ pid: number | null }>((resolve) => {
  const stop = collators.supervisor.onState((s) => {
    if (s.status !== 'running') return;
    stop();
    resolve(s);
  }, profile.id);
});
await collators.dispose({ keepCollators: true });
process.stdout.write(`${JSON.stringify({ id: profile.id, pid: state.pid })}\n`);
process.exit(0);
