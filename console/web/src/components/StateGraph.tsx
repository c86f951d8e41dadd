/**
 * The state machine as an SVG graph laid out by dagre, each state filled by its outcome in this execution.
 * Layout depends on the definition only; new events just recolour the boxes.
 */
import { useMemo } from 'react';
import type { StateOutcome } from '../lib/state-outcomes';
import { layoutGraph, type PlacedEdge } from '../lib/graph-layout';
import type { StateGraphModel } from '../lib/graph-model';

export const OUTCOME_LABELS: Record<StateOutcome, string> = {
  succeeded: 'Succeeded',
  failed: 'Failed',
  caught: 'Caught error',
  aborted: 'Aborted',
  running: 'In progress',
  notRun: 'Not run',
};

function edgePath(edge: PlacedEdge): string {
  return edge.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
}

export function StateGraph({
  model,
  outcomes,
  idPrefix = 'g',
}: {
  model: StateGraphModel;
  /** Absent: the graph is not coloured (no execution, or states that run in child executions). */
  outcomes?: ReadonlyMap<string, StateOutcome>;
  idPrefix?: string;
}) {
  const layout = useMemo(() => layoutGraph(model), [model]);
  const marker = `${idPrefix}-arrow`;
  return (
    <div className="graph">
      <svg
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="img"
        aria-label="State machine graph"
      >
        <defs>
          <marker id={marker} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
            <path d="M0,0 L10,5 L0,10 z" className="arrow-head" />
          </marker>
        </defs>
        {layout.edges.map((edge, index) => (
          <path key={index} d={edgePath(edge)} className={`edge edge-${edge.kind}`} markerEnd={`url(#${marker})`} />
        ))}
        {layout.nodes.map((node) => {
          const outcome: StateOutcome | undefined =
            node.kind === 'state' && outcomes ? (outcomes.get(node.label) ?? 'notRun') : undefined;
          return (
            <g
              key={node.id}
              transform={`translate(${node.x - node.width / 2},${node.y - node.height / 2})`}
              className={`node node-${node.kind} ${outcome ? `outcome-${outcome}` : ''}`}
              data-state={node.kind === 'state' ? node.label : undefined}
              data-outcome={outcome}
            >
              <title>{outcome ? `${node.label}: ${OUTCOME_LABELS[outcome]}` : node.label}</title>
              <rect width={node.width} height={node.height} rx={node.kind === 'state' ? 6 : node.height / 2} />
              <text x={node.width / 2} y={node.kind === 'state' ? 19 : node.height / 2 + 4} textAnchor="middle">
                {node.label}
              </text>
              {node.kind === 'state' && (
                <text x={node.width / 2} y={35} textAnchor="middle" className="node-type">
                  {node.stateType}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      {model.subGraphs.map((sub, index) => (
        <details key={`${sub.owner}-${index}`} className="subgraph" open>
          <summary>
            {sub.title}
            {sub.runsInChildren && outcomes && (
              <span className="muted"> — runs in child executions: see the Map Run</span>
            )}
          </summary>
          <StateGraph
            model={sub.graph}
            outcomes={sub.runsInChildren ? undefined : outcomes}
            idPrefix={`${idPrefix}-${index}`}
          />
        </details>
      ))}
    </div>
  );
}

export function OutcomeLegend() {
  return (
    <div className="legend">
      {(Object.keys(OUTCOME_LABELS) as StateOutcome[]).map((outcome) => (
        <span key={outcome} className={`legend-item outcome-${outcome}`}>
          <span className="swatch" /> {OUTCOME_LABELS[outcome]}
        </span>
      ))}
    </div>
  );
}
