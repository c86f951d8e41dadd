/**
 * JSONPath-flavour input/output processing: payload templates (Parameters, ResultSelector, ItemSelector) and the
 * InputPath / ResultPath / OutputPath filters, per "Processing input and output in Step Functions".
 */
import { StatesError, StatesErrors } from '../errors';
import type { Entropy } from '../context';
import { cloneJson, isJsonObject, type Json, type JsonObject } from '../json';
import { evaluateIntrinsic, isIntrinsicCall } from '../intrinsics';
import type { VariableLookup } from '../variables/scope';
import { assignPath, lookupPath, selectPath } from './jsonpath';
import { variableReference } from './references';

/**
 * Resolves a payload template: every key ending in `.$` is replaced (minus the suffix) by the value its string
 * names: `$$...` a path into the context object, `$name...` a path into a variable, `$...` a path into the input,
 * `States.Xxx(...)` an intrinsic. Other keys keep their values literally; arrays and nested objects are walked.
 * The result shares nothing with the template, the input or the context.
 */
export function resolvePayloadTemplate(
  template: Json,
  input: Json,
  context: Json,
  entropy: Entropy,
  variables?: VariableLookup,
): Json {
  if (Array.isArray(template))
    return template.map((item) => resolvePayloadTemplate(item, input, context, entropy, variables));
  if (!isJsonObject(template)) return template;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$')) out[key.slice(0, -2)] = resolveField(key, value, input, context, entropy, variables);
    else out[key] = resolvePayloadTemplate(value, input, context, entropy, variables);
  }
  return out;
}

function resolveField(
  field: string,
  expression: Json,
  input: Json,
  context: Json,
  entropy: Entropy,
  variables?: VariableLookup,
): Json {
  if (typeof expression !== 'string') {
    throw new StatesError(
      StatesErrors.Runtime,
      `The value for the field '${field}' must be a STRING that contains a JSONPath or an intrinsic function call`,
    );
  }
  if (expression.startsWith('$$'))
    return resolvePath(field, expression, expression.slice(1), context, 'context object');
  const variable = variableReference(expression);
  if (variable) {
    const value = variables?.get(variable.name);
    if (value === undefined) {
      throw new StatesError(
        StatesErrors.Runtime,
        `The JSONPath '${expression}' specified for the field '${field}' refers to the variable '${variable.name}', which is not defined`,
      );
    }
    return resolvePath(field, expression, variable.path, value, `variable '${variable.name}'`);
  }
  if (expression.startsWith('$')) return resolvePath(field, expression, expression, input, 'input');
  if (isIntrinsicCall(expression)) return evaluateIntrinsic(expression, input, context, entropy, variables);
  throw new StatesError(
    StatesErrors.Runtime,
    `The value for the field '${field}' must be a valid JSONPath or a valid intrinsic function call, but was '${expression}'`,
  );
}

function resolvePath(field: string, shown: string, path: string, data: Json, where: string): Json {
  const value = lookupPath(data, path);
  if (value === undefined) {
    throw new StatesError(
      StatesErrors.Runtime,
      `The JSONPath '${shown}' specified for the field '${field}' could not be found in the ${where} '${JSON.stringify(data)}'`,
    );
  }
  return cloneJson(value);
}

/** A `$...`, `$$...` or `$name...` filter path: `$$` paths read the context object, `$name` a variable. */
function filterPath(input: Json, path: string, context: Json | undefined, variables?: VariableLookup): Json {
  if (path.startsWith('$$')) {
    if (context === undefined)
      throw new StatesError(StatesErrors.Runtime, `Invalid path '${path}' : no context object`);
    return cloneJson(selectPath(context, path.slice(1)));
  }
  const variable = variableReference(path);
  if (variable) {
    const value = variables?.get(variable.name);
    if (value === undefined)
      throw new StatesError(
        StatesErrors.Runtime,
        `Invalid path '${path}' : The variable '${variable.name}' is not defined`,
      );
    return cloneJson(selectPath(value, variable.path));
  }
  return cloneJson(selectPath(input, path));
}

/** InputPath: absent keeps the input, null gives `{}`, a path selects (States.Runtime when it does not resolve). */
export function applyInputPath(
  input: Json,
  path: string | null | undefined,
  context?: Json,
  variables?: VariableLookup,
): Json {
  if (path === undefined) return input;
  if (path === null) return {};
  return filterPath(input, path, context, variables);
}

/** OutputPath: same rule as InputPath, applied to the state output. */
export function applyOutputPath(
  output: Json,
  path: string | null | undefined,
  context?: Json,
  variables?: VariableLookup,
): Json {
  return applyInputPath(output, path, context, variables);
}

/**
 * ResultPath: absent means `$` (the result replaces the input), null discards the result (input unchanged),
 * otherwise the result is placed into a copy of the input (States.ResultPathMatchFailure when impossible).
 */
export function applyResultPath(input: Json, result: Json, path: string | null | undefined): Json {
  if (path === undefined) return result;
  if (path === null) return input;
  return assignPath(input, path, result);
}
