// The counties' work reports (工作报告, issue 11 part 1) over HTTP, on the demo campaign 2023 with
// "today" 2023-10-18: the report is due on 2023-10-15 (deadlines.county_report), so a submission
// today is three days late (16th, 17th, 18th). The county writes, the city returns and accepts;
// every refusal by role, phase, status, version and input, and nothing written by a refused call.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, estateBody, uscc, PENGJIANG, XINHUI } from './harness.mjs'

const R = '/api/campaigns/2023/reports'
const ALL = {
  activities: '全区发动小区120个，召开推进会3次。',
  practices: '党建引领，红色管家进小区。',
  problems: '部分小区物业费收缴率偏低。',
  suggestions: '建议加大培育力度。',
}

let srv, county, xinhui, city, auditor, street, evaluator, applicant
before(async () => {
  srv = await startServer({ env: { MEIHAO_TODAY: '2023-10-18' } })
  county = await srv.login('county_admin')
  xinhui = await srv.login('county_admin_xh')
  city = await srv.login('city_admin')
  auditor = await srv.login('auditor')
  street = await srv.login('street_staff')
  evaluator = await srv.login('evaluator')
  applicant = await srv.login('applicant')
})
after(async () => {
  await srv?.stop()
})

test('who may open, read and list: 401, 403 and 404 before anything exists', async () => {
  assert.equal((await srv.anon.get(R)).status, 401)
  assert.equal((await srv.anon.post(`${R}/${PENGJIANG}`, {})).status, 401)
  // The city reviews a county's report; it does not write one.
  const byCity = await city.post(`${R}/${PENGJIANG}`, {})
  assert.equal(byCity.status, 403)
  assert.equal(byCity.json.error.code, 'forbidden')
  assert.equal((await xinhui.post(`${R}/${PENGJIANG}`, {})).status, 404, 'another county is not even named')
  assert.equal((await evaluator.get(R)).status, 403)
  assert.equal((await applicant.get(`${R}/${PENGJIANG}`)).status, 403)
  assert.equal((await county.post(`${R}/440703001`, {})).json.error.code, 'report.county.not_found')
  assert.equal((await county.post(`/api/campaigns/2031/reports/${PENGJIANG}`, {})).json.error.code, 'campaign.not_found')
  const none = await city.get(`${R}/${PENGJIANG}`)
  assert.equal(none.status, 404)
  assert.equal(none.json.error.code, 'report.not_found')
})

test('outside the summary phase the draft cannot be created (403 phase.closed)', async () => {
  const b = await srv.alsoOn('2023-09-20')
  try {
    const r = await b.as(xinhui)('POST', `${R}/${XINHUI}`, {})
    assert.equal(r.status, 403)
    assert.equal(r.json.error.code, 'phase.closed')
  } finally {
    await b.stop()
  }
  assert.equal((await city.get(`${R}/${XINHUI}`)).status, 404, 'nothing was created')
})

test('a report from draft to accepted: late by three days, returned with comments, every version kept', async () => {
  const opened = await county.post(`${R}/${PENGJIANG}`, {})
  assert.equal(opened.status, 200, opened.text)
  assert.equal(opened.json.status, 'draft')
  assert.equal(opened.json.version, 1)
  assert.equal(opened.json.county_name, '蓬江区')
  assert.equal(opened.json.due, '2023-10-15')
  assert.equal(opened.json.days_late, null)
  assert.deepEqual(opened.json.part_names.map((p) => p.name_zh), ['活动开展情况', '主要做法成效', '存在问题', '意见建议'])
  assert.equal((await county.post(`${R}/${PENGJIANG}`, {})).json.version, 1, 'opening again opens the same report')

  // Bad input: nothing is written.
  assert.equal((await county.put(`${R}/${PENGJIANG}`, { parts: ALL })).json.error.code, 'version.required')
  assert.equal((await county.put(`${R}/${PENGJIANG}`, { version: 1 })).json.error.code, 'parts.required')
  assert.equal((await county.put(`${R}/${PENGJIANG}`, { version: 1, parts: { activities: 5 } })).json.error.field, 'parts.activities')
  const long = await county.put(`${R}/${PENGJIANG}`, { version: 1, parts: { problems: '问'.repeat(5001) } })
  assert.equal(long.status, 400)
  assert.equal(long.json.error.code, 'report.part.length')
  assert.equal(long.json.error.field, 'parts.problems')
  assert.equal((await county.put(`${R}/${PENGJIANG}`, { version: 1, parts: { summary: 'x' } })).json.error.code, 'report.part.unknown')
  assert.equal((await county.put(`${R}/${PENGJIANG}`, { version: 1, parts: { activities: 'x' } }, { csrf: '' })).status, 403)

  const saved = await county.put(`${R}/${PENGJIANG}`, { version: 1, parts: { activities: ALL.activities, problems: '问'.repeat(5000) } })
  assert.equal(saved.status, 200, saved.text)
  assert.equal(saved.json.version, 2)
  assert.equal(saved.json.parts.practices, '')

  const early = await county.post(`${R}/${PENGJIANG}/submit`, { version: 2 })
  assert.equal(early.status, 400)
  assert.equal(early.json.error.code, 'report.part.required')
  assert.deepEqual(early.json.errors.map((e) => e.field), ['parts.practices', 'parts.suggestions'])

  assert.equal((await county.put(`${R}/${PENGJIANG}`, { version: 2, parts: ALL })).json.version, 3)
  const stale = await county.post(`${R}/${PENGJIANG}/submit`, { version: 2 })
  assert.equal(stale.status, 409)
  assert.equal(stale.json.error.code, 'report.version')
  assert.equal((await city.post(`${R}/${PENGJIANG}/accept`, { version: 3 })).json.error.code, 'report.not_submitted')

  const submitted = await county.post(`${R}/${PENGJIANG}/submit`, { version: 3 })
  assert.equal(submitted.status, 200, submitted.text)
  assert.equal(submitted.json.status, 'submitted')
  assert.equal(submitted.json.days_late, 3)
  assert.equal(submitted.json.lateness_zh, '逾期3天')
  assert.match(submitted.json.submitted_at, /^2023-10-1[78]T/, 'the campaign clock: today 2023-10-18 in China')
  assert.equal((await county.put(`${R}/${PENGJIANG}`, { version: 4, parts: ALL })).json.error.code, 'report.submitted')

  // The city returns it: the county may not, the comments need two characters at least.
  assert.equal((await county.post(`${R}/${PENGJIANG}/return`, { version: 4, comments: '请补充。' })).status, 403)
  assert.equal((await city.post(`${R}/${PENGJIANG}/return`, { version: 4, comments: '补' })).json.error.code, 'report.comments.length')
  assert.equal((await city.post(`${R}/${PENGJIANG}/return`, { version: 4 })).json.error.code, 'report.comments.required')
  const returned = await city.post(`${R}/${PENGJIANG}/return`, { version: 4, comments: '请补充存在问题部分的具体数据。' })
  assert.equal(returned.status, 200, returned.text)
  assert.equal(returned.json.status, 'returned')
  assert.equal(returned.json.comments, '请补充存在问题部分的具体数据。')

  assert.equal((await county.put(`${R}/${PENGJIANG}`, { version: 5, parts: { problems: '12个小区收缴率低于95%。' } })).status, 200)
  assert.equal((await county.post(`${R}/${PENGJIANG}/submit`, { version: 6 })).json.days_late, 3)
  const accepted = await city.post(`${R}/${PENGJIANG}/accept`, { version: 7 })
  assert.equal(accepted.status, 200, accepted.text)
  assert.equal(accepted.json.status, 'accepted')
  assert.equal((await city.post(`${R}/${PENGJIANG}/accept`, { version: 8 })).json.error.code, 'report.accepted')
  assert.equal((await county.put(`${R}/${PENGJIANG}`, { version: 8, parts: ALL })).status, 409)

  // Readers by scope; every version as it was.
  for (const reader of [city, auditor, street, county]) assert.equal((await reader.get(`${R}/${PENGJIANG}`)).json.status, 'accepted')
  assert.equal((await xinhui.get(`${R}/${PENGJIANG}`)).status, 404)
  const history = await auditor.get(`${R}/${PENGJIANG}/history`)
  assert.equal(history.status, 200)
  assert.deepEqual(history.json.items.map((v) => v.status), ['draft', 'draft', 'draft', 'submitted', 'returned', 'returned', 'submitted', 'accepted'])
  assert.equal(history.json.items[3].parts.problems, ALL.problems, 'the first submission as it was sent')
  assert.equal(history.json.items[4].by, 'city_admin')
  assert.equal(history.json.items[6].parts.problems, '12个小区收缴率低于95%。')

  const audit = await city.get('/api/audit?action=report.accept')
  assert.equal(audit.json.items.length, 1)
  assert.equal(audit.json.items[0].object, `report:2023:${PENGJIANG}`)
})

test('the city lists the seven counties with their status; a county sees its own', async () => {
  const all = await city.get(R)
  assert.equal(all.status, 200)
  assert.equal(all.json.items.length, 7)
  const pj = all.json.items.find((r) => r.county_code === PENGJIANG)
  assert.equal(pj.status, 'accepted')
  assert.equal(pj.lateness_zh, '逾期3天')
  const xh = all.json.items.find((r) => r.county_code === XINHUI)
  assert.equal(xh.status, null)
  assert.equal(xh.status_zh, '未开始')
  const own = await xinhui.get(R)
  assert.deepEqual(own.json.items.map((r) => r.county_code), [XINHUI])
})

// Section 1's figures (issue 11 part 1): computed on opening, again on demand, frozen at submission
// and kept with each version. A new professional estate of 400 households in 新会区 moves the
// register's figures by exactly that much; after submission it no longer does.
test('section 1 figures: computed on opening, refreshed on demand, frozen at submission', async () => {
  const XH_TOWN = '440705001' // 会城街道
  const opened = await xinhui.post(`${R}/${XINHUI}`, {})
  assert.equal(opened.status, 200, opened.text)
  const f0 = opened.json.figures
  assert.ok(f0, 'figures computed when the draft is opened')
  assert.equal(f0.as_of, '2023-10-18')
  for (const k of ['registered', 'professional', 'households']) assert.equal(typeof f0.estates[k], 'number')
  assert.ok(f0.estates.registered > 0, 'the demo register has estates in 新会区')
  assert.ok(f0.estates.professional <= f0.estates.registered)
  const per1000 = (c, h) => (Math.round((c * 1000 * 100) / h) / 100).toFixed(2)
  assert.equal(f0.complaints.per_1000_households, per1000(f0.complaints.count, f0.estates.households))
  for (const k of ['size', 'top_satisfaction', 'bottom_complaints', 'demonstration', 'added']) assert.equal(typeof f0.cultivation[k], 'number')
  assert.equal(typeof f0.cultivation.tasks.overdue, 'number')
  assert.equal(typeof f0.survey.codes_issued, 'number')
  assert.equal(typeof f0.applications.received, 'number')

  // Refusals of the refresh: 401, the city 403, another county 404, an unknown county 404.
  assert.equal((await srv.anon.post(`${R}/${XINHUI}/figures`, {})).status, 401)
  assert.equal((await city.post(`${R}/${XINHUI}/figures`, {})).status, 403)
  assert.equal((await county.post(`${R}/${XINHUI}/figures`, {})).status, 404)
  assert.equal((await xinhui.post(`${R}/440799/figures`, {})).status, 404)

  const estate = estateBody({ county_code: XINHUI, town_code: XH_TOWN, households: 400, company_uscc: uscc('91440705MA4UTE5T1') })
  const made = await xinhui.post('/api/estates', estate)
  assert.equal(made.status, 201, made.text)
  const same = await xinhui.get(`${R}/${XINHUI}`)
  assert.equal(same.json.figures.estates.registered, f0.estates.registered, 'stored figures do not move by themselves')
  const refreshed = await xinhui.post(`${R}/${XINHUI}/figures`, {})
  assert.equal(refreshed.status, 200, refreshed.text)
  assert.equal(refreshed.json.version, opened.json.version, 'a refresh is not a new version')
  assert.equal(refreshed.json.figures.estates.registered, f0.estates.registered + 1)
  assert.equal(refreshed.json.figures.estates.professional, f0.estates.professional + 1)
  assert.equal(refreshed.json.figures.estates.households, f0.estates.households + 400)
  const audit = await city.get('/api/audit?action=report.figures')
  assert.ok(audit.json.items.some((a) => a.object === `report:2023:${XINHUI}`))

  // Submitted: frozen with the report and with its version.
  const saved = await xinhui.put(`${R}/${XINHUI}`, { version: refreshed.json.version, parts: ALL })
  const submitted = await xinhui.post(`${R}/${XINHUI}/submit`, { version: saved.json.version })
  assert.equal(submitted.status, 200, submitted.text)
  const frozen = submitted.json.figures.estates.registered
  assert.equal(frozen, f0.estates.registered + 1)
  const more = estateBody({ county_code: XINHUI, town_code: XH_TOWN, households: 50, company_uscc: uscc('91440705MA4UTE6T1') })
  assert.equal((await xinhui.post('/api/estates', more)).status, 201)
  const late = await xinhui.post(`${R}/${XINHUI}/figures`, {})
  assert.equal(late.status, 409)
  assert.equal(late.json.error.code, 'report.submitted')
  assert.equal((await city.get(`${R}/${XINHUI}`)).json.figures.estates.registered, frozen)
  const history = await city.get(`${R}/${XINHUI}/history`)
  assert.equal(history.json.items[0].figures.estates.registered, f0.estates.registered, 'the first version keeps its figures')
  assert.equal(history.json.items.at(-1).figures.estates.registered, frozen)
})

// County comparison (issue 11 part 2): the seven counties side by side, frozen figures for a
// submitted report and live ones otherwise; XLSX export; city-wide readers only.
test('comparison: seven counties, frozen or live figures, XLSX, refusals', async () => {
  const C = `${R}/comparison`
  assert.equal((await srv.anon.get(C)).status, 401)
  for (const who of [county, street, evaluator, applicant]) assert.equal((await who.get(C)).status, 403)
  assert.equal((await auditor.get(C)).status, 200, "the demo auditor is city-wide")
  assert.equal((await city.get('/api/campaigns/1999/reports/comparison')).status, 404)
  const bad = await city.get(`${C}?format=pdf`)
  assert.equal(bad.status, 400)
  assert.equal(bad.json.error.code, 'format.value')
  const all = await city.get(C)
  assert.equal(all.status, 200, all.text)
  assert.equal(all.json.items.length, 7)
  const xh = all.json.items.find((r) => r.county_code === XINHUI)
  assert.equal(xh.frozen, true, 'submitted: the frozen figures')
  const frozen = (await city.get(`${R}/${XINHUI}`)).json.figures
  assert.deepEqual(xh.figures, frozen)
  const none = all.json.items.find((r) => r.status === null)
  assert.ok(none, 'a county that has not started')
  assert.equal(none.frozen, false)
  assert.equal(typeof none.figures.estates.registered, 'number')
  const xl = await city.get(`${C}?format=xlsx`)
  assert.equal(xl.status, 200)
  assert.match(xl.headers.get('content-type'), /spreadsheetml/)
  assert.equal(xl.buf.subarray(0, 2).toString(), 'PK', 'an .xlsx is a zip')
})
