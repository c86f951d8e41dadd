// PostgreSQL restarted (fast shutdown, then a new postgres on the same data) in the middle of a Standard Map Run
// (300 items, 30 at once): every service loses its connections and reconnects; the Map Run finishes with exact
// counts, each item exactly once (test/helpers/map-run-crash.ts says what is checked, and why).
import { after, before, test } from 'node:test';
import * as handlers from '../fixtures/work-handler';
import { clusterControl } from '../helpers/cluster';
import { startTestEngine, type TestEngine } from '../helpers/engine';
import { tempDir } from '../helpers/fixtures';
import { mapRunThroughCrash } from '../helpers/map-run-crash';

const storageDir = tempDir('postgres-restarted');
let engine: TestEngine;
before(async () => {
  engine = await startTestEngine({ handlers, storageDir });
});
after(() => engine?.stop());

test('PostgreSQL restarted mid Map Run: SUCCEEDED, exact counts, each item once', async () => {
  const report = await mapRunThroughCrash({
    engine,
    storageDir,
    items: 300,
    maxConcurrency: 30,
    seconds: 0.5,
    crashAt: 0.3,
    crash: async () => {
      await clusterControl.restartPostgres();
    },
  });
  console.log(`# ${JSON.stringify(report)}`);
});
