/**
 * Create-time validation across query languages: a field of the other language is refused at its JSON path, and
 * JSONata forms of numeric fields are accepted only in JSONata states.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateDefinition } from '../../asl/validate';
import { ja, jp } from '../fixtures/jsonata-cases';

const task = (extra: Record<string, unknown>) => ({
  Type: 'Task',
  Resource: 'arn:aws:lambda:us-east-1:000000000000:function:f',
  End: true,
  ...extra,
});
const map = (extra: Record<string, unknown>) => ({
  Type: 'Map',
  ItemProcessor: {
    ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
    StartAt: 'P',
    States: { P: { Type: 'Pass', End: true } },
  },
  End: true,
  ...extra,
});

const REFUSED: Array<[string, Record<string, unknown>, string]> = [
  ['ResultSelector in a JSONata Task', ja({ T: task({ ResultSelector: { a: 1 } }) }), '/States/T/ResultSelector'],
  ['ResultPath in a JSONata Task', ja({ T: task({ ResultPath: '$.r' }) }), '/States/T/ResultPath'],
  ['OutputPath in a JSONata Pass', ja({ P: { Type: 'Pass', OutputPath: '$', End: true } }), '/States/P/OutputPath'],
  [
    'TimeoutSecondsPath in a JSONata Task',
    ja({ T: task({ TimeoutSecondsPath: '$.t' }) }),
    '/States/T/TimeoutSecondsPath',
  ],
  [
    'Catch ResultPath in a JSONata Task',
    ja({ T: task({ Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.e', Next: 'T' }] }) }),
    '/States/T/Catch/0/ResultPath',
  ],
  [
    'Catch Output in a JSONPath Task',
    jp({ T: task({ Catch: [{ ErrorEquals: ['States.ALL'], Output: {}, Next: 'T' }] }) }),
    '/States/T/Catch/0/Output',
  ],
  ['ErrorPath in a JSONata Fail', ja({ F: { Type: 'Fail', ErrorPath: '$.e' } }), '/States/F/ErrorPath'],
  [
    'ToleratedFailureCountPath in a JSONata Map',
    ja({ M: map({ ToleratedFailureCountPath: '$.c' }) }),
    '/States/M/ToleratedFailureCountPath',
  ],
  [
    'MaxItemsPerBatchPath in a JSONata Map',
    ja({ M: map({ ItemBatcher: { MaxItemsPerBatchPath: '$.b' } }) }),
    '/States/M/ItemBatcher/MaxItemsPerBatchPath',
  ],
  [
    'ResultWriter Parameters in a JSONata Map',
    ja({ M: map({ ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: {} } }) }),
    '/States/M/ResultWriter/Parameters',
  ],
  [
    'JSONata MaxConcurrency in a JSONPath Map',
    jp({ M: map({ MaxConcurrency: '{% 1 %}' }) }),
    '/States/M/MaxConcurrency',
  ],
  [
    'Arguments in a JSONPath Parallel',
    jp({
      P: {
        Type: 'Parallel',
        Arguments: {},
        Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }],
        End: true,
      },
    }),
    '/States/P/Arguments',
  ],
];

for (const [name, definition, path] of REFUSED) {
  test(`refused: ${name}`, () => {
    const result = validateDefinition(definition);
    assert.equal(result.ok, false);
    if (!result.ok)
      assert.ok(
        result.faults.some((f) => f.path === path),
        JSON.stringify(result.faults),
      );
  });
}

test('JSONata forms of Map, Task and Wait fields are accepted in JSONata states', () => {
  const definition = ja({
    W: { Type: 'Wait', Seconds: '{% 1 %}', Next: 'T' },
    T: task({ TimeoutSeconds: '{% 5 %}', HeartbeatSeconds: '{% 2 %}', End: undefined, Next: 'M' }),
    M: map({
      Items: '{% [1] %}',
      MaxConcurrency: '{% 1 %}',
      ToleratedFailurePercentage: '{% 5 %}',
      ToleratedFailureCount: '{% 1 %}',
      ItemSelector: { v: '{% $states.context.Map.Item.Value %}' },
      ItemBatcher: { MaxItemsPerBatch: '{% 2 %}', BatchInput: { b: '{% 1 %}' } },
      Assign: { x: '{% $states.result %}' },
      Output: '{% $states.result %}',
    }),
  });
  const result = validateDefinition(definition);
  assert.equal(result.ok, true, JSON.stringify(!result.ok && result.faults));
});

test('a JSONata expression that does not parse is refused at its path', () => {
  const result = validateDefinition(ja({ P: { Type: 'Pass', Output: { a: [1, '{% $states.input. %}'] }, End: true } }));
  assert.equal(result.ok, false);
  if (!result.ok) {
    const fault = result.faults.find((f) => f.path === '/States/P/Output/a/1');
    assert.ok(fault, JSON.stringify(result.faults));
    assert.match(fault.message, /The JSONata expression '\$states\.input\.' is not valid: S0\d+: /);
  }
  // The same text in a JSONPath state is a literal string, not an expression.
  assert.equal(validateDefinition(jp({ P: { Type: 'Pass', Result: '{% $states.input. %}', End: true } })).ok, true);
});
