import fs from 'node:fs';
import { after } from 'node:test';
import { localBackend } from '../helpers/storage-backends';
import { itemReaderFilesSuite } from '../suites/item-reader-files.suite';
import { itemReaderSourcesSuite } from '../suites/item-reader-sources.suite';

const backend = localBackend();
after(() => fs.rmSync(backend.root, { recursive: true, force: true }));
itemReaderFilesSuite('local', () => backend);
itemReaderSourcesSuite('local', () => backend);
