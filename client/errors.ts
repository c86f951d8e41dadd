/**
 * Errors named as Step Functions names them, so code written against the AWS SDK can switch on `error.name`.
 */
export class StepFunctionsError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

const define = (name: string) =>
  class extends StepFunctionsError {
    constructor(message: string) {
      super(name, message);
    }
  };

export const StateMachineDoesNotExist = define('StateMachineDoesNotExist');
export const StateMachineAlreadyExists = define('StateMachineAlreadyExists');
export const StateMachineDeleting = define('StateMachineDeleting');
export const StateMachineTypeNotSupported = define('StateMachineTypeNotSupported');
export const ExecutionDoesNotExist = define('ExecutionDoesNotExist');
export const ExecutionAlreadyExists = define('ExecutionAlreadyExists');
export const InvalidDefinition = define('InvalidDefinition');
export const InvalidArn = define('InvalidArn');
export const InvalidName = define('InvalidName');
export const InvalidExecutionInput = define('InvalidExecutionInput');
export const InvalidToken = define('InvalidToken');
export const ResourceNotFound = define('ResourceNotFound');
export const ExecutionNotRedrivable = define('ExecutionNotRedrivable');
export const InvalidLoggingConfiguration = define('InvalidLoggingConfiguration');
/**
 * Step Functions' answer to a loggingConfiguration the state machine's role may not deliver (not in its service
 * model, so AWS SDKs raise their generic service exception under this name).
 */
export const AccessDeniedException = define('AccessDeniedException');

export type ValidationExceptionReason =
  | 'API_DOES_NOT_SUPPORT_LABELED_ARNS'
  | 'MISSING_REQUIRED_PARAMETER'
  | 'CANNOT_UPDATE_COMPLETED_MAP_RUN'
  | 'INVALID_ROUTING_CONFIGURATION';

export class ValidationException extends StepFunctionsError {
  constructor(
    message: string,
    readonly reason?: ValidationExceptionReason,
  ) {
    super('ValidationException', message);
  }
}

// IAM's error names, for the role policy actions (put/get/delete/list-role-policy).
export const NoSuchEntity = define('NoSuchEntity');
export const MalformedPolicyDocument = define('MalformedPolicyDocument');
export const UnmodifiableEntity = define('UnmodifiableEntity');
/** IAM's request validation error (Step Functions calls its own ValidationException). */
export const ValidationError = define('ValidationError');
/** redriveMapRun refused (this engine's addition, not an AWS error): the reason says why. */
export const MapRunNotRepairable = define('MapRunNotRepairable');
