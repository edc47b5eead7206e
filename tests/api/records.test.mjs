// Imports of the records that feed the indicators: complaints, satisfaction, fees, penalties.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { startServer, csv, UTF8_BOM, uscc, assertError, PENGJIANG, XINHUI } from './harness.mjs'

let srv, county, city, street
let mine, mine2, theirs
before(async () => {
  srv = await startServer()
  county = await srv.login('county_admin')
  city = await srv.login('city_admin')
  street = await srv.login('street_staff')
  // The demo campaign 2023 has records of its own: take two 蓬江区 estates it has no figures for
  // (no satisfaction sample, no complaint in the window, no fee row), so that the figures checked
  // below come from this file's records alone.
  const table = (kind) => srv.cli(['export', kind, '--campaign', '2023', '--db', srv.db]).stdout.trim().split(/\r?\n/).slice(1).map((l) => l.split(','))
  const noFees = new Set(table('gates').filter((g) => g[6] === '').map((g) => g[0]))
  const blank = table('rankings').filter((r) => r[1] === PENGJIANG && r[3] === '0' && r[6] === '0' && noFees.has(r[0]))
  assert.ok(blank.length >= 2, 'the demo leaves some estates without records')
  mine = blank[0][0]
  mine2 = blank[1][0]
  theirs = (await city.get(`/api/estates?county=${XINHUI}&page_size=1`)).json.items[0].code
})
after(async () => {
  await srv?.stop()
})

const file = (rows) => Buffer.concat([UTF8_BOM, Buffer.from(csv(rows))])
const upload = (client, kind, rows, dry = false) =>
  client.upload(`/api/imports/${kind}?dry_run=${dry ? 1 : 0}&filename=${kind}.csv`, file(rows))

test('complaints: dry run writes nothing, import creates, re-import changes nothing', async () => {
  const rows = [
    ['投诉编号', '小区编码', '投诉日期', '投诉类别', '是否物业管理类', '是否有效'],
    ['T-12345-001', mine, '2023-03-05', '环境卫生', '是', ''],
    ['T-12345-002', mine, '2023/4/1', '', '否', '否'],
    ['T-12345-003', mine2, '2022-12-31', '停车', 'yes', 'yes'],
  ]
  const dry = await upload(county, 'complaints', rows, true)
  assert.equal(dry.status, 200, dry.text)
  assert.deepEqual([dry.json.created, dry.json.updated, dry.json.unchanged], [3, 0, 0])
  const real = await upload(county, 'complaints', rows)
  assert.equal(real.status, 200, real.text)
  assert.equal(real.json.created, 3, 'the dry run wrote nothing: the real import still creates all three')
  const again = await upload(county, 'complaints', rows)
  assert.deepEqual([again.json.created, again.json.updated, again.json.unchanged], [0, 0, 3])
  rows[2][4] = '是'
  const changed = await upload(county, 'complaints', rows)
  assert.deepEqual([changed.json.created, changed.json.updated, changed.json.unchanged], [0, 1, 2])
})

test('an estate outside the scope or unknown is a problem with the nearest codes; nothing is written', async () => {
  const r = await upload(county, 'complaints', [
    ['投诉编号', '小区编码', '投诉日期', '是否物业管理类'],
    ['X-1', mine, '2023-03-05', '是'],
    ['X-2', theirs, '2023-03-05', '是'],
    ['X-3', mine.slice(0, -1) + 'Z', '2023-03-05', '是'],
  ])
  assert.equal(r.status, 422, r.text)
  assert.equal(r.json.problem_count, 2)
  assert.deepEqual(r.json.problems.map((p) => [p.row, p.column]), [[3, '小区编码'], [4, '小区编码']])
  assert.ok(r.json.problems[1].suggestion.length > 0, 'a suggestion for the mistyped code')
  const retry = await upload(county, 'complaints', [['投诉编号', '小区编码', '投诉日期', '是否物业管理类'], ['X-1', mine, '2023-03-05', '是']], true)
  assert.equal(retry.json.created, 1, 'X-1 was not written by the refused file')
})

test('fees: collected above due and two decimals are checked; satisfaction scores keep two decimals', async () => {
  const bad = await upload(county, 'fees', [['小区编码', '年度', '应收金额', '实收金额'], [mine, '2022', '1000', '1000.01'], [mine2, '2022', '1000.001', '5']])
  assert.equal(bad.status, 422, bad.text)
  assert.deepEqual(bad.json.problems.map((p) => [p.row, p.column]), [[2, '实收金额'], [3, '应收金额']])
  const ok = await upload(county, 'fees', [['estate_code', 'year', 'amount_due', 'amount_collected'], [mine, '2022', '120000.50', '114000']])
  assert.equal(ok.status, 200, ok.text)
  const sat = await upload(county, 'satisfaction', [['小区编码', '样本量', '满意度得分', '测评日期', '测评机构'], [mine, '120', '88.75', '2023-06-01', '江门市某调查公司']])
  assert.equal(sat.status, 200, sat.text)
  assert.equal(sat.json.created, 1)
  const dup = await upload(county, 'satisfaction', [['小区编码', '样本量', '满意度得分', '测评日期'], [mine, '10', '80', '2023-06-01'], [mine, '20', '90', '2023-06-01']])
  assert.equal(dup.status, 422)
  assert.equal(dup.json.problems[0].row, 3)
})

test('penalties: the credit code must be valid', async () => {
  const good = uscc('91440703MA4UPEN01')
  const r = await upload(city, 'penalties', [['处罚决定书文号', '统一社会信用代码', '处罚日期', '处罚事由'], ['江建罚〔2023〕1号', good, '2023-01-10', '未按规定公示收费标准'], ['江建罚〔2023〕2号', good.slice(0, 17) + (good[17] === 'A' ? 'B' : 'A'), '2023-01-10', '']])
  assert.equal(r.status, 422, r.text)
  assert.deepEqual(r.json.problems.map((p) => [p.row, p.column]), [[3, '统一社会信用代码']])
})

test('refusals: unknown kind 404, street staff 403, empty file 400, no session 401', async () => {
  assertError(await county.upload('/api/imports/owners?dry_run=1', file([['a'], ['b']])), 404, 'import.kind')
  assertError(await street.upload('/api/imports/complaints?dry_run=1', file([['投诉编号'], ['x']])), 403)
  assertError(await county.upload('/api/imports/fees?dry_run=1', Buffer.alloc(0)), 400, 'file.empty')
  const anon = await fetch(`${srv.base}/api/imports/fees`, { method: 'POST', body: 'x' })
  assert.equal(anon.status, 401)
})

test('CLI: meihao import complaints exits 1 with the problems, 0 with the counts', async () => {
  const bad = path.join(srv.dir, 'bad-complaints.csv')
  fs.writeFileSync(bad, file([['投诉编号', '小区编码', '投诉日期', '是否物业管理类'], ['C-1', 'NO-SUCH', '2023-01-01', '是']]))
  const r1 = srv.cli(['import', 'complaints', bad, '--db', srv.db])
  assert.equal(r1.status, 1, r1.stdout + r1.stderr)
  assert.match(r1.stderr, /NO-SUCH/)
  const good = path.join(srv.dir, 'good-complaints.csv')
  fs.writeFileSync(good, file([['投诉编号', '小区编码', '投诉日期', '是否物业管理类'], ['C-1', mine, '2023-01-01', '是']]))
  const r2 = srv.cli(['import', 'complaints', good, '--db', srv.db])
  assert.equal(r2.status, 0, r2.stdout + r2.stderr)
  assert.match(r2.stdout, /created 1/)
})

test('CLI: campaign 2023 rankings, gates and quotas from the imported records', async () => {
  assert.equal(srv.cli(['campaign', 'create', '--year', '2023', '--db', srv.db]).status, 1, 'the demo created 2023')
  const est = (await county.get(`/api/estates/${mine}`)).json
  const r = srv.cli(['export', 'rankings', '--campaign', '2023', '--db', srv.db])
  assert.equal(r.status, 0, r.stderr)
  const lines = r.stdout.trim().split(/\r?\n/)
  assert.equal(lines[0], 'estate_code,county_code,managed,satisfaction_sample,satisfaction_index,satisfaction_rank,complaint_count,complaint_rate,complaint_rank,top_satisfaction,bottom_complaints,demonstration,cultivation')
  const row = lines.find((l) => l.startsWith(mine + ',')).split(',')
  // Window [2022-09-01, 2023-09-01): complaints T-12345-001 (2023-03-05) and C-1 (2023-01-01) count;
  // T-12345-002 is not property-related. One third-party result: 120 responses of 88.75.
  assert.equal(row[3], '120')
  assert.equal(row[4], '88.75')
  assert.equal(row[6], '2')
  assert.equal(row[7], (Math.round((2000 / est.households) * 100) / 100).toFixed(2), `1000 × 2 / ${est.households}`)
  const g = srv.cli(['export', 'gates', '--campaign', '2023', '--db', srv.db])
  const gate = g.stdout.split(/\r?\n/).find((l) => l.startsWith(mine + ',')).split(',')
  // Fees 2022: 114000.00 / 120000.50 = 0.94999… → shown 0.9500 but below 95%: P8 fails, exactly.
  assert.equal(gate[6], '0.9500')
  assert.equal(gate[7], '0')
  assert.equal(gate[8], '0')
  const q = srv.cli(['export', 'quotas', '--campaign', '2023', '--db', srv.db])
  assert.match(q.stdout, /^county_code,county_name,managed_estates,quota/)
  const pj = q.stdout.split(/\r?\n/).find((l) => l.startsWith('440703,')).split(',')
  assert.equal(Number(pj[3]), Math.ceil((Number(pj[2]) * 4) / 100), 'quota = ⌈4% × managed⌉')
  assert.equal(srv.cli(['export', 'rankings', '--campaign', '2030', '--db', srv.db]).status, 1, 'no campaign for 2030')
})

test('API: campaign settings and tables, scoped to the caller, with refusals', async () => {
  const s = await county.get('/api/campaigns/2023')
  assert.equal(s.status, 200, s.text)
  const setting = Object.fromEntries(s.json.settings.map((x) => [x.key, x.value]))
  assert.equal(setting['reference_date'], '2023-09-01')
  assert.equal(setting['fee_year'], '2022')
  const mineCsv = await county.get('/api/campaigns/2023/rankings')
  assert.equal(mineCsv.status, 200, mineCsv.text)
  const rows = mineCsv.text.trim().split(/\r?\n/).slice(1).map((l) => l.split(','))
  assert.ok(rows.length > 0)
  assert.ok(rows.every((r) => r[1] === PENGJIANG), 'a county administrator sees only its county')
  const all = await city.get('/api/campaigns/2023/rankings')
  const counties = new Set(all.text.trim().split(/\r?\n/).slice(1).map((l) => l.split(',')[1]))
  assert.ok(counties.size === 7, `the city sees every county (${[...counties]})`)
  // The same estate has the same rank whoever asks: ranks are the county's.
  const line = (text) => text.split(/\r?\n/).find((l) => l.startsWith(mine + ','))
  assert.equal(line(mineCsv.text), line(all.text))
  const q = await county.get('/api/campaigns/2023/quotas')
  assert.equal(q.text.trim().split(/\r?\n/).length, 2, 'header and 蓬江区 only')
  const x = await county.get('/api/campaigns/2023/gates?format=xlsx')
  assert.equal(x.status, 200)
  assert.equal(x.buf.subarray(0, 2).toString(), 'PK')
  const evaluator = await srv.login('evaluator')
  assertError(await evaluator.get('/api/campaigns/2023/rankings'), 403)
  assertError(await county.get('/api/campaigns/2031/rankings'), 404, 'campaign.not_found')
  assertError(await county.get('/api/campaigns/2023/nope'), 404, 'campaign.table')
  assertError(await county.get('/api/campaigns/2023/rankings?format=pdf'), 400, 'format.value')
  assertError(await county.get('/api/campaigns/abc'), 404)
})

test('each record template downloads and its example row passes a dry run', async () => {
  for (const kind of ['complaints', 'satisfaction', 'fees', 'penalties']) {
    const t = await county.get(`/api/imports/${kind}/template.xlsx`)
    assert.equal(t.status, 200, `${kind}: ${t.text?.slice(0, 200)}`)
    assert.equal(t.buf.subarray(0, 2).toString(), 'PK')
    const back = await county.upload(`/api/imports/${kind}?dry_run=1&filename=template.xlsx`, t.buf)
    assert.equal(back.status, 200, `${kind}: ${back.text.slice(0, 500)}`)
    assert.equal(back.json.rows, 1)
  }
  assertError(await county.get('/api/imports/owners/template.xlsx'), 404, 'import.kind')
})

test('API: create a campaign and change its settings; locks, override and refusals', async () => {
  const created = await city.post('/api/campaigns', { year: 2100 })
  assert.equal(created.status, 201, created.text)
  assertError(await city.post('/api/campaigns', { year: 2100 }), 409, 'campaign.exists')
  assertError(await city.post('/api/campaigns', { year: 1999 }), 400, 'settings.year.range', 'year')
  assertError(await city.post('/api/campaigns', {}), 400, 'year.required', 'year')
  assertError(await county.post('/api/campaigns', { year: 2099 }), 403)
  const changed = await city.patch('/api/campaigns/2100', { changes: { publicity_days: '10', min_score: '60' } })
  assert.equal(changed.status, 200, changed.text)
  const after = Object.fromEntries(changed.json.settings.map((x) => [x.key, x.value]))
  assert.equal(after.publicity_days, '10')
  assert.equal(after.min_score, '60')
  assertError(await city.patch('/api/campaigns/2100', { changes: { publicity_days: '99' } }), 400, undefined, 'publicity_days')
  assertError(await city.patch('/api/campaigns/2100', { changes: { publicity_days: 10 } }), 400, 'changes.type', 'publicity_days')
  assertError(await city.patch('/api/campaigns/2100', { changes: { nonsense: '1' } }), 400, 'settings.unknown', 'nonsense')
  assertError(await city.patch('/api/campaigns/2100', {}), 400, 'changes.required')
  assertError(await county.patch('/api/campaigns/2100', { changes: { publicity_days: '9' } }), 403)
  assertError(await city.patch('/api/campaigns/2098', { changes: { publicity_days: '9' } }), 404, 'campaign.not_found')
  // 2023 (the demo campaign) has every phase open by now: locked, unless reopened.
  assertError(await city.patch('/api/campaigns/2023', { changes: { publicity_days: '9' } }), 403, 'settings.locked', 'publicity_days')
  const reopened = await city.patch('/api/campaigns/2023', { changes: { publicity_days: '9' }, reopen: true })
  assert.equal(reopened.status, 200, reopened.text)
})

test('API: household codes — issue slips (PDF), counts, void once; scope and role refusals', async () => {
  const { execFileSync } = await import('node:child_process')
  const issued = await county.post(`/api/campaigns/2023/estates/${mine}/codes`, { count: 2 })
  assert.equal(issued.status, 201, issued.text?.slice(0, 300))
  assert.equal(issued.buf.subarray(0, 4).toString(), '%PDF')
  const pdf = path.join(srv.dir, 'api-slips.pdf')
  fs.writeFileSync(pdf, issued.buf)
  const codes = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).match(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}-[0-9A-Z]{2}$/gm)
  assert.equal(codes?.length, 2)
  const counts = await county.get(`/api/campaigns/2023/estates/${mine}/codes`)
  assert.deepEqual(counts.json, { issued: 2, used: 0, void: 0, responses: 0, paper: 0 })
  assert.equal((await county.post('/api/campaigns/2023/codes/void', { code: codes[1] })).status, 204)
  assertError(await county.post('/api/campaigns/2023/codes/void', { code: codes[1] }), 409, 'code.not_issued')
  assertError(await county.post('/api/campaigns/2023/codes/void', { code: 'nonsense' }), 404, 'code.not_found')
  assertError(await county.post('/api/campaigns/2023/codes/void', {}), 400, 'code.required', 'code')
  assert.deepEqual((await county.get(`/api/campaigns/2023/estates/${mine}/codes`)).json, { issued: 2, used: 0, void: 1, responses: 0, paper: 0 })
  // Another county's estate is not found for 蓬江区; its codes cannot be voided by it either.
  assertError(await county.post(`/api/campaigns/2023/estates/${theirs}/codes`, { count: 1 }), 404, 'estate.not_found')
  const xh = await srv.login('county_admin_xh')
  const other = await xh.post(`/api/campaigns/2023/estates/${theirs}/codes`, { count: 1 })
  assert.equal(other.status, 201)
  fs.writeFileSync(pdf, other.buf)
  const theirCode = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).match(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}-[0-9A-Z]{2}$/m)[0]
  assertError(await county.post('/api/campaigns/2023/codes/void', { code: theirCode }), 404, 'code.not_found')
  assertError(await street.post(`/api/campaigns/2023/estates/${mine}/codes`, { count: 1 }), 403)
  assertError(await county.post(`/api/campaigns/2023/estates/${mine}/codes`, { count: 1000000 }), 400, 'codes.count', 'count')
  assertError(await county.post(`/api/campaigns/2031/estates/${mine}/codes`, {}), 404, 'campaign.not_found')
})
