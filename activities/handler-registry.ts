/**
 * Task handlers: plain async functions exported by user modules, looked up by name the way a Lambda function is
 * looked up by its function name. `tsf worker --handlers ./handlers.js` loads the modules.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** What a handler receives besides its payload. */
export interface HandlerContext {
  functionName: string;
  /** Reports liveness; needed when the Task sets HeartbeatSeconds. */
  heartbeat(details?: unknown): void;
  /** Aborted when the Task is cancelled (execution stopped, sibling failed, timeout). */
  signal: AbortSignal;
}

export type TaskHandler = (payload: any, context: HandlerContext) => unknown;
export type HandlerRegistry = ReadonlyMap<string, TaskHandler>;

/** Loads handler modules (paths relative to the working directory) and collects their exported functions. */
export async function loadHandlerModules(modulePaths: string[]): Promise<HandlerRegistry> {
  const registry = new Map<string, TaskHandler>();
  for (const modulePath of modulePaths) {
    const resolved = path.resolve(modulePath);
    const loaded = await loadModule(resolved);
    const exports = (loaded.default && typeof loaded.default === 'object' ? loaded.default : loaded) as Record<
      string,
      unknown
    >;
    addHandlers(registry, exports, resolved);
  }
  return registry;
}

export function handlersFrom(exports: Record<string, unknown>): HandlerRegistry {
  const registry = new Map<string, TaskHandler>();
  addHandlers(registry, exports, 'inline handlers');
  return registry;
}

function addHandlers(registry: Map<string, TaskHandler>, exports: Record<string, unknown>, origin: string): void {
  for (const [name, value] of Object.entries(exports)) {
    if (typeof value !== 'function') continue;
    if (registry.has(name)) throw new Error(`Handler '${name}' is exported twice (again by ${origin}).`);
    registry.set(name, value as TaskHandler);
  }
}

/**
 * A real import(): the package is compiled to CommonJS, where TypeScript turns `import()` into `require()`, which
 * cannot load an ES module on the Node versions without require(esm).
 */
const importModule = new Function('url', 'return import(url)') as (url: string) => Promise<Record<string, unknown>>;

/** CommonJS and TypeScript modules load with require (tsx hooks it); ES modules fall back to import(). */
async function loadModule(file: string): Promise<Record<string, unknown>> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- require is what tsx hooks for .ts handler modules
    return require(file) as Record<string, unknown>;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_REQUIRE_ESM') throw error;
    return await importModule(pathToFileURL(file).href);
  }
}
