/**
 * `npm run conformance -- [folder] [--json file] [--filter text] [--concurrency n]`: runs the recorded AWS
 * behaviour in the conformance corpus (default ../shared/conformance/cases, outside the repository) on the engine
 * and prints case | result | first difference. Exits non-zero iff an applicable case failed.
 * Uses the server of the Temporal profile (TEMPORAL_CONFIG_FILE, TEMPORAL_PROFILE, TEMPORAL_ADDRESS) if one answers,
 * else starts a private dev server for the run.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startConformanceEngine } from './engine';
import { loadCases } from './load-cases';
import { formatTable, REPORT_NOTES, summarise, summaryLine, writeJsonReport } from './report';
import { runCases } from './run-all';
import { useOrStartServer } from './server';

const root = path.resolve(__dirname, '../..');
const DEFAULT_CORPUS = path.resolve(root, '../shared/conformance/cases');

const log = (message: string) => console.error(message);

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'string' },
      filter: { type: 'string' },
      concurrency: { type: 'string', default: '2' },
    },
  });
  const corpus = path.resolve(positionals[0] ?? DEFAULT_CORPUS);
  const cases = loadCases(corpus).filter((c) => !values.filter || c.name.includes(values.filter));
  if (cases.length === 0)
    throw new Error(`No cases found in ${corpus}${values.filter ? ` matching '${values.filter}'` : ''}`);
  log(`${cases.length} case(s) from ${corpus}`);

  const server = await useOrStartServer(log);
  try {
    const engine = await startConformanceEngine(server.settings);
    try {
      const outcomes = await runCases(engine.sfn, engine.storage, cases, Number(values.concurrency) || 2, (o) => {
        if (o.result !== 'N/A') log(`  ${o.result} ${o.name} (${(o.durationMs / 1000).toFixed(1)} s)`);
      });
      console.log(formatTable(outcomes));
      console.log('');
      for (const note of REPORT_NOTES) console.log(`note: ${note}`);
      const summary = summarise(outcomes);
      console.log(summaryLine(summary));
      if (values.json) writeJsonReport(path.resolve(values.json), corpus, outcomes);
      return summary.failed > 0 ? 1 : 0;
    } finally {
      await engine.stop();
    }
  } finally {
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
