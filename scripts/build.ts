/**
 * `npm run build` (run by `prepare` on `npm ci` and by `prepack` on `npm pack`): compiles what the package ships
 * (tsconfig.build.json: the SDK, the worker entry, the validator, the tsf CLI and all they load) to CommonJS with
 * declarations into dist/, removes what is left there of sources that no longer exist, and copies the console
 * front-end, built by Vite, into dist/console-web.
 * The compile is incremental (dist/.tsbuildinfo): with no source changed it takes a fraction of a second, so
 * `npm test` and `npm run tsf` run it every time (`--no-web`: in the repository `tsf console` builds console/web
 * itself).
 * A lock keeps two builds of the same tree from writing dist/ at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ensureWebBuild } from '../console/server/web-build';
import { withFileLock } from './dev-server/file-lock';

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const WEB = 'console-web';
const BUILD_INFO = '.tsbuildinfo';
const lockFile = path.join(root, 'node_modules/.cache/tsf-build.lock');

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (file) => file,
  getCurrentDirectory: () => root,
  getNewLine: () => '\n',
};

/** dist/a/b.js, .js.map, .d.ts for a/b.ts. */
function outputsOf(source: string): string[] {
  const base = path.join(dist, path.relative(root, source)).replace(/\.tsx?$/, '');
  return [`${base}.js`, `${base}.js.map`, `${base}.d.ts`];
}

/** Removes files of dist/ that no source of this build produces (renamed or deleted sources), and empty folders. */
function prune(dir: string, keep: ReadonlySet<string>): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (dir === dist && (entry.name === WEB || entry.name === BUILD_INFO || entry.name.startsWith(`${WEB}.tmp-`)))
      continue;
    if (entry.isDirectory()) {
      prune(full, keep);
      if (fs.readdirSync(full).length === 0) fs.rmdirSync(full);
    } else if (!keep.has(full)) {
      fs.rmSync(full);
    }
  }
}

/** The outputs bin/tsf.cjs and the package's exports need: their absence means dist/ was emptied by hand. */
const ENTRY_OUTPUTS = ['cli/main.js', 'client/index.js', 'worker/index.js', 'asl/index.js', 'workflows/index.js'];

/**
 * Type-checks and emits dist/ in TypeScript's build mode (`tsc -b`), which compares the sources' times with the
 * build info's and does nothing when none changed. Returns false (after printing them) when there are errors.
 */
function compile(): boolean {
  const buildInfo = path.join(dist, BUILD_INFO);
  if (ENTRY_OUTPUTS.some((file) => !fs.existsSync(path.join(dist, file)))) fs.rmSync(buildInfo, { force: true });
  let errors = 0;
  const host = ts.createSolutionBuilderHost(ts.sys, undefined, (diagnostic) => {
    if (diagnostic.category === ts.DiagnosticCategory.Error) errors += 1;
    process.stderr.write(ts.formatDiagnosticsWithColorAndContext([diagnostic], formatHost));
  });
  const builder = ts.createSolutionBuilder(host, [path.join(root, 'tsconfig.build.json')], {});
  for (let project = builder.getNextInvalidatedProject(); project; project = builder.getNextInvalidatedProject()) {
    if (project.kind === ts.InvalidatedProjectKind.Build) {
      const sources = project
        .getSourceFiles()
        .filter((file) => !file.isDeclarationFile && !path.relative(root, file.fileName).startsWith('node_modules'));
      project.done();
      prune(dist, new Set(sources.flatMap((source) => outputsOf(source.fileName))));
    } else {
      project.done();
    }
  }
  return errors === 0;
}

/** The console front-end (Vite, or its cached build) into dist/console-web, swapped in whole. */
async function copyWebBuild(log: (line: string) => void): Promise<void> {
  const built = await ensureWebBuild(log);
  const target = path.join(dist, WEB);
  const temporary = `${target}.tmp-${process.pid}`;
  fs.cpSync(built, temporary, { recursive: true });
  fs.rmSync(target, { recursive: true, force: true });
  fs.renameSync(temporary, target);
}

export async function build(options: { web: boolean; log?: (line: string) => void }): Promise<boolean> {
  const log = options.log ?? ((line: string) => console.error(line));
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  return withFileLock(
    lockFile,
    async () => {
      const started = Date.now();
      const ok = compile();
      if (ok && options.web) await copyWebBuild(log);
      log(`${ok ? 'Built' : 'Build failed:'} dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return ok;
    },
    log,
  );
}

if (require.main === module) {
  build({ web: !process.argv.includes('--no-web') }).then(
    (ok) => process.exit(ok ? 0 : 1),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
