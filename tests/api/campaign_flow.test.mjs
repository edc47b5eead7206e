// A whole campaign, black-box, through the HTTP API only — from the demo data and its rankings to
// the city list — with every score, flag, rank and quota checked against figures computed by hand
// below (never read back from the server and echoed).
//
// The server is restarted on the same database with another MEIHAO_TODAY to move through the
// phases (rules.md §2, demo campaign 2023):
//   05-10 mobilise   the city sets quota_percent = 1 and city_target = 3; 新会区 refines 3.4 to 20 points
//   09-05 apply      the Red Housekeepers apply and submit
//   09-21 county     (apply closed) assignments, score sheets, the flag reviewed, both lists published
//   09-22            publicity: three objections (one refused: not listed), one upheld, one dismissed
//   09-28            both county lists final (sent to the city)
//   10-08 city       the city evaluates the county winners and publishes its list
//   10-15            the city list is final; the public reads both lists
//
// Hand computation. With the reference rubric a sheet that gives every scored unit x points (3.1
// and 3.2 passed, as for every estate chosen here: all automatic checks pass) totals
//   S1 6x/60·20 + S2 4x/40·20 + S3 (6x + 20)/80·40 + S4 7x/70·20 = 9x + 10.
// 新会区 raises 3.4's maximum to 20 and every unit is scored the same share t/100 of its maximum
// (t in tenths of a point per 10-point unit; 3.4 gets 2t): S3 = (20 + 5t/10 + 2t/10)/90·40, so
//   total = 6t/10 + 4(200 + 7t)/90 = (82t + 800)/90        (t = 100 → 100; t = 95 → 95.44).
// Only the estates passing every automatic check can be eligible; the demo has 9 in 蓬江区 and 3 in
// 新会区, and quota_percent = 1 gives 蓬江区 ⌈756/100⌉ = 8 (computed below from the rankings).
// 蓬江区 (reference rubric), 9 applications:
//   PA five sheets x = 9, 8, 8, 7, 10 → 91, 82, 82, 73, 100; trimmed (one highest, one lowest
//      dropped) (91 + 82 + 82)/3 = 85.00; population stddev of all five: mean 85.6, Σd² = 421.2,
//      √84.24 = 9.18 ≤ 10 → not flagged.
//   PB three sheets x = 10, 10, 5 → 100, 100, 55 → 85.00; stddev √450 = 21.21 > 10 → flagged, and
//      publishing waits until the county has reviewed it.
//   P2 … P8 three equal sheets x = 10, 9.5, 9, 8, 7.5, 7, 6.5 → 100, 95.5, 91, 82, 77.5, 73, 68.5.
//   Ranking: P2, P3, P4, then PA and PB tied on 85.00 (the satisfaction index decides, rules.md §8),
//   P5, P6, P7, P8 — ranks 1 … 9; the top 8 are proposed, P8 is not.
// 新会区 (its refined rubric): X0 t = 100 → 100.00, X1 t = 95 → 95.44, XC t = 100 but two of three
//   evaluators fail P5 → 1 of 3 is not more than half → ineligible (一票否决). 2 eligible < quota:
//   a short list, published only with a written explanation.
// Objections: against P2 upheld (P2 leaves 蓬江区's list), against X1 dismissed.
// City (reference rubric, city_target 3): the candidates are the 7 remaining 蓬江区 winners and X0,
//   X1; three sheets each, PB x = 10 → 100, X1 x = 9 → 91, PA x = 8 → 82, every other x = 7 → 73:
//   the city list is PB, X1, PA.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, PENGJIANG, XINHUI, runCli } from './harness.mjs'

const Y = 2023
const C = `/api/campaigns/${Y}`
const CITY = '440700'
const PASS = 'Flow-Initial-2026'
const PASS2 = 'Flow-Second-2026'
const STAFF = ['city_admin', 'county_admin', 'county_admin_xh', 'evaluator', 'evaluator2', 'evaluator3', 'evaluator4', 'evaluator5']

let srv
let u = {} // username → client
const est = {} // PA, PB, PC, X0 … → { code, name, satisfaction, app }
let qPJ = 0
let qXH = 0
const PJ_X = [10, 9.5, 9, 8, 7.5, 7, 6.5] // P2 … P8, equal sheets
const PJ_RANKED = ['P2', 'P3', 'P4', 'TIE1', 'TIE2', 'P5', 'P6', 'P7', 'P8'] // TIE: PA/PB by satisfaction

// ---- exact arithmetic for the expected figures ------------------------------------------------

/** num/den rounded half up to 2 decimals, as the server shows scores. */
function fmt2(num, den) {
  let n = BigInt(num) * 100n
  const d = BigInt(den)
  const q = (2n * n + d) / (2n * d) // half up for non-negative values
  const s = q.toString().padStart(3, '0')
  return `${s.slice(0, -2)}.${s.slice(-2)}`
}
const refTotal = (x) => 9 * x + 10 // reference rubric, x whole points per unit
const xhTotal = (t) => [82 * t + 800, 90] // 新会区 rubric, t tenths per 10-point unit

// ---- server and clients -----------------------------------------------------------------------

async function serve(today, dataDir) {
  srv = await startServer({ env: { MEIHAO_TODAY: today }, ...(dataDir ? { dataDir } : {}) })
  // Sessions are kept in the database: the clients logged in before a restart stay logged in.
  for (const name of STAFF) u[name] = u[name] ? srv.rebind(u[name]) : await srv.login(name)
  for (const e of Object.values(est)) if (e.user && u[e.user]) u[e.user] = srv.rebind(u[e.user])
}
async function moveTo(today) {
  const dir = srv.dir
  await srv.stop({ keepDir: true })
  await serve(today, dir)
}
/** The estate codes whose automatic checks all pass, from the gates CSV (data-formats.md). */
function autoOkEstates(csv) {
  const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(','))
  const head = lines.findIndex((l) => l.includes('estate_code') && l.includes('auto_ok'))
  assert.ok(head >= 0, 'gates CSV has a key header row')
  const code = lines[head].indexOf('estate_code')
  const auto = lines[head].indexOf('auto_ok')
  return lines.slice(head + 1).filter((l) => l[auto] === '1').map((l) => l[code])
}
function ok(r, status = 200) {
  assert.equal(r.status, status, `${r.status} ${r.text}`)
  return r.json
}

before(async () => {
  await serve('2023-05-10')
})
after(async () => {
  await srv?.stop()
})

// ---- 05-10: settings, rubric, the estates and their Red Housekeepers -------------------------

test('05-10 mobilise: settings, 新会区 rubric, estates chosen from the rankings, applicant accounts', async () => {
  ok(await u.city_admin.patch(C, { changes: { quota_percent: '1', city_target: '3' } }))

  // 新会区 raises 3.4 to 20 points; the answer shows S3's new maximum 90.
  const rub = ok(await u.county_admin_xh.get(`${C}/rubric?unit=${XINHUI}`))
  const put = ok(await u.county_admin_xh.put(`${C}/rubric?unit=${XINHUI}`, { items: [{ id: '3.4', max: '20' }], version: rub.version }))
  const s3 = put.maxima.find((m) => m.number === 3)
  assert.equal(String(s3.max), '90')
  const i34 = put.sections.find((s) => s.number === 3).items.find((i) => i.id === '3.4')
  assert.deepEqual([i34.max, i34.reference_max], ['20', '10'])

  // The demo rankings: managed estates per county (the quota) and estates passing every automatic check.
  const rankings = ok(await u.city_admin.get(`${C}/rankings?format=json`))
  const managed = (county) => rankings.rows.filter((r) => r.county_code === county && r.managed).length
  qPJ = Math.floor((managed(PENGJIANG) + 99) / 100)
  qXH = Math.floor((managed(XINHUI) + 99) / 100)
  assert.ok(qPJ > 2, `蓬江区 quota ${qPJ} must exceed its 2 eligible applications`)
  const gates = await u.city_admin.get(`${C}/gates?format=csv`)
  assert.equal(gates.status, 200, gates.text)
  const autoOk = new Set(autoOkEstates(gates.text))
  const demoApplicantEstate = (await srv.login('applicant')).user.scope.code
  const pick = (county) =>
    rankings.rows.filter((r) => r.county_code === county && autoOk.has(r.estate_code) && r.estate_code !== demoApplicantEstate)
  const pj = pick(PENGJIANG)
  const xh = pick(XINHUI)
  assert.ok(pj.length >= qPJ + 1, `蓬江区 needs ${qPJ + 1} estates passing every automatic check (has ${pj.length})`)
  assert.ok(xh.length >= 3, `新会区 needs 3 estates passing every automatic check (has ${xh.length})`)
  assert.ok(qXH > 2, `新会区 quota ${qXH} must exceed its 2 eligible applications`)
  // PA and PB must differ in satisfaction index (2 decimals) so their tie on score has one answer.
  const pa = pj[0]
  const pb = pj.find((r) => r !== pa && r.satisfaction_index !== pa.satisfaction_index)
  const rest = pj.filter((r) => r !== pa && r !== pb)
  const entry = (r, extra = {}) => ({ code: r.estate_code, name: r.estate_name, satisfaction: Number(r.satisfaction_index), ...extra })
  est.PA = entry(pa)
  est.PB = entry(pb)
  PJ_X.forEach((x, i) => (est[`P${i + 2}`] = entry(rest[i], { x })))
  est.X0 = entry(xh[0], { t: 100 })
  est.X1 = entry(xh[1], { t: 95 })
  est.XC = entry(xh[2], { t: 100, failed: 'P5' })

  for (const e of Object.values(est)) {
    e.user = `flow_${e.code}`.toLowerCase().replace(/[^a-z0-9_]/g, '_')
    ok(await u.city_admin.post('/api/users', { username: e.user, display_name: `${e.name}红色管家`, role: 'applicant', scope: e.code, password: PASS }), 201)
    const first = await srv.login(e.user, PASS)
    assert.equal((await first.post('/api/session/password', { old_password: PASS, new_password: PASS2 })).status, 204)
    u[e.user] = await srv.login(e.user, PASS2)
  }
})

// ---- 09-05: applications ----------------------------------------------------------------------

test('09-05 apply: every Red Housekeeper applies with a self-assessment per item and submits', async () => {
  await moveTo('2023-09-05')
  for (const [key, e] of Object.entries(est)) {
    const client = u[e.user]
    const created = ok(
      await client.post(`${C}/applications`, {
        estate_code: e.code,
        applicant_type: 'property_company',
        applicant_name: `${e.name}物业服务中心`,
        contact_name: '陈红',
        contact_phone: '13812345678',
      }),
      201,
    )
    // The automatic checks are shown before submitting, and all pass for these estates.
    assert.equal(created.automatic.auto_ok, true, key)
    assert.deepEqual([created.max_files, created.max_file_bytes], [20, 10 * 1024 * 1024])
    const items = Object.fromEntries(created.items.filter((i) => !i.gate || i.gate === 'none').map((i) => [i.id, `${key}：第${i.id}项自评，有台账、照片为证。`]))
    const edited = ok(await client.put(`${C}/applications/${created.id}`, { items, version: created.version }))
    const submitted = ok(await client.post(`${C}/applications/${edited.id}/submit`, {}))
    assert.equal(submitted.status, 'submitted')
    e.app = submitted.id
  }
  // Applying twice for one estate is refused.
  const again = await u[est.PA.user].post(`${C}/applications`, {
    estate_code: est.PA.code, applicant_type: 'property_company', applicant_name: '重复申报', contact_name: '陈红', contact_phone: '13812345678',
  })
  assert.equal(again.status, 409, again.text)
})

// ---- 09-21: county evaluation and lists -------------------------------------------------------

const UNIT_MAX_XH = (unit) => (unit === '3.4' ? 2 : 1) // share of a 10-point unit

async function evaluatorIds(unit, client) {
  const list = ok(await client.get(`${C}/evaluators?unit=${unit}`))
  return Object.fromEntries(list.items.map((e) => [e.username, e.id]))
}

/** Assigns `evaluators` to one application and answers username → assignment id. */
async function assign(manager, level, appId, evaluators, ids) {
  const r = ok(await manager.post(`${C}/assignments`, { level, application_ids: [appId], evaluator_ids: evaluators.map((n) => ids[n]) }), 201)
  const byId = Object.fromEntries(Object.entries(ids).map(([n, id]) => [id, n]))
  return Object.fromEntries(r.created.map((a) => [byId[a.evaluator_id], a.id]))
}

/** One evaluator's sheet: every unit of the assignment's rubric scored `points(unit)`, P2…P9 passed but `failed`. */
async function score(evaluator, assignmentId, points, failed = '') {
  const view = ok(await u[evaluator].get(`${C}/assignments/${assignmentId}`))
  const units = view.rubric.sections.flatMap((s) => s.items.flatMap((i) => i.units.map((x) => x.id)))
  assert.equal(view.others_visible, false, 'others’ scores stay hidden before one’s own submission')
  const scores = Object.fromEntries(units.map((id) => [id, points(id)]))
  const principles = Object.fromEntries(
    [2, 3, 4, 5, 6, 7, 8, 9].map((i) => [`P${i}`, `P${i}` === failed ? { pass: false, reason: '部门投诉电话未在小区公示' } : { pass: true, reason: '' }]),
  )
  return ok(await u[evaluator].post(`${C}/assignments/${assignmentId}/sheet/submit`, { scores, principles }))
}

test('09-21 county review: assignments, score sheets, trimming, the flag and its review', async () => {
  await moveTo('2023-09-21')
  const pjIds = await evaluatorIds(PENGJIANG, u.county_admin)
  const five = ['evaluator', 'evaluator2', 'evaluator3', 'evaluator4', 'evaluator5']
  const three = five.slice(0, 3)

  const pa = await assign(u.county_admin, 'county', est.PA.app, five, pjIds)
  for (const [i, x] of [9, 8, 8, 7, 10].entries()) await score(five[i], pa[five[i]], () => String(x))
  const pb = await assign(u.county_admin, 'county', est.PB.app, three, pjIds)
  for (const [i, x] of [10, 10, 5].entries()) await score(three[i], pb[three[i]], () => String(x))
  for (let k = 2; k <= 8; k++) {
    const a = await assign(u.county_admin, 'county', est[`P${k}`].app, three, pjIds)
    for (const n of three) await score(n, a[n], () => est[`P${k}`].x.toFixed(1))
  }

  // After submitting, an evaluator sees the others' sheets for that application.
  const seen = ok(await u.evaluator.get(`${C}/assignments/${pb.evaluator}`))
  assert.equal(seen.others_visible, true)
  // The evaluator sees the frozen checks and principle sentences exactly as the applicant's page shows them.
  const asApplied = ok(await u[est.PB.user].get(`${C}/applications/${est.PB.app}`))
  assert.deepEqual(seen.application.automatic, asApplied.automatic)
  assert.deepEqual(seen.application.principles, asApplied.principles)
  assert.equal(seen.application.principles[0].automatic_passed, true)
  assert.match(seen.application.principles[0].automatic_zh, /满意度指数\d+\.\d\d（有效问卷/)
  assert.deepEqual(seen.others.map((o) => o.total).sort(), [fmt2(refTotal(10), 1), fmt2(refTotal(5), 1)].sort())

  const xhIds = await evaluatorIds(XINHUI, u.county_admin_xh)
  for (const key of ['X0', 'X1', 'XC']) {
    const a = await assign(u.county_admin_xh, 'county', est[key].app, three, xhIds)
    const { t, failed } = est[key]
    for (const [i, n] of three.entries())
      await score(n, a[n], (unit) => ((t * UNIT_MAX_XH(unit)) / 10).toFixed(1), failed && i < 2 ? failed : '')
  }

  // 蓬江区's matrix, every figure by hand.
  const m = ok(await u.county_admin.get(`${C}/evaluation?level=county&unit=${PENGJIANG}`))
  const row = (key) => m.rows.find((r) => r.application_id === est[key].app)
  assert.equal(m.quota, qPJ)
  assert.equal(row('PA').county_name, '蓬江区')
  // Ranked rows first, in rank order (P2 100, P3 95.5, P4 91 …).
  assert.deepEqual(m.rows.slice(0, 3).map((r) => r.application_id), [est.P2.app, est.P3.app, est.P4.app])
  assert.deepEqual(
    ['score', 'stddev', 'trimmed', 'disagreement', 'evaluated', 'eligible', 'submitted'].map((k) => row('PA')[k]),
    ['85.00', '9.18', true, false, true, true, 5],
  )
  // Each evaluator's assignment id, for withdrawing one from the matrix.
  assert.deepEqual(row('PA').evaluators.map((e) => e.assignment_id).sort((a, b) => a - b), Object.values(pa).sort((a, b) => a - b))
  assert.deepEqual(
    row('PA').evaluators.map((e) => e.total).sort(),
    [91, 82, 82, 73, 100].map((x) => fmt2(x, 1)).sort(),
  )
  assert.deepEqual(
    ['score', 'stddev', 'trimmed', 'disagreement', 'reviewed', 'evaluated', 'eligible'].map((k) => row('PB')[k]),
    ['85.00', '21.21', false, true, false, true, true],
  )
  // x tenths per unit: 9x + 10 = (9·x10 + 100)/10.
  for (let k = 2; k <= 8; k++) assert.equal(row(`P${k}`).score, fmt2(9 * Math.round(est[`P${k}`].x * 10) + 100, 10), `P${k}`)

  // 新会区's refined rubric: (82t + 800)/90; XC fails P5 by 2 of 3.
  const mx = ok(await u.county_admin_xh.get(`${C}/evaluation?level=county&unit=${XINHUI}`))
  const xrow = (key) => mx.rows.find((r) => r.application_id === est[key].app)
  assert.deepEqual([xrow('X0').score, xrow('X1').score], [fmt2(...xhTotal(100)), fmt2(...xhTotal(95))])
  assert.equal(fmt2(...xhTotal(95)), '95.44') // 8590/90: the formula's own check
  const p5 = xrow('XC').principles.find((p) => p.id === 'P5')
  assert.deepEqual([xrow('XC').score, xrow('XC').eligible, p5.evaluator_passes, p5.passed], ['100.00', false, 1, false])

  // Publishing waits for the flagged application's review.
  const early = await u.county_admin.post(`${C}/selection/publish`, { level: 'county', unit: PENGJIANG, explanation: '' })
  assert.equal(early.status, 409, early.text)
  assert.equal(early.json.error.code, 'selection.undecided')
  ok(await u.county_admin.post(`${C}/applications/${est.PB.app}/disagreement-review`, { level: 'county', note: '已复核：第三位专家现场检查时消防通道堵塞，评分有依据，维持。' }))
})

test('09-21 county lists: the tie keys, 蓬江区 at quota, 新会区 short with its explanation', async () => {
  const s = ok(await u.county_admin.get(`${C}/selection?level=county&unit=${PENGJIANG}`))
  assert.equal(s.quota.quota, qPJ)
  // Tie on 85.00: the higher satisfaction index goes first.
  const [first, second] = est.PA.satisfaction > est.PB.satisfaction ? ['PA', 'PB'] : ['PB', 'PA']
  const order = PJ_RANKED.map((k) => (k === 'TIE1' ? first : k === 'TIE2' ? second : k))
  est.order = order
  const score = (k) => (k === 'PA' || k === 'PB' ? '85.00' : fmt2(9 * Math.round(est[k].x * 10) + 100, 10))
  const ranked = s.ranking.filter((r) => r.rank !== null).map((r) => [r.application_id, r.rank, r.score, r.proposed])
  assert.deepEqual(ranked, order.map((k, i) => [est[k].app, i + 1, score(k), i < qPJ]))
  assert.deepEqual(s.list.map((e) => e.application_id), order.slice(0, qPJ).map((k) => est[k].app))
  ok(await u.county_admin.post(`${C}/selection/publish`, { level: 'county', unit: PENGJIANG, explanation: '' }), 201)

  // 新会区: 2 eligible < quota → refused without a written explanation, published with one.
  const x = ok(await u.county_admin_xh.get(`${C}/selection?level=county&unit=${XINHUI}`))
  assert.equal(x.quota.quota, qXH)
  assert.deepEqual(x.list.map((e) => e.application_id), [est.X0.app, est.X1.app])
  const bare = await u.county_admin_xh.post(`${C}/selection/publish`, { level: 'county', unit: XINHUI, explanation: '' })
  assert.equal(bare.status, 400, bare.text)
  ok(await u.county_admin_xh.post(`${C}/selection/publish`, { level: 'county', unit: XINHUI, explanation: '本区符合原则要求的申报小区仅两个，少于名额，已如实说明。' }), 201)

  // The city sees the short list flagged.
  const ov = ok(await u.city_admin.get(`${C}/selection/overview`))
  const pj = ov.counties.find((c) => c.county_code === PENGJIANG)
  const xh = ov.counties.find((c) => c.county_code === XINHUI)
  assert.deepEqual([pj.quota, pj.listed, pj.short], [qPJ, qPJ, false])
  assert.deepEqual([xh.quota, xh.listed, xh.short], [qXH, 2, true])
})

// ---- 09-22: publicity and objections ---------------------------------------------------------

test('09-22 publicity: objections refused, upheld and dismissed; finalising waits for publicity to end', async () => {
  await moveTo('2023-09-22')
  const pub = (unit) => `/api/public/campaigns/${Y}/lists/county/${unit}`
  const pjList = ok(await srv.anon.get(pub(PENGJIANG)))
  assert.deepEqual([pjList.publicity.first, pjList.publicity.last, pjList.in_publicity], ['2023-09-21', '2023-09-27', true])
  assert.deepEqual([pjList.today, pjList.days_left], ['2023-09-22', 6]) // 09-22 … 09-27 inclusive
  assert.equal(pjList.entries.length, qPJ)

  const objection = (unit, code, reason) =>
    srv.anon.post(`${pub(unit)}/objections`, { estate_code: code, reason, name: '王居民', phone: '13912345678' })
  const notListed = await objection(XINHUI, est.XC.code, '该小区未上榜，异议对象错误')
  assert.equal(notListed.status, 400, notListed.text)
  const upheld = ok(await objection(PENGJIANG, est.P2.code, '该小区物业服务企业今年受过行政处罚，与公示材料不符。'), 201)
  const dismissed = ok(await objection(XINHUI, est.X1.code, '小区停车管理混乱，不应评为美好家园。'), 201)
  assert.equal(upheld.phone, '139****5678')

  const early = await u.county_admin.post(`${C}/selection/finalise`, { level: 'county', unit: PENGJIANG })
  assert.equal(early.status, 409, early.text)

  ok(await u.county_admin.post(`${C}/objections/${upheld.id}/answer`, { outcome: 'upheld', answer: '经核实，该企业于2023年3月受过行政处罚，异议成立，取消其入选资格。' }))
  ok(await u.county_admin_xh.post(`${C}/objections/${dismissed.id}/answer`, { outcome: 'dismissed', answer: '经现场核查，停车秩序良好，异议不成立。' }))

  const after = ok(await srv.anon.get(pub(PENGJIANG)))
  assert.deepEqual(after.entries.map((e) => e.estate_code), est.order.slice(1, qPJ).map((k) => est[k].code))
  assert.deepEqual(ok(await srv.anon.get(pub(XINHUI))).entries.map((e) => e.estate_code), [est.X0.code, est.X1.code])
})

test('09-28 both county lists final: sent to the city', async () => {
  await moveTo('2023-09-28')
  for (const [client, unit] of [[u.county_admin, PENGJIANG], [u.county_admin_xh, XINHUI]]) {
    const f = ok(await client.post(`${C}/selection/finalise`, { level: 'county', unit }))
    assert.equal(f.status, 'final')
  }
})

// ---- 10-08 / 10-15: the city level ------------------------------------------------------------

test('10-08 city review: the county winners evaluated again, the city list of 3', async () => {
  await moveTo('2023-10-08')
  const candidates = [...est.order.slice(1, qPJ), 'X0', 'X1']
  const m0 = ok(await u.city_admin.get(`${C}/evaluation?level=city&unit=${CITY}`))
  assert.deepEqual(m0.rows.map((r) => r.application_id).sort((a, b) => a - b), candidates.map((k) => est[k].app).sort((a, b) => a - b))
  assert.equal(m0.quota, 3)

  const ids = await evaluatorIds(CITY, u.city_admin)
  const three = ['evaluator3', 'evaluator4', 'evaluator5']
  const cityX = (key) => ({ PB: 10, X1: 9, PA: 8 })[key] ?? 7
  for (const key of candidates) {
    const a = await assign(u.city_admin, 'city', est[key].app, three, ids)
    for (const n of three) await score(n, a[n], () => String(cityX(key)))
  }
  const s = ok(await u.city_admin.get(`${C}/selection?level=city&unit=${CITY}`))
  const top = s.ranking.filter((r) => r.proposed).map((r) => [r.application_id, r.score])
  assert.deepEqual(top, [[est.PB.app, fmt2(refTotal(10), 1)], [est.X1.app, fmt2(refTotal(9), 1)], [est.PA.app, fmt2(refTotal(8), 1)]])
  ok(await u.city_admin.post(`${C}/selection/publish`, { level: 'city', unit: CITY, explanation: '' }), 201)
})

test('10-15 the city list is final; the public reads both levels', async () => {
  await moveTo('2023-10-15')
  ok(await u.city_admin.post(`${C}/selection/finalise`, { level: 'city', unit: CITY }))
  const lists = ok(await srv.anon.get(`/api/public/campaigns/${Y}/lists`))
  const status = Object.fromEntries(lists.lists.map((l) => [`${l.level}/${l.unit_code}`, [l.status, l.count]]))
  assert.deepEqual(status[`county/${PENGJIANG}`], ['final', qPJ - 1])
  assert.deepEqual(status[`county/${XINHUI}`], ['final', 2])
  assert.deepEqual(status[`city/${CITY}`], ['final', 3])
  const city = ok(await srv.anon.get(`/api/public/campaigns/${Y}/lists/city/${CITY}`))
  assert.deepEqual(city.entries.map((e) => [e.position, e.estate_code, e.score]), [
    [1, est.PB.code, '100.00'], [2, est.X1.code, '91.00'], [3, est.PA.code, '82.00'],
  ])

  // The export lists every county-level application of 蓬江区 with its outcome.
  const out = runCli(['export', 'selection', '--db', srv.db, '--campaign', String(Y), '--level', 'county', '--unit', XINHUI, '--format', 'csv'])
  assert.equal(out.status, 0, out.stderr)
  const lines = out.stdout.trim().split(/\r?\n/)
  assert.equal(lines.length, 4) // header + X0, X1, XC
  const xc = lines.find((l) => l.includes(est.XC.code))
  assert.match(xc, /100\.00/)
})
