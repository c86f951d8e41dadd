/** ItemReader over files (JSON, JSONL, CSV, gzip), shared by every storage backend. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { Json } from '../../asl/json';
import { scanItems, type ResolvedItemReader } from '../../activities/item-reader';
import { loadItemReaderCases } from '../helpers/conformance-item-cases';
import { assertSameJson, rejectsWithStatesError, scanAndReadAll } from '../helpers/item-reader-harness';
import type { StorageBackend } from '../helpers/storage-backends';

const GET = 'arn:aws:states:::s3:getObject' as const;
const FAILED = 'States.ItemReaderFailed';
const LIMITS_1E6 = { maxItemsPerPage: 100, maxBytesPerPage: 1e6 };

export function itemReaderFilesSuite(label: string, backend: () => StorageBackend): void {
  async function put(key: string, body: string | Buffer): Promise<string> {
    const { storage, newBucket } = backend();
    const bucket = await newBucket();
    await storage.putObject(bucket, key, body);
    return bucket;
  }

  describe(`item reader: conformance cases (${label})`, () => {
    const cases = loadItemReaderCases();
    test('the conformance corpus is available', { skip: cases.length === 0 && 'corpus not found' }, () => {
      assert.ok(cases.length >= 10);
    });
    for (const c of cases) {
      for (const gzip of [false, true]) {
        test(`${c.name}${gzip ? ' (gzip)' : ''}`, async () => {
          const { storage, newBucket } = backend();
          const bucket = await newBucket();
          for (const o of c.objects) {
            await storage.putObject(bucket, gzip ? `${o.key}.gz` : o.key, gzip ? gzipSync(o.body) : o.body);
          }
          const reader = { ...c.reader, bucket, key: gzip ? `${c.reader.key}.gz` : c.reader.key };
          if ('items' in c.expected) {
            assertSameJson((await scanAndReadAll(storage, reader)).items, c.expected.items);
          } else {
            await rejectsWithStatesError(
              scanItems(storage, reader, { maxItemsPerPage: 2, maxBytesPerPage: 1e6 }),
              c.expected.error,
              c.expected.cause,
            );
          }
        });
      }
    }
  });

  describe(`item reader: JSONL (${label})`, () => {
    test('10,000 lines read back page by page equal the file (plain and gzip)', async () => {
      const lines = Array.from({ length: 10_000 }, (_, i) =>
        JSON.stringify({ id: i, name: `item ${i}`, tags: ['a', i % 7] }),
      );
      const body = `${lines.join('\n')}\n`;
      for (const [key, data] of [
        ['big.jsonl', body],
        ['big.jsonl.gz', gzipSync(body)],
      ] as const) {
        const bucket = await put(key, data);
        const reader: ResolvedItemReader = { resource: GET, bucket, key, inputType: 'JSONL' };
        const { items, scan } = await scanAndReadAll(backend().storage, reader, {
          maxItemsPerPage: 97,
          maxBytesPerPage: 3000,
        });
        assert.deepEqual(
          items,
          lines.map((l) => JSON.parse(l) as Json),
        );
        assert.ok(scan.pages.length > 100);
        const progress: number[] = [];
        const reader2 = { ...reader, maxItems: 5000 };
        await scanItems(backend().storage, reader2, LIMITS_1E6, {
          onProgress: (n) => progress.push(n),
          progressEvery: 1000,
        });
        assert.deepEqual(progress, [1000, 2000, 3000, 4000, 5000]);
      }
    });

    test('blank lines are skipped, CRLF accepted, a last line without newline counts', async () => {
      const bucket = await put('f.jsonl', '{"a":1}\r\n\r\n   \n[1,2]\n"text"\n42');
      const reader: ResolvedItemReader = { resource: GET, bucket, key: 'f.jsonl', inputType: 'JSONL' };
      assert.deepEqual((await scanAndReadAll(backend().storage, reader)).items, [{ a: 1 }, [1, 2], 'text', 42]);
    });

    test('a malformed line fails with its line number', async () => {
      const bucket = await put('bad.jsonl', '{"a":1}\n\n{"b":\n{"c":3}\n');
      const reader: ResolvedItemReader = { resource: GET, bucket, key: 'bad.jsonl', inputType: 'JSONL' };
      await rejectsWithStatesError(
        scanItems(backend().storage, reader, { maxItemsPerPage: 10, maxBytesPerPage: 1e6 }),
        FAILED,
        /^Malformed JSON at line 3: /,
      );
    });
  });

  describe(`item reader: JSON (${label})`, () => {
    test('nested values, tricky strings, whitespace and a BOM; pages by bytes; a big item gets its own page', async () => {
      const values: Json[] = [
        { s: 'comma, bracket ] brace } quote " backslash \\ ', n: [1, [2, [3]]], o: { deep: { er: null } } },
        'plain string, with "escapes" \n and unicode ☃ 𝄞',
        -12.5e3,
        true,
        null,
        [],
        {},
        { big: 'x'.repeat(5000) },
        [{ a: 1 }, { b: [true, false] }],
      ];
      const body = `\ufeff [\n  ${values.map((v) => JSON.stringify(v, null, 2)).join(' ,\n\t')}\n ]  \n`;
      const bucket = await put('items.json', body);
      const reader: ResolvedItemReader = { resource: GET, bucket, key: 'items.json', inputType: 'JSON' };
      const { items, scan } = await scanAndReadAll(backend().storage, reader, {
        maxItemsPerPage: 100,
        maxBytesPerPage: 200,
      });
      assertSameJson(items, values);
      const bigPage = scan.pages.find((p) => p.firstItem === 7);
      assert.equal(bigPage?.itemCount, 1);
    });

    test('an empty array has no items and no pages', async () => {
      const bucket = await put('empty.json', ' [ ] ');
      const result = await scanItems(
        backend().storage,
        { resource: GET, bucket, key: 'empty.json' },
        { maxItemsPerPage: 5, maxBytesPerPage: 1e6 },
      );
      assert.deepEqual(result, { pages: [], totalItems: 0 });
    });

    test('a top-level non-array (object, string, number, empty file) is not iterable', async () => {
      for (const body of ['{"Hello": "world"}', '"text"', '42', '', '   ']) {
        const bucket = await put('x.json', body);
        await rejectsWithStatesError(
          scanItems(
            backend().storage,
            { resource: GET, bucket, key: 'x.json', inputType: 'JSON' },
            { maxItemsPerPage: 5, maxBytesPerPage: 1e6 },
          ),
          FAILED,
          'Attempting to map over non-iterable node.',
        );
      }
    });

    test('malformed or truncated JSON fails naming the item index', async () => {
      const limits = { maxItemsPerPage: 5, maxBytesPerPage: 1e6 };
      const bucket = await put('bad.json', '[{"a":1}, {"b":2}, {"c":]');
      await rejectsWithStatesError(
        scanItems(backend().storage, { resource: GET, bucket, key: 'bad.json' }, limits),
        FAILED,
        /^Malformed JSON in s3:\/\/[^ ]+\/bad\.json at item index 2: /,
      );
      const cut = await put('cut.json', '[1, 2, 3');
      await rejectsWithStatesError(
        scanItems(backend().storage, { resource: GET, bucket: cut, key: 'cut.json' }, limits),
        FAILED,
        /at item index 2: Unexpected end of JSON input/,
      );
    });
  });

  describe(`item reader: CSV (${label})`, () => {
    const csvReader = (bucket: string, key: string, extra: Partial<ResolvedItemReader> = {}): ResolvedItemReader => ({
      resource: GET,
      bucket,
      key,
      inputType: 'CSV',
      csvHeaderLocation: 'FIRST_ROW',
      ...extra,
    });

    test('quoted delimiters, "" escapes and quoted newlines survive paging; CRLF and a BOM are handled', async () => {
      const body = '\ufeffid,text\r\n1,"a, b"\r\n2,"say ""hi"""\r\n3,"line one\r\nline two"\r\n4,plain\r\n';
      const bucket = await put('q.csv', body);
      const { items } = await scanAndReadAll(backend().storage, csvReader(bucket, 'q.csv'), {
        maxItemsPerPage: 1,
        maxBytesPerPage: 1e6,
      });
      assert.deepEqual(items, [
        { id: '1', text: 'a, b' },
        { id: '2', text: 'say "hi"' },
        { id: '3', text: 'line one\r\nline two' },
        { id: '4', text: 'plain' },
      ]);
    });

    test('backslash escapes: \\\\, \\" and \\<delimiter> are text, a backslash before anything else drops', async () => {
      const body = 'path,note\nC:\\\\temp,"say \\"hi\\""\n1\\,000,a\\b\n"x\\,y",end\\\n';
      const bucket = await put('esc.csv', body);
      const { items } = await scanAndReadAll(backend().storage, csvReader(bucket, 'esc.csv'), {
        maxItemsPerPage: 1,
        maxBytesPerPage: 1e6,
      });
      assert.deepEqual(items, [
        { path: 'C:\\temp', note: 'say "hi"' },
        { path: '1,000', note: 'ab' },
        { path: 'x,y', note: 'end' },
      ]);
    });

    test('every CSVDelimiter, with GIVEN headers, short and long rows', async () => {
      const delimiters = { COMMA: ',', PIPE: '|', SEMICOLON: ';', SPACE: ' ', TAB: '\t' } as const;
      for (const [name, d] of Object.entries(delimiters)) {
        const body = [`a${d}b${d}c`, `"x${d}y"${d}2`, `1${d}2${d}3${d}4`].join('\n');
        const bucket = await put('d.csv', body);
        const reader = csvReader(bucket, 'd.csv', {
          csvHeaderLocation: 'GIVEN',
          csvHeaders: ['H1', 'H2', 'H3'],
          csvDelimiter: name as keyof typeof delimiters,
        });
        assert.deepEqual(
          (await scanAndReadAll(backend().storage, reader)).items,
          [
            { H1: 'a', H2: 'b', H3: 'c' },
            { H1: `x${d}y`, H2: '2', H3: '' },
            { H1: '1', H2: '2', H3: '3' },
          ],
          `delimiter ${name}`,
        );
      }
    });

    test('a header row only, or an empty file, has no items', async () => {
      for (const body of ['Col1,Col2\n', '']) {
        const bucket = await put('h.csv', body);
        assert.equal(
          (await scanItems(backend().storage, csvReader(bucket, 'h.csv'), { maxItemsPerPage: 5, maxBytesPerPage: 1e6 }))
            .totalItems,
          0,
        );
      }
    });

    test('duplicate FIRST_ROW headers fail like duplicate GIVEN headers', async () => {
      const bucket = await put('dup.csv', 'a,b,a\n1,2,3\n');
      await rejectsWithStatesError(
        scanItems(backend().storage, csvReader(bucket, 'dup.csv'), { maxItemsPerPage: 5, maxBytesPerPage: 1e6 }),
        FAILED,
        'CSV headers cannot contain duplicates.',
      );
    });

    test('an unclosed quote fails naming the line', async () => {
      const bucket = await put('bad.csv', 'a,b\n1,2\n3,"open\n4,5\n');
      await rejectsWithStatesError(
        scanItems(backend().storage, csvReader(bucket, 'bad.csv'), { maxItemsPerPage: 5, maxBytesPerPage: 1e6 }),
        FAILED,
        /^Malformed CSV in s3:\/\/[^ ]+\/bad\.csv at line \d+: Quote Not Closed/,
      );
    });
  });
}
