// Evaluation (评审): evaluators' affiliations, assignments by hand and in bulk with conflicts refused,
// declared conflicts, the evaluator's queue and scoring view, score sheets (draft, submit), secrecy,
// the managers' matrix and disagreement reviews; scope, roles and the county_review phase
// (2023-09-01…09-30). Server A runs on 2023-09-05 (apply and county_review open); server B on the same
// database on 2023-10-01 (county_review closed: writes refused, reads allowed, open work overdue).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, assertError, PENGJIANG, XINHUI } from './harness.mjs'

const Y = 2023
const A = `/api/campaigns/${Y}`
const PASS = 'Initial-Pass-2026'
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('evidence of item 1.1')])
let srv, city, county, xh, street, auditor, applicant, evaluator
const ev = {} // name → { client, id }: E1 is the demo evaluator, E2…E5 created
const app = {} // A, B, C: submitted applications of 蓬江区 → { id, code, town, uscc }
let gates = {} // application id → p1 + p8_fee (gate-linked 3.1 and 3.2 passed)

/** A user made by the city administrator, logged in, with its initial password changed. */
async function makeUser(role, scope, name) {
  const username = `ev_${role}_${Math.random().toString(36).slice(2, 8)}`
  const r = await city.post('/api/users', { username, display_name: name, role, scope, password: PASS })
  assert.equal(r.status, 201, r.text)
  const c = await srv.login(username, PASS)
  assert.equal((await c.post('/api/session/password', { old_password: PASS, new_password: 'Changed-Pass-2026' })).status, 204)
  return { client: c, id: r.json.id }
}

/** Creates, fills and submits the estate's application as its applicant; answers its id. */
async function applyFor(client, code) {
  const r = await client.post(`${A}/applications`, {
    estate_code: code,
    applicant_type: 'property_company',
    applicant_name: '红色物业服务中心',
    contact_name: '张三',
    contact_phone: '13812345678',
  })
  assert.equal(r.status, 201, r.text)
  const items = {}
  for (const i of r.json.items) if (!i.gate || i.gate === 'none') items[i.id] = '本小区已落实该项要求，详见证明材料。'
  const u = await client.put(`${A}/applications/${r.json.id}`, { items, version: r.json.version })
  assert.equal(u.status, 200, u.text)
  const f = await client.upload(`${A}/applications/${r.json.id}/files?item=1.1&filename=party.png`, PNG)
  assert.equal(f.status, 201, f.text)
  const s = await client.post(`${A}/applications/${r.json.id}/submit`, {})
  assert.equal(s.status, 200, s.text)
  return r.json.id
}

/** Every score unit of a scoring view at `points`. */
function uniform(view, points) {
  const scores = {}
  for (const s of view.rubric.sections) for (const i of s.items) for (const u of i.units) scores[u.id] = points
  return scores
}
const allPass = (over = {}) => {
  const p = {}
  for (let i = 2; i <= 9; i++) p[`P${i}`] = { pass: true, reason: '' }
  return { ...p, ...over }
}
/** With the reference rubric every unit at x totals 9x + 5·(3.1 passed) + 5·(3.2 passed) (hand-computed:
 * S1 20·6x/60, S2 20·4x/40, S3 40·(6x + 10 + 10)/80, S4 20·7x/70). */
const total = (appId, x) => 9 * x + 5 * gates[appId]

const assignmentOf = async (who, appId) => {
  const q = await ev[who].client.get(`${A}/queue`)
  assert.equal(q.status, 200, q.text)
  return q.json.items.find((i) => i.application_id === appId && i.level === 'county')?.assignment_id
}

before(async () => {
  srv = await startServer({ env: { MEIHAO_TODAY: '2023-09-05' } })
  ;[city, county, xh, street, auditor, applicant, evaluator] = await Promise.all(
    ['city_admin', 'county_admin', 'county_admin_xh', 'street_staff', 'auditor', 'applicant', 'evaluator'].map((u) => srv.login(u)),
  )
  ev.E1 = { client: evaluator, id: evaluator.user.id }
  for (const n of ['E2', 'E3', 'E4', 'E5']) ev[n] = await makeUser('evaluator', '440700', `评审专家${n}`)
  // Three estates of 蓬江区: the demo applicant's and two in other towns, one with a property company.
  const own = applicant.user.scope.code
  const list = (await city.get(`/api/estates?county=${PENGJIANG}&page_size=200`)).json.items
  const ownEstate = list.find((e) => e.code === own)
  assert.ok(ownEstate, `the demo applicant's estate ${own} is in 蓬江区`)
  // B and C: other towns than A's, each with a property company that manages neither A nor the other.
  const others = list.filter((e) => e.code !== own && e.town_code !== ownEstate.town_code && e.company_uscc && e.company_uscc !== ownEstate.company_uscc)
  const second = others[0]
  const third = others.find((e) => e.company_uscc !== second.company_uscc)
  assert.ok(second && third, 'two more estates in other towns with their own companies')
  const entries = [['A', ownEstate, applicant]]
  for (const [k, e] of [['B', second], ['C', third]]) entries.push([k, e, (await makeUser('applicant', e.code, `申报单位${k}`)).client])
  for (const [k, e, client] of entries) app[k] = { id: await applyFor(client, e.code), code: e.code, town: e.town_code, uscc: e.company_uscc }
})
after(async () => {
  await srv?.stop()
})

test('affiliations: declared, listed, validated, removed — evaluators only, for themselves', async () => {
  const e = ev.E1.client
  assertError(await e.post('/api/evaluators/me/affiliations', { kind: 'estate', value: 'NO-SUCH-ESTATE' }), 400, 'affiliation.estate', 'value')
  assertError(await e.post('/api/evaluators/me/affiliations', { kind: 'company', value: '91440703MA4UTE5T1X' }), 400, 'affiliation.company', 'value')
  assertError(await e.post('/api/evaluators/me/affiliations', { kind: 'town', value: PENGJIANG }), 400, 'affiliation.town', 'value')
  assertError(await e.post('/api/evaluators/me/affiliations', { kind: 'friend', value: app.B.code }), 400, 'affiliation.kind', 'kind')
  // E1 is affiliated with estate B; E5 with C's property company, and with A's town.
  const r = await e.post('/api/evaluators/me/affiliations', { kind: 'estate', value: app.B.code, note: '本人居住于该小区' })
  assert.equal(r.status, 201, r.text)
  assert.equal(r.json.kind, 'estate')
  assert.ok(r.json.label.length > 0, 'the estate name is shown')
  assertError(await e.post('/api/evaluators/me/affiliations', { kind: 'estate', value: app.B.code }), 409, 'affiliation.exists', 'value')
  const c5 = await ev.E5.client.post('/api/evaluators/me/affiliations', { kind: 'company', value: app.C.uscc.toLowerCase() })
  assert.equal(c5.status, 201, c5.text)
  assert.equal(c5.json.value, app.C.uscc)
  const t5 = await ev.E5.client.post('/api/evaluators/me/affiliations', { kind: 'town', value: app.A.town })
  assert.equal(t5.status, 201, t5.text)
  const mine = await e.get('/api/evaluators/me/affiliations')
  assert.equal(mine.status, 200)
  assert.deepEqual(mine.json.items.map((a) => a.value), [app.B.code])
  // Another's affiliation cannot be removed (404); one's own can — re-declared below for the assignments.
  assertError(await ev.E2.client.del(`/api/evaluators/me/affiliations/${r.json.id}`), 404, 'affiliation.not_found')
  assert.equal((await e.del(`/api/evaluators/me/affiliations/${r.json.id}`)).status, 200)
  assert.equal((await e.get('/api/evaluators/me/affiliations')).json.items.length, 0)
  assert.equal((await e.post('/api/evaluators/me/affiliations', { kind: 'estate', value: app.B.code })).status, 201)
  // Role grid: every other role 403, no session 401.
  for (const c of [city, county, street, auditor, applicant]) {
    assertError(await c.get('/api/evaluators/me/affiliations'), 403, 'forbidden')
    assertError(await c.post('/api/evaluators/me/affiliations', { kind: 'estate', value: app.B.code }), 403, 'forbidden')
  }
  assertError(await srv.anon.get('/api/evaluators/me/affiliations'), 401)
  // Audited.
  const audit = await city.get('/api/audit?action=affiliation.declare')
  assert.ok(audit.json.items.length >= 4, audit.text)
})

test('assignable evaluators: per unit with affiliations and counts; managers only', async () => {
  const r = await county.get(`${A}/evaluators`) // the county administrator's own county
  assert.equal(r.status, 200, r.text)
  const ids = r.json.items.map((e) => e.id)
  for (const n of ['E1', 'E2', 'E3', 'E4', 'E5']) assert.ok(ids.includes(ev[n].id), `${n} is listed`)
  const e1 = r.json.items.find((e) => e.id === ev.E1.id)
  assert.deepEqual(e1.affiliations.map((a) => a.value), [app.B.code])
  assert.equal((await city.get(`${A}/evaluators?unit=440700`)).status, 200)
  assertError(await xh.get(`${A}/evaluators?unit=${PENGJIANG}`), 404, 'not_found')
  assertError(await county.get(`${A}/evaluators?unit=440700`), 403, 'forbidden')
  assertError(await county.get(`${A}/evaluators?unit=440703001`), 400, 'unit.invalid', 'unit')
  for (const c of [street, auditor, applicant, evaluator]) assertError(await c.get(`${A}/evaluators?unit=${PENGJIANG}`), 403, 'forbidden')
  assertError(await srv.anon.get(`${A}/evaluators?unit=${PENGJIANG}`), 401)
})

test('assignments: a refused pair refuses the whole request with every reason; by hand; in bulk; existing pairs skipped', async () => {
  // A, B, C × E1, E5: E1–B (affiliated estate), E5–C (affiliated company), E5–A (affiliated town) refused.
  const refused = await county.post(`${A}/assignments`, { level: 'county', application_ids: [app.A.id, app.B.id, app.C.id], evaluator_ids: [ev.E1.id, ev.E5.id] })
  assertError(refused, 409, 'assignment.refused')
  const got = refused.json.refused.map((r) => `${r.application_id}/${r.evaluator_id}/${r.code}`).sort()
  const want = [`${app.B.id}/${ev.E1.id}/conflict.estate`, `${app.C.id}/${ev.E5.id}/conflict.company`, `${app.A.id}/${ev.E5.id}/conflict.town`].sort()
  assert.deepEqual(got, want)
  assert.ok(refused.json.refused.every((r) => /[\u4e00-\u9fff]/.test(r.reason_zh)))
  // Nothing changed: nobody has anything to do.
  for (const n of ['E1', 'E5']) assert.equal((await ev[n].client.get(`${A}/queue`)).json.items.length, 0)
  // A user who is no evaluator is refused as not assignable.
  const notEval = await county.post(`${A}/assignments`, { level: 'county', application_ids: [app.A.id], evaluator_ids: [street.user.id] })
  assertError(notEval, 409, 'assignment.refused')
  assert.equal(notEval.json.refused[0].code, 'evaluator.not_assignable')

  // By hand: one application, one evaluator.
  const one = await county.post(`${A}/assignments`, { level: 'county', application_ids: [app.A.id], evaluator_ids: [ev.E1.id] })
  assert.equal(one.status, 201, one.text)
  assert.equal(one.json.created.length, 1)
  assert.equal(one.json.created[0].estate_code, app.A.code)
  // In bulk: 3 × 3 = 9 pairs.
  const bulk = await county.post(`${A}/assignments`, { level: 'county', application_ids: [app.A.id, app.B.id, app.C.id], evaluator_ids: [ev.E2.id, ev.E3.id, ev.E4.id] })
  assert.equal(bulk.status, 201, bulk.text)
  assert.equal(bulk.json.created.length, 9)
  // Again with E1: everything exists → 200, skipped and reported.
  const again = await county.post(`${A}/assignments`, { level: 'county', application_ids: [app.A.id], evaluator_ids: [ev.E1.id, ev.E2.id] })
  assert.equal(again.status, 200, again.text)
  assert.equal(again.json.created.length, 0)
  assert.deepEqual(again.json.skipped.map((s) => s.code), ['assignment.exists', 'assignment.exists'])

  // Bad input, scope, roles, level.
  assertError(await county.post(`${A}/assignments`, { level: 'town', application_ids: [app.A.id], evaluator_ids: [ev.E1.id] }), 400, 'level.invalid', 'level')
  assertError(await county.post(`${A}/assignments`, { level: 'county', application_ids: [], evaluator_ids: [ev.E1.id] }), 400, 'assignment.application_ids', 'application_ids')
  assertError(await county.post(`${A}/assignments`, { level: 'county', application_ids: [app.A.id], evaluator_ids: 'E1' }), 400, 'assignment.evaluator_ids', 'evaluator_ids')
  assertError(await county.post(`${A}/assignments`, { level: 'county', application_ids: [999999], evaluator_ids: [ev.E1.id] }), 404, 'application.not_found')
  assertError(await xh.post(`${A}/assignments`, { level: 'county', application_ids: [app.A.id], evaluator_ids: [ev.E5.id] }), 404, 'application.not_found')
  assertError(await county.post(`${A}/assignments`, { level: 'city', application_ids: [app.A.id], evaluator_ids: [ev.E5.id] }), 403, 'forbidden')
  for (const c of [street, auditor, applicant, evaluator])
    assertError(await c.post(`${A}/assignments`, { level: 'county', application_ids: [app.A.id], evaluator_ids: [ev.E5.id] }), 403, 'forbidden')
  assertError(await srv.anon.post(`${A}/assignments`, { level: 'county', application_ids: [app.A.id], evaluator_ids: [ev.E5.id] }), 401)
  // City level: the city_review phase (10-01…11-30) is closed on 09-05.
  assertError(await city.post(`${A}/assignments`, { level: 'city', application_ids: [app.A.id], evaluator_ids: [ev.E5.id] }), 403, 'phase.closed')
})

test('a declared conflict removes the assignment and its draft, and the pair is never assigned again', async () => {
  const id = await assignmentOf('E4', app.C.id)
  assert.ok(id)
  assert.equal((await ev.E4.client.put(`${A}/assignments/${id}/sheet`, { scores: { '1.1': '8' } })).status, 200)
  assertError(await ev.E4.client.post(`${A}/assignments/${id}/conflict`, { reason: '亲' }), 400, 'conflict.reason', 'reason')
  assertError(await ev.E2.client.post(`${A}/assignments/${id}/conflict`, { reason: '亲属在该小区居住' }), 404, 'assignment.not_found')
  assertError(await county.post(`${A}/assignments/${id}/conflict`, { reason: '亲属在该小区居住' }), 403, 'forbidden')
  const r = await ev.E4.client.post(`${A}/assignments/${id}/conflict`, { reason: '亲属在该小区居住' })
  assert.equal(r.status, 200, r.text)
  assert.equal(await assignmentOf('E4', app.C.id), undefined)
  assertError(await ev.E4.client.get(`${A}/assignments/${id}`), 404, 'assignment.not_found')
  const back = await county.post(`${A}/assignments`, { level: 'county', application_ids: [app.C.id], evaluator_ids: [ev.E4.id] })
  assertError(back, 409, 'assignment.refused')
  assert.equal(back.json.refused[0].code, 'conflict.declared')
  assert.ok((await city.get('/api/audit?action=assignment.conflict')).json.items.length >= 1)
})

test('the scoring view: own assignments only; the application, its evidence and checks, the rubric', async () => {
  const id = await assignmentOf('E2', app.A.id)
  const r = await ev.E2.client.get(`${A}/assignments/${id}`)
  assert.equal(r.status, 200, r.text)
  assert.equal(r.json.application.id, app.A.id)
  assert.equal(r.json.application.estate_code, app.A.code)
  assert.ok(Object.keys(r.json.application.self_assessment).length >= 23)
  // The evidence, downloadable by the assigned evaluator only.
  assert.equal(r.json.application.files.length, 1)
  const file = r.json.application.files[0]
  assert.equal(file.item_id, '1.1')
  assert.match(file.url, new RegExp(`^${A}/applications/${app.A.id}/files/\\d+$`))
  const dl = await ev.E2.client.get(file.url)
  assert.equal(dl.status, 200)
  assert.deepEqual(dl.buf, PNG)
  assert.equal((await ev.E5.client.get(file.url)).status, 404) // E5 is not assigned to A
  assert.equal(typeof r.json.application.automatic.p1, 'boolean')
  const units = r.json.rubric.sections.flatMap((s) => s.items.flatMap((i) => i.units))
  assert.equal(units.length, 23) // the reference: 25 items without the gate-linked 3.1 and 3.2
  assert.deepEqual(r.json.rubric.sections.map((s) => s.weight), [20, 20, 40, 20])
  assert.equal(r.json.sheet, null)
  assert.equal(r.json.others_visible, false)
  assert.equal(r.json.due_on, '2023-09-30')
  // Nobody else's assignment: E1 is not assigned to B (404), and other roles never score (403).
  const b2 = await assignmentOf('E2', app.B.id)
  assertError(await ev.E1.client.get(`${A}/assignments/${b2}`), 404, 'assignment.not_found')
  assertError(await ev.E1.client.put(`${A}/assignments/${b2}/sheet`, { scores: {} }), 404, 'assignment.not_found')
  assertError(await ev.E1.client.post(`${A}/assignments/${b2}/sheet/submit`, {}), 404, 'assignment.not_found')
  assertError(await ev.E1.client.get(`${A}/assignments/999999`), 404, 'assignment.not_found')
  for (const c of [city, county, street, auditor, applicant]) {
    assertError(await c.get(`${A}/assignments/${id}`), 403, 'forbidden')
    assertError(await c.put(`${A}/assignments/${id}/sheet`, { scores: {} }), 403, 'forbidden')
    assertError(await c.post(`${A}/assignments/${id}/sheet/submit`, {}), 403, 'forbidden')
  }
  assertError(await srv.anon.get(`${A}/assignments/${id}`), 401)
  for (const k of ['A', 'B', 'C']) {
    const any = (await ev.E2.client.get(`${A}/assignments/${await assignmentOf('E2', app[k].id)}`)).json.application.automatic
    gates[app[k].id] = Number(any.p1) + Number(any.p8_fee)
  }
})

test('score sheets: drafts are range-checked, fails need reasons, submissions must be complete', async () => {
  const id = await assignmentOf('E2', app.A.id)
  const put = (body) => ev.E2.client.put(`${A}/assignments/${id}/sheet`, body)
  assertError(await put({ scores: { '1.1': '8.55' } }), 400, 'rubric.points.decimals', 'scores.1.1')
  assertError(await put({ scores: { '1.1': 8.55 } }), 400, 'rubric.points.decimals', 'scores.1.1')
  assertError(await put({ scores: { '1.2': '10.5' } }), 400, 'rubric.score.range', 'scores.1.2')
  assertError(await put({ scores: { '1.2': -1 } }), 400, 'rubric.points.format', 'scores.1.2')
  assertError(await put({ scores: { '3.1': 10 } }), 400, 'rubric.score.unknown', 'scores.3.1')
  assertError(await put({ principles: { P3: { pass: false, reason: '' } } }), 400, 'sheet.principle.reason', 'principles.P3.reason')
  assertError(await put({ principles: { P1: { pass: true } } }), 400, 'sheet.principle.unknown', 'principles.P1')
  // Every problem at once.
  const many = await put({ scores: { '1.1': '11', '1.2': '1.25' }, principles: { P5: { pass: false } } })
  assertError(many, 400)
  assert.deepEqual(many.json.errors.map((e) => e.field).sort(), ['principles.P5.reason', 'scores.1.1', 'scores.1.2'])
  // A partial draft is kept as typed (8.5 and "9" alike).
  const draft = await put({ scores: { '1.1': 8.5, '1.2': '9' }, principles: { P3: { pass: false, reason: '未见文明创建活动记录' } } })
  assert.equal(draft.status, 200, draft.text)
  assert.deepEqual(draft.json.scores, { 1.1: '8.5', 1.2: '9' })
  assert.equal(draft.json.status, 'draft')
  // Submitting the draft: 21 units and 7 principles missing, all named.
  const incomplete = await ev.E2.client.post(`${A}/assignments/${id}/sheet/submit`)
  assertError(incomplete, 400)
  assert.equal(incomplete.json.errors.length, 21 + 7)
  assert.ok(incomplete.json.errors.some((e) => e.field === 'scores.4.7' && e.code === 'rubric.score.missing'))
  assert.ok(incomplete.json.errors.some((e) => e.field === 'principles.P9' && e.code === 'sheet.principle.missing'))
  const view = (await ev.E2.client.get(`${A}/assignments/${id}`)).json
  assert.equal(view.sheet.status, 'draft')
  assert.equal(view.sheet.principles.P3.pass, false)
})

test('secrecy: the others’ scores only after one’s own submission; totals exact', async () => {
  const a = { E1: await assignmentOf('E1', app.A.id), E2: await assignmentOf('E2', app.A.id), E3: await assignmentOf('E3', app.A.id) }
  const view = (await ev.E2.client.get(`${A}/assignments/${a.E2}`)).json
  // E2 submits 8 everywhere (body submitted at once).
  const s2 = await ev.E2.client.post(`${A}/assignments/${a.E2}/sheet/submit`, { scores: uniform(view, '8'), principles: allPass() })
  assert.equal(s2.status, 200, s2.text)
  assert.equal(s2.json.status, 'submitted')
  assert.equal(s2.json.total, total(app.A.id, 8).toFixed(2))
  assertError(await ev.E2.client.put(`${A}/assignments/${a.E2}/sheet`, { scores: {} }), 409, 'sheet.submitted')
  assertError(await ev.E2.client.post(`${A}/assignments/${a.E2}/sheet/submit`), 409, 'sheet.submitted')
  assertError(await ev.E2.client.post(`${A}/assignments/${a.E2}/conflict`, { reason: '亲属在该小区居住' }), 409, 'sheet.submitted')
  // E1 has not submitted: nothing of E2's sheet.
  const before = await ev.E1.client.get(`${A}/assignments/${a.E1}`)
  assert.equal(before.json.others_visible, false)
  assert.deepEqual(before.json.others, [])
  // E1 saves a draft of 10s, then submits it.
  assert.equal((await ev.E1.client.put(`${A}/assignments/${a.E1}/sheet`, { scores: uniform(view, 10), principles: allPass() })).status, 200)
  const s1 = await ev.E1.client.post(`${A}/assignments/${a.E1}/sheet/submit`)
  assert.equal(s1.status, 200, s1.text)
  assert.equal(s1.json.total, total(app.A.id, 10).toFixed(2))
  const after = (await ev.E1.client.get(`${A}/assignments/${a.E1}`)).json
  assert.equal(after.others_visible, true)
  assert.equal(after.others.length, 1)
  assert.equal(after.others[0].evaluator_id, ev.E2.id)
  assert.equal(after.others[0].total, s2.json.total)
  assert.equal(after.others[0].scores['4.7'], '8')
  assert.equal(after.others[0].principles.P2.pass, true)
  // E3: 9 everywhere, fails P5 with a reason → total 9·9 + gates.
  const s3 = await ev.E3.client.post(`${A}/assignments/${a.E3}/sheet/submit`, {
    scores: uniform(view, '9'),
    principles: allPass({ P5: { pass: false, reason: '小区内未张贴投诉咨询电话' } }),
  })
  assert.equal(s3.status, 200, s3.text)
  assert.equal(s3.json.total, total(app.A.id, 9).toFixed(2))
})

test('the matrix: progress, totals, score, spread, principles — managers and the auditor only', async () => {
  const r = await county.get(`${A}/evaluation?level=county`)
  assert.equal(r.status, 200, r.text)
  assert.equal(r.json.unit_code, PENGJIANG)
  assert.ok(r.json.quota >= 1)
  const row = r.json.rows.find((x) => x.application_id === app.A.id)
  assert.equal(row.assigned, 4) // E1 by hand, E2–E4 in bulk
  assert.equal(row.submitted, 3)
  assert.deepEqual(row.evaluators.map((e) => e.status).sort(), ['submitted', 'submitted', 'submitted', 'to_do'])
  // Totals 9x + g for x = 10, 8, 9: mean 9·9 + g; population stddev √((9² + 9² + 0)/3) = √54 = 7.35.
  assert.equal(row.score, total(app.A.id, 9).toFixed(2))
  assert.equal(row.stddev, '7.35')
  assert.equal(row.trimmed, false)
  assert.equal(row.disagreement, false)
  assert.equal(row.evaluated, true)
  const p5 = row.principles.find((p) => p.id === 'P5')
  assert.deepEqual([p5.evaluator_passes, p5.evaluator, p5.passed], [2, true, true]) // 2 of 3 is a majority
  const p3 = row.principles.find((p) => p.id === 'P3')
  assert.equal(p3.evaluator_passes, 3)
  const other = r.json.rows.find((x) => x.application_id === app.B.id)
  assert.equal(other.score, null)
  assert.equal(other.evaluated, false)
  assert.equal((await city.get(`${A}/evaluation?level=county&unit=${PENGJIANG}`)).status, 200)
  assert.equal((await auditor.get(`${A}/evaluation?level=county&unit=${PENGJIANG}`)).status, 200)
  // Nobody else: evaluators and applicants 403, another county 404.
  for (const c of [evaluator, applicant, street]) assertError(await c.get(`${A}/evaluation?level=county&unit=${PENGJIANG}`), 403, 'forbidden')
  assertError(await xh.get(`${A}/evaluation?level=county&unit=${PENGJIANG}`), 404, 'not_found')
  assertError(await county.get(`${A}/evaluation?level=region`), 400, 'level.invalid', 'level')
  assertError(await srv.anon.get(`${A}/evaluation?level=county&unit=${PENGJIANG}`), 401)
  // A county administrator reads the city level for its own county, once the city list is published: not yet.
  const cityLevel = await county.get(`${A}/evaluation?level=city`)
  assert.equal(cityLevel.status, 200, cityLevel.text)
  assert.equal(cityLevel.json.cut_to_county, true)
  assert.deepEqual(cityLevel.json.rows, [])
  // Nothing of it is public.
  assert.ok(!(await srv.anon.get(`${A}/evaluation?level=county&unit=${PENGJIANG}`)).text.includes(row.score))
})

test('a flagged disagreement is reviewed by the county; not-flagged refused', async () => {
  // B: E2 gives 10s, E3 gives 2s → totals 90 + g and 18 + g: stddev 36 > 10 → flagged.
  const b2 = await assignmentOf('E2', app.B.id)
  const b3 = await assignmentOf('E3', app.B.id)
  const view = (await ev.E2.client.get(`${A}/assignments/${b2}`)).json
  assert.equal((await ev.E2.client.post(`${A}/assignments/${b2}/sheet/submit`, { scores: uniform(view, 10), principles: allPass() })).status, 200)
  assert.equal((await ev.E3.client.post(`${A}/assignments/${b3}/sheet/submit`, { scores: uniform(view, 2), principles: allPass() })).status, 200)
  const row = (await county.get(`${A}/evaluation?level=county`)).json.rows.find((x) => x.application_id === app.B.id)
  assert.equal(row.stddev, '36.00')
  assert.equal(row.disagreement, true)
  assert.equal(row.reviewed, false)
  const path = `${A}/applications/${app.B.id}/disagreement-review`
  assertError(await county.post(path, { level: 'county', note: '' }), 400, 'review.note', 'note')
  assertError(await county.post(`${A}/applications/${app.A.id}/disagreement-review`, { level: 'county', note: '已核查评分依据' }), 409, 'evaluation.not_flagged')
  for (const c of [evaluator, applicant, street, auditor]) assertError(await c.post(path, { level: 'county', note: '已核查评分依据' }), 403, 'forbidden')
  assertError(await xh.post(path, { level: 'county', note: '已核查评分依据' }), 404, 'application.not_found')
  assertError(await srv.anon.post(path, { level: 'county', note: '已核查评分依据' }), 401)
  const ok = await county.post(path, { level: 'county', note: '已约谈两位专家，评分依据充分' })
  assert.equal(ok.status, 200, ok.text)
  const after = (await county.get(`${A}/evaluation?level=county`)).json.rows.find((x) => x.application_id === app.B.id)
  assert.equal(after.reviewed, true)
  assert.equal(after.review_note, '已约谈两位专家，评分依据充分')
})

test('unassigning: managers, before the sheet is submitted', async () => {
  const c4 = await assignmentOf('E4', app.B.id)
  const a2 = await assignmentOf('E2', app.A.id)
  assertError(await county.del(`${A}/assignments/${a2}`), 409, 'sheet.submitted')
  for (const c of [evaluator, applicant, street, auditor]) assertError(await c.del(`${A}/assignments/${c4}`), 403, 'forbidden')
  assertError(await xh.del(`${A}/assignments/${c4}`), 404, 'assignment.not_found')
  assertError(await srv.anon.del(`${A}/assignments/${c4}`), 401)
  assert.equal((await county.del(`${A}/assignments/${c4}`)).status, 200)
  assert.equal(await assignmentOf('E4', app.B.id), undefined)
  // It may be assigned again (no conflict was declared).
  assert.equal((await county.post(`${A}/assignments`, { level: 'county', application_ids: [app.B.id], evaluator_ids: [ev.E4.id] })).status, 201)
})

test('the queue: to do, draft, done; other roles 403', async () => {
  const q = await ev.E2.client.get(`${A}/queue`)
  assert.equal(q.status, 200, q.text)
  const status = Object.fromEntries(q.json.items.map((i) => [i.application_id, i.status]))
  assert.deepEqual(status, { [app.A.id]: 'done', [app.B.id]: 'done', [app.C.id]: 'to_do' })
  assert.deepEqual(q.json.counts, { to_do: 1, draft: 0, done: 2, overdue: 0 })
  assert.ok(q.json.items.every((i) => i.due_on === '2023-09-30' && i.overdue === false && i.level === 'county'))
  for (const c of [city, county, street, auditor, applicant]) assertError(await c.get(`${A}/queue`), 403, 'forbidden')
  assertError(await srv.anon.get(`${A}/queue`), 401)
})

test('after county_review (2023-10-01): writes refused naming the phase, reads allowed, open work overdue', async () => {
  const dir = srv.dir
  await srv.stop({ keepDir: true })
  srv = await startServer({ dataDir: dir, env: { MEIHAO_TODAY: '2023-10-01' } })
  const e2 = await srv.login(ev.E2.client.user.username, 'Changed-Pass-2026')
  const e4 = await srv.login(ev.E4.client.user.username, 'Changed-Pass-2026')
  const c = await srv.login('county_admin')
  const q = (await e2.get(`${A}/queue`)).json
  const c2 = q.items.find((i) => i.application_id === app.C.id)
  assert.equal(c2.status, 'to_do')
  assert.equal(c2.overdue, true)
  assert.equal(q.items.find((i) => i.application_id === app.A.id).overdue, false) // done is never overdue
  assert.equal(q.counts.overdue, 1)
  const closed = await e2.put(`${A}/assignments/${c2.assignment_id}/sheet`, { scores: { '1.1': 8 } })
  assertError(closed, 403, 'phase.closed')
  assert.match(closed.json.error.message_zh, /县级评价.*2023-09-01.*2023-09-30/)
  assertError(await e2.post(`${A}/assignments/${c2.assignment_id}/sheet/submit`), 403, 'phase.closed')
  assertError(await e2.post(`${A}/assignments/${c2.assignment_id}/conflict`, { reason: '亲属在该小区居住' }), 403, 'phase.closed')
  assertError(await c.post(`${A}/assignments`, { level: 'county', application_ids: [app.C.id], evaluator_ids: [ev.E5.id] }), 403, 'phase.closed')
  const b4 = (await e4.get(`${A}/queue`)).json.items.find((i) => i.application_id === app.B.id)
  assertError(await c.del(`${A}/assignments/${b4.assignment_id}`), 403, 'phase.closed')
  assertError(await c.post(`${A}/applications/${app.B.id}/disagreement-review`, { level: 'county', note: '再次核查' }), 403, 'phase.closed')
  // Reads stay open.
  assert.equal((await e2.get(`${A}/assignments/${c2.assignment_id}`)).status, 200)
  assert.equal((await c.get(`${A}/evaluation?level=county`)).status, 200)
  // Affiliations are not phase-bound.
  assert.equal((await e2.post('/api/evaluators/me/affiliations', { kind: 'town', value: XINHUI + '001' })).status, 201)
})
