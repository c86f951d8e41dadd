// What `tsf setup` plans from what the server reports (client/setup-plan.ts): create, raise retention only when
// asked, register the missing search attributes, refuse type conflicts and SQL visibility's per-type limits.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DAY_MS, INDEXED_VALUE_TYPE, planSetup, type NamespaceFacts } from '../../client/setup-plan';
import { TSF_SEARCH_ATTRIBUTES } from '../../messages/search-attributes';

const all = Object.fromEntries(TSF_SEARCH_ATTRIBUTES.map(({ name, type }) => [name, INDEXED_VALUE_TYPE[type]]));
const ready: NamespaceFacts = {
  namespace: 'ns',
  exists: true,
  state: 1,
  retentionMs: 14 * DAY_MS,
  customAttributes: all,
};

void describe('tsf setup plan', () => {
  void test('a missing namespace: create it with 14 days, register every attribute', () => {
    const plan = planSetup({ namespace: 'ns', exists: false, customAttributes: {} });
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.steps[0], { action: 'createNamespace', namespace: 'ns', retentionDays: 14 });
    assert.equal(plan.steps[1]?.action, 'addSearchAttributes');
    const added = plan.steps[1]?.action === 'addSearchAttributes' ? plan.steps[1].searchAttributes : {};
    assert.deepEqual(
      Object.keys(added),
      TSF_SEARCH_ATTRIBUTES.map((a) => a.name),
    );
    assert.equal(added.TsfStatus, 'Keyword');
    assert.equal(added.TsfRedriveCount, 'Int');
  });

  void test('a ready namespace: nothing to do; more retention is fine', () => {
    assert.deepEqual(planSetup(ready), { steps: [], problems: [] });
    assert.deepEqual(planSetup({ ...ready, retentionMs: 30 * DAY_MS }), { steps: [], problems: [] });
  });

  void test('less retention: an error, unless --set-retention raises it (never lowered)', () => {
    const short = { ...ready, retentionMs: DAY_MS };
    const refused = planSetup(short);
    assert.deepEqual(refused.steps, []);
    assert.match(
      refused.problems[0]!,
      /keeps closed workflows for 1 day; the engine needs at least 14 days.*--set-retention/,
    );
    assert.deepEqual(planSetup(short, { setRetention: true }).steps, [
      { action: 'raiseRetention', namespace: 'ns', fromDays: 1, toDays: 14 },
    ]);
  });

  void test('a search attribute of the wrong type is a problem; the missing ones are added', () => {
    const { TsfStatus: _, TsfName: __, ...some } = all;
    const plan = planSetup({ ...ready, customAttributes: { ...some, TsfStatus: INDEXED_VALUE_TYPE.INT } });
    assert.match(plan.problems[0]!, /TsfStatus exists in namespace 'ns' as Int; the engine needs Keyword/);
    assert.deepEqual(plan.steps, [
      { action: 'addSearchAttributes', namespace: 'ns', searchAttributes: { TsfName: 'Keyword' } },
    ]);
  });

  void test("SQL visibility's 10 Keyword slots: the engine's 7 fit beside 3 of the user's, not beside 4", () => {
    const theirs = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`Custom${i}`, INDEXED_VALUE_TYPE.KEYWORD]));
    const facts = { namespace: 'ns', exists: true, state: 1, retentionMs: 14 * DAY_MS, visibilityStore: 'postgres12' };
    assert.deepEqual(planSetup({ ...facts, customAttributes: theirs(3) }).problems, []);
    const full = planSetup({ ...facts, customAttributes: theirs(4) });
    assert.match(
      full.problems[0]!,
      /would need 11 Keyword search attributes \(4 registered \+ 7 of the engine's\).*\(postgres12\) allows at most 10/,
    );
    assert.deepEqual(
      planSetup({ ...facts, visibilityStore: 'elasticsearch', customAttributes: theirs(4) }).problems,
      [],
    );
    // A server that does not name its store (Temporal Cloud) has its own limits, and enforces them itself.
    assert.deepEqual(planSetup({ ...facts, visibilityStore: undefined, customAttributes: theirs(4) }).problems, []);
    for (const store of ['mysql8', 'sqlite', 'postgres12_pgx']) {
      assert.equal(planSetup({ ...facts, visibilityStore: store, customAttributes: theirs(4) }).problems.length, 1);
    }
  });
});
