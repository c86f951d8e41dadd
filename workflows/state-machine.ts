/**
 * The state machine registry actor: one long-lived workflow per state machine, workflow id = its ARN. It holds
 * the current definition and role; executions copy the definition when they start, so updates never reach them.
 * Deleting it ends the workflow, which takes the state machine out of ListStateMachines.
 */
import { allHandlersFinished, condition, continueAsNew, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import {
  deleteStateMachineUpdate,
  describeStateMachineQuery,
  updateStateMachineUpdate,
  type StateMachineDescription,
} from '../messages/execution';

/** Updates per run before continuing as new: well under the server's 2,000 updates per run. */
const UPDATES_PER_RUN = 500;

export async function stateMachineWorkflow(initial: StateMachineDescription): Promise<void> {
  const description: StateMachineDescription = { ...initial };
  let updates = 0;

  setHandler(describeStateMachineQuery, () => description);
  setHandler(
    updateStateMachineUpdate,
    (change) => {
      if (change.definition !== undefined) description.definition = change.definition;
      if (change.roleArn !== undefined) description.roleArn = change.roleArn;
      if (change.loggingConfiguration !== undefined) description.loggingConfiguration = change.loggingConfiguration;
      description.updateDate = Date.now();
      description.revisionId = uuid4();
      updates++;
      return { updateDate: description.updateDate, revisionId: description.revisionId };
    },
    {
      validator: (_change) => {
        if (description.status !== 'ACTIVE') throw new Error('State machine is being deleted.');
      },
    },
  );
  setHandler(deleteStateMachineUpdate, () => {
    description.status = 'DELETING';
  });

  await condition(
    () => description.status === 'DELETING' || updates >= UPDATES_PER_RUN || workflowInfo().continueAsNewSuggested,
  );
  await condition(allHandlersFinished);
  if (description.status === 'DELETING') return;
  await continueAsNew<typeof stateMachineWorkflow>(description);
}
