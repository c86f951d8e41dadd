import type { HandlerRegistry } from './handler-registry';
import { createInvokeHandler } from './invoke-handler';

export type { InvokeHandlerInput } from './invoke-handler';

/** The activities a worker registers; workflows import only this type. */
export function createActivities(handlers: HandlerRegistry) {
  return { invokeHandler: createInvokeHandler(handlers) };
}

export type EngineActivities = ReturnType<typeof createActivities>;
