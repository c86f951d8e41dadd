/** Positions for a StateGraphModel, computed by dagre (layered layout, top to bottom). */
import dagre from '@dagrejs/dagre';
import type { GraphEdge, GraphNode, StateGraphModel } from './graph-model';

export interface PlacedNode extends GraphNode {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge extends GraphEdge {
  points: Array<{ x: number; y: number }>;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

const CHAR_WIDTH = 7.2;

function size(node: GraphNode): { width: number; height: number } {
  if (node.kind !== 'state') return { width: 64, height: 28 };
  const longest = Math.max(node.label.length, (node.stateType ?? '').length + 2);
  return { width: Math.max(120, Math.round(longest * CHAR_WIDTH) + 28), height: 46 };
}

export function layoutGraph(model: StateGraphModel): GraphLayout {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 36, edgesep: 12, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of model.nodes) g.setNode(node.id, size(node));
  model.edges.forEach((edge, index) => g.setEdge(edge.from, edge.to, {}, `e${index}`));
  dagre.layout(g);
  const graph = g.graph();
  return {
    width: Math.ceil(graph.width ?? 0),
    height: Math.ceil(graph.height ?? 0),
    nodes: model.nodes.map((node) => {
      const placed = g.node(node.id);
      return { ...node, x: placed.x, y: placed.y, width: placed.width, height: placed.height };
    }),
    edges: model.edges.map((edge, index) => ({
      ...edge,
      points: (g.edge({ v: edge.from, w: edge.to, name: `e${index}` })?.points ?? []).map(
        (p: { x: number; y: number }) => ({ x: p.x, y: p.y }),
      ),
    })),
  };
}
