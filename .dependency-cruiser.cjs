// @ts-check
/* global module */
/**
 * No import cycles, type-only ones included. `npm run lint` runs it (`depcruise --config .dependency-cruiser.cjs .`);
 * test/unit/dependency-cycles.test.ts shows it bites.
 *
 * ESLint's import-x/no-cycle (eslint.config.mjs) follows only the imports that exist at run time, so it lets every
 * `import type` cycle through. Here `tsPreCompilationDeps` counts those too: a file that needs only a type of
 * another should not sit in a ring with it, whatever the compiler erases.
 *
 * One cycle is allowed, by name: Temporal's proxyActivities pattern. A workflow names its activities by their type
 * (`proxyActivities<EngineActivities>()`), and the activities, one layer up, may import workflow types back. Only
 * the files below may import that type (the same list as ACTIVITY_TYPE_IMPORTERS in eslint.config.mjs, whose
 * fences keep it `import type` and keep every other workflows/ file out of activities/), so a cycle through one of
 * them and activities/ is that pattern; every other cycle is reported as `no-circular`.
 */

/** The workflow files that import the activities' type for proxyActivities (see eslint.config.mjs). */
const ACTIVITY_TYPE_IMPORTERS = ['workflows/workflow-host.ts', 'workflows/map-run/activities.ts'];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const activityTypeImporter = `^(${ACTIVITY_TYPE_IMPORTERS.map(escape).join('|')})$`;

const CYCLE =
  'This import closes a cycle (type-only imports count): move what both sides need into a file that imports ' +
  'neither, e.g. a workflow’s type for startChild into workflows/workflow-signatures.ts.';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // The rule is written as two halves, because a cycle is judged by the modules it passes through: together
    // they report every cycle except one through a named file and activities/.
    {
      name: 'no-circular',
      severity: 'error',
      comment: CYCLE,
      from: {},
      to: { circular: true, viaOnly: { pathNot: activityTypeImporter } },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: `${CYCLE} (A cycle through ${ACTIVITY_TYPE_IMPORTERS.join(' or ')} is allowed only through activities/.)`,
      from: {},
      to: { circular: true, via: { path: activityTypeImporter }, viaOnly: { pathNot: '^activities/' } },
    },
  ],
  options: {
    // All source: the folders of eslint.config.mjs's LAYERS, console/web included, tests included.
    includeOnly: '^(asl|iam|messages|workflows|activities|client|api|cli|worker|console|scripts|bench|examples|test)/',
    exclude: { path: '(^|/)(node_modules|dist|\\.tsf)/|^test/replay/histories/' },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json'] },
    skipAnalysisNotInRules: true,
  },
};
