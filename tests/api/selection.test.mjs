// Selection (评选名单), publicity and objections at county level, black-box: the ranking and the list as
// it would be published, changes with reasons, publishing only when every application is decided, the
// short-list explanation, the public pages, objections (window, listed estate, fields, masking, answers),
// finalising, the overview, the CLI export — and the role × phase grid of every route.
//
// FIXTURE: the applications and score sheets are written with sqlite3 straight into the server's
// database (the applications and evaluation routes are other files' subject). With the reference
// rubric a sheet giving every scored item x points totals 9x + 10 (S1 2x, S2 2x, S3 3x + 10, S4 2x):
// 10 → 100, 9 → 91, 8 → 82, 5 → 55.
//   A 10,10,10 → 100.00            B 9,9,9 → 91.00          C 8,8,8 → 82.00
//   D 10,10 (two sheets: not evaluated) → later + 9 → (100+100+91)/3 = 97.00
//   E 10,10,5 → 85.00, population stddev √450 = 21.21 > 10: flagged until reviewed
//   F 9,9,9 with P5 failed by every evaluator → evaluated, ineligible (一票否决)
// 蓬江区 has 756 managed demo estates: quota ⌈4% × 756⌉ = ⌈30.24⌉ = 31, so every list here is short.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { startServer, assertError, PENGJIANG } from './harness.mjs'

const Y = 2023
const S = `/api/campaigns/${Y}/selection`
const O = `/api/campaigns/${Y}/objections`
const P = `/api/public/campaigns/${Y}/lists`
const ROLES = ['city_admin', 'county_admin', 'county_admin_xh', 'street_staff', 'auditor', 'applicant', 'evaluator']
const REVIEW_REASON = '已复核：第三位专家对现场材料理解有偏差，维持评分'

let srv
let u = {} // role → client
const app = {} // letter → { id, code, name }

async function serve(today, dataDir) {
  srv = await startServer({ env: { MEIHAO_TODAY: today }, ...(dataDir ? { dataDir } : {}) })
  u = {}
  for (const r of ROLES) u[r] = await srv.login(r)
}
async function moveTo(today) {
  const dir = srv.dir
  await srv.stop({ keepDir: true })
  await serve(today, dir)
}

function sql(text) {
  const r = spawnSync('sqlite3', ['-bail', srv.db], { input: `.timeout 5000\n${text}`, encoding: 'utf8' })
  assert.equal(r.status, 0, r.stderr)
  return r.stdout.trim()
}
const q = (s) => `'${String(s).replace(/'/g, "''")}'`

// The 23 scored units of the reference rubric (3.1 and 3.2 are gate-linked).
const UNITS = ['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '2.1', '2.2', '2.3', '2.4', '3.3', '3.4', '3.5', '3.6', '3.7', '3.8',
  '4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7']
const scores = (x) => JSON.stringify(Object.fromEntries(UNITS.map((k) => [k, x * 10])))
const principles = (failed) =>
  JSON.stringify(Object.fromEntries([2, 3, 4, 5, 6, 7, 8, 9].map((i) => [`P${i}`, `P${i}` === failed ? { pass: false, reason: '未公示部门投诉电话' } : { pass: true, reason: '' }])))
const automatic = (code) =>
  JSON.stringify({
    estate_code: code, county_code: PENGJIANG, reference_date: '2023-09-01', fee_year: 2022, p1: true, p2_party_org: true,
    p4_owners_org: true, p6_professional: true, p6_no_penalty: true, fee_rate: '97/100', p8_fee: true, auto_ok: true,
    satisfaction_sample: 100, satisfaction_index: '90/1', satisfaction_rank: 1, satisfaction_n: 100, satisfaction_k: 5,
    complaint_count: 0, complaint_rate: '1/2', complaint_rank: null, complaint_n: 100, complaint_k: 5, penalty_in_window: false,
  })

function sheet(appId, evaluator, x, failed = '') {
  return `INSERT INTO assignments(application_id, level, evaluator_id, assigned_at) VALUES (${appId}, 'county', ${evaluator}, 'x');
INSERT INTO score_sheets(application_id, level, evaluator_id, status, scores, principles, saved_at, submitted_at)
VALUES (${appId}, 'county', ${evaluator}, 'submitted', ${q(scores(x))}, ${q(principles(failed))}, 'x', 'x');\n`
}

before(async () => {
  await serve('2023-09-10')
  const estates = sql(`SELECT code || '|' || name FROM estates WHERE county_code = '${PENGJIANG}' AND deleted_at IS NULL
    AND management_mode = 'professional' ORDER BY code LIMIT 6 OFFSET 20;`).split('\n')
  let s = `INSERT INTO users(id, username, display_name, role, scope_code, password_hash, created_at) VALUES
    (9101, 'sel_eval1', '评审专家甲', 'evaluator', '440700', 'x', 'x'), (9102, 'sel_eval2', '评审专家乙', 'evaluator', '440700', 'x', 'x'),
    (9103, 'sel_eval3', '评审专家丙', 'evaluator', '440700', 'x', 'x');\n`
  'ABCDEF'.split('').forEach((letter, i) => {
    const [code, name] = estates[i].split('|')
    app[letter] = { code, name }
    s += `INSERT INTO applications(campaign_year, estate_code, county_code, applicant_type, applicant_name, contact_name,
      contact_phone, status, rubric, automatic, submitted_at, submitted_ms, created_at, updated_at)
      VALUES (${Y}, ${q(code)}, '${PENGJIANG}', 'property_company', ${q('物业公司' + letter)}, '张三', '13812345678', 'submitted', '',
      ${q(automatic(code))}, '2023-09-0${i + 1}T02:00:00Z', ${1000 * (i + 1)}, 'x', 'x');\n`
  })
  sql(s)
  for (const letter of 'ABCDEF') app[letter].id = Number(sql(`SELECT id FROM applications WHERE estate_code = ${q(app[letter].code)};`))
  sql(
    sheet(app.A.id, 9101, 10) + sheet(app.A.id, 9102, 10) + sheet(app.A.id, 9103, 10) +
      sheet(app.B.id, 9101, 9) + sheet(app.B.id, 9102, 9) + sheet(app.B.id, 9103, 9) +
      sheet(app.C.id, 9101, 8) + sheet(app.C.id, 9102, 8) + sheet(app.C.id, 9103, 8) +
      sheet(app.D.id, 9101, 10) + sheet(app.D.id, 9102, 10) +
      sheet(app.E.id, 9101, 10) + sheet(app.E.id, 9102, 10) + sheet(app.E.id, 9103, 5) +
      sheet(app.F.id, 9101, 9, 'P5') + sheet(app.F.id, 9102, 9, 'P5') + sheet(app.F.id, 9103, 9, 'P5'),
  )
})
after(async () => {
  await srv?.stop()
})

const sel = (client, unit = PENGJIANG) => client.get(`${S}?level=county&unit=${unit}`)

test('the ranking, the quota and the blockers, by hand', async () => {
  const r = await sel(u.county_admin)
  assert.equal(r.status, 200, r.text)
  const s = r.json
  assert.equal(s.status, 'draft')
  assert.deepEqual(s.quota, { quota: 31, managed_estates: 756, percent: 4, target: 31, city_target: null, min_score: null, min_evaluators: 3 })
  // Ranked (eligible and evaluated): A 100, B 91, C 82; E is evaluated and eligible too (85) though flagged.
  const ranked = s.ranking.filter((x) => x.rank !== null).map((x) => [x.estate_code, x.rank, x.score, x.proposed])
  assert.deepEqual(ranked, [[app.A.code, 1, '100.00', true], [app.B.code, 2, '91.00', true], [app.E.code, 3, '85.00', true], [app.C.code, 4, '82.00', true]])
  const d = s.ranking.find((x) => x.estate_code === app.D.code)
  assert.deepEqual([d.rank, d.score, d.evaluated, d.submitted], [null, '100.00', false, 2])
  const f = s.ranking.find((x) => x.estate_code === app.F.code)
  assert.deepEqual([f.rank, f.evaluated, f.eligible, f.score], [null, true, false, '91.00'])
  assert.equal(s.ranking[0].satisfaction_index, '90.00')
  assert.equal(s.ranking[0].complaint_rate, '0.50')
  assert.deepEqual(s.list.map((e) => [e.position, e.estate_code, e.source]), [[1, app.A.code, 'rules'], [2, app.B.code, 'rules'], [3, app.E.code, 'rules'], [4, app.C.code, 'rules']])
  assert.deepEqual(
    s.blockers.map((b) => [b.estate_code, b.code, b.submitted, b.required]),
    [[app.D.code, 'not_evaluated', 2, 3], [app.E.code, 'disagreement_unreviewed', 3, 3]],
  )
  assert.equal(s.short, true) // 4 < 31
  assert.equal(s.can_manage, true)
  assert.equal(s.publicity, null)
  // The auditor reads without managing; the city too (and manages).
  const a = await sel(u.auditor)
  assert.equal(a.status, 200)
  assert.equal(a.json.can_manage, false)
  assert.equal((await sel(u.city_admin)).json.can_manage, true)
})

test('grid before publishing: who may read, change, publish, finalise (401/403/404, the refusal after the role)', async () => {
  const expect = {
    city_admin: 'ok', county_admin: 'ok', county_admin_xh: 404, street_staff: 403, auditor: 'read', applicant: 403, evaluator: 403,
  }
  for (const role of ROLES) {
    const c = u[role]
    const e = expect[role]
    const read = await sel(c)
    const objections = await c.get(`${O}?level=county&unit=${PENGJIANG}`)
    const add = await c.post(`${S}/changes`, { level: 'county', unit: PENGJIANG, application_id: app.D.id, change: 'add', reason: '表现突出' })
    const del = await c.del(`${S}/changes/${app.A.id}?level=county`)
    const pub = await c.post(`${S}/publish`, { level: 'county', unit: PENGJIANG, explanation: '' })
    const fin = await c.post(`${S}/finalise`, { level: 'county', unit: PENGJIANG })
    if (e === 'ok' || e === 'read') {
      assert.equal(read.status, 200, `${role} reads`)
      assert.equal(objections.status, 200, `${role} reads objections`)
    } else {
      assertError(read, e, e === 404 ? 'not_found' : 'forbidden')
      assertError(objections, e, e === 404 ? 'not_found' : 'forbidden')
    }
    if (e === 'ok') {
      assertError(add, 400, 'selection.add.not_evaluated', 'application')
      assertError(del, 404, 'selection.change.not_found')
      assertError(pub, 409, 'selection.undecided')
      assertError(fin, 409, 'selection.not_published')
    } else {
      const st = e === 'read' ? 403 : e
      for (const r of [add, del, pub, fin]) assertError(r, st, st === 404 ? 'not_found' : 'forbidden')
    }
  }
  for (const r of [
    await srv.anon.get(`${S}?level=county&unit=${PENGJIANG}`),
    await srv.anon.get(`${O}?level=county&unit=${PENGJIANG}`),
    await srv.anon.get(`${S}/overview`),
    await srv.anon.post(`${S}/publish`, { level: 'county' }),
    await srv.anon.post(`${S}/changes`, { level: 'county' }),
    await srv.anon.post(`${S}/finalise`, { level: 'county' }),
    await srv.anon.post(`${O}/1/answer`, { outcome: 'upheld', answer: '属实' }),
    await srv.anon.call('DELETE', `${S}/changes/1?level=county`),
  ])
    assertError(r, 401)
  // Bad level and unit.
  assertError(await u.city_admin.get(`${S}?level=town&unit=${PENGJIANG}`), 400, 'selection.level', 'level')
  assertError(await u.city_admin.get(`${S}?level=county`), 400, 'unit.required', 'unit')
  assertError(await u.city_admin.get(`${S}?level=county&unit=440799`), 404, 'unit.not_found')
  assertError(await u.city_admin.get(`/api/campaigns/2031/selection?level=county&unit=${PENGJIANG}`), 404, 'campaign.not_found')
  // City level: changes and publishing only in city_review (10-01…11-30).
  assertError(await u.city_admin.post(`${S}/publish`, { level: 'city', explanation: '' }), 403, 'phase.closed', 'city_review')
  assertError(await u.county_admin.post(`${S}/publish`, { level: 'city' }), 403, 'forbidden')
})

test('the publish refusal names what is undecided; a review and the missing sheet clear it', async () => {
  const r = await u.county_admin.post(`${S}/publish`, { level: 'county', unit: PENGJIANG, explanation: '' })
  assertError(r, 409, 'selection.undecided')
  assert.ok(r.json.error.message_zh.includes(app.D.name) && r.json.error.message_zh.includes(app.E.name), r.json.error.message_zh)
  assert.ok(r.json.error.message_zh.includes('已提交 2/3 份'))
  sql(sheet(app.D.id, 9103, 9) + `INSERT INTO disagreement_reviews(application_id, level, note, reviewed_at)
    VALUES (${app.E.id}, 'county', ${q(REVIEW_REASON)}, 'x');`)
  const s = (await sel(u.county_admin)).json
  assert.deepEqual(s.blockers, [])
  // A 100, D 97 (100, 100, 91), B 91, E 85, C 82.
  assert.deepEqual(s.list.map((e) => [e.estate_code, e.rank, e.score]),
    [[app.A.code, 1, '100.00'], [app.D.code, 2, '97.00'], [app.B.code, 3, '91.00'], [app.E.code, 4, '85.00'], [app.C.code, 5, '82.00']])
})

test('changes: add and remove with reasons, refused by the rules, withdrawn', async () => {
  const c = u.county_admin
  const change = (id, ch, reason) => c.post(`${S}/changes`, { level: 'county', unit: PENGJIANG, application_id: id, change: ch, reason })
  assertError(await change(app.F.id, 'add', '群众评价很好'), 400, 'selection.add.ineligible', 'application')
  assertError(await change(app.A.id, 'add', '群众评价很好'), 409, 'selection.add.listed', 'application')
  assertError(await change(app.C.id, 'remove', ''), 400, 'selection.reason.required', 'reason')
  assertError(await change(app.C.id, 'remove', 'x'.repeat(501)), 400, 'selection.reason.length', 'reason')
  assertError(await change(app.C.id, 'drop', '理由充分'), 400, 'selection.change.value', 'change')
  assertError(await change(999999, 'remove', '理由充分'), 404, 'application.not_found')
  let r = await change(app.B.id, 'remove', '近期有投诉正在核查')
  assert.equal(r.status, 201, r.text)
  assertError(await change(app.B.id, 'remove', '再次撤下'), 409, 'selection.change.exists', 'application_id')
  r = await c.del(`${S}/changes/${app.B.id}?level=county`)
  assert.equal(r.status, 200, r.text)
  assert.equal(r.json.changes.length, 0)
  r = await change(app.C.id, 'remove', '台账资料不完整')
  assert.equal(r.status, 201, r.text)
  assert.deepEqual(r.json.list.map((e) => e.estate_code), [app.A.code, app.D.code, app.B.code, app.E.code])
  assert.deepEqual(r.json.changes.map((x) => [x.estate_code, x.change, x.reason]), [[app.C.code, 'remove', '台账资料不完整']])
  assert.ok(r.json.changes[0].changed_by.length > 0)
  const rows = (await sel(u.county_admin)).json.ranking
  assert.equal(rows.find((x) => x.estate_code === app.C.code).listed, false)
  assert.equal(rows.find((x) => x.estate_code === app.C.code).proposed, true)
})

test('publish: a short list needs an explanation; then the snapshot, once', async () => {
  const c = u.county_admin
  assertError(await c.post(`${S}/publish`, { level: 'county', unit: PENGJIANG }), 400, 'selection.explanation.required', 'explanation')
  assertError(await c.post(`${S}/publish`, { level: 'county', unit: PENGJIANG, explanation: '太短' }), 400, 'selection.explanation.length', 'explanation')
  const explanation = '本县申报小区较少，符合原则要求并完成评审的仅四个，名单不足名额。'
  const r = await c.post(`${S}/publish`, { level: 'county', unit: PENGJIANG, explanation })
  assert.equal(r.status, 201, r.text)
  const s = r.json
  assert.equal(s.status, 'published')
  assert.equal(s.short, true)
  assert.equal(s.explanation, explanation)
  assert.deepEqual(s.publicity, { first: '2023-09-10', last: '2023-09-16', days_left: 7 })
  assert.deepEqual(s.list.map((e) => [e.position, e.estate_code, e.rank, e.score, e.source, e.status]), [
    [1, app.A.code, 1, '100.00', 'rules', 'listed'], [2, app.D.code, 2, '97.00', 'rules', 'listed'],
    [3, app.B.code, 3, '91.00', 'rules', 'listed'], [4, app.E.code, 4, '85.00', 'rules', 'listed']])
  assertError(await c.post(`${S}/publish`, { level: 'county', unit: PENGJIANG, explanation }), 409, 'selection.published')
  assertError(await c.post(`${S}/changes`, { level: 'county', unit: PENGJIANG, application_id: app.C.id, change: 'add', reason: '补充推荐' }), 409, 'selection.published')
  assertError(await c.del(`${S}/changes/${app.C.id}?level=county`), 409, 'selection.published')
  assertError(await c.post(`${S}/finalise`, { level: 'county', unit: PENGJIANG }), 409, 'publicity.running')
  const audit = await u.city_admin.get('/api/audit?action=selection.publish')
  assert.equal(audit.status, 200)
  assert.equal(audit.json.items.length, 1)
})

test('the public pages (no login) show the published list; the overview flags it short', async () => {
  const lists = await srv.anon.get(P)
  assert.equal(lists.status, 200, lists.text)
  assert.deepEqual(lists.json.lists, [{
    level: 'county', unit_code: PENGJIANG, unit_name: '蓬江区', status: 'published',
    publicity: { first: '2023-09-10', last: '2023-09-16' }, in_publicity: true, days_left: 7, count: 4 }]) // published today
  const one = await srv.anon.get(`${P}/county/${PENGJIANG}`)
  assert.equal(one.status, 200, one.text)
  assert.deepEqual(one.json.entries.map((e) => [e.position, e.estate_code, e.estate_name, e.county_name, e.applicant_name, e.score]), [
    [1, app.A.code, app.A.name, '蓬江区', '物业公司A', '100.00'], [2, app.D.code, app.D.name, '蓬江区', '物业公司D', '97.00'],
    [3, app.B.code, app.B.name, '蓬江区', '物业公司B', '91.00'], [4, app.E.code, app.E.name, '蓬江区', '物业公司E', '85.00']])
  assert.ok(one.json.entries.every((e) => typeof e.town_name === 'string' && e.town_name.length > 0))
  assertError(await srv.anon.get(`${P}/county/440705`), 404, 'selection.not_published')
  assertError(await srv.anon.get(`${P}/town/${PENGJIANG}`), 400, 'selection.level')
  assertError(await srv.anon.get(`/api/public/campaigns/2031/lists`), 404, 'campaign.not_found')

  const ov = await u.city_admin.get(`${S}/overview`)
  assert.equal(ov.status, 200, ov.text)
  assert.equal(ov.json.deadline, '2023-09-30')
  const pj = ov.json.counties.find((x) => x.county_code === PENGJIANG)
  assert.deepEqual(
    { ...pj, explanation: undefined },
    { county_code: PENGJIANG, county_name: '蓬江区', managed_estates: 756, quota: 31, applications: 6, evaluated: 6, eligible: 5,
      listed: 4, status: 'published', short: true, explanation: undefined, published_on: '2023-09-10', late: false })
  const xh = ov.json.counties.find((x) => x.county_code === '440705')
  assert.deepEqual([xh.status, xh.applications, xh.quota, xh.late], ['draft', 0, 23, false]) // ⌈4% × 554⌉ = 23
  assert.equal(ov.json.counties.length, 7)
  assert.equal((await u.auditor.get(`${S}/overview`)).status, 200)
  const own = await u.county_admin.get(`${S}/overview`)
  assert.deepEqual(own.json.counties.map((x) => x.county_code), [PENGJIANG])
  for (const role of ['street_staff', 'applicant', 'evaluator']) assertError(await u[role].get(`${S}/overview`), 403, 'forbidden')
})

let objectionIds = []
test('objections: the estate must be listed, the fields checked; the handler sees the phone, others masked', async () => {
  const file = (body) => srv.anon.post(`${P}/county/${PENGJIANG}/objections`, body)
  const good = { estate_code: app.A.code, reason: '该小区消防通道长期被占用，多次反映未整改。', name: '李四', phone: '138-1234-5678' }
  assertError(await file({ ...good, estate_code: app.C.code }), 400, 'objection.estate.not_listed', 'estate_code')
  assertError(await file({ ...good, reason: '很'.repeat(2001) }), 400, 'objection.reason.length', 'reason')
  assertError(await file({ ...good, reason: '' }), 400, 'objection.reason.required', 'reason')
  assertError(await file({ ...good, phone: '1381234567' }), 400, 'objection.phone.format', 'phone')
  assertError(await file({ ...good, phone: '' }), 400, 'objection.phone.required', 'phone')
  assertError(await file({ ...good, name: '' }), 400, 'objection.name.required', 'name')
  assertError(await srv.anon.post(`${P}/county/440705/objections`, good), 404, 'selection.not_published')
  const r = await file(good)
  assert.equal(r.status, 201, r.text)
  assert.equal(r.json.phone, '138****5678')
  assert.equal(r.json.estate_code, app.A.code)
  objectionIds.push(r.json.id)
  const r2 = await file({ ...good, estate_code: app.B.code, reason: '该小区物业费收缴公示不及时。', phone: '0750-3201234' })
  assert.equal(r2.status, 201, r2.text)
  assert.equal(r2.json.phone, '0750-***1234')
  objectionIds.push(r2.json.id)

  const mine = await u.county_admin.get(`${O}?level=county&unit=${PENGJIANG}`)
  assert.deepEqual(mine.json.objections.map((o) => [o.estate_code, o.phone, o.phone_masked, o.status]),
    [[app.A.code, '13812345678', false, 'open'], [app.B.code, '0750-3201234', false, 'open']])
  const city = await u.city_admin.get(`${O}?level=county&unit=${PENGJIANG}`)
  assert.equal(city.json.objections[0].phone, '13812345678') // the city manages county lists too
  const aud = await u.auditor.get(`${O}?level=county&unit=${PENGJIANG}`)
  assert.deepEqual(aud.json.objections.map((o) => [o.phone, o.phone_masked]), [['138****5678', true], ['0750-***1234', true]])
  const view = (await sel(u.county_admin)).json
  assert.deepEqual(view.objections.map((o) => o.phone), ['138****5678', '0750-***1234'])
  assert.equal(view.objections[0].reason, good.reason)
  assert.equal(view.objections[0].name, '李四')
})

test('answers: grid, refusals; finalising refused during publicity', async () => {
  const [a, b] = objectionIds
  const answer = (client, id, outcome, text) => client.post(`${O}/${id}/answer`, { outcome, answer: text })
  for (const role of ['street_staff', 'auditor', 'applicant', 'evaluator']) assertError(await answer(u[role], a, 'upheld', '经核实属实'), 403, 'forbidden')
  assertError(await answer(u.county_admin_xh, a, 'upheld', '经核实属实'), 404, 'objection.not_found')
  assertError(await answer(u.county_admin, 999999, 'upheld', '经核实属实'), 404, 'objection.not_found')
  assertError(await answer(u.county_admin, a, 'maybe', '经核实属实'), 400, 'objection.outcome.value', 'outcome')
  assertError(await answer(u.county_admin, a, 'upheld', ''), 400, 'objection.answer.required', 'answer')
  const up = await answer(u.county_admin, a, 'upheld', '经核实，该小区消防通道确被占用，撤销推荐。')
  assert.equal(up.status, 200, up.text)
  assert.equal(up.json.status, 'upheld')
  assertError(await answer(u.county_admin, a, 'dismissed', '重复处理'), 409, 'objection.answered')
  const one = await srv.anon.get(`${P}/county/${PENGJIANG}`)
  assert.deepEqual(one.json.entries.map((e) => [e.position, e.estate_code]), [[2, app.D.code], [3, app.B.code], [4, app.E.code]])
  assert.equal((await srv.anon.get(P)).json.lists[0].count, 3)
  const removed = await u.city_admin.get('/api/audit?action=selection.entry.remove')
  assert.equal(removed.json.items.length, 1)
  assert.equal(removed.json.items[0].object, `estate:${app.A.code}`)
  // The other objection stays open: finalising is refused while publicity runs anyway.
  assertError(await u.county_admin.post(`${S}/finalise`, { level: 'county', unit: PENGJIANG }), 409, 'publicity.running')
  assert.equal(b > a, true)
})

test('after publicity: objections refused, finalising waits for the open one, dismissed keeps the estate', async () => {
  await moveTo('2023-09-17')
  const file = await srv.anon.post(`${P}/county/${PENGJIANG}/objections`, { estate_code: app.D.code, reason: '迟到的异议', name: '王五', phone: '13900001111' })
  assertError(file, 403, 'objection.ended')
  const s = (await sel(u.county_admin)).json
  assert.deepEqual(s.publicity, { first: '2023-09-10', last: '2023-09-16', days_left: null })
  assertError(await u.county_admin.post(`${S}/finalise`, { level: 'county', unit: PENGJIANG }), 409, 'publicity.objections_unresolved')
  const down = await u.county_admin.post(`${O}/${objectionIds[1]}/answer`, { outcome: 'dismissed', answer: '经核实，物业费收缴情况已按季度公示，异议不成立。' })
  assert.equal(down.status, 200, down.text)
  assert.equal(down.json.status, 'dismissed')
  for (const role of ['street_staff', 'auditor', 'applicant', 'evaluator'])
    assertError(await u[role].post(`${S}/finalise`, { level: 'county', unit: PENGJIANG }), 403, 'forbidden')
  assertError(await u.county_admin_xh.post(`${S}/finalise`, { level: 'county', unit: PENGJIANG }), 404, 'not_found')
  const fin = await u.county_admin.post(`${S}/finalise`, { level: 'county', unit: PENGJIANG })
  assert.equal(fin.status, 200, fin.text)
  assert.equal(fin.json.status, 'final')
  assertError(await u.county_admin.post(`${S}/finalise`, { level: 'county', unit: PENGJIANG }), 409, 'selection.final')
  const one = await srv.anon.get(`${P}/county/${PENGJIANG}`)
  assert.equal(one.json.status, 'final')
  assert.equal(one.json.in_publicity, false)
  assert.deepEqual(one.json.entries.map((e) => e.estate_code), [app.D.code, app.B.code, app.E.code]) // B stays (dismissed)
})

test('phases: county publishing closes with county_review; answers and finalising close after city_review', async () => {
  await moveTo('2023-12-01')
  assertError(await u.county_admin_xh.post(`${S}/publish`, { level: 'county', explanation: '本县暂无符合条件的申报小区。' }), 403, 'phase.closed', 'county_review')
  assertError(await u.county_admin_xh.post(`${S}/changes`, { level: 'county', application_id: app.A.id, change: 'add', reason: '补充' }), 403, 'phase.closed')
  assertError(await u.county_admin_xh.post(`${S}/finalise`, { level: 'county' }), 403, 'phase.closed', 'city_review')
  assertError(await u.county_admin.post(`${O}/${objectionIds[0]}/answer`, { outcome: 'dismissed', answer: '重复处理' }), 403, 'phase.closed', 'city_review')
  // Reads stay open; the late county is marked.
  const ov = await u.city_admin.get(`${S}/overview`)
  assert.equal(ov.json.counties.find((x) => x.county_code === '440705').late, true)
  assert.equal(ov.json.counties.find((x) => x.county_code === PENGJIANG).late, false)
})

test('CLI: export selection as csv and xlsx (read back with a real zip reader), audited', () => {
  const csv = srv.cli(['export', 'selection', '--db', srv.db, '--campaign', String(Y), '--level', 'county', '--unit', PENGJIANG, '--format', 'csv'])
  assert.equal(csv.status, 0, csv.stderr)
  const lines = csv.stdout.trim().split('\r\n')
  assert.equal(lines[0], 'level,unit_code,unit_name,list_status,application_id,estate_code,estate_name,county_code,county_name,score,rank,eligible,evaluated,sheets,P1,P2,P3,P4,P5,P6,P7,P8,P9,outcome')
  const rows = lines.slice(1).map((l) => l.split(','))
  const by = Object.fromEntries(rows.map((r) => [r[5], r]))
  const pass9 = Array(9).fill('pass')
  assert.deepEqual(by[app.A.code].slice(9), ['100.00', '1', 'yes', 'yes', '3', ...pass9, 'removed_after_objection'])
  assert.deepEqual(by[app.D.code].slice(9), ['97.00', '2', 'yes', 'yes', '3', ...pass9, 'listed'])
  assert.deepEqual(by[app.B.code].slice(9), ['91.00', '3', 'yes', 'yes', '3', ...pass9, 'listed'])
  assert.deepEqual(by[app.C.code].slice(9), ['82.00', '5', 'yes', 'yes', '3', ...pass9, 'not_listed'])
  assert.deepEqual(by[app.F.code].slice(9), ['91.00', '', 'no', 'yes', '3', 'pass', 'pass', 'pass', 'pass', 'fail', 'pass', 'pass', 'pass', 'pass', 'not_ranked'])
  assert.deepEqual(rows.map((r) => r[5]), [app.A.code, app.D.code, app.B.code, app.E.code, app.C.code, app.F.code])
  assert.deepEqual(by[app.A.code].slice(0, 4), ['county', PENGJIANG, '蓬江区', 'final'])

  const out = path.join(srv.dir, 'selection.xlsx')
  const x = srv.cli(['export', 'selection', '--db', srv.db, '--campaign', String(Y), '--level', 'county', '--unit', PENGJIANG, '--format', 'xlsx', '--out', out])
  assert.equal(x.status, 0, x.stderr)
  // Read the workbook with Python's zipfile and ElementTree: shared strings resolved, cells placed by their
  // reference (an empty cell is not written at all).
  const py = `
import json, sys, zipfile, xml.etree.ElementTree as ET
ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
z = zipfile.ZipFile(sys.argv[1])
shared = []
if 'xl/sharedStrings.xml' in z.namelist():
    for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', ns):
        shared.append(''.join(t.text or '' for t in si.iter('{%s}t' % ns['m'])))
rows = []
for row in ET.fromstring(z.read('xl/worksheets/sheet1.xml')).iter('{%s}row' % ns['m']):
    cells = {}
    for c in row.findall('m:c', ns):
        col = 0
        for ch in c.get('r'):
            if ch.isalpha(): col = col * 26 + ord(ch) - 64
        v = c.find('m:v', ns)
        t = c.get('t')
        if t == 's': cells[col - 1] = shared[int(v.text)]
        elif t == 'inlineStr': cells[col - 1] = ''.join(x.text or '' for x in c.iter('{%s}t' % ns['m']))
        else: cells[col - 1] = v.text if v is not None else ''
    rows.append([cells.get(i, '') for i in range(max(cells) + 1)] if cells else [])
print(json.dumps(rows, ensure_ascii=False))
`
  const read = spawnSync('python3', ['-c', py, out], { encoding: 'utf8' })
  assert.equal(read.status, 0, read.stderr)
  const sheet = JSON.parse(read.stdout)
  assert.deepEqual(sheet[0].slice(0, 4), ['级别', '单位代码', '单位', '名单状态'])
  assert.equal(sheet[0].at(-1), '结果')
  const xa = sheet.find((r) => r[5] === app.A.code)
  assert.deepEqual(xa.slice(9, 14), ['100.00', '1', '是', '是', '3'])
  assert.equal(xa.at(-1), '异议成立，已撤销')
  const xf = sheet.find((r) => r[5] === app.F.code)
  assert.deepEqual([xf[18], xf.at(-1)], ['不通过', '未排名'])
  assert.equal(sheet.length, 7) // header + 6 applications
  const all = srv.cli(['export', 'selection', '--db', srv.db, '--campaign', String(Y), '--format', 'csv'])
  assert.equal(all.status, 0, all.stderr)
  assert.equal(all.stdout.trim().split('\r\n').length, 7) // every county: only 蓬江区 has applications
})
