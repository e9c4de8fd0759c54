// The screens' pure modules (money as officials write it, the business calendar) run in node, as the pages run
// them: the files the service serves, imported as they are (no page needed).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const load = (name) => import(`data:text/javascript,${encodeURIComponent(readFileSync(
  new URL(`../src/main/resources/META-INF/resources/screen/js/${name}.js`, import.meta.url), 'utf8'))}`);
const { toFen, yuan, yuanShort, percent, count, duration } = await load('format');
const { learnOffset, period, dates, day, clock, month, recentMonths } = await load('time');

test('amounts are whole fen, from decimal text or a JSON number, never rounded through floats', () => {
  assert.equal(toFen('74516.30'), 7451630n);
  assert.equal(toFen(7090.3), 709030n);
  assert.equal(toFen('0.1'), 10n);
  assert.equal(toFen('-3.2'), -320n);
  assert.equal(toFen('1.005'), 101n);
  assert.equal(toFen('99999999999.99'), 9999999999999n);
  assert.throws(() => toFen('1e5'));
});

test('exact money: ¥, thousands separators, two decimals', () => {
  assert.equal(yuan('35547.5'), '¥35,547.50');
  assert.equal(yuan(0), '¥0.00');
  assert.equal(yuan('-1768'), '-¥1,768.00');
  assert.equal(yuan('1234567.89'), '¥1,234,567.89');
});

test('large sums as officials write them: 万元 from 10,000 yuan, 亿元 from 100 million, rounded half up', () => {
  assert.equal(yuanShort('9999.99'), '¥9,999.99');
  assert.equal(yuanShort('10000'), '1.00万元');
  assert.equal(yuanShort('138010.15'), '13.80万元');
  assert.equal(yuanShort('123450'), '12.35万元');
  assert.equal(yuanShort('351000000'), '3.51亿元');
  assert.equal(yuanShort('3510000000'), '35.10亿元');
  assert.equal(yuanShort('260000000.00'), '2.60亿元');
  assert.equal(yuanShort('99999999.99'), '10,000.00万元');
});

test('counts, shares and durations', () => {
  assert.equal(count(1916), '1,916');
  assert.equal(percent(0.747), '74.7%');
  assert.equal(percent(0.0523, 2), '5.23%');
  assert.equal(duration(3725), '1:02:05');
  assert.equal(duration(125), '02:05');
});

test('the business calendar: the offset learnt from the start of a business day, periods and campaign windows', () => {
  assert.equal(learnOffset('2026-12-06T16:00:00Z'), false); // Asia/Shanghai is the default
  const at = Date.parse('2026-12-06T17:30:00Z'); // 01:30 on 7 December in Chongqing
  assert.deepEqual(Object.values(period('today', at)).map((d) => d.toISOString()), ['2026-12-06T16:00:00.000Z', '2026-12-07T16:00:00.000Z']);
  assert.deepEqual(Object.values(period('month', at)).map((d) => d.toISOString()), ['2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z']);
  assert.deepEqual(Object.values(period('year', at)).map((d) => d.toISOString()), ['2025-12-31T16:00:00.000Z', '2026-12-31T16:00:00.000Z']);
  assert.deepEqual(Object.values(dates('2020-01-01', '2020-08-31')).map((d) => d.toISOString()), ['2019-12-31T16:00:00.000Z', '2020-08-31T16:00:00.000Z']);
  assert.equal(day(at), '2026-12-07');
  assert.equal(clock(at), '2026-12-07 01:30:00');
  // the bulletin's months: business months (16:30 UTC on 31 December is already January in Chongqing)
  assert.equal(month(at), '2026-12');
  assert.equal(month(Date.parse('2026-12-31T16:30:00Z')), '2027-01');
  assert.deepEqual(recentMonths(3, Date.parse('2027-01-31T16:30:00Z')), ['2027-02', '2027-01', '2026-12']);
  assert.deepEqual(recentMonths(2, Date.parse('2026-03-31T15:00:00Z')), ['2026-03', '2026-02']);
  assert.equal(learnOffset('2026-12-07T00:00:00Z'), true); // a service in UTC
  assert.deepEqual(Object.values(period('today', at)).map((d) => d.toISOString()), ['2026-12-06T00:00:00.000Z', '2026-12-07T00:00:00.000Z']);
  assert.equal(learnOffset('2026-12-06T05:00:00Z'), true); // UTC-5
  assert.equal(period('today', at).from.toISOString(), '2026-12-06T05:00:00.000Z');
});
