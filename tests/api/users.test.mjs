// User administration (city_admin only): list, create, validation, disable, reset password.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, assertError, PENGJIANG, STREET_TOWN } from './harness.mjs'

let srv
let city
before(async () => {
  srv = await startServer()
  city = await srv.login('city_admin')
})
after(async () => {
  await srv?.stop()
})

const newUser = (over = {}) => ({
  username: `jh_user_${Math.random().toString(36).slice(2, 8)}`,
  display_name: '江海区管理员',
  role: 'county_admin',
  scope: '440704',
  password: 'Initial-Pass-2026',
  ...over,
})

test('city_admin lists users (demo users and admin), without password hashes', async () => {
  const r = await city.get('/api/users')
  assert.equal(r.status, 200)
  const names = r.json.items.map((u) => u.username)
  for (const n of ['admin', 'city_admin', 'county_admin', 'county_admin_xh', 'street_staff', 'evaluator', 'auditor', 'applicant', 'assessor'])
    assert.ok(names.includes(n), `${n} listed`)
  const ca = r.json.items.find((u) => u.username === 'county_admin')
  assert.equal(ca.role, 'county_admin')
  assert.deepEqual(ca.scope, { code: PENGJIANG, name: '蓬江区', level: 'county' })
  assert.equal(typeof ca.id, 'number')
  assert.ok(!/hash|argon/i.test(r.text), 'no password hashes')
  assert.ok(!r.text.includes('demo-'), 'no passwords')
})

test('create a county user → 201; it must change its password; duplicate → 409', async () => {
  const body = newUser()
  const r = await city.post('/api/users', body)
  assert.equal(r.status, 201, r.text)
  assert.equal(r.json.username, body.username)
  assert.equal(r.json.role, 'county_admin')
  assert.deepEqual(r.json.scope, { code: '440704', name: '江海区', level: 'county' })
  assert.equal(r.json.must_change_password, true)
  assert.equal(r.json.disabled, false)
  assert.ok(!('password' in r.json))
  assert.ok((await city.get('/api/users')).json.items.some((u) => u.id === r.json.id))

  const u = await srv.login(body.username, body.password)
  assertError(await u.get('/api/estates'), 403, 'password.change_required')
  assert.equal((await u.post('/api/session/password', { old_password: body.password, new_password: 'Jianghai-Pass-2026' })).status, 204)
  const list = await u.get('/api/estates?page_size=200')
  assert.equal(list.status, 200)
  assert.ok(list.json.items.every((e) => e.county_code === '440704'))

  assertError(await city.post('/api/users', { ...body, display_name: '另一个' }), 409, 'user.username.duplicate')
})

test('bad role → 400 field role; bad scopes → 400 field scope; other rules', async () => {
  assertError(await city.post('/api/users', newUser({ role: 'superuser' })), 400, 'user.role', 'role')
  assertError(await city.post('/api/users', newUser({ role: 'County_Admin' })), 400, 'user.role', 'role')
  assertError(await city.post('/api/users', newUser({ role: 'county_admin', scope: STREET_TOWN })), 400, 'user.scope', 'scope')
  assertError(await city.post('/api/users', newUser({ role: 'county_admin', scope: '440700' })), 400, 'user.scope', 'scope')
  assertError(await city.post('/api/users', newUser({ role: 'street_staff', scope: '440700' })), 400, 'user.scope', 'scope')
  assertError(await city.post('/api/users', newUser({ role: 'auditor', scope: '999999' })), 400, 'user.scope', 'scope')
  assertError(await city.post('/api/users', newUser({ role: 'applicant', scope: 'NO-SUCH-ESTATE' })), 400, 'user.scope', 'scope')
  assertError(await city.post('/api/users', newUser({ username: 'Bad Name' })), 400, 'user.username', 'username')
  assertError(await city.post('/api/users', newUser({ username: 'ab' })), 400, 'user.username', 'username')
  assertError(await city.post('/api/users', newUser({ password: 'short' })), 400, 'password.length', 'password')
  assertError(await city.post('/api/users', newUser({ display_name: '' })), 400, undefined, 'display_name')
  const { role, ...noRole } = newUser()
  assertError(await city.post('/api/users', noRole), 400, undefined, 'role')
  // Valid scopes for other roles.
  assert.equal((await city.post('/api/users', newUser({ role: 'street_staff', scope: STREET_TOWN }))).status, 201)
  assert.equal((await city.post('/api/users', newUser({ role: 'applicant', scope: 'JM44070300002' }))).status, 201)
})

test('non-admins → 403 on every user route', async () => {
  const target = city.user.id // someone else's account
  for (const name of ['county_admin', 'auditor', 'street_staff', 'evaluator']) {
    const c = await srv.login(name)
    assertError(await c.get('/api/users'), 403, 'forbidden')
    assertError(await c.post('/api/users', newUser()), 403, 'forbidden')
    assertError(await c.patch(`/api/users/${target}`, { disabled: true }), 403, 'forbidden')
    assertError(await c.patch(`/api/users/${target}`, { display_name: '黑客' }), 403, 'forbidden')
    assertError(await c.post(`/api/users/${target}/reset-password`, { password: 'Whatever-Pass-2026' }), 403, 'forbidden')
  }
  // Nobody got disabled along the way.
  assert.equal((await srv.anon.post('/api/session/login', { username: 'county_admin', password: 'demo-county-2023' })).status, 200)
})

test(
  'a non-admin disabling its own account → 403 forbidden',
  async () => {
    const c = await srv.login('street_staff')
    assertError(await c.patch(`/api/users/${c.user.id}`, { disabled: true }), 403, 'forbidden')
  },
)

test('disable → that user’s login fails with 401 (same body as a wrong password) and its sessions end; enable again', async () => {
  const body = newUser()
  const created = (await city.post('/api/users', body)).json
  const u = await srv.login(body.username, body.password)
  assert.equal((await u.get('/api/session/me')).status, 200)

  const d = await city.patch(`/api/users/${created.id}`, { disabled: true })
  assert.equal(d.status, 200, d.text)
  assert.equal(d.json.disabled, true)
  const fail = await srv.anon.post('/api/session/login', { username: body.username, password: body.password })
  assertError(fail, 401, 'auth.failed')
  const wrong = await srv.anon.post('/api/session/login', { username: 'no_such_user_y', password: body.password })
  assert.equal(fail.text, wrong.text)
  assertError(await u.get('/api/session/me'), 401, 'auth.required')

  const e = await city.patch(`/api/users/${created.id}`, { disabled: false, display_name: '改名后' })
  assert.equal(e.status, 200)
  assert.equal(e.json.disabled, false)
  assert.equal(e.json.display_name, '改名后')
  assert.equal((await srv.anon.post('/api/session/login', { username: body.username, password: body.password })).status, 200)
})

test('patch validation: empty patch → 400; unknown id → 404; bad type → 400 field', async () => {
  assertError(await city.patch('/api/users/3', {}), 400)
  assertError(await city.patch('/api/users/999999', { disabled: true }), 404, 'user.not_found')
  assertError(await city.patch('/api/users/abc', { disabled: true }), 404)
  assertError(await city.patch('/api/users/3', { disabled: 'yes' }), 400, undefined, 'disabled')
})

test('the city admin cannot disable itself', async () => {
  const r = await city.patch(`/api/users/${city.user.id}`, { disabled: true })
  assert.ok(r.status === 409 || r.status === 400 || r.status === 403, r.text)
  assertError(r, r.status)
  assert.equal((await city.get('/api/session/me')).status, 200)
})

test('reset-password → 204; old password fails; must change at next login; old sessions end', async () => {
  const body = newUser({ role: 'auditor', scope: '440700' })
  const created = (await city.post('/api/users', body)).json
  const u = await srv.login(body.username, body.password)
  assert.equal((await u.post('/api/session/password', { old_password: body.password, new_password: 'Changed-Once-2026' })).status, 204)
  assert.equal((await u.get('/api/audit/verify')).status, 200)

  assertError(await city.post(`/api/users/${created.id}/reset-password`, { password: 'short' }), 400, 'password.length', 'password')
  const r = await city.post(`/api/users/${created.id}/reset-password`, { password: 'Reset-By-Admin-2026' })
  assert.equal(r.status, 204, r.text)
  assertError(await u.get('/api/session/me'), 401, 'auth.required')
  assertError(await srv.anon.post('/api/session/login', { username: body.username, password: 'Changed-Once-2026' }), 401, 'auth.failed')

  const again = await srv.login(body.username, 'Reset-By-Admin-2026')
  assert.equal(again.user.must_change_password, true)
  assertError(await again.get('/api/audit'), 403, 'password.change_required')
  assert.equal((await again.post('/api/session/password', { old_password: 'Reset-By-Admin-2026', new_password: 'Changed-Twice-2026' })).status, 204)
  assert.equal((await again.get('/api/audit')).status, 200)
  assertError(await city.post('/api/users/999999/reset-password', { password: 'Reset-By-Admin-2026' }), 404, 'user.not_found')
})
