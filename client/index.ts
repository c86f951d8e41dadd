/**
 * `temporal-step-functions`, the package's main entry: the SDK. StepFunctions (one method per Step Functions
 * action), the errors under their Step Functions names, the request and response types, and loadConfig (the
 * engine's configuration from the environment).
 */
export { StepFunctions, type StepFunctionsOptions } from './step-functions';
export * from './errors';
export { loadConfig, type EngineConfig } from './config';
export type { Requests } from './requests';
export type { RoleRequests } from './roles';
export type * from '../messages/responses';
