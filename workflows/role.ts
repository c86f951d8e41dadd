/**
 * The role actor: one long-lived workflow per IAM role that was given a policy (workflow id = the role's ARN).
 * It keeps the role's inline policies; the permission check (activities/permissions) reads them when a Map Run
 * reads items, writes results, starts or redrives children, so a policy put now applies to the next check:
 * "fix the role, then redrive". A role without an actor has no policy at all and may do everything.
 */
import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  deleteRolePolicyUpdate,
  describeRoleQuery,
  NO_SUCH_POLICY,
  putRolePolicyUpdate,
  type RoleDescription,
} from '../messages/role';

/** Updates per run before continuing as new: well under the server's 2,000 updates per run. */
const UPDATES_PER_RUN = 500;

export async function roleWorkflow(initial: RoleDescription): Promise<void> {
  const role: RoleDescription = { ...initial, policies: { ...initial.policies } };
  let updates = 0;

  setHandler(describeRoleQuery, () => role);
  setHandler(putRolePolicyUpdate, ({ policyName, policyDocument }) => {
    role.policies[policyName] = policyDocument;
    updates++;
  });
  setHandler(
    deleteRolePolicyUpdate,
    ({ policyName }) => {
      // A role that had a policy stays enforced with none left (it then may do nothing): deleting a policy never
      // widens what the role may do.
      delete role.policies[policyName];
      updates++;
    },
    {
      validator: ({ policyName }) => {
        if (!Object.hasOwn(role.policies, policyName)) throw new Error(NO_SUCH_POLICY(role.roleName, policyName));
      },
    },
  );

  await condition(() => updates >= UPDATES_PER_RUN || workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  await continueAsNew<typeof roleWorkflow>(role);
}
