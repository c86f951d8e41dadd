#!/usr/bin/env node
// The `tsf` command. TypeScript sources run through tsx, so the CLI, the worker and the workflow bundle all
// come from the same files the tests exercise.
require('tsx/cjs');
require('../cli/main.ts');
