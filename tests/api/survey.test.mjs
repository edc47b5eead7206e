// The residents' survey (rules.md §10): the public questionnaire of a household code, atomic
// redemption, paper entry by staff, and the kept figures the rankings read (rules.md §3–§4).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { startServer, assertError, csv, UTF8_BOM, PENGJIANG, XINHUI, STREET_TOWN } from './harness.mjs'

const YEAR = 2023
const TODAY = '2023-06-15' // inside the survey window 2023-05-01 … 2023-08-31
let srv, city, county, countyXh, street, applicant
let mine, streetEstate, theirs

before(async () => {
  srv = await startServer({ env: { MEIHAO_TODAY: TODAY } })
  city = await srv.login('city_admin')
  county = await srv.login('county_admin')
  countyXh = await srv.login('county_admin_xh')
  street = await srv.login('street_staff')
  applicant = await srv.login('applicant')
  mine = (await county.get(`/api/estates?county=${PENGJIANG}&page_size=1&sort=code`)).json.items[0]
  streetEstate = (await street.get(`/api/estates?town=${STREET_TOWN}&page_size=1&sort=code`)).json.items[0]
  theirs = (await city.get(`/api/estates?county=${XINHUI}&page_size=1&sort=code`)).json.items[0]
})
after(async () => {
  await srv?.stop()
})

/** n fresh codes of an estate, through the CLI (the plain codes exist only once). */
function issue(estate, n) {
  const r = srv.cli(['survey', 'issue', '--campaign', String(YEAR), '--estate', estate, '--count', String(n), '--codes-out', '-', '--db', srv.db])
  assert.equal(r.status, 0, r.stderr)
  const codes = r.stdout.trim().split('\n')
  assert.equal(codes.length, n)
  return codes
}

const answers = (overall, dims = [4, 4, 4, 4, 4, 4], comment = '') => ({
  overall,
  dimensions: Object.fromEntries(['sanitation', 'greening', 'facilities', 'safety', 'fees_disclosure', 'responsiveness'].map((k, i) => [k, dims[i]])),
  comment,
})

const figures = async (client, code) => {
  const r = await client.get(`/api/campaigns/${YEAR}/estates/${code}/figures`)
  assert.equal(r.status, 200, r.text)
  return r.json
}

test('the questionnaire of a code: estate, window, questions; unknown, malformed and voided codes are 404', async () => {
  const [code, lost] = issue(mine.code, 2)
  const r = await srv.anon.get(`/api/survey/${code}`)
  assert.equal(r.status, 200, r.text)
  assert.equal(r.json.estate_name, mine.name)
  assert.equal(r.json.county_name, '蓬江区')
  assert.deepEqual([r.json.survey_from, r.json.survey_to], ['2023-05-01', '2023-08-31'])
  assert.deepEqual(r.json.dimensions.map((d) => d.zh), ['环境卫生', '绿化养护', '设施设备维护', '安全秩序', '收费与信息公开', '服务响应'])
  assert.deepEqual(r.json.answer_labels, ['非常不满意', '不满意', '一般', '满意', '非常满意'])
  assert.equal(r.json.comment_max, 500)
  // Typed by hand: lower case, without dashes, O for 0 — the same code.
  const typed = code.replace(/-/g, '').toLowerCase()
  assert.equal((await srv.anon.get(`/api/survey/${typed}`)).status, 200)
  assertError(await srv.anon.get('/api/survey/0000-0000-0000-0000-0000-0000-00'), 404, 'survey.code.unknown')
  assertError(await srv.anon.get('/api/survey/not-a-code'), 404, 'survey.code.unknown')
  assert.equal((await county.post(`/api/campaigns/${YEAR}/codes/void`, { code: lost })).status, 204)
  assertError(await srv.anon.get(`/api/survey/${lost}`), 404, 'survey.code.unknown')
  assertError(await srv.anon.post(`/api/survey/${lost}`, answers(5)), 404, 'survey.code.unknown')
  // The code never reaches the log: it is a household's credential.
  assert.ok(!fs.readFileSync(srv.logPath, 'utf8').includes(code), 'the code is not logged')
})

test('an answer redeems the code once; a second answer is 409 with a plain Chinese message', async () => {
  const [code] = issue(mine.code, 1)
  const ok = await srv.anon.post(`/api/survey/${code}`, answers(5, [5, 4, 3, 2, 1, 5], '楼道很干净'))
  assert.equal(ok.status, 201, ok.text)
  assert.match(ok.json.received_at, /^\d{4}-\d\d-\d\dT/)
  const again = await srv.anon.post(`/api/survey/${code}`, answers(1))
  assertError(again, 409, 'survey.code.used')
  assert.match(again.json.error.message_zh, /已经填写过/)
  assertError(await srv.anon.get(`/api/survey/${code}`), 409, 'survey.code.used')
})

test('missing or out-of-range answers are 400 naming the question; a comment over 500 characters is 400', async () => {
  const [code] = issue(mine.code, 1)
  const post = (body) => srv.anon.post(`/api/survey/${code}`, body)
  assertError(await post({ dimensions: answers(3).dimensions }), 400, 'survey.answer.missing', 'overall')
  assertError(await post(answers(6)), 400, 'survey.answer.range', 'overall')
  assertError(await post(answers(0)), 400, 'survey.answer.range', 'overall')
  assertError(await post(answers('4')), 400, 'survey.answer.range', 'overall')
  assertError(await post(answers(4, [4, 4, 4, 9, 4, 4])), 400, 'survey.answer.range', 'dimensions.safety')
  const partial = answers(4)
  delete partial.dimensions.greening
  assertError(await post(partial), 400, 'survey.answer.missing', 'dimensions.greening')
  assertError(await post({ ...answers(4), dimensions: { ...answers(4).dimensions, parking: 3 } }), 400, undefined, 'dimensions.parking')
  assertError(await post(answers(4, undefined, '好'.repeat(501))), 400, 'survey.comment.too_long', 'comment')
  const r = await srv.anon.call('POST', `/api/survey/${code}`, { body: '{"overall":', headers: { 'Content-Type': 'application/json' } })
  assertError(r, 400)
  // None of the refusals used the code: 500 characters (counted as characters, not bytes) are accepted.
  assert.equal((await post(answers(4, undefined, '好'.repeat(500)))).status, 201)
})

test('fifty simultaneous answers with one code: exactly one is counted', async () => {
  const [code] = issue(mine.code, 1)
  const before = await figures(city, mine.code)
  const results = await Promise.all(Array.from({ length: 50 }, (_, i) => srv.anon.post(`/api/survey/${code}`, answers(1 + (i % 5)))))
  const statuses = results.map((r) => r.status)
  assert.equal(statuses.filter((s) => s === 201).length, 1, statuses.join(','))
  assert.equal(statuses.filter((s) => s === 409).length, 49, statuses.join(','))
  const after = await figures(city, mine.code)
  assert.equal(after.survey.responses, before.survey.responses + 1)
})

test('responses add to the kept figures as they arrive: points (overall − 1) × 25 and dimension means', async () => {
  const est = (await county.get(`/api/estates?county=${PENGJIANG}&page_size=1&sort=code&q=`)).json.items[0]
  const b = await figures(county, est.code)
  const codes = issue(est.code, 3)
  // 5 → 100, 3 → 50, 1 → 0 points; 150 in all over 3 responses.
  for (const [i, overall] of [5, 3, 1].entries()) {
    assert.equal((await srv.anon.post(`/api/survey/${codes[i]}`, answers(overall, [5, 5, 5, 5, 5, 1]))).status, 201)
  }
  const a = await figures(county, est.code)
  assert.equal(a.survey.responses, b.survey.responses + 3)
  assert.equal(a.survey.points, b.survey.points + 150)
  assert.equal(a.survey.codes.used, b.survey.codes.used + 3)
  assert.equal(a.satisfaction.sample, b.satisfaction.sample + 3)
})

test('paper questionnaires: staff in scope type them in against unused codes; refusals', async () => {
  const [code, code2, streetCode] = [...issue(mine.code, 2), ...issue(streetEstate.code, 1)]
  const [theirCode] = issue(theirs.code, 1)
  const url = `/api/campaigns/${YEAR}/paper-responses`
  const ok = await county.post(url, { code, ...answers(4) })
  assert.equal(ok.status, 201, ok.text)
  assert.equal(ok.json.estate_code, mine.code)
  assert.equal(ok.json.estate_name, mine.name)
  assertError(await county.post(url, { code, ...answers(4) }), 409, 'survey.code.used')
  // Another county's code is "no such code" for this county, and so is a code of another year.
  assertError(await county.post(url, { code: theirCode, ...answers(4) }), 404, 'survey.code.unknown')
  assertError(await countyXh.post(`/api/campaigns/2022/paper-responses`, { code: theirCode, ...answers(4) }), 404)
  assertError(await street.post(url, { code: code2, ...answers(4) }), 404, 'survey.code.unknown')
  assert.equal((await street.post(url, { code: streetCode, ...answers(2) })).status, 201)
  assertError(await applicant.post(url, { code: code2, ...answers(4) }), 403)
  assertError(await county.post(url, { ...answers(4) }), 400, undefined, 'code')
  assertError(await county.post(url, { code: code2, ...answers(4, [1, 2, 3, 4, 5, 0]) }), 400, 'survey.answer.range', 'dimensions.responsiveness')
  assertError(await srv.anon.post(url, { code: code2, ...answers(4) }), 401)
  assertError(await county.post(url, { code: code2, ...answers(4) }, { csrf: 'wrong' }), 403, 'csrf')
  const counts = await county.get(`/api/campaigns/${YEAR}/estates/${mine.code}/codes`)
  assert.ok(counts.json.paper >= 1 && counts.json.responses >= counts.json.paper, counts.text)
  const trail = await city.get('/api/audit?action=survey.paper')
  assert.ok(trail.json.items.length >= 2, 'paper entries are audited')
})

test('outside the survey window the page and the answer are 403 with the window dates', async () => {
  const late = await startServer() // today is the real date, long after 2023-08-31
  try {
    const r = late.cli(['survey', 'issue', '--campaign', String(YEAR), '--estate', mine.code, '--count', '1', '--codes-out', '-', '--db', late.db])
    const code = r.stdout.trim()
    for (const res of [await late.anon.get(`/api/survey/${code}`), await late.anon.post(`/api/survey/${code}`, answers(5))]) {
      assertError(res, 403, 'survey.window.closed')
      assert.match(res.json.error.message_zh, /2023-05-01.*2023-08-31/)
    }
  } finally {
    await late.stop()
  }
})

test('rankings as JSON: the caller\'s scope, ranks equal to the CSV export, and each county\'s cut sizes', async () => {
  const all = await city.get(`/api/campaigns/${YEAR}/rankings?format=json`)
  assert.equal(all.status, 200, all.text.slice(0, 300))
  const own = await county.get(`/api/campaigns/${YEAR}/rankings?format=json`)
  assert.ok(own.json.rows.length > 0 && own.json.rows.every((r) => r.county_code === PENGJIANG))
  assert.deepEqual(own.json.cuts.map((c) => c.county_code), [PENGJIANG])
  assert.equal(all.json.cuts.length, 7)
  for (const cut of all.json.cuts) {
    // k = ⌈5% × n⌉ in integers.
    assert.equal(cut.satisfaction_k, Math.ceil((5 * cut.satisfaction_n) / 100))
    assert.equal(cut.complaint_k, Math.ceil((5 * cut.complaint_n) / 100))
    const rows = all.json.rows.filter((r) => r.county_code === cut.county_code)
    assert.equal(rows.filter((r) => r.managed).length, cut.complaint_n, 'county scope: the managed estates')
    assert.equal(rows.filter((r) => r.satisfaction_rank !== null).length, cut.satisfaction_n)
    assert.ok(rows.filter((r) => r.top_satisfaction).length >= cut.satisfaction_k)
    assert.ok(rows.every((r) => r.top_satisfaction === (r.satisfaction_rank !== null && r.satisfaction_rank <= cut.satisfaction_k)))
    assert.ok(rows.every((r) => r.bottom_complaints === (r.complaint_rank !== null && r.complaint_rank <= cut.complaint_k)))
  }
  const csvText = (await county.get(`/api/campaigns/${YEAR}/rankings?format=csv`)).text.replace(/^\uFEFF/, '')
  const lines = csvText.trim().split(/\r?\n/)
  const head = lines[0].split(',')
  const byCode = new Map(lines.slice(1).map((l) => l.split(',')).map((f) => [f[head.indexOf('estate_code')], f]))
  assert.equal(byCode.size, own.json.rows.length)
  for (const r of own.json.rows) {
    const f = byCode.get(r.estate_code)
    assert.equal(f[head.indexOf('satisfaction_rank')], r.satisfaction_rank === null ? '' : String(r.satisfaction_rank))
    assert.equal(f[head.indexOf('complaint_rank')], r.complaint_rank === null ? '' : String(r.complaint_rank))
    assert.equal(f[head.indexOf('complaint_rate')], r.complaint_rate)
  }
  assertError(await county.get(`/api/campaigns/${YEAR}/rankings?format=pdf`), 400, 'format.value', 'format')
  assertError(await applicant.get(`/api/campaigns/${YEAR}/rankings?format=json`), 403)
  assertError(await county.get(`/api/campaigns/1999/rankings?format=json`), 404)
  assertError(await srv.anon.get(`/api/campaigns/${YEAR}/rankings?format=json`), 401)
})

test('an estate\'s figures and their sources; an import moves them at once; scope and role refusals', async () => {
  const est = (await county.get(`/api/estates?county=${PENGJIANG}&page_size=3&sort=code`)).json.items[2]
  const b = await figures(county, est.code)
  assert.deepEqual(b.window, { from: '2022-09-01', to: '2023-09-01' })
  assert.equal(b.fee_year, 2022)
  assert.equal(b.survey.dimensions.length, 6)
  // Two valid property complaints: one inside the window, one on the reference date (outside).
  const file = Buffer.concat([UTF8_BOM, Buffer.from(csv([
    ['投诉编号', '小区编码', '投诉日期', '是否物业管理类', '是否有效'],
    [`FIG-${est.code}-1`, est.code, '2023-08-31', '是', '是'],
    [`FIG-${est.code}-2`, est.code, '2023-09-01', '是', '是'],
  ]))])
  assert.equal((await county.upload('/api/imports/complaints?filename=c.csv', file)).status, 200)
  const a = await figures(county, est.code)
  assert.equal(a.complaints.count, b.complaints.count + 1)
  // rate = 1000 × count / households, 2 decimals, half away from zero.
  const rate = (Math.round((100000 * a.complaints.count) / est.households) / 100).toFixed(2)
  assert.equal(a.complaints.rate, rate)
  assert.equal(a.satisfaction.min_sample, Math.min(30, Math.ceil(est.households / 2)))
  assertError(await county.get(`/api/campaigns/${YEAR}/estates/${theirs.code}/figures`), 404)
  assertError(await applicant.get(`/api/campaigns/${YEAR}/estates/${est.code}/figures`), 403)
  assertError(await county.get(`/api/campaigns/${YEAR}/estates/NO-SUCH/figures`), 404)
})

test('the campaign list names the phases open today', async () => {
  const r = await county.get('/api/campaigns')
  assert.equal(r.status, 200)
  assert.equal(r.json.today, TODAY)
  const c = r.json.campaigns.find((x) => x.year === YEAR)
  assert.deepEqual(c.open_phases, ['cultivate'], 'on 2023-06-15 only 培育打造 is open (动员部署 ended 05-31)')
  assertError(await srv.anon.get('/api/campaigns'), 401)
})

test('indicators rebuild: no difference after live responses and imports; a tampered figure is reported and mended', async () => {
  const run = () => srv.cli(['indicators', 'rebuild', '--campaign', String(YEAR), '--db', srv.db])
  const clean = run()
  assert.equal(clean.status, 0, clean.stderr)
  assert.match(clean.stdout, / 0 differed/)
  execFileSync('sqlite3', [srv.db, `UPDATE estate_figures SET survey_points = survey_points + 25 WHERE campaign_year = ${YEAR} AND estate_code = '${mine.code}'`])
  const tampered = run()
  assert.match(tampered.stdout, new RegExp(`${mine.code}\\tsurvey_points\\t`))
  assert.match(tampered.stdout, / 1 differed/)
  assert.match(run().stdout, / 0 differed/, 'the rebuild replaced the kept figures')
  assert.equal(srv.cli(['indicators', 'rebuild', '--campaign', '2098', '--db', srv.db]).status, 1)
  const trail = await city.get('/api/audit?action=indicators.rebuild')
  assert.ok(trail.json.items.length >= 3)
})

test('serve --public-url: the slips\' links use the public address; a malformed address is refused at start', async () => {
  const pub = await startServer({ args: ['--public-url', 'https://meihao.example.gov.cn'] })
  try {
    const admin = await pub.login('county_admin')
    const r = await admin.post(`/api/campaigns/${YEAR}/estates/${mine.code}/codes`, { count: 1 })
    assert.equal(r.status, 201, r.text)
    const pdf = path.join(pub.dir, 'slip.pdf')
    fs.writeFileSync(pdf, r.buf)
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })
    assert.match(text, /https:\/\/meihao\.example\.gov\.cn\/survey\/\s*[0-9A-Z]{26}/)
  } finally {
    await pub.stop()
  }
  for (const bad of ['meihao.example.gov.cn', 'https://meihao.example.gov.cn/', 'https://a b']) {
    const res = srv.cli(['serve', '--db', srv.db, '--listen', '127.0.0.1:0', '--public-url', bad], { timeout: 10_000 })
    assert.notEqual(res.status, 0, bad)
    assert.match(res.stderr + res.stdout, /public-url/, bad)
  }
})
