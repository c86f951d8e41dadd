/**
 * What a Task, Parallel or Map state outputs once it has a result: in JSONPath, ResultSelector, then ResultPath
 * into the state's input, then OutputPath; in JSONata, `Output`. `Assign` is evaluated on the raw result in both.
 */
import type { Json } from '../json';
import { applyOutputPath, applyResultPath, resolvePayloadTemplate } from '../paths/payload-template';
import type { QueryLanguage } from '../types';
import { evaluateAssign, jsonataOutput } from './query';
import type { RunContext } from './run-context';

interface ResultFields {
  Assign?: Parameters<typeof evaluateAssign>[1];
  Output?: Json;
  ResultSelector?: Json;
  ResultPath?: string | null;
  OutputPath?: string | null;
}

export async function outputOfResult(
  ql: QueryLanguage,
  state: ResultFields,
  input: Json,
  result: Json,
  context: Json,
  rc: RunContext,
): Promise<{ output: Json; assigned?: Awaited<ReturnType<typeof evaluateAssign>> }> {
  const states = { input, context, result };
  const assigned = await evaluateAssign(ql, state.Assign, rc, { data: result, context, states });
  const withAssigned = <T extends object>(value: T) => (assigned ? { ...value, assigned } : value);
  if (ql === 'JSONata') return withAssigned({ output: await jsonataOutput(state.Output, result, rc, states) });
  const selected =
    state.ResultSelector !== undefined
      ? resolvePayloadTemplate(state.ResultSelector, result, context, rc.host, rc.variables)
      : result;
  const output = applyOutputPath(
    applyResultPath(input, selected, state.ResultPath),
    state.OutputPath,
    context,
    rc.variables,
  );
  return withAssigned({ output });
}
