// The campaign clock (issue #11 part 7, docs/decisions.md "Campaign clock"): under MEIHAO_TODAY the
// times business records carry follow the campaign's today with the real time of day, while the
// session (created, last seen, idle limit) and the audit trail keep the real clock.
// The server runs on 2023-09-05 (申报 open); the demo applicant applies, uploads and submits.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import { startServer } from './harness.mjs'

const Y = 2023
const A = `/api/campaigns/${Y}/applications`
const TODAY = '2023-09-05'
const REAL_YEAR = new Date().getUTCFullYear()
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1'), crypto.randomBytes(2000), Buffer.from('\n%%EOF\n')])
let srv, applicant, auditor

before(async () => {
  srv = await startServer({ env: { MEIHAO_TODAY: TODAY } })
  ;[applicant, auditor] = await Promise.all(['applicant', 'auditor'].map((u) => srv.login(u)))
})
after(async () => {
  await srv?.stop()
})

// The date in China Standard Time (UTC+8) of an ISO instant.
const chinaDate = (iso) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10)
// Seconds of the UTC day of an ISO instant.
const timeOfDay = (iso) => (Date.parse(iso) / 1000) % 86400
// The business time: TODAY's CST date with a real time of day taken around the request.
function assertBusinessTime(iso, what, t0, t1) {
  assert.match(iso, /^2023-09-0[45]T\d\d:\d\d:\d\d(\.\d{3})?Z$/, `${what}: ${iso}`)
  assert.equal(chinaDate(iso), TODAY, `${what}: ${iso} lies on ${TODAY} in China`)
  // The real time of day, to the second (the request ran between t0 and t1; a UTC midnight in between wraps).
  const s = Math.floor(timeOfDay(iso))
  const lo = Math.floor(t0 / 1000) % 86400, hi = Math.floor(t1 / 1000) % 86400
  assert.ok(lo <= hi ? s >= lo && s <= hi : s >= lo || s <= hi, `${what}: time of day ${s} s within [${lo}, ${hi}]`)
}

test('business records carry the campaign’s today; the session and the audit trail keep the real clock', async () => {
  const estate = applicant.user.scope.code
  let t0 = Date.now()
  const created = await applicant.post(A, {
    estate_code: estate, applicant_type: 'owners_committee', applicant_name: '幸福家园业主委员会', contact_name: '李红', contact_phone: '13812345678',
  })
  assert.equal(created.status, 201, created.text)
  assertBusinessTime(created.json.created_at, 'created_at', t0, Date.now())
  assertBusinessTime(created.json.updated_at, 'updated_at', t0, Date.now())
  assertBusinessTime(created.json.history[0].at, 'history created', t0, Date.now())
  const id = created.json.id

  t0 = Date.now()
  const file = await applicant.upload(`${A}/${id}/files?item=1.1&filename=${encodeURIComponent('证明.pdf')}`, PDF)
  assert.equal(file.status, 201, file.text)
  assertBusinessTime(file.json.uploaded_at, 'uploaded_at', t0, Date.now())

  const items = {}
  for (const i of created.json.items) if (i.gate === 'none') items[i.id] = `第${i.id}项：已按标准落实。`
  const edited = await applicant.put(`${A}/${id}`, { version: created.json.version, items })
  assert.equal(edited.status, 200, edited.text)
  t0 = Date.now()
  const submitted = await applicant.post(`${A}/${id}/submit`, {})
  assert.equal(submitted.status, 200, submitted.text)
  assertBusinessTime(submitted.json.submitted_at, 'submitted_at', t0, Date.now())
  assert.equal(Date.parse(submitted.json.submitted_at), submitted.json.submitted_ms, 'the ordering key is the same instant')

  // The session still authenticates: its clock is the real one, so 2023 times do not make it look idle or expired.
  const again = await applicant.get(`${A}/${id}`)
  assert.equal(again.status, 200, again.text)
  assert.equal(again.json.status, 'submitted')
  const me = await applicant.get('/api/session/me')
  assert.equal(me.status, 200, me.text)

  // The audit records of the same actions carry the real time.
  const audit = await auditor.get(`/api/audit?username=applicant&page_size=200`)
  assert.equal(audit.status, 200, audit.text)
  const mine = audit.json.items.filter((r) => r.object === `application:${id}`)
  assert.deepEqual(mine.map((r) => r.action).sort(), ['application.create', 'application.submit', 'application.update', 'application.evidence.add'].sort())
  for (const r of mine) assert.equal(new Date(r.at).getUTCFullYear(), REAL_YEAR, `${r.action} audited at ${r.at}`)
})
