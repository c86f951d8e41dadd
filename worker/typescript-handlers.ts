/**
 * `tsf worker --handlers handlers.ts`: the CLI runs built JavaScript, so a TypeScript handler module needs a
 * loader. tsx is used when it can be found (the user's project first, then next to this package: in this
 * repository it is a devDependency); Node versions that strip types themselves need nothing. Otherwise the error
 * names the module and the two ways out, instead of a SyntaxError from deep inside require.
 */
import path from 'node:path';

const TYPESCRIPT = /\.[cm]?tsx?$/;
let registered = false;

function resolveFrom(request: string): string | undefined {
  try {
    return require.resolve(request, { paths: [process.cwd(), __dirname] });
  } catch {
    return undefined;
  }
}

export function prepareTypeScriptHandlers(modulePaths: string[]): void {
  const typescript = modulePaths.filter((file) => TYPESCRIPT.test(file));
  if (typescript.length === 0 || registered) return;
  // tsx's require hook: handler modules load with require (activities/handler-registry.ts), as under `tsx`.
  const tsx = resolveFrom('tsx/cjs/api');
  if (tsx) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- tsx is optional: found at run time or not at all
    (require(tsx) as { register(): unknown }).register();
    registered = true;
    return;
  }
  if ((process.features as { typescript?: string | false }).typescript) return;
  const files = typescript.map((file) => path.resolve(file)).join(', ');
  throw new Error(
    `Cannot load the TypeScript handler module ${files}: tsf runs JavaScript and found no TypeScript loader. ` +
      'Install tsx in your project (npm install --save-dev tsx), or compile the module and pass the .js file.',
  );
}
