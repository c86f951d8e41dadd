/**
 * `temporal-step-functions/asl`: the definition validator, pure (no Temporal, no Node built-ins), the one
 * CreateStateMachine uses. Every fault comes back at once, each with its JSON Pointer and AWS-style code.
 */
export {
  validateDefinition,
  validateStateDefinition,
  formatInvalidDefinition,
  type DefinitionFault,
  type ValidationResult,
  type StateValidationResult,
} from './validate';
export type * from './types';
