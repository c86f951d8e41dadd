/**
 * Errors of the log store under CloudWatch Logs' names (ResourceNotFoundException, InvalidParameterException), so
 * the local store and a CloudWatch Logs endpoint fail the same way and `tsf logs` prints `Name: message` for both.
 */
export class LogsError extends Error {
  constructor(name: 'ResourceNotFoundException' | 'InvalidParameterException', message: string) {
    super(message);
    this.name = name;
  }
}
