import type { Json } from '../json';

/** How a state ended when it did not fail: its output, where to go next (none = end of branch), its last event. */
export interface StateResult {
  output: Json;
  next?: string;
  lastEventId: number;
}
