/**
 * ValidateStateMachineDefinition: the checks CreateStateMachine makes, answered as diagnostics instead of thrown
 * (`result` OK or FAIL, each fault with its code, message and JSON Pointer location), so a definition can be linted
 * before it is deployed.
 */
import { validateDefinition } from '../asl/validate';
import type { ValidateStateMachineDefinitionOutput } from '../messages/responses';
import { parseRequest, type Requests } from './requests';

export function validateStateMachineDefinition(
  request: Requests['validateStateMachineDefinition'],
): ValidateStateMachineDefinitionOutput {
  const { definition, maxResults = 100 } = parseRequest('validateStateMachineDefinition', request);
  let parsed: unknown;
  try {
    parsed = JSON.parse(definition);
  } catch (error) {
    const message = (error as Error).message;
    return { result: 'FAIL', diagnostics: [{ severity: 'ERROR', code: 'INVALID_JSON_DESCRIPTION', message }] };
  }
  const validated = validateDefinition(parsed);
  if (validated.ok) return { result: 'OK', diagnostics: [] };
  const diagnostics = validated.faults.map((fault) => ({
    severity: 'ERROR' as const,
    code: fault.code,
    message: fault.message,
    location: fault.path,
  }));
  const limit = maxResults === 0 ? 100 : maxResults;
  return {
    result: 'FAIL',
    diagnostics: diagnostics.slice(0, limit),
    ...(diagnostics.length > limit ? { truncated: true } : {}),
  };
}
