/**
 * The context object (`$$` in JSONPath, `$states.context` in JSONata), as Step Functions documents it
 * ("Accessing execution data from the Context object").
 */
import type { Json } from './json';

export interface ContextObject {
  Execution: {
    Id: string;
    Input: Json;
    Name: string;
    RoleArn: string;
    StartTime: string;
    RedriveCount: number;
    RedriveTime?: string;
  };
  State: {
    EnteredTime: string;
    Name: string;
    RetryCount?: number;
  };
  StateMachine: {
    Id: string;
    Name: string;
  };
  Task?: { Token: string };
  /** Only while building a Map's ItemSelector. */
  Map?: { Item: { Index: number; Value: Json; Key?: string; Source?: string } };
}

/** What the core needs from its host for the few non-deterministic language features (States.UUID, MathRandom, jitter). */
export interface Entropy {
  uuid(): string;
  random(): number;
}
