import fs from 'node:fs';
import { after } from 'node:test';
import { localBackend } from '../helpers/storage-backends';
import { resultWriterRobustnessSuite } from '../suites/result-writer-robustness.suite';
import { resultWriterSuite } from '../suites/result-writer.suite';

const backend = localBackend();
after(() => fs.rmSync(backend.root, { recursive: true, force: true }));
resultWriterSuite('local', () => backend);
resultWriterRobustnessSuite('local', () => backend);
