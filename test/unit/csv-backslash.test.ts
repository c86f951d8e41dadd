import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { BackslashEscapes, unescapeField } from '../../activities/item-reader/csv-backslash';

async function through(chunks: Buffer[], delimiter: string): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(chunks).pipe(new BackslashEscapes(delimiter))) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

test('escapes keep their byte length and read the same however the stream is cut', async () => {
  const text = Buffer.from('a\\\\b;"c\\"d";e\\;f\\g;é\\\\\n\\');
  const whole = await through([text], ';');
  assert.equal(whole.length, text.length, 'byte offsets into the stored object stay valid');
  for (let cut = 1; cut < text.length; cut++) {
    const split = await through([text.subarray(0, cut), text.subarray(cut)], ';');
    assert.deepEqual(split, whole, `cut at byte ${cut}`);
  }
  const fields = whole.toString('utf8').split(';');
  assert.deepEqual(
    fields.map((field) => unescapeField(field, ';')),
    ['a\\b', '"c"d"', 'e;fg', 'é\\\n'],
  );
});

test('a field without backslashes or stand-ins is returned as it is', () => {
  assert.equal(unescapeField('plain text, "quoted"', ','), 'plain text, "quoted"');
});
