// The role × action × phase grid of every issue-4 route (applications, evaluation, selection), in
// one table written from the access rules of src/policy/policy.h and rules.md §7 — not from the
// answers. Each cell is what the route answers that role:
//   A  allowed past authorisation (any answer but 401/403 forbidden/404: a 400 for a deliberately
//      empty body, a 409 for the fixture's state, or 2xx for a read)
//   F  403 with code "forbidden" (the role may never do this)
//   N  404 (out of the caller's scope, or an object it may not know of)
// Bodies are chosen so that allowed writes change nothing (the application is submitted, the sheet
// submitted, the list undecided), and the few that would change something run last.
// Every route also answers 401 without a session, and every phase-bound write answers
// 403 phase.closed to an allowed role outside its phase (a server on 2023-08-15). The three public
// routes (/api/public/…: the lists and the objection form) take no session and treat everyone
// alike; public.test.mjs covers them.
//
// Roles, in column order:
//   C city_admin · K county_admin (蓬江区) · X county_admin_xh (新会区) · S street_staff (环市街道, not
//   the application's town) · E evaluator (assigned to the application) · E2 evaluator2 (not
//   assigned) · D auditor (city-wide) · P applicant (the application's estate) · Q an applicant of
//   a 新会区 estate.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, PENGJIANG, XINHUI } from './harness.mjs'

const Y = 2023
const C = `/api/campaigns/${Y}`
const ROLES = ['C', 'K', 'X', 'S', 'E', 'E2', 'D', 'P', 'Q']
const USERS = { C: 'city_admin', K: 'county_admin', X: 'county_admin_xh', S: 'street_staff', E: 'evaluator', E2: 'evaluator2', D: 'auditor', P: 'applicant' }
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')

let srv
const u = {}
const fx = {} // fixture ids

async function login(today, dataDir) {
  srv = await startServer({ env: { MEIHAO_TODAY: today }, ...(dataDir ? { dataDir } : {}) })
  for (const [role, name] of Object.entries(USERS)) u[role] = u[role] ? srv.rebind(u[role]) : await srv.login(name)
  if (u.Q) u.Q = srv.rebind(u.Q)
}

function ok(r, status = 200) {
  assert.equal(r.status, status, `${r.status} ${r.text}`)
  return r.json
}

before(async () => {
  await login('2023-09-10')
  fx.estate = u.P.user.scope.code
  // Q: an applicant of a 新会区 estate.
  const list = ok(await u.C.get(`/api/estates?county=${XINHUI}&page_size=1`))
  const q = { username: 'grid_applicant_xh', display_name: '新会区红色管家', role: 'applicant', scope: list.items[0].code, password: 'Grid-Initial-2026' }
  ok(await u.C.post('/api/users', q), 201)
  const first = await srv.login(q.username, q.password)
  assert.equal((await first.post('/api/session/password', { old_password: q.password, new_password: 'Grid-Second-2026' })).status, 204)
  u.Q = await srv.login(q.username, 'Grid-Second-2026')

  // The application of P's estate: created, one evidence file, every item assessed, submitted.
  const a = ok(await u.P.post(`${C}/applications`, {
    estate_code: fx.estate, applicant_type: 'owners_committee', applicant_name: '业主委员会', contact_name: '李红', contact_phone: '13812345678',
  }), 201)
  fx.app = a.id
  fx.file = ok(await u.P.upload(`${C}/applications/${a.id}/files?item=1.1&filename=photo.png`, PNG), 201).id
  const items = Object.fromEntries(a.items.filter((i) => !i.gate || i.gate === 'none').map((i) => [i.id, '已落实。']))
  ok(await u.P.put(`${C}/applications/${a.id}`, { items, version: a.version }))
  ok(await u.P.post(`${C}/applications/${a.id}/submit`, {}))

  // E assigned and its sheet submitted; E2 declares an affiliation (deleted at the end).
  const ids = Object.fromEntries(ok(await u.K.get(`${C}/evaluators?unit=${PENGJIANG}`)).items.map((e) => [e.username, e.id]))
  const created = ok(await u.K.post(`${C}/assignments`, { level: 'county', application_ids: [fx.app], evaluator_ids: [ids.evaluator] }), 201)
  fx.assignment = created.created[0].id
  fx.evaluator = ids.evaluator
  const view = ok(await u.E.get(`${C}/assignments/${fx.assignment}`))
  const scores = Object.fromEntries(view.rubric.sections.flatMap((s) => s.items.flatMap((i) => i.units.map((x) => [x.id, '8']))))
  const principles = Object.fromEntries([2, 3, 4, 5, 6, 7, 8, 9].map((i) => [`P${i}`, { pass: true, reason: '' }]))
  ok(await u.E.post(`${C}/assignments/${fx.assignment}/sheet/submit`, { scores, principles }))
  fx.affiliation = ok(await u.E2.post('/api/evaluators/me/affiliations', { kind: 'estate', value: list.items[0].code, note: '曾任顾问' }), 201).id
})
after(async () => {
  await srv?.stop()
})

// [method, path, body?, grid (C K X S E E2 D P Q), phase-bound?] — the routes, in the order they run.
const routes = () => [
  ['GET', `${C}/rubric?unit=${PENGJIANG}`, null, 'A A N A A A A A N'],
  ['PUT', `${C}/rubric?unit=${PENGJIANG}`, { items: [], version: 0 }, 'A A N F F F F F F'],
  ['POST', `${C}/applications`, { estate_code: fx.estate }, 'F F F F F F F A N', true],
  ['GET', `${C}/applications`, null, 'A A A A F F A A A'],
  ['GET', `${C}/applications/${fx.app}`, null, 'A A N N A N A A N'],
  ['PUT', `${C}/applications/${fx.app}`, { version: 1 }, 'F F F F F F F A N', true],
  ['GET', `${C}/applications/${fx.app}/history`, null, 'A A N N A N A A N'],
  ['POST', `${C}/applications/${fx.app}/submit`, {}, 'F F F F F F F A N', true],
  ['POST', `${C}/applications/${fx.app}/files?item=1.1&filename=x.png`, PNG, 'F F F F F F F A N', true],
  ['GET', `${C}/applications/${fx.app}/files/${fx.file}`, null, 'A A N N A N A A N'],
  ['DELETE', `${C}/applications/${fx.app}/files/${fx.file}`, null, 'F F F F F F F A N', true],
  ['GET', '/api/evaluators/me/affiliations', null, 'F F F F A A F F F'],
  ['POST', '/api/evaluators/me/affiliations', {}, 'F F F F A A F F F'],
  ['GET', `${C}/evaluators?unit=${PENGJIANG}`, null, 'A A N F F F F F F'],
  ['POST', `${C}/assignments`, { level: 'county', application_ids: [fx.app], evaluator_ids: [fx.evaluator] }, 'A A N F F F F F F', true], // already assigned: skipped,
  ['GET', `${C}/assignments/${fx.assignment}`, null, 'F F F F A N F F F'],
  ['DELETE', `${C}/assignments/${fx.assignment}`, null, 'A A N F F F F F F', true],
  ['POST', `${C}/assignments/${fx.assignment}/conflict`, { reason: '' }, 'F F F F A N F F F', true],
  ['PUT', `${C}/assignments/${fx.assignment}/sheet`, {}, 'F F F F A N F F F', true],
  ['POST', `${C}/assignments/${fx.assignment}/sheet/submit`, {}, 'F F F F A N F F F', true],
  ['GET', `${C}/queue`, null, 'F F F F A A F F F'],
  ['GET', `${C}/evaluation?level=county&unit=${PENGJIANG}`, null, 'A A N F F F A F F'],
  ['POST', `${C}/applications/${fx.app}/disagreement-review`, { level: 'county', note: '' }, 'A A N F F F F F F', true],
  ['GET', `${C}/selection?level=county&unit=${PENGJIANG}`, null, 'A A N F F F A F F'],
  ['GET', `${C}/selection/overview`, null, 'A A A F F F A F F'],
  ['POST', `${C}/selection/changes`, { level: 'county', unit: PENGJIANG, application_id: fx.app, change: 'add', reason: '' }, 'A A N F F F F F F', true],
  ['POST', `${C}/selection/publish`, { level: 'county', unit: PENGJIANG, explanation: '' }, 'A A N F F F F F F', true],
  ['POST', `${C}/selection/finalise`, { level: 'county', unit: PENGJIANG }, 'A A N F F F F F F', true],
  ['GET', `${C}/objections?level=county&unit=${PENGJIANG}`, null, 'A A N F F F A F F'],
  // Nothing to undo and no objection here (the only application is undecided, so no change can be
  // made and no list published): the roles that may act learn only that there is nothing; the others
  // are refused for their role first. With real changes and objections: selection.test.mjs (its
  // grid) and campaign_flow.test.mjs.
  ['DELETE', `${C}/selection/changes/${fx.app}?level=county`, null, 'N N N F F F F F F'],
  ['POST', `${C}/objections/999999/answer`, { outcome: 'dismissed', answer: '' }, 'N N N F F F F F F'],
  // Last: these change something for the allowed role.
  ['DELETE', `/api/evaluators/me/affiliations/${fx.affiliation}`, null, 'F F F F N A F F F'],
  ['POST', `${C}/applications/${fx.app}/withdraw`, {}, 'F F F F F F F A N', true],
]

async function call(client, method, p, body) {
  if (Buffer.isBuffer(body)) return client.upload(p, body)
  return client.call(method, p, body === null ? {} : { json: body })
}

function letter(r) {
  if (r.status === 401) return 'U'
  if (r.status === 403 && r.json?.error?.code === 'forbidden') return 'F'
  if (r.status === 404) return 'N'
  return 'A'
}

test('every issue-4 route × every role: allowed, 403, 404 — and 401 without a session', async () => {
  const problems = []
  for (const [method, p, body, grid] of routes()) {
    const got = []
    for (const role of ROLES) got.push(letter(await call(u[role], method, p, body)))
    if (got.join(' ') !== grid) problems.push(`${method} ${p}\n    want ${grid}\n    got  ${got.join(' ')}`)
    const anon = await call(srv.anon, method, p, body)
    if (anon.status !== 401) problems.push(`${method} ${p}: ${anon.status} without a session`)
  }
  assert.deepEqual(problems, [])
})

// ---- The assessor (第三方评估机构, issue 11 part 6): a column Z (assessor, city-wide) beside the roles above.
// On every issue-4 route it is refused for its role — it assesses the cultivation work, never the
// applications, sheets or lists — except the rubric, the published standard every role reads.
const assessorOnIssue4 = (method, p) => (method === 'GET' && p.startsWith(`${C}/rubric`) ? 'A' : 'F')
// The assessment routes (no round exists on this plain demo; 999999 is none): [method, path, body, C K X S E E2 D P Q Z].
const assessmentRoutes = () => [
  ['GET', `${C}/assessments`, null, 'A A A A F F A F F A'],
  ['POST', `${C}/assessments`, {}, 'F F F F F F F F F A'], // the assessor: 400 for the empty title
  ['GET', `${C}/assessments/ratings?county=${PENGJIANG}`, null, 'A A N A F F A F F A'],
  ['GET', `${C}/assessments/999999`, null, 'N N N N F F N F F N'],
  ['PUT', `${C}/assessments/999999/estates/${fx.estate}`, { rating: 'good', findings: '任务完成。' }, 'F F F F F F F F F N'],
  ['PUT', `${C}/assessments/999999/counties/${PENGJIANG}`, { conclusion: '总体有序。' }, 'F F F F F F F F F N'],
  ['POST', `${C}/assessments/999999/submit`, {}, 'F F F F F F F F F N'],
  ['PUT', `${C}/assessments/999999/estates/${fx.estate}/answer`, { answer: '已整改。' }, 'F N N F F F F F F F'],
]

test('the assessor on every issue-4 route, and every assessment route × every role (and 401)', async () => {
  u.Z = u.Z ? srv.rebind(u.Z) : await srv.login('assessor')
  const problems = []
  for (const [method, p, body] of routes()) {
    const got = letter(await call(u.Z, method, p, body))
    if (got !== assessorOnIssue4(method, p)) problems.push(`${method} ${p} as assessor: want ${assessorOnIssue4(method, p)} got ${got}`)
  }
  for (const [method, p, body, grid] of assessmentRoutes()) {
    const got = []
    for (const role of [...ROLES, 'Z']) got.push(letter(await call(u[role], method, p, body)))
    if (got.join(' ') !== grid) problems.push(`${method} ${p}\n    want ${grid}\n    got  ${got.join(' ')}`)
    const anon = await call(srv.anon, method, p, body)
    if (anon.status !== 401) problems.push(`${method} ${p}: ${anon.status} without a session`)
  }
  assert.deepEqual(problems, [])
})

test('outside its phase (2023-08-15) every phase-bound write answers an allowed role 403 phase.closed', async () => {
  const dir = srv.dir
  await srv.stop({ keepDir: true })
  await login('2023-08-15', dir)
  const problems = []
  for (const [method, p, body, grid, phased] of routes()) {
    if (!phased) continue
    const role = ROLES[grid.split(' ').indexOf('A')]
    const r = await call(u[role], method, p, body)
    if (r.status !== 403 || r.json?.error?.code !== 'phase.closed') problems.push(`${method} ${p} as ${role}: ${r.status} ${r.json?.error?.code}`)
    else assert.match(r.json.error.message_zh, /阶段（2023-\d\d-\d\d至2023-\d\d-\d\d）/)
  }
  assert.deepEqual(problems, [])
})
