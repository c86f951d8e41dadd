/**
 * Workflow variables (`Assign`): one scope per running branch. The machine's top-level states share the root
 * scope; each Parallel branch and Inline Map iteration gets a child scope that reads its outer scopes but writes
 * only its own, so a branch's assignments vanish when it ends. Distributed Map children are executions of their
 * own and start from an empty root. Values live in the interpreter's memory: inside Temporal they are rebuilt by
 * replay like every other piece of interpreter state, and every assignment is also in the event log
 * (`assignedVariables`), from which a redrive can restore them.
 */
import { StatesError, StatesErrors } from '../errors';
import { cloneJson, jsonByteLength, type Json } from '../json';

/** Step Functions quotas: one variable's value, the values one Assign writes, all variables of an execution. */
export const MAX_VARIABLE_BYTES = 256 * 1024;
export const MAX_ASSIGN_BYTES = 256 * 1024;
export const MAX_TOTAL_VARIABLE_BYTES = 10 * 1024 * 1024;

export interface VariableLookup {
  get(name: string): Json | undefined;
}

export class VariableScope implements VariableLookup {
  private readonly own = new Map<string, Json>();

  constructor(
    private readonly outer?: VariableScope,
    initial: Record<string, Json> = {},
  ) {
    for (const [name, value] of Object.entries(initial)) this.own.set(name, value);
  }

  /** A scope for a Parallel branch or Map iteration: outer variables readable, new ones local. */
  child(): VariableScope {
    return new VariableScope(this);
  }

  get(name: string): Json | undefined {
    return this.own.has(name) ? this.own.get(name) : this.outer?.get(name);
  }

  /** Every visible variable, inner values shadowing outer ones (JSONata bindings). */
  all(): Record<string, Json> {
    const out: Record<string, Json> = this.outer ? this.outer.all() : {};
    for (const [name, value] of this.own) out[name] = value;
    return out;
  }

  /** This scope's own variables, e.g. to carry the root scope across a redrive. */
  ownValues(): Record<string, Json> {
    return Object.fromEntries(this.own);
  }

  /**
   * Stores the values one state assigned, all at once (a state never sees its own new values). Fails with
   * States.DataLimitExceeded when a quota would be passed; nothing is stored then.
   */
  assign(values: Record<string, Json>): void {
    let assignBytes = 0;
    for (const [name, value] of Object.entries(values)) {
      const bytes = jsonByteLength(value);
      if (bytes > MAX_VARIABLE_BYTES) {
        throw limitError(
          `The variable '${name}' has a size exceeding the maximum number of bytes service limit (${MAX_VARIABLE_BYTES} bytes).`,
        );
      }
      assignBytes += bytes;
    }
    if (assignBytes > MAX_ASSIGN_BYTES) {
      throw limitError(
        `The variables assigned by the state have a combined size exceeding the maximum number of bytes service limit (${MAX_ASSIGN_BYTES} bytes).`,
      );
    }
    const after = {
      ...this.totalsByName(),
      ...Object.fromEntries(Object.entries(values).map(([n, v]) => [n, jsonByteLength(v)])),
    };
    const total = Object.values(after).reduce((sum, bytes) => sum + bytes, 0);
    if (total > MAX_TOTAL_VARIABLE_BYTES) {
      throw limitError(
        `The variables of the execution have a combined size exceeding the maximum number of bytes service limit (${MAX_TOTAL_VARIABLE_BYTES} bytes).`,
      );
    }
    for (const [name, value] of Object.entries(values)) this.own.set(name, cloneJson(value));
  }

  private totalsByName(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.all()).map(([name, value]) => [name, jsonByteLength(value)]));
  }
}

function limitError(cause: string): StatesError {
  return new StatesError(StatesErrors.DataLimitExceeded, cause);
}

/** `assignedVariables` of a `...StateExited` event: each value serialised as JSON, as AWS records it. */
export function assignedVariablesDetails(values: Record<string, Json>): Record<string, Json> {
  const serialised: Record<string, Json> = {};
  for (const [name, value] of Object.entries(values)) serialised[name] = JSON.stringify(value);
  return { assignedVariables: serialised, assignedVariablesDetails: { truncated: false } };
}
