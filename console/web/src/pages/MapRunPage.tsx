/**
 * Map Run Details: settings, item and child-execution counts as live bars, items finished over time, the
 * children (filterable, paged), Recover > Redrive from failure, which redrives the parent execution, and, for a
 * Map Run that SUCCEEDED with tolerated failures, Redrive failed items (RepairMapRun).
 * Live updates poll DescribeMapRun only (counts come from the Map Run and its running partitions, not from
 * listing children), so watching a 100,000-child Map Run costs the same as watching a small one; the children
 * table is read on demand.
 */
import { useState } from 'react';
import { api, describeError, type ShownError } from '../api';
import { ActionMenu } from '../components/ActionMenu';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CountBars } from '../components/CountBars';
import { ErrorBanner, Notice } from '../components/ErrorBanner';
import { LoadingPage } from '../components/LoadingPage';
import { EXECUTION_STATUSES, ExecutionsTable } from '../components/ExecutionsTable';
import { Field } from '../components/Field';
import { FilterSelect } from '../components/FilterSelect';
import { Pager, usePager } from '../components/Pager';
import { ProgressPlot } from '../components/ProgressPlot';
import { RepairMapRun, type RepairOutcome } from '../components/RepairMapRun';
import { StatusBadge } from '../components/StatusBadge';
import { formatDate, mapRunId } from '../lib/format';
import { finishedItems, useMapRun, useMapRunChildren } from '../lib/use-map-run';
import { href } from '../router';
import type { Execution, MapRun } from '../types';
import { redriveBlockedReason } from './ExecutionPage';

/** The Map Run's settings, dates and redrives. */
function MapRunFields({ mapRun, parent }: { mapRun: MapRun; parent?: Execution }) {
  return (
    <dl className="fields">
      <Field label="Map Run ARN">
        <span className="arn">{mapRun.mapRunArn}</span>
      </Field>
      <Field label="Parent execution">
        <a href={href('execution', mapRun.executionArn)}>{mapRun.executionArn.split(':').pop()}</a>
        {parent && <StatusBadge status={parent.status} />}
      </Field>
      <Field label="Started">{formatDate(mapRun.startDate)}</Field>
      <Field label="Stopped">{formatDate(mapRun.stopDate)}</Field>
      <Field label="Max concurrency" testId="max-concurrency">
        {mapRun.maxConcurrency === 0 ? '0 (unbounded: 10,000)' : mapRun.maxConcurrency.toLocaleString()}
      </Field>
      <Field label="Tolerated failure percentage">{mapRun.toleratedFailurePercentage}%</Field>
      <Field label="Tolerated failure count">{mapRun.toleratedFailureCount.toLocaleString()}</Field>
      <Field label="Redrive count" testId="map-run-redrive-count">
        {mapRun.redriveCount}
      </Field>
      <Field label="Last redrive">{formatDate(mapRun.redriveDate)}</Field>
    </dl>
  );
}

export function MapRunPage({ arn }: { arn: string }) {
  const { mapRun, parent, samples, error, statusChanges, refresh } = useMapRun(arn);
  const [actionError, setActionError] = useState<ShownError>();
  const [notice, setNotice] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [childStatus, setChildStatus] = useState('');
  const pager = usePager();
  const {
    children,
    loading: childrenLoading,
    error: childrenError,
    refresh: refreshChildren,
  } = useMapRunChildren(arn, { status: childStatus, nextToken: pager.token, statusChanges });

  async function redriveParent() {
    if (!mapRun) return;
    setBusy(true);
    setActionError(undefined);
    try {
      const { redriveDate } = await api.redrive(mapRun.executionArn);
      setNotice(`Redrive of the parent execution started at ${formatDate(redriveDate)}`);
    } catch (e) {
      setActionError(describeError(e));
    } finally {
      setBusy(false);
      setConfirming(false);
      refresh();
    }
  }

  function repaired(outcome: RepairOutcome) {
    if ('notice' in outcome) setNotice(outcome.notice);
    else setActionError(outcome.error);
    refresh();
  }

  if (!mapRun) return <LoadingPage arn={arn} error={error} />;
  const blocked = !parent
    ? 'Loading the parent execution…'
    : mapRun.status === 'RUNNING'
      ? 'The Map Run is still running'
      : redriveBlockedReason(parent);
  return (
    <main>
      <div className="toolbar">
        <h1>Map Run {mapRunId(arn)}</h1>
        <StatusBadge status={mapRun.status} testId="map-run-status" />
        {mapRun.itemCounts.pendingRedrive > 0 && <span className="status status-pending-redrive">PENDING REDRIVE</span>}
        <span className="spacer" />
        <RepairMapRun mapRun={mapRun} onDone={repaired} />
        <ActionMenu
          label="Recover"
          actions={[{ label: 'Redrive from failure', disabledReason: blocked, onSelect: () => setConfirming(true) }]}
        />
      </div>
      <ErrorBanner error={error} />
      <ErrorBanner error={actionError} onDismiss={() => setActionError(undefined)} />
      <Notice text={notice} onDismiss={() => setNotice(undefined)} />
      <MapRunFields mapRun={mapRun} parent={parent} />
      {mapRun.staleCounts && (
        <p className="muted" data-testid="stale-counts">
          Counts of {mapRun.staleCounts.partitions.length} running partition(s) could not be read now and are shown as
          last reported ({mapRun.staleCounts.reason}).
        </p>
      )}
      <div className="columns">
        <CountBars title="Items" counts={mapRun.itemCounts} testId="item-counts" />
        <CountBars title="Child executions" counts={mapRun.executionCounts} testId="execution-counts" />
      </div>
      <section>
        <h2>Items finished over time</h2>
        {samples.length < 2 && mapRun.status !== 'RUNNING' ? (
          <p className="muted">
            {finishedItems(mapRun).toLocaleString()} of {mapRun.itemCounts.total.toLocaleString()} items finished
            {mapRun.stopDate ? ` by ${formatDate(mapRun.stopDate)}` : ''}. The plot draws while this page watches a
            running Map Run.
          </p>
        ) : (
          <ProgressPlot samples={samples} />
        )}
      </section>
      <section>
        <div className="toolbar">
          <h2>Child executions</h2>
          <FilterSelect
            label="Child status"
            value={childStatus}
            allLabel="All statuses"
            options={[...EXECUTION_STATUSES, 'PENDING_REDRIVE']}
            pager={pager}
            onChange={setChildStatus}
          />
          <button type="button" onClick={refreshChildren}>
            Refresh
          </button>
        </div>
        <ErrorBanner error={childrenError} />
        <ExecutionsTable executions={children?.executions ?? []} loading={childrenLoading} />
        <Pager pager={pager} nextToken={children?.nextToken} />
      </section>
      <ConfirmDialog
        open={confirming}
        title="Redrive from failure"
        confirmLabel="Redrive"
        busy={busy}
        onConfirm={() => void redriveParent()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          Redrive the parent execution <strong>{mapRun.executionArn.split(':').pop()}</strong>? Its failed Distributed
          Map redrives this Map Run: only the children that did not succeed run again.
        </p>
      </ConfirmDialog>
    </main>
  );
}
