/**
 * Intrinsic functions for JSONPath states: parse an invocation, resolve its path arguments against the input
 * (`$`) or the context object (`$$`), evaluate nested calls innermost first, then run the function.
 */
import type { Entropy } from '../context';
import { cloneJson, type Json } from '../json';
import { lookupPath } from '../paths/jsonpath';
import { variableReference } from '../paths/references';
import type { VariableLookup } from '../variables/scope';
import { intrinsicError } from './args';
import { callIntrinsic } from './functions';
import { isIntrinsicCall, parseIntrinsic, type IntrinsicArg, type IntrinsicCall } from './parse';

export { isIntrinsicCall, parseIntrinsic };
export { INTRINSIC_FUNCTIONS } from './functions';
export { INTRINSIC_ERROR } from './args';

interface Scope {
  input: Json;
  context: Json;
  entropy: Entropy;
  variables?: VariableLookup;
}

function argumentValue(fn: string, arg: IntrinsicArg, scope: Scope): Json {
  switch (arg.kind) {
    case 'literal':
      return arg.value;
    case 'call':
      return evaluateCall(arg.call, scope);
    case 'path': {
      const variable = arg.context ? undefined : variableReference(arg.path);
      if (variable) {
        const held = scope.variables?.get(variable.name);
        const value = held === undefined ? undefined : lookupPath(held, variable.path);
        if (value === undefined) throw intrinsicError(fn, `could not resolve the variable reference '${arg.text}'`);
        return cloneJson(value);
      }
      const data = arg.context ? scope.context : scope.input;
      const value = lookupPath(data, arg.path);
      if (value === undefined) {
        const where = arg.context ? 'context object' : 'input';
        throw intrinsicError(fn, `could not find the JSONPath '${arg.text}' in the ${where} '${JSON.stringify(data)}'`);
      }
      return cloneJson(value);
    }
  }
}

function evaluateCall(call: IntrinsicCall, scope: Scope): Json {
  const args = call.args.map((arg) => argumentValue(call.name, arg, scope));
  const first = call.args[0];
  const formatParts = call.name === 'States.Format' && first?.kind === 'literal' ? first.parts : undefined;
  return callIntrinsic(call.name, args, { entropy: scope.entropy, formatParts });
}

/**
 * Evaluates an intrinsic invocation such as `States.Format('{} {}', $.a, $$.Execution.Id)`. Any failure (syntax,
 * unknown function, arity, argument type, unresolved path) is a States.Runtime error naming the function.
 */
export function evaluateIntrinsic(
  expression: string,
  input: Json,
  context: Json,
  entropy: Entropy,
  variables?: VariableLookup,
): Json {
  return evaluateCall(parseIntrinsic(expression), { input, context, entropy, ...(variables ? { variables } : {}) });
}
