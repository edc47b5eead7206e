// The public list pages and the objection form (no login): what they show, the per-client rate limit
// of objections (5 accepted per 10 minutes, 429 with Retry-After; refused ones do not count), and that
// the cached pages follow every change (an upheld objection removes the estate at once).
//
// FIXTURE: a published county list of 新会区 with two entries is written with sqlite3 straight into
// the server's database (publishing itself is tested in selection.test.mjs).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { startServer, assertError, XINHUI } from './harness.mjs'

const Y = 2023
const P = `/api/public/campaigns/${Y}/lists`
let srv, xh, estates

function sql(text) {
  const r = spawnSync('sqlite3', ['-bail', srv.db], { input: `.timeout 5000\n${text}`, encoding: 'utf8' })
  assert.equal(r.status, 0, r.stderr)
  return r.stdout.trim()
}
const q = (s) => `'${String(s).replace(/'/g, "''")}'`

before(async () => {
  srv = await startServer({ env: { MEIHAO_TODAY: '2023-09-12' } })
  xh = await srv.login('county_admin_xh')
  estates = sql(`SELECT code || '|' || name || '|' || town_code FROM estates WHERE county_code = '${XINHUI}' AND deleted_at IS NULL
    ORDER BY code LIMIT 2;`).split('\n').map((l) => l.split('|'))
  let s = `INSERT INTO selection_lists(campaign_year, level, unit_code, status, quota, explanation, short, published_on,
    publicity_days, published_at) VALUES (${Y}, 'county', '${XINHUI}', 'published', 23, '申报较少，名单不足名额，特此说明。', 1, '2023-09-11', 7, 'x');\n`
  estates.forEach(([code], i) => {
    s += `INSERT INTO applications(campaign_year, estate_code, county_code, applicant_type, applicant_name, contact_name, contact_phone,
      status, rubric, automatic, submitted_at, submitted_ms, created_at, updated_at) VALUES (${Y}, ${q(code)}, '${XINHUI}',
      'owners_committee', ${q('业主委员会' + (i + 1))}, '张三', '13812345678', 'submitted', '', '{}', 'x', ${i}, 'x', 'x');
    INSERT INTO selection_entries(campaign_year, level, unit_code, application_id, estate_code, position, rank, score, source, status)
      VALUES (${Y}, 'county', '${XINHUI}', last_insert_rowid(), ${q(code)}, ${i + 1}, ${i + 1}, ${q(['93.50', '88.25'][i])}, 'rules', 'listed');\n`
  })
  sql(s)
})
after(async () => {
  await srv?.stop()
})

test('the campaigns with their published lists, by the server’s date', async () => {
  const r = await srv.anon.get('/api/public/campaigns')
  assert.equal(r.status, 200, r.text)
  // The demo has campaign 2023 only, with the one list published above; today is the server's.
  assert.deepEqual(r.json, { today: '2023-09-12', campaigns: [{ year: 2023, lists: 1 }] })
})

test('the lists and one list, without logging in', async () => {
  const lists = await srv.anon.get(P)
  assert.equal(lists.status, 200, lists.text)
  // Today 09-12 in a window 09-11 … 09-17: 6 days left counting today.
  assert.deepEqual(lists.json, {
    year: Y,
    today: '2023-09-12',
    lists: [{ level: 'county', unit_code: XINHUI, unit_name: '新会区', status: 'published', publicity: { first: '2023-09-11', last: '2023-09-17' }, in_publicity: true, days_left: 6, count: 2 }],
  })
  const one = await srv.anon.get(`${P}/county/${XINHUI}`)
  assert.equal(one.status, 200, one.text)
  assert.equal(one.json.unit_name, '新会区')
  assert.deepEqual(one.json.entries.map((e) => [e.position, e.estate_code, e.estate_name, e.county_name, e.applicant_name, e.score]), [
    [1, estates[0][0], estates[0][1], '新会区', '业主委员会1', '93.50'],
    [2, estates[1][0], estates[1][1], '新会区', '业主委员会2', '88.25']])
  // Served from memory the second time: the same bytes.
  assert.equal((await srv.anon.get(`${P}/county/${XINHUI}`)).text, one.text)
  assert.equal(one.headers.get('cache-control'), 'no-store')
  assertError(await srv.anon.get(`${P}/county/440799`), 404, 'unit.not_found')
  assertError(await srv.anon.get(`${P}/city/440700`), 404, 'selection.not_published')
  assertError(await srv.anon.get(`${P}/county/${XINHUI}x`), 404, 'unit.not_found')
  assertError(await srv.anon.get(`/api/public/campaigns/20x3/lists`), 404)
})

test('objections: 5 accepted per client in 10 minutes, then 429 with Retry-After; refused ones do not count', async () => {
  const file = (body) => srv.anon.post(`${P}/county/${XINHUI}/objections`, body)
  const good = { estate_code: estates[0][0], reason: '小区内存在违章搭建，尚未整改。', name: '赵六', phone: '+86 139 0000 1111' }
  for (let i = 0; i < 3; i++) assertError(await file({ ...good, phone: '123' }), 400, 'objection.phone.format', 'phone')
  assertError(await file({ ...good, estate_code: 'NOPE' }), 400, 'objection.estate.not_listed', 'estate_code')
  assertError(await srv.anon.call('POST', `${P}/county/${XINHUI}/objections`, { body: '{oops', headers: { 'Content-Type': 'application/json' } }), 400, 'json.malformed')
  const ids = []
  for (let i = 0; i < 5; i++) {
    const r = await file({ ...good, estate_code: estates[i % 2][0] })
    assert.equal(r.status, 201, `objection ${i + 1}: ${r.text}`)
    assert.equal(r.json.phone, '139****1111')
    assert.equal(r.json.status, 'open')
    ids.push(r.json.id)
  }
  const limited = await file(good)
  assertError(limited, 429, 'objection.rate_limited')
  const wait = Number(limited.headers.get('retry-after'))
  assert.ok(wait > 590 && wait <= 601, `Retry-After ${wait}`)
  // Stored with the client address, phone normalised.
  assert.equal(sql(`SELECT COUNT(*) || '|' || MIN(client) || '|' || MIN(phone) FROM objections WHERE unit_code = '${XINHUI}';`), '5|127.0.0.1|13900001111')
  // The handler answers one upheld: the estate leaves the cached page at once.
  const before = await srv.anon.get(`${P}/county/${XINHUI}`)
  assert.equal(before.json.entries.length, 2)
  const up = await xh.post(`/api/campaigns/${Y}/objections/${ids[0]}/answer`, { outcome: 'upheld', answer: '经现场核查属实，撤销推荐。' })
  assert.equal(up.status, 200, up.text)
  const afterUp = await srv.anon.get(`${P}/county/${XINHUI}`)
  assert.deepEqual(afterUp.json.entries.map((e) => e.estate_code), [estates[1][0]])
  assert.equal((await srv.anon.get(P)).json.lists[0].count, 1)
  // The limit still holds for this address.
  assertError(await file({ ...good, estate_code: estates[1][0] }), 429, 'objection.rate_limited')
})
