/**
 * The machine issue #16's tests redrive: a Distributed Map over `$.items` (`{key, error}` each) whose children call
 * the `failsAs` handler (examples/handlers.ts), which fails with the item's error until `switchFile` exists and counts
 * its calls per key in `counterDir` when one is given.
 */
export function failsAsMap(options: {
  executionType: 'STANDARD' | 'EXPRESS';
  toleratedFailureCount: number;
  switchFile: string;
  counterDir?: string;
  /** More fields of the Map state (e.g. ResultWriter). */
  map?: Record<string, unknown>;
}) {
  const { switchFile, counterDir } = options;
  return {
    StartAt: 'Process',
    States: {
      Process: {
        Type: 'Map',
        ItemsPath: '$.items',
        ToleratedFailureCount: options.toleratedFailureCount,
        ItemSelector: { 'item.$': '$$.Map.Item.Value', switchFile, ...(counterDir ? { counterDir } : {}) },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: options.executionType },
          StartAt: 'Call',
          States: {
            Call: {
              Type: 'Task',
              Resource: 'arn:aws:lambda:us-east-1:000000000000:function:failsAs',
              Parameters: {
                'key.$': '$.item.key',
                // A JSONPath reference to a missing field fails the state: items that succeed carry `error: null`.
                'error.$': '$.item.error',
                'switchFile.$': '$.switchFile',
                ...(counterDir ? { 'counterDir.$': '$.counterDir' } : {}),
              },
              End: true,
            },
          },
        },
        End: true,
        ...options.map,
      },
    },
  };
}
