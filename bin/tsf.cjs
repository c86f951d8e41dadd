#!/usr/bin/env node
// The `tsf` command: runs the built JavaScript in dist/ (`npm run build`; `npm ci`, `npm pack` and `npm test` build
// it). In a clone of the repository, run `npm run build` after changing the sources, or use `npm run tsf -- ...`,
// which builds first.
'use strict';
const path = require('node:path');

const main = path.join(__dirname, '../dist/cli/main.js');
let cli;
try {
  cli = require(main);
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes(main)) {
    process.stderr.write(`tsf: ${main} is missing; build it with \`npm run build\` in ${path.dirname(__dirname)}\n`);
    process.exit(1);
  }
  throw error;
}
cli.main(process.argv, require('../package.json').version);
