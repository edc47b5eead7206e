// The demo campaign walked through the year (`meihao demo --story`, what `make run` loads): each
// phase's work was done through the services on its own day, so at 2023-12-20 the campaign stands
// where a real one would — every cultivation list confirmed, every county list final after its
// publicity, the objections answered, the city list final — and a second run changes nothing.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { runCli, startServer } from './harness.mjs'

const Y = 2023
let srv, city

before(async () => {
  srv = await startServer({ story: true, env: { MEIHAO_TODAY: '2023-12-20' } })
  city = await srv.login('city_admin')
})
after(async () => {
  await srv?.stop()
})

test('every county confirmed its cultivation list and gave tasks; 蓬江区 and 新会区 recorded progress', async () => {
  const r = await city.get(`/api/campaigns/${Y}/cultivation/overview`)
  assert.equal(r.status, 200, r.text)
  assert.equal(r.json.counties.length, 7)
  for (const c of r.json.counties) assert.equal(c.confirmed, true, c.county_name)
  const county = await srv.login('county_admin')
  const list = await county.get(`/api/campaigns/${Y}/cultivation`)
  assert.equal(list.status, 200, list.text)
  assert.ok(list.json.estates.length > 0)
  assert.ok(list.json.estates.some((e) => e.tasks_total > 0 && e.tasks_done > 0), 'some task done')
})

test('every county list was published on time, went through publicity and is final', async () => {
  const r = await city.get(`/api/campaigns/${Y}/selection/overview`)
  assert.equal(r.status, 200, r.text)
  assert.equal(r.json.counties.length, 7)
  for (const c of r.json.counties) {
    assert.equal(c.status, 'final', c.county_name)
    assert.equal(c.late, false, c.county_name)
    assert.ok(c.published_on >= '2023-09-25' && c.published_on <= '2023-09-30', `${c.county_name} ${c.published_on}`)
    assert.equal(c.applications, c.evaluated, `${c.county_name}: every application evaluated`)
    assert.ok(c.listed <= c.quota)
    // Short of the quota, a list needs its written explanation (rules.md §8).
    if (c.listed < c.quota) assert.ok(c.explanation.length > 10, c.county_name)
  }
  assert.ok(r.json.counties.some((c) => c.listed > 0))
})

test('蓬江区: one objection upheld (its estate left the list), one dismissed, both answered in writing', async () => {
  const sel = await city.get(`/api/campaigns/${Y}/selection?level=county&unit=440703`)
  assert.equal(sel.status, 200, sel.text)
  const objections = sel.json.objections
  assert.deepEqual(objections.map((o) => o.status).sort(), ['dismissed', 'upheld'])
  for (const o of objections) {
    assert.ok(o.answer.length > 5)
    assert.match(o.phone, /^\d{3}\*{4}\d{4}$/, 'the phone is masked to the city')
    assert.ok(o.filed_at.startsWith('2023-09-2'), o.filed_at)
  }
  const upheld = objections.find((o) => o.status === 'upheld')
  const entry = sel.json.list.find((e) => e.estate_code === upheld.estate_code)
  assert.equal(entry.status, 'removed')
  const cityList = await city.get(`/api/campaigns/${Y}/selection?level=city&unit=440700`)
  assert.ok(!cityList.json.list.some((e) => e.estate_code === upheld.estate_code), 'a removed estate never reaches the city')
})

test('the city list holds the county winners, scored by the city’s evaluators, and is final and public', async () => {
  const overview = (await city.get(`/api/campaigns/${Y}/selection/overview`)).json
  const winners = overview.counties.reduce((n, c) => n + c.listed, 0)
  const sel = await city.get(`/api/campaigns/${Y}/selection?level=city&unit=440700`)
  assert.equal(sel.status, 200, sel.text)
  assert.equal(sel.json.status, 'final')
  assert.ok(sel.json.list.length > 0)
  assert.ok(sel.json.list.length <= winners, `${sel.json.list.length} of ${winners} county winners`)
  for (const e of sel.json.list) assert.match(e.score, /^\d+\.\d\d$/)
  assert.ok(sel.json.published_at.startsWith('2023-11-'), sel.json.published_at)
  const pub = await srv.anon.get(`/api/public/campaigns/${Y}/lists/city/440700`)
  assert.equal(pub.status, 200, pub.text)
})

test('a second `demo --story` changes nothing', async () => {
  const before = (await city.get(`/api/campaigns/${Y}/selection/overview`)).json
  const r = runCli(['demo', '--db', srv.db, '--story'])
  assert.equal(r.status, 0, r.stderr)
  assert.match(r.stdout, /0 份申报 applications/)
  assert.match(r.stdout, /0 张评分表 score sheets/)
  const after = (await city.get(`/api/campaigns/${Y}/selection/overview`)).json
  assert.deepEqual(after, before)
})
