// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { builtinModules } from 'node:module';

const root = import.meta.dirname;
const source = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

// ---------------------------------------------------------------------------------------------------------------
// The layers. A folder imports only from its own layer or the ones below it, so a reader never meets an import
// that runs the wrong way. asl/ and iam/ are siblings that need nothing of each other; the top layer's folders may
// import one another (the cycle rules keep those imports acyclic); test/ is above everything.
// ---------------------------------------------------------------------------------------------------------------
const LAYERS = [
  ['asl', 'iam'],
  ['messages'],
  ['workflows'],
  ['activities'],
  ['client'],
  ['worker', 'console/server', 'api', 'cli', 'scripts', 'bench', 'examples'],
  ['test'],
];
const ORDER =
  'asl, iam -> messages -> workflows -> activities -> client -> worker, console/server, api, cli, scripts, bench, examples -> test';
const SIBLINGS_APART = { asl: ['iam'], iam: ['asl'] };

/**
 * Temporal's `proxyActivities<EngineActivities>()` pattern: a workflow names its activities by their type. These
 * files, and only these, may `import type` from activities/ (type-only: see typeOnlyActivities below). The same
 * list in .dependency-cruiser.cjs allows the import cycle they may close through activities/.
 */
const ACTIVITY_TYPE_IMPORTERS = ['workflows/workflow-host.ts', 'workflows/map-run/activities.ts'];

/** One zone per folder: every folder above it is out of bounds. `except` takes folders out of a zone. */
function layerZones(except = {}) {
  return LAYERS.flatMap((layer, index) =>
    layer.map((folder) => {
      const apart = SIBLINGS_APART[folder] ?? [];
      const below = [...LAYERS.slice(0, index).flat(), ...layer.filter((f) => f !== folder && !apart.includes(f))];
      const from = [...apart, ...LAYERS.slice(index + 1).flat()].filter((f) => !except[folder]?.includes(f));
      const allowed = below.length > 0 ? `itself and ${below.map((f) => `${f}/`).join(', ')}` : 'itself';
      const message = `Layer rule: ${folder}/ imports only from ${allowed}. Imports run one way, bottom up: ${ORDER}.`;
      return { target: folder, from, message };
    }),
  ).filter(({ from }) => from.length > 0);
}

// The browser console bundles only what it imports: the Node-free message types, nothing of the engine.
const consoleWebZone = {
  target: 'console/web',
  from: LAYERS.flat().filter((folder) => folder !== 'messages'),
  message:
    'Layer rule: console/web (the browser app) may import only types from messages/ (the SDK response types and Map Run counts), never engine code.',
};

/** @param {Record<string, string[]>} [except] */
const restrictedPaths = (except) => ['error', { basePath: root, zones: [...layerZones(except), consoleWebZone] }];

// ---------------------------------------------------------------------------------------------------------------
// The sandbox fences. workflows/ run in Temporal's deterministic sandbox, and so do asl/ and iam/ (workflows
// import them) and messages/ (workflows define their signals with it): Node built-ins and Node globals would break
// replay or fail to bundle. asl/ and iam/ are pure: no Temporal package at all, not even for types.
// ---------------------------------------------------------------------------------------------------------------
const bareBuiltins = builtinModules.filter((name) => !name.startsWith('node:') && !name.startsWith('_'));
const nodeBuiltins = (why) => ({
  paths: bareBuiltins.map((name) => ({ name, message: why })),
  patterns: [{ group: ['node:*'], message: why }],
});
const PURE =
  'asl/ and iam/ are the pure core (asl, iam -> messages -> workflows ...): no Node built-in, no @temporalio/*, not even a type.';
const SANDBOX =
  'workflows/ and messages/ run in the Temporal workflow sandbox: no Node built-ins (type imports included).';
const SANDBOX_TEMPORAL =
  'workflows/ and messages/ use only @temporalio/workflow and @temporalio/common (the sandbox has no other).';

const pureImports = {
  paths: nodeBuiltins(PURE).paths,
  patterns: [...nodeBuiltins(PURE).patterns, { group: ['@temporalio/*'], message: PURE }],
};
const sandboxImports = {
  paths: nodeBuiltins(SANDBOX).paths,
  patterns: [
    ...nodeBuiltins(SANDBOX).patterns,
    { group: ['@temporalio/*', '!@temporalio/workflow', '!@temporalio/common'], message: SANDBOX_TEMPORAL },
  ],
};
const typeOnlyActivities = {
  regex: '(^|/)activities(/|$)',
  allowTypeImports: true,
  message: 'The proxyActivities pattern: a workflow may import the activities’ type only, never their code.',
};
const typeOnlyMessages = {
  regex: '(^|/)messages(/|$)',
  allowTypeImports: true,
  message: 'console/web runs in the browser: messages/ are imported for their types only (`import type`).',
};

const sandboxGlobals = ['process', 'Buffer', 'global', '__dirname', '__filename'].map((name) => ({
  name,
  message: `No Node global \`${name}\` in asl/, iam/, messages/ or workflows/: they run in Temporal's deterministic workflow sandbox.`,
}));

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.tsf/**', 'bin/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.mjs'] }, tsconfigRootDir: root },
    },
    rules: {
      // node:test's test()/describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite', 'before', 'after'] },
          ],
        },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'object-shorthand': 'error',
    },
  },

  // Imports: no cycles anywhere, and the layer order. import-x/no-cycle follows only the imports that exist at run
  // time (it skips `import type`, which TypeScript erases); type-only cycles are dependency-cruiser's
  // (.dependency-cruiser.cjs, also run by `npm run lint`). The layer zones see type imports too, hence the named
  // exception for Temporal's typed proxies (`proxyActivities<EngineActivities>()`).
  {
    files: source,
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts', '.cts'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.json', 'console/web/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': restrictedPaths(),
    },
  },

  // The sandbox fences.
  {
    files: ['asl/**', 'iam/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', pureImports] },
  },
  {
    files: ['workflows/**', 'messages/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', sandboxImports] },
  },
  {
    files: ['asl/**', 'iam/**', 'workflows/**', 'messages/**'],
    rules: { 'no-restricted-globals': ['error', ...sandboxGlobals] },
  },
  {
    files: ['console/web/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [typeOnlyMessages] }] },
  },
  // The named exception (last, so it replaces the two rules above for these files only): the activities' type.
  {
    files: ACTIVITY_TYPE_IMPORTERS,
    rules: {
      'import-x/no-restricted-paths': restrictedPaths({ workflows: ['activities'] }),
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { ...sandboxImports, patterns: [...sandboxImports.patterns, typeOnlyActivities] },
      ],
    },
  },

  // Sizes: a file reads in a sitting and a function in a screen. Lines are counted as `wc -l` counts them
  // (comments and blank lines included), so the lint and a reader agree. A file or function that must be longer
  // says why in its first comment: `// eslint-disable-next-line max-lines-per-function -- <why>` above the function,
  // `/* eslint-disable max-lines -- <why> */` at the top of the file (ESLint warns once such a comment is stale).
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['test/**'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': ['error', { max: 120, skipBlankLines: false, skipComments: false }],
    },
  },

  { files: ['**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  prettier,
);
