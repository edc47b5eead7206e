// Third-party periodic assessment (定期评估, issue 11 part 6) over HTTP, on the demo campaign walked
// through the year (demo --story) at 2023-12-20: the story's two rounds by `assessor` (city-wide), a
// county-scoped assessor made here (蓬江区), a round from draft to submitted, the counties' answers, the
// ratings and trends per estate — and every refusal: role (403), scope (404), state (409), input (400),
// phase (403 phase.closed), with nothing written by a refused call.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, PENGJIANG, XINHUI } from './harness.mjs'

const Y = 2023
const C = `/api/campaigns/${Y}`
const A = `${C}/assessments`

let srv, assessor, pj, county, xinhui, city, auditor, street, evaluator, applicant
const fx = {}

function ok(r, status = 200) {
  assert.equal(r.status, status, `${r.status} ${r.text}`)
  return r.json
}
function refused(r, status, code) {
  assert.equal(r.status, status, r.text)
  if (code) assert.equal(r.json.error.code, code, r.text)
  assert.ok(r.json.error.message_zh, 'a Chinese message')
  assert.ok(r.json.error.message_en ?? r.json.error.message, 'an English message')
}

before(async () => {
  srv = await startServer({ story: true, env: { MEIHAO_TODAY: '2023-12-20' } })
  ;[assessor, county, xinhui, city, auditor, street, evaluator, applicant] = await Promise.all(
    ['assessor', 'county_admin', 'county_admin_xh', 'city_admin', 'auditor', 'street_staff', 'evaluator', 'applicant'].map((n) => srv.login(n)),
  )
  // A second assessor, engaged for 蓬江区 only.
  const q = { username: 'assessor_pj', display_name: '蓬江区第三方评估机构', role: 'assessor', scope: PENGJIANG, password: 'Assess-Initial-2026' }
  ok(await city.post('/api/users', q), 201)
  const first = await srv.login(q.username, q.password)
  assert.equal((await first.post('/api/session/password', { old_password: q.password, new_password: 'Assess-Second-2026' })).status, 204)
  pj = await srv.login(q.username, 'Assess-Second-2026')

  const pjList = ok(await county.get(`${C}/cultivation?county=${PENGJIANG}`))
  fx.pjEstates = pjList.estates.map((e) => e.estate_code)
  const xhList = ok(await xinhui.get(`${C}/cultivation?county=${XINHUI}`))
  fx.xhEstate = xhList.estates[0].estate_code
  // An estate of 蓬江区 that is on no cultivation list.
  const estates = ok(await city.get(`/api/estates?county=${PENGJIANG}&page_size=200`))
  fx.unlisted = estates.items.map((e) => e.code).find((c) => !fx.pjEstates.includes(c))
  assert.ok(fx.pjEstates.length >= 2 && fx.unlisted)
})
after(async () => {
  await srv?.stop()
})

test('the assessor reads the cultivation work and the figures of its scope, and nothing else', async () => {
  ok(await assessor.get(`${C}/cultivation?county=${PENGJIANG}`))
  ok(await assessor.get(`${C}/cultivation/overview`))
  const work = ok(await assessor.get(`${C}/cultivation/estates/${fx.pjEstates[0]}/tasks`))
  ok(await assessor.get(`${C}/estates/${fx.pjEstates[0]}/figures`))
  ok(await assessor.get(`/api/estates?county=${PENGJIANG}&page_size=5`))
  ok(await pj.get(`${C}/cultivation?county=${PENGJIANG}`))
  refused(await pj.get(`${C}/cultivation?county=${XINHUI}`), 404)
  refused(await pj.get(`${C}/cultivation/estates/${fx.xhEstate}/tasks`), 404)

  // No writes of the cultivation work.
  refused(await assessor.post(`${C}/cultivation/estates/${fx.pjEstates[0]}/tasks`, { unit_kind: 'street', unit_name: '环市街道', title: '整改', due_on: '2023-12-31' }), 403, 'forbidden')
  refused(await assessor.post(`${C}/cultivation/estates/${fx.pjEstates[0]}/notes`, { text: '已走访。' }), 403, 'forbidden')
  if (work.tasks?.length) refused(await assessor.patch(`${C}/cultivation/tasks/${work.tasks[0].id}`, { status: 'done' }), 403, 'forbidden')
  refused(await assessor.post(`${C}/cultivation/${PENGJIANG}/confirm`, {}), 403, 'forbidden')

  // No applications, no scores, no lists, no reports, no users, no audit.
  const apps = ok(await city.get(`${C}/applications?county=${PENGJIANG}`))
  const appId = (apps.items ?? apps.applications)[0].id
  refused(await assessor.get(`${C}/applications/${appId}`), 403, 'forbidden')
  refused(await assessor.get(`${C}/applications`), 403, 'forbidden')
  refused(await assessor.get(`${C}/evaluation?level=county&unit=${PENGJIANG}`), 403, 'forbidden')
  refused(await assessor.get(`${C}/selection?level=county&unit=${PENGJIANG}`), 403, 'forbidden')
  refused(await assessor.get(`${C}/reports`), 403, 'forbidden')
  refused(await assessor.get('/api/users'), 403, 'forbidden')
  refused(await assessor.get('/api/audit'), 403, 'forbidden')
})

test('the story left two submitted rounds; each reader sees them cut to its scope', async () => {
  assert.equal((await srv.anon.get(A)).status, 401)
  refused(await evaluator.get(A), 403, 'forbidden')
  refused(await applicant.get(A), 403, 'forbidden')
  const mine = ok(await assessor.get(A)).items
  assert.deepEqual(mine.map((r) => [r.title, r.status]), [['2023年7月', 'submitted'], ['2023年第三季度', 'submitted']])
  fx.storyRounds = mine.map((r) => r.id)
  const forCounty = ok(await county.get(A)).items
  assert.deepEqual(forCounty.map((r) => r.id), fx.storyRounds)
  assert.equal(forCounty[0].findings, fx.pjEstates.length, "蓬江区 sees its own estates' findings only")
  assert.equal(forCounty[0].answered, 3, 'the story answered three findings of each round')

  const round = ok(await county.get(`${A}/${fx.storyRounds[1]}`))
  assert.ok(round.findings.every((f) => f.county_code === PENGJIANG))
  assert.deepEqual(round.conclusions.map((k) => k.county_code), [PENGJIANG])
  assert.match(round.conclusions[0].conclusion, /^蓬江区本期评估培育小区\d+个/)
  assert.ok(round.findings.every((f) => ['好', '较好', '一般', '差'].includes(f.rating_zh)))
  assert.match(round.submitted_at, /^2023-10-(09T1[6-9]|09T2|10T)/, 'filed on the campaign clock (10-10 in China)')
  const all = ok(await city.get(`${A}/${fx.storyRounds[1]}`))
  assert.equal(new Set(all.conclusions.map((k) => k.county_code)).size, 7, 'the city sees every county')
  const town = ok(await street.get(`${A}/${fx.storyRounds[1]}`))
  assert.ok(town.findings.every((f) => f.town_name === '环市街道'))
  ok(await auditor.get(`${A}/${fx.storyRounds[0]}`))
  // The county-scoped assessor sees only its own rounds.
  assert.deepEqual(ok(await pj.get(A)).items, [])
  refused(await pj.get(`${A}/${fx.storyRounds[0]}`), 404, 'assessment.not_found')
  refused(await county.get(`${A}/999999`), 404, 'assessment.not_found')
})

test('a round from draft to submitted: refusals by role, scope, input and state change nothing', async () => {
  refused(await city.post(A, { title: '2023年第四季度', period_from: '2023-10-01', period_to: '2023-12-31' }), 403, 'forbidden')
  refused(await county.post(A, { title: '2023年第四季度', period_from: '2023-10-01', period_to: '2023-12-31' }), 403, 'forbidden')
  refused(await pj.post(A, { title: '', period_from: '2023-10-01', period_to: '2023-12-31' }), 400, 'assessment.period.title')
  refused(await pj.post(A, { title: '第四季度', period_from: '2023-12-31', period_to: '2023-10-01' }), 400, 'assessment.period.order')
  refused(await pj.post(A, { title: '第四季度', period_from: '2022-10-01', period_to: '2023-10-01' }), 400, 'assessment.period.from')
  refused(await pj.post(A, { title: '第四季度', period_from: 5 }), 400)
  assert.equal((await pj.post(A, { title: '第四季度', period_from: '2023-10-01', period_to: '2023-12-31' }, { csrf: '' })).status, 403)
  assert.deepEqual(ok(await pj.get(A)).items, [], 'nothing was created')

  const draft = ok(await pj.post(A, { title: ' 2023年第四季度 ', period_from: '2023-10-01', period_to: '2023-12-31' }), 201)
  assert.equal(draft.title, '2023年第四季度')
  assert.equal(draft.status, 'draft')
  assert.equal(draft.can_edit, true)
  assert.equal(draft.scope_code, PENGJIANG)
  fx.round = draft.id
  const R = `${A}/${fx.round}`
  const [e1, e2] = fx.pjEstates

  // Drafts are the assessor's own.
  refused(await county.get(R), 404, 'assessment.not_found')
  refused(await assessor.get(R), 404, 'assessment.not_found')
  refused(await assessor.put(`${R}/estates/${e1}`, { rating: 'good', findings: '任务完成。' }), 404, 'assessment.not_found')
  assert.ok(!ok(await county.get(A)).items.some((r) => r.id === fx.round))

  refused(await pj.post(`${R}/submit`, {}), 400, 'assessment.findings.required')
  refused(await pj.put(`${R}/estates/${e1}`, { rating: 'excellent', findings: '任务完成。' }), 400, 'assessment.rating.value')
  refused(await pj.put(`${R}/estates/${e1}`, { rating: '好', findings: '任务完成。' }), 400, 'assessment.rating.value')
  refused(await pj.put(`${R}/estates/${e1}`, { findings: '任务完成。' }), 400, 'rating.required')
  refused(await pj.put(`${R}/estates/${e1}`, { rating: 'good', findings: ' 好 ' }), 400, 'assessment.findings.required')
  refused(await pj.put(`${R}/estates/${e1}`, { rating: 'good', findings: '评'.repeat(2001) }), 400, 'assessment.findings.length')
  refused(await pj.put(`${R}/estates/${fx.xhEstate}`, { rating: 'good', findings: '任务完成。' }), 404, 'estate.not_found')
  refused(await pj.put(`${R}/estates/JM-NO-SUCH`, { rating: 'good', findings: '任务完成。' }), 404, 'estate.not_found')
  refused(await pj.put(`${R}/estates/${fx.unlisted}`, { rating: 'good', findings: '任务完成。' }), 409, 'assessment.estate.not_listed')
  refused(await pj.put(`${R}/counties/${XINHUI}`, { conclusion: '总体有序推进。' }), 404, 'county.not_found')
  refused(await pj.put(`${R}/counties/${PENGJIANG}`, { conclusion: '好' }), 400, 'assessment.conclusion.required')
  assert.deepEqual(ok(await pj.get(R)).findings, [], 'no refused finding was stored')

  ok(await pj.put(`${R}/estates/${e1}`, { rating: 'average', findings: '进度滞后。' }))
  const saved = ok(await pj.put(`${R}/estates/${e1}`, { rating: 'good', findings: '培育任务已全部完成。' }))
  assert.deepEqual(saved.findings.map((f) => [f.estate_code, f.rating, f.rating_zh, f.findings]), [[e1, 'good', '好', '培育任务已全部完成。']])
  ok(await pj.put(`${R}/estates/${e2}`, { rating: 'poor', findings: '投诉问题未整改。' }))
  const concluded = ok(await pj.put(`${R}/counties/${PENGJIANG}`, { conclusion: '蓬江区培育工作总体有序。' }))
  assert.deepEqual(concluded.conclusions.map((k) => [k.county_code, k.county_name]), [[PENGJIANG, '蓬江区']])
  refused(await county.put(`${R}/estates/${e1}/answer`, { answer: '已整改。' }), 409, 'assessment.not_submitted')

  const submitted = ok(await pj.post(`${R}/submit`, {}))
  assert.equal(submitted.status, 'submitted')
  assert.equal(submitted.can_edit, false)
  assert.match(submitted.submitted_at, /^2023-12-(19|20)T/)
  refused(await pj.put(`${R}/estates/${e1}`, { rating: 'fair', findings: '再评。' }), 409, 'assessment.submitted')
  refused(await pj.post(`${R}/submit`, {}), 409, 'assessment.submitted')
  refused(await pj.put(`${R}/counties/${PENGJIANG}`, { conclusion: '再写结论。' }), 409, 'assessment.submitted')
  assert.equal(ok(await county.get(R)).findings.length, 2, 'the county sees it once submitted')
  refused(await xinhui.get(R), 404, 'assessment.not_found')

  const audit = ok(await city.get('/api/audit?action=assessment.submit'))
  assert.ok(audit.items.some((e) => e.object === `assessment:${fx.round}` && e.username === 'assessor_pj'))
  const findings = ok(await city.get('/api/audit?action=assessment.finding'))
  assert.ok(findings.items.some((e) => e.object === `assessment:${fx.round}` && e.before?.includes('average')), 'the replaced rating is kept in the audit')
})

test('the county answers the findings on its own estates; nobody else may', async () => {
  const [e1] = fx.pjEstates
  const R = `${A}/${fx.round}`
  refused(await xinhui.put(`${R}/estates/${e1}/answer`, { answer: '已整改。' }), 404, 'assessment.finding.not_found')
  refused(await city.put(`${R}/estates/${e1}/answer`, { answer: '已整改。' }), 403, 'forbidden')
  refused(await pj.put(`${R}/estates/${e1}/answer`, { answer: '已整改。' }), 403, 'forbidden')
  refused(await street.put(`${R}/estates/${e1}/answer`, { answer: '已整改。' }), 403, 'forbidden')
  refused(await county.put(`${R}/estates/${e1}/answer`, { answer: '' }), 400)
  refused(await county.put(`${R}/estates/${e1}/answer`, { answer: '答'.repeat(2001) }), 400, 'assessment.answer.length')
  refused(await county.put(`${R}/estates/${fx.unlisted}/answer`, { answer: '已整改。' }), 404, 'assessment.finding.not_found')
  // 新会区 answering a 新会区 finding of the story's round is fine; a 蓬江区 one is not even named.
  const story = ok(await city.get(`${A}/${fx.storyRounds[0]}`))
  const pjFinding = story.findings.find((f) => f.county_code === PENGJIANG)
  refused(await xinhui.put(`${A}/${fx.storyRounds[0]}/estates/${pjFinding.estate_code}/answer`, { answer: '已整改。' }), 404, 'assessment.finding.not_found')
  assert.equal(ok(await xinhui.put(`${A}/${fx.storyRounds[0]}/estates/${fx.xhEstate}/answer`, { answer: '已督促整改。' })).answered_by, 'county_admin_xh')

  const answered = ok(await county.put(`${R}/estates/${e1}/answer`, { answer: '已督促物业服务企业完成整改。' }))
  assert.equal(answered.answer, '已督促物业服务企业完成整改。')
  assert.equal(answered.answered_by, 'county_admin')
  assert.match(answered.answered_at, /^2023-12-(19|20)T/)
  const again = ok(await county.put(`${R}/estates/${e1}/answer`, { answer: '整改已完成并经街道验收。' }))
  assert.equal(again.answer, '整改已完成并经街道验收。')
  const list = ok(await county.get(A)).items.find((r) => r.id === fx.round)
  assert.deepEqual([list.findings, list.answered], [2, 1])
  const audit = ok(await city.get('/api/audit?action=assessment.answer'))
  assert.ok(audit.items.some((e) => e.object === `assessment:${fx.round}` && e.before?.includes('已督促物业服务企业完成整改')))
})

test('ratings per estate: the latest and the trend over the submitted rounds', async () => {
  refused(await evaluator.get(`${A}/ratings?county=${PENGJIANG}`), 403, 'forbidden')
  refused(await xinhui.get(`${A}/ratings?county=${PENGJIANG}`), 404)
  refused(await city.get(`${A}/ratings?county=440703001`), 404, 'county.not_found')
  const rounds = await Promise.all([...fx.storyRounds, fx.round].map(async (id) => ok(await county.get(`${A}/${id}`))))
  const byEstate = new Map()
  for (const r of rounds) for (const f of r.findings) byEstate.set(f.estate_code, [...(byEstate.get(f.estate_code) ?? []), f.rating])
  const points = { good: 4, fair: 3, average: 2, poor: 1 }
  const trend = (rs) => (rs.length < 2 ? 'none' : points[rs.at(-1)] > points[rs.at(-2)] ? 'up' : points[rs.at(-1)] < points[rs.at(-2)] ? 'down' : 'flat')

  const got = ok(await county.get(`${A}/ratings`))
  assert.equal(got.county_code, PENGJIANG, "a county administrator's own county by default")
  assert.equal(got.items.length, fx.pjEstates.length)
  for (const e of got.items) {
    const want = byEstate.get(e.estate_code)
    assert.deepEqual(e.ratings.map((x) => x.rating), want, e.estate_code)
    assert.equal(e.latest, want.at(-1))
    assert.equal(e.trend, trend(want), e.estate_code)
  }
  assert.ok(new Set(got.items.map((e) => e.trend)).size >= 2, 'the story gives trends both ways')
  const [e1, e2] = fx.pjEstates
  const one = got.items.find((e) => e.estate_code === e1)
  assert.deepEqual([one.ratings.length, one.latest, one.latest_zh, one.ratings.at(-1).round], [3, 'good', '好', '2023年第四季度'])
  assert.equal(got.items.find((e) => e.estate_code === e2).latest, 'poor')
  // The street staff's estates only; the assessor reads them too.
  const town = ok(await street.get(`${A}/ratings?county=${PENGJIANG}`))
  assert.ok(town.items.length > 0 && town.items.length < got.items.length)
  ok(await assessor.get(`${A}/ratings?county=${XINHUI}`))
})

test('rounds are filed in the cultivate phase and after, not before (403 phase.closed)', async () => {
  const b = await srv.alsoOn('2023-04-20')
  try {
    const r = await b.as(pj)('POST', A, { title: '2023年4月', period_from: '2023-04-01', period_to: '2023-04-20' })
    assert.equal(r.status, 403, r.text)
    assert.equal(r.json.error.code, 'phase.closed')
  } finally {
    await b.stop()
  }
  assert.equal(ok(await pj.get(A)).items.length, 1, 'nothing was created')
})
