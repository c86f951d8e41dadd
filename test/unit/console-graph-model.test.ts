/** The console's graph model of a definition: states, arrows, and the sub-graphs of Parallel and Map. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildGraph, findMapProcessor } from '../../console/web/src/lib/graph-model';
import { layoutGraph } from '../../console/web/src/lib/graph-layout';

const machine = {
  StartAt: 'Check',
  States: {
    Check: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.a', BooleanEquals: true, Next: 'Fan' },
        { Variable: '$.b', BooleanEquals: true, Next: 'Fan' },
      ],
      Default: 'Stop',
    },
    Fan: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Left', States: { Left: { Type: 'Pass', End: true } } },
        {
          StartAt: 'Inner',
          States: {
            Inner: {
              Type: 'Map',
              ItemProcessor: {
                ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
                StartAt: 'Work',
                States: {
                  Work: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:w', End: true },
                },
              },
              End: true,
            },
          },
        },
      ],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Stop' }],
      Next: 'Done',
    },
    Stop: { Type: 'Fail', Error: 'Stopped' },
    Done: { Type: 'Succeed' },
  },
};

test('states become nodes; Next, Choice, Default, Catch and End become arrows', () => {
  const graph = buildGraph(machine);
  assert.deepEqual(
    graph.nodes.filter((n) => n.kind === 'state').map((n) => `${n.label}:${n.stateType}`),
    ['Check:Choice', 'Fan:Parallel', 'Stop:Fail', 'Done:Succeed'],
  );
  const arrows = graph.edges.map((e) => `${e.from}->${e.to}:${e.kind}`);
  assert.deepEqual(arrows.sort(), [
    'Check->Fan:choice',
    'Check->Stop:default',
    'Done->__end__:next',
    'Fan->Done:next',
    'Fan->Stop:catch',
    'Stop->__end__:next',
    '__start__->Check:next',
  ]);
});

test('Parallel branches and Map item processors are sub-graphs; a distributed one runs in children', () => {
  const graph = buildGraph(machine);
  assert.deepEqual(
    graph.subGraphs.map((s) => [s.title, s.runsInChildren]),
    [
      ['Fan: branch 1', false],
      ['Fan: branch 2', false],
    ],
  );
  const inner = graph.subGraphs[1]!.graph.subGraphs[0]!;
  assert.equal(inner.runsInChildren, true);
  assert.match(inner.title, /Inner: item processor \(distributed, EXPRESS children\)/);
  assert.deepEqual(Object.keys(findMapProcessor(machine, 'Inner')?.States as object), ['Work']);
  assert.equal(findMapProcessor(machine, 'Fan'), undefined);
});

test('the dagre layout places every node inside the drawing, start above the first state', () => {
  const layout = layoutGraph(buildGraph(machine));
  for (const node of layout.nodes) {
    assert.ok(node.x - node.width / 2 >= 0 && node.x + node.width / 2 <= layout.width, node.id);
    assert.ok(node.y - node.height / 2 >= 0 && node.y + node.height / 2 <= layout.height, node.id);
  }
  const y = (id: string) => layout.nodes.find((n) => n.id === id)!.y;
  assert.ok(y('__start__') < y('Check') && y('Check') < y('Fan') && y('Fan') < y('Done'));
  assert.ok(layout.edges.every((e) => e.points.length >= 2));
});
