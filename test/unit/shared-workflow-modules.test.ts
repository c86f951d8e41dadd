/**
 * The worker preloads the workflow modules (worker/bundle.ts): one evaluation per V8 context, shared by every
 * workflow run of the worker. State kept at module level would then leak from one workflow to the next, and a
 * workflow could behave differently on a busy worker than on the fresh one that replays it. This test reads the
 * modules the workflows import and refuses module-level mutable state, save for the few caches that are named
 * below with the reason they are safe to share.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

const root = path.resolve(__dirname, '../..');

/** `file:name` of module-level state that is safe to share, and why. */
const SHARED_ON_PURPOSE: Record<string, string> = {
  'asl/jsonata/evaluate.ts:compiled': 'compiled expressions by text: compiling is pure and synchronous',
  'asl/jsonata/functions.ts:fromMillisByHost': "keyed by the execution's own host, so each run starts empty",
};

const MUTABLE_CONTAINERS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array']);

/** Every project module the workflow entry point imports for its values (type-only imports are erased). */
function workflowModules(entry: string): string[] {
  const found = new Set<string>();
  const visit = (file: string) => {
    if (found.has(file)) return;
    found.add(file);
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    for (const statement of source.statements) {
      const specifier =
        (ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly) ||
        (ts.isExportDeclaration(statement) && !statement.isTypeOnly)
          ? statement.moduleSpecifier
          : undefined;
      if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) continue;
      const base = path.resolve(path.dirname(file), specifier.text);
      const resolved = [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate));
      assert.ok(resolved, `${path.relative(root, file)} imports ${specifier.text}, which does not resolve`);
      visit(resolved);
    }
  };
  visit(entry);
  return [...found];
}

/** Module-level `let`/`var`, mutable containers and writable static class fields, as `file:name`. */
function moduleLevelState(file: string): string[] {
  const relative = path.relative(root, file);
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const state: string[] = [];
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement)) {
      const constant = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
      for (const declaration of statement.declarationList.declarations) {
        const name = declaration.name.getText(source);
        const init = declaration.initializer;
        const container =
          init !== undefined &&
          ((ts.isNewExpression(init) && MUTABLE_CONTAINERS.has(init.expression.getText(source))) ||
            ts.isArrayLiteralExpression(init));
        // A container typed Readonly* (or frozen with `as const`) is read, never written.
        const readonly =
          declaration.type?.getText(source).startsWith('Readonly') ||
          (init !== undefined && ts.isAsExpression(init) && init.type.getText(source) === 'const');
        if (!constant || (container && !readonly)) state.push(`${relative}:${name}`);
      }
    }
    if (ts.isClassDeclaration(statement)) {
      for (const member of statement.members) {
        const modifiers = ts.canHaveModifiers(member) ? (ts.getModifiers(member) ?? []) : [];
        const isStatic = modifiers.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
        const isReadonly = modifiers.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword);
        if (ts.isPropertyDeclaration(member) && isStatic && !isReadonly) {
          state.push(`${relative}:${statement.name?.getText(source)}.${member.name.getText(source)}`);
        }
      }
    }
  }
  return state;
}

test('the modules every workflow shares keep no state of their own at module level', () => {
  const modules = workflowModules(path.join(root, 'workflows/index.ts'));
  assert.ok(modules.length > 50, `expected the whole engine behind workflows/index.ts, found ${modules.length}`);
  const state = modules.flatMap(moduleLevelState).sort();
  assert.deepEqual(
    state.filter((entry) => !(entry in SHARED_ON_PURPOSE)),
    [],
    'module-level state in a workflow module: move it into the workflow (or its RunContext)',
  );
  // Each exception still exists, so none outlives its reason unseen.
  assert.deepEqual(
    state.filter((entry) => entry in SHARED_ON_PURPOSE),
    Object.keys(SHARED_ON_PURPOSE).sort(),
  );
});
