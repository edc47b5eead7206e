// Sessions: login, cookie, CSRF, failures and throttling, logout, forced password change.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, assertError, cookieOf, ADMIN_PASSWORD, DEMO } from './harness.mjs'

let srv
before(async () => {
  srv = await startServer()
})
after(async () => {
  await srv?.stop()
})

test('login ok: user, csrf token, HttpOnly SameSite=Strict session cookie', async () => {
  const r = await srv.anon.post('/api/session/login', { username: 'city_admin', password: DEMO.city_admin })
  assert.equal(r.status, 200, r.text)
  assert.equal(r.json.user.username, 'city_admin')
  assert.equal(r.json.user.role, 'city_admin')
  assert.deepEqual(r.json.user.scope, { code: '440700', name: '江门市', level: 'city' })
  assert.equal(r.json.user.must_change_password, false)
  assert.equal(r.json.user.disabled, false)
  assert.equal(typeof r.json.csrf_token, 'string')
  assert.ok(r.json.csrf_token.length >= 20)
  const set = r.headers.getSetCookie().find((c) => c.startsWith('meihao_session='))
  assert.ok(set, 'session cookie set')
  const attrs = set.split(';').map((s) => s.trim().toLowerCase())
  assert.ok(attrs.includes('httponly'), set)
  assert.ok(attrs.includes('samesite=strict'), set)
  assert.ok(attrs.includes('path=/'), set)
  const token = set.split(';')[0].slice('meihao_session='.length)
  assert.ok(token.length >= 32, 'session token is long')
  assert.ok(!JSON.stringify(r.json).includes(token), 'token is not in the body')

  const me = await srv.anon.get('/api/session/me', { cookie: cookieOf(r) })
  assert.equal(me.status, 200)
  assert.equal(me.json.user.username, 'city_admin')
  assert.equal(me.json.csrf_token, r.json.csrf_token)
  assert.ok(me.json.user.last_login_at, 'last_login_at set after login')
})

test('wrong password and unknown user → 401 auth.failed with identical bodies', async () => {
  const wrong = await srv.anon.post('/api/session/login', { username: 'street_staff', password: 'not-the-password' })
  const unknown = await srv.anon.post('/api/session/login', { username: 'no_such_user_x', password: 'not-the-password' })
  assertError(wrong, 401, 'auth.failed')
  assertError(unknown, 401, 'auth.failed')
  assert.equal(wrong.text, unknown.text)
  assert.equal(cookieOf(wrong), null)
  assert.equal(cookieOf(unknown), null)
})

test('6th failed login for one username → 429 auth.rate_limited, even with the right password', async () => {
  for (let i = 1; i <= 5; i++) {
    const r = await srv.anon.post('/api/session/login', { username: 'evaluator', password: `wrong-${i}-password` })
    assertError(r, 401, 'auth.failed')
  }
  const sixth = await srv.anon.post('/api/session/login', { username: 'evaluator', password: 'wrong-6-password' })
  assertError(sixth, 429, 'auth.rate_limited')
  const right = await srv.anon.post('/api/session/login', { username: 'evaluator', password: DEMO.evaluator })
  assertError(right, 429, 'auth.rate_limited')
  assert.equal(cookieOf(right), null)
  // Other usernames are not affected.
  const other = await srv.anon.post('/api/session/login', { username: 'auditor', password: DEMO.auditor })
  assert.equal(other.status, 200)
})

test('unknown usernames are throttled too', async () => {
  for (let i = 0; i < 5; i++) {
    const r = await srv.anon.post('/api/session/login', { username: 'ghost_user', password: 'whatever-123' })
    assertError(r, 401, 'auth.failed')
  }
  assertError(await srv.anon.post('/api/session/login', { username: 'ghost_user', password: 'whatever-123' }), 429, 'auth.rate_limited')
})

test('login with missing fields → 400 naming the field', async () => {
  assertError(await srv.anon.post('/api/session/login', { username: 'city_admin' }), 400, undefined, 'password')
  assertError(await srv.anon.post('/api/session/login', { password: 'x' }), 400, undefined, 'username')
})

test('me without a cookie → 401 auth.required', async () => {
  const r = await srv.anon.get('/api/session/me')
  assertError(r, 401, 'auth.required')
  const estates = await srv.anon.get('/api/estates')
  assertError(estates, 401, 'auth.required')
})

test('a forged cookie → 401', async () => {
  const forged = 'meihao_session=' + 'A'.repeat(43)
  assertError(await srv.anon.get('/api/session/me', { cookie: forged }), 401, 'auth.required')
  assertError(await srv.anon.get('/api/estates', { cookie: 'meihao_session=' }), 401, 'auth.required')
  assertError(await srv.anon.get('/api/estates', { cookie: 'meihao_session=' + 'x'.repeat(5000) }), 401, 'auth.required')
  // The CSRF token is not a session token.
  const c = await srv.login('street_staff')
  assertError(await srv.anon.get('/api/session/me', { cookie: 'meihao_session=' + c.csrf }), 401, 'auth.required')
})

test('POST/PUT/DELETE without (or with a wrong) X-CSRF-Token → 403 csrf', async () => {
  const c = await srv.login('city_admin')
  assertError(await c.call('POST', '/api/session/logout', { csrf: null }), 403, 'csrf')
  assertError(await c.call('POST', '/api/estates', { json: {}, csrf: null }), 403, 'csrf')
  assertError(await c.call('POST', '/api/estates', { json: {}, csrf: 'wrong-token' }), 403, 'csrf')
  assertError(await c.call('DELETE', '/api/estates/JM44070300001', { csrf: null }), 403, 'csrf')
  assertError(await c.call('PUT', '/api/estates/JM44070300001', { json: {}, csrf: null }), 403, 'csrf')
  // Another session's token does not fit.
  const other = await srv.login('city_admin')
  assertError(await c.call('DELETE', '/api/estates/JM44070300001', { csrf: other.csrf }), 403, 'csrf')
  // Nothing was deleted.
  const e = await c.get('/api/estates/JM44070300001')
  assert.equal(e.status, 200)
  // The session still works.
  assert.equal((await c.get('/api/session/me')).status, 200)
})

test('logout → 204, cookie cleared, then me → 401', async () => {
  const c = await srv.login('street_staff')
  assert.equal((await c.get('/api/session/me')).status, 200)
  const out = await c.post('/api/session/logout')
  assert.equal(out.status, 204, out.text)
  const set = out.headers.getSetCookie().find((s) => s.startsWith('meihao_session='))
  assert.ok(set, 'logout clears the cookie')
  assert.match(set, /Max-Age=0/i)
  assertError(await c.get('/api/session/me'), 401, 'auth.required')
  assertError(await c.get('/api/estates'), 401, 'auth.required')
})

test('admin must change the initial password before anything but /api/session/*', async () => {
  const admin = await srv.login('admin', ADMIN_PASSWORD)
  assert.equal(admin.user.must_change_password, true)
  assertError(await admin.get('/api/estates'), 403, 'password.change_required')
  assertError(await admin.get('/api/users'), 403, 'password.change_required')
  assertError(await admin.get('/api/stats/estates'), 403, 'password.change_required')
  const me = await admin.get('/api/session/me')
  assert.equal(me.status, 200)
  assert.equal(me.json.user.must_change_password, true)

  assertError(
    await admin.post('/api/session/password', { old_password: 'not-the-old-one', new_password: 'A-new-password-2026' }),
    400,
    'password.old',
    'old_password',
  )
  assertError(
    await admin.post('/api/session/password', { old_password: ADMIN_PASSWORD, new_password: 'short' }),
    400,
    'password.length',
    'new_password',
  )
  assertError(
    await admin.post('/api/session/password', { old_password: ADMIN_PASSWORD, new_password: ADMIN_PASSWORD }),
    400,
    'password.same',
    'new_password',
  )
  assertError(await admin.post('/api/session/password', { old_password: ADMIN_PASSWORD }), 400, undefined, 'new_password')
  assertError(await admin.get('/api/estates'), 403, 'password.change_required')

  const ok = await admin.post('/api/session/password', { old_password: ADMIN_PASSWORD, new_password: 'A-new-password-2026' })
  assert.equal(ok.status, 204, ok.text)
  const list = await admin.get('/api/estates?page_size=1')
  assert.equal(list.status, 200, list.text)
  assert.equal(list.json.total, 3000)
  assert.equal((await admin.get('/api/session/me')).json.user.must_change_password, false)

  // The old password no longer works; the new one does.
  assertError(await srv.anon.post('/api/session/login', { username: 'admin', password: ADMIN_PASSWORD }), 401, 'auth.failed')
  const again = await srv.login('admin', 'A-new-password-2026')
  assert.equal(again.user.must_change_password, false)
})

test('password change refuses the username as password', async () => {
  const c = await srv.login('county_admin')
  assertError(
    await c.post('/api/session/password', { old_password: DEMO.county_admin, new_password: 'county_admin' }),
    400,
    undefined,
    'new_password',
  )
})

test('the session cookie works for GET without a CSRF header (safe methods)', async () => {
  const c = await srv.login('auditor')
  const r = await c.get('/api/divisions')
  assert.equal(r.status, 200)
  assert.equal(r.json.tree.code, '440700')
})
