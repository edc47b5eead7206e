// The audit trail: who may read it, what it records, and that tampering is detected (API and CLI).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { startServer, assertError, estateBody, DEMO } from './harness.mjs'

let srv
let auditor
before(async () => {
  srv = await startServer()
  // Some history: a failed and an ok login, an estate change.
  const bad = await srv.anon.post('/api/session/login', { username: 'street_staff', password: 'wrong-password-1' })
  assert.equal(bad.status, 401)
  auditor = await srv.login('auditor')
  const county = await srv.login('county_admin')
  assert.equal((await county.post('/api/estates', estateBody({ name: '审计测试小区' }))).status, 201)
})
after(async () => {
  await srv?.stop()
})

test('auditor lists the trail and sees failed and ok login records', async () => {
  const r = await auditor.get('/api/audit?action=session.login&page_size=200')
  assert.equal(r.status, 200, r.text)
  assert.ok(r.json.total >= 2)
  for (const rec of r.json.items) {
    assert.equal(rec.action, 'session.login')
    for (const k of ['id', 'at', 'username', 'action', 'object', 'client', 'result', 'hash']) assert.ok(k in rec, `${k} in record`)
    assert.match(rec.hash, /^[0-9a-f]{64}$/)
  }
  const failed = r.json.items.find((x) => x.username === 'street_staff' && x.result === 'failed')
  assert.ok(failed, 'a failed login of street_staff is recorded')
  assert.equal(failed.client, '127.0.0.1')
  assert.ok(r.json.items.some((x) => x.username === 'auditor' && x.result === 'ok'), 'an ok login of auditor is recorded')
  assert.ok(!JSON.stringify(r.json).includes('wrong-password-1'), 'passwords are never recorded')
})

test('audit filters and paging: username, action, page_size', async () => {
  const byUser = await auditor.get('/api/audit?username=county_admin&page_size=200')
  assert.equal(byUser.status, 200)
  assert.ok(byUser.json.items.length >= 2)
  assert.ok(byUser.json.items.every((x) => x.username === 'county_admin'))
  const create = byUser.json.items.find((x) => x.action === 'estate.create')
  assert.ok(create, JSON.stringify(byUser.json.items.map((x) => x.action)))
  assert.match(create.object, /^estate:/)
  assert.ok(create.after && JSON.stringify(create.after).includes('审计测试小区'))
  const small = await auditor.get('/api/audit?page_size=2')
  assert.equal(small.json.items.length, 2)
  const p2 = await auditor.get('/api/audit?page_size=2&page=2')
  assert.equal(p2.json.items.length, 2)
  assert.notDeepEqual(p2.json.items.map((x) => x.id), small.json.items.map((x) => x.id))
  assert.equal(small.json.total, p2.json.total)
})

test('city_admin may read the audit; county_admin, street_staff, evaluator → 403; anonymous → 401', async () => {
  const city = await srv.login('city_admin')
  assert.equal((await city.get('/api/audit')).status, 200)
  assert.equal((await city.get('/api/audit/verify')).status, 200)
  for (const name of ['county_admin', 'street_staff', 'evaluator', 'applicant']) {
    const c = await srv.login(name, DEMO[name])
    assertError(await c.get('/api/audit'), 403, 'forbidden')
    assertError(await c.get('/api/audit/verify'), 403, 'forbidden')
  }
  assertError(await srv.anon.get('/api/audit'), 401, 'auth.required')
})

test('verify: ok:true on an untouched trail', async () => {
  const r = await auditor.get('/api/audit/verify')
  assert.equal(r.status, 200)
  assert.equal(r.json.ok, true)
  assert.equal(r.json.first_broken, null)
  const total = (await auditor.get('/api/audit?page_size=1')).json.total
  assert.ok(r.json.checked >= total - 2 && r.json.checked > 10, `checked ${r.json.checked} of ${total}`)
  const cli = srv.cli(['audit', 'verify', '--db', srv.db])
  assert.equal(cli.status, 0, cli.stdout + cli.stderr)
})

test('tampering with record 2 → verify ok:false first_broken 2; `meihao audit verify` exits non-zero naming record 2', async () => {
  execFileSync('sqlite3', [srv.db, "UPDATE audit_log SET result='x' WHERE id=2"])
  const r = await auditor.get('/api/audit/verify')
  assert.equal(r.status, 200)
  assert.equal(r.json.ok, false, r.text)
  assert.equal(r.json.first_broken, 2)
  const cli = srv.cli(['audit', 'verify', '--db', srv.db])
  assert.notEqual(cli.status, 0, 'exit status')
  const out = cli.stdout + cli.stderr
  assert.match(out, /record 2\b/, out)
  // Fixing the record back restores the chain (the hash covers the content, not the row as such).
  execFileSync('sqlite3', [srv.db, "UPDATE audit_log SET result='ok' WHERE id=2"])
  assert.equal((await auditor.get('/api/audit/verify')).json.ok, true)
})
