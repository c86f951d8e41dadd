export { StepFunctions, type StepFunctionsOptions } from './step-functions';
export * from './errors';
export { loadConfig, type EngineConfig } from './config';
export type { Requests } from './requests';
export type { RoleRequests } from './roles';
export type * from '../messages/responses';
