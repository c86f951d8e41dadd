// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import { builtinModules } from 'node:module';

// Workflow code runs in Temporal's deterministic sandbox: Node built-ins (and the non-workflow Temporal
// packages) would break replay or fail to bundle, so they are fenced out of workflows/ and of the pure asl/ core.
const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);
const sandboxRestrictedImports = {
  paths: [...nodeBuiltins, '@temporalio/activity', '@temporalio/client', '@temporalio/worker'].map((name) => ({
    name,
    message: 'Not allowed in deterministic code (workflows/ and asl/ run inside the Temporal workflow sandbox).',
    allowTypeImports: true,
  })),
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.tsf/**', 'bin/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.mjs'] }, tsconfigRootDir: import.meta.dirname },
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
  {
    files: ['workflows/**/*.ts', 'asl/**/*.ts', 'messages/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', sandboxRestrictedImports] },
  },
  { files: ['**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  prettier,
);
