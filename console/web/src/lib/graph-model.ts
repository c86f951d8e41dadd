/**
 * A state machine definition as boxes and arrows, before layout: one graph for the top-level states, and one
 * more for each Parallel branch and Map item processor (drawn below their owner). Pure, so unit tests check it.
 */

export interface GraphNode {
  id: string;
  /** The state name, or the pseudo-states `Start` and `End`. */
  label: string;
  kind: 'start' | 'end' | 'state';
  stateType?: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: 'next' | 'choice' | 'default' | 'catch';
}

export interface SubGraph {
  /** e.g. "Items: item processor (distributed)" */
  title: string;
  owner: string;
  /** A Distributed Map's item processor runs in child executions: this execution's events do not colour it. */
  runsInChildren: boolean;
  graph: StateGraphModel;
}

export interface StateGraphModel {
  nodes: GraphNode[];
  edges: GraphEdge[];
  subGraphs: SubGraph[];
}

interface MachineLike {
  StartAt?: unknown;
  States?: unknown;
}

type StateLike = Record<string, unknown>;

const START = '__start__';
const END = '__end__';

export function buildGraph(machine: MachineLike): StateGraphModel {
  const states = (machine.States && typeof machine.States === 'object' ? machine.States : {}) as Record<
    string,
    StateLike
  >;
  const nodes: GraphNode[] = [
    { id: START, label: 'Start', kind: 'start' },
    { id: END, label: 'End', kind: 'end' },
  ];
  const edges: GraphEdge[] = [];
  const subGraphs: SubGraph[] = [];
  const target = (name: unknown) => (typeof name === 'string' && name in states ? name : undefined);

  const startAt = target(machine.StartAt);
  if (startAt) edges.push({ from: START, to: startAt, kind: 'next' });
  for (const [name, state] of Object.entries(states)) {
    const type = typeof state.Type === 'string' ? state.Type : 'Unknown';
    nodes.push({ id: name, label: name, kind: 'state', stateType: type });
    const next = target(state.Next);
    if (next) edges.push({ from: name, to: next, kind: 'next' });
    if (state.End === true || type === 'Succeed' || type === 'Fail') edges.push({ from: name, to: END, kind: 'next' });
    if (type === 'Choice') {
      for (const rule of Array.isArray(state.Choices) ? (state.Choices as StateLike[]) : []) {
        const to = target(rule?.Next);
        if (to) edges.push({ from: name, to, kind: 'choice' });
      }
      const otherwise = target(state.Default);
      if (otherwise) edges.push({ from: name, to: otherwise, kind: 'default' });
    }
    for (const catcher of Array.isArray(state.Catch) ? (state.Catch as StateLike[]) : []) {
      const to = target(catcher?.Next);
      if (to) edges.push({ from: name, to, kind: 'catch' });
    }
    if (type === 'Parallel' && Array.isArray(state.Branches)) {
      (state.Branches as MachineLike[]).forEach((branch, index) =>
        subGraphs.push({
          title: `${name}: branch ${index + 1}`,
          owner: name,
          runsInChildren: false,
          graph: buildGraph(branch),
        }),
      );
    }
    if (type === 'Map') {
      const processor = (state.ItemProcessor ?? state.Iterator) as (MachineLike & StateLike) | undefined;
      if (processor) {
        const config = processor.ProcessorConfig as { Mode?: unknown; ExecutionType?: unknown } | undefined;
        const distributed = config?.Mode === 'DISTRIBUTED';
        subGraphs.push({
          title: `${name}: item processor${distributed ? ` (distributed, ${String(config?.ExecutionType ?? 'STANDARD')} children)` : ''}`,
          owner: name,
          runsInChildren: distributed,
          graph: buildGraph(processor),
        });
      }
    }
  }
  return { nodes, edges: dedupe(edges), subGraphs };
}

/** Several Choice rules to one state are one arrow. */
function dedupe(edges: GraphEdge[]): GraphEdge[] {
  const seen = new Set<string>();
  return edges.filter((edge) => {
    const key = `${edge.from}\0${edge.to}\0${edge.kind === 'catch' ? 'catch' : 'flow'}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The item processor of the Map state `name`, searched through Parallel branches and Map processors. */
export function findMapProcessor(machine: MachineLike, name: string): MachineLike | undefined {
  const states = (machine.States && typeof machine.States === 'object' ? machine.States : {}) as Record<
    string,
    StateLike
  >;
  for (const [stateName, state] of Object.entries(states)) {
    const processor = (state.ItemProcessor ?? state.Iterator) as MachineLike | undefined;
    if (stateName === name && state.Type === 'Map' && processor) return processor;
    const inner = [
      ...(Array.isArray(state.Branches) ? (state.Branches as MachineLike[]) : []),
      ...(processor ? [processor] : []),
    ];
    for (const child of inner) {
      const found = findMapProcessor(child, name);
      if (found) return found;
    }
  }
  return undefined;
}
