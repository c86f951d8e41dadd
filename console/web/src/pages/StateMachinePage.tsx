/**
 * One state machine: its fields, its executions and its graph. A STANDARD machine lists its executions
 * (StandardExecutionsSection); an EXPRESS machine's executions are read from its execution logs
 * (ExpressExecutionsSection), as Step Functions keeps no list of them.
 */
import { useMemo, useState } from 'react';
import { api, describeError, type ShownError } from '../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { ExpressExecutionsSection } from '../components/ExpressExecutionsSection';
import { Field } from '../components/Field';
import { StandardExecutionsSection } from '../components/StandardExecutionsSection';
import { StateGraph } from '../components/StateGraph';
import { formatDate } from '../lib/format';
import { buildGraph } from '../lib/graph-model';
import { usePolling } from '../lib/use-polling';
import type { StateMachine } from '../types';

function StateMachineFields({ machine }: { machine: StateMachine }) {
  const logging = machine.loggingConfiguration;
  return (
    <dl className="fields">
      <Field label="ARN">
        <span className="arn">{machine.stateMachineArn}</span>
      </Field>
      <Field label="Type">{machine.type}</Field>
      <Field label="Created">{formatDate(machine.creationDate)}</Field>
      <Field label="Role">
        <span className="arn">{machine.roleArn}</span>
      </Field>
      {logging && (
        <Field label="Logging" testId="logging-level">
          {logging.level}
          {logging.level !== 'OFF' && (logging.includeExecutionData ? ', with execution data' : ', without data')}
        </Field>
      )}
    </dl>
  );
}

export function StateMachinePage({ arn }: { arn: string }) {
  const [machine, setMachine] = useState<StateMachine>();
  const [error, setError] = useState<ShownError>();
  usePolling(
    async (isStale) => {
      try {
        const described = await api.stateMachine(arn);
        if (!isStale()) setMachine(described);
      } catch (e) {
        if (!isStale()) setError(describeError(e));
      }
      return 60_000;
    },
    [arn],
  );
  const graph = useMemo(() => {
    if (!machine) return undefined;
    try {
      return buildGraph(JSON.parse(machine.definition) as object);
    } catch {
      return undefined;
    }
  }, [machine]);

  return (
    <main>
      <div className="toolbar">
        <h1>{machine?.name ?? arn.split(':').pop()}</h1>
      </div>
      <ErrorBanner error={error} onDismiss={() => setError(undefined)} />
      {machine && <StateMachineFields machine={machine} />}
      {machine?.type === 'EXPRESS' && <ExpressExecutionsSection machine={machine} />}
      {machine && machine.type !== 'EXPRESS' && <StandardExecutionsSection arn={arn} />}
      {graph && (
        <section>
          <h2>Definition</h2>
          <StateGraph model={graph} />
        </section>
      )}
    </main>
  );
}
