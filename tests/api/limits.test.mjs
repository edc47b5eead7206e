// Protocol-level behaviour: health, unknown routes, methods, body limits, JSON validation.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, rawRequest, assertError, estateBody, csv, CSV_HEADER_ZH, UTF8_BOM } from './harness.mjs'

let srv
let admin
before(async () => {
  srv = await startServer()
  admin = await srv.login('city_admin')
})
after(async () => {
  await srv?.stop()
})

test('health answers ok with the version', async () => {
  const r = await srv.anon.get('/api/health')
  assert.equal(r.status, 200)
  assert.equal(r.json.status, 'ok')
  assert.match(r.json.version, /^\d+\.\d+\.\d+/)
})

test('unknown API route → 404 JSON route.not_found', async () => {
  const r = await admin.get('/api/no/such/route')
  assertError(r, 404, 'route.not_found')
  assert.match(r.headers.get('content-type'), /application\/json/)
  const anon = await srv.anon.get('/api/nope')
  assertError(anon, 404, 'route.not_found')
})

test('wrong method → 405 with an Allow header', async () => {
  const r = await admin.del('/api/health')
  assertError(r, 405, 'method.not_allowed')
  assert.equal(r.headers.get('allow'), 'GET')
  const put = await admin.put('/api/session/login', {})
  assertError(put, 405, 'method.not_allowed')
  assert.match(put.headers.get('allow'), /POST/)
  const est = await admin.patch('/api/estates', {})
  assertError(est, 405)
  const allow = est.headers.get('allow').split(/\s*,\s*/).sort()
  assert.deepEqual(allow, ['GET', 'POST'])
})

test(
  'wrong method on a non-API (static) path → 405 with an Allow header',
  async () => {
    const r = await admin.call('POST', '/index.html')
    assertError(r, 405, 'method.not_allowed')
    assert.ok(r.headers.get('allow'), 'Allow header')
  },
)

test('HEAD on a GET route answers like GET without a body; OPTIONS → 405 listing the methods', async () => {
  const h = await admin.call('HEAD', '/api/health')
  assert.equal(h.status, 200)
  assert.equal(h.buf.length, 0)
  const o = await admin.call('OPTIONS', '/api/estates')
  assertError(o, 405, 'method.not_allowed')
  assert.deepEqual(o.headers.get('allow').split(/\s*,\s*/).sort(), ['GET', 'POST'])
})

test('a JSON body just under 1 MiB is read (and judged on its content)', async () => {
  const body = Buffer.alloc((1 << 20) - 16, 'a')
  const r = await rawRequest(srv.port, 'POST', '/api/estates', body, {
    Cookie: admin.cookie,
    'X-CSRF-Token': admin.csrf,
    'Content-Type': 'application/json',
  })
  assertError(r, 400, 'json.malformed')
})

test(
  'body over 1 MiB on a normal route → 413 body.too_large',
  async () => {
    const body = Buffer.alloc((1 << 20) + 1024, 'a')
    const r = await rawRequest(srv.port, 'POST', '/api/estates', body, {
      Cookie: admin.cookie,
      'X-CSRF-Token': admin.csrf,
      'Content-Type': 'application/json',
    })
    assertError(r, 413, 'body.too_large')
  },
)

test(
  'import body over 20 MiB → 413 body.too_large',
  async () => {
    const body = Buffer.alloc((20 << 20) + 1024, 'a')
    const r = await rawRequest(srv.port, 'POST', '/api/imports/estates?dry_run=1', body, {
      Cookie: admin.cookie,
      'X-CSRF-Token': admin.csrf,
    })
    assertError(r, 413, 'body.too_large')
  },
)

test(
  'an import body between 1 MiB and 20 MiB is accepted for checking',
  async () => {
    // A valid header and ~1.5 MiB of rows that each have problems: the answer must be a 422 report.
    const rows = [CSV_HEADER_ZH]
    while (rows.length < 60000) rows.push(['BAD CODE!', 'x', '蓬江区', '环市街道', '', '', '0', 'professional', '', '', 'none', '', ''])
    const bytes = Buffer.concat([UTF8_BOM, Buffer.from(csv(rows))])
    assert.ok(bytes.length > 1.2 * (1 << 20) && bytes.length < 20 << 20, `size ${bytes.length}`)
    const r = await rawRequest(srv.port, 'POST', '/api/imports/estates?dry_run=1&filename=big.csv', bytes, {
      Cookie: admin.cookie,
      'X-CSRF-Token': admin.csrf,
    })
    assertError(r, 422, 'import.problems')
  },
)

test('malformed JSON → 400 json.malformed', async () => {
  const r = await admin.call('POST', '/api/estates', { body: '{"code": "A1", ', headers: { 'Content-Type': 'application/json' } })
  assertError(r, 400, 'json.malformed')
  const notObject = await admin.call('POST', '/api/estates', { body: '[1,2]', headers: { 'Content-Type': 'application/json' } })
  assert.equal(notObject.status, 400, notObject.text)
  assertError(notObject, 400)
  const login = await srv.anon.call('POST', '/api/session/login', { body: 'username=a', headers: { 'Content-Type': 'application/json' } })
  assertError(login, 400, 'json.malformed')
})

test('wrong JSON types → 400 naming the field', async () => {
  const r = await admin.post('/api/estates', estateBody({ households: '120' }))
  assertError(r, 400, undefined, 'households')
  const b = await admin.post('/api/estates', estateBody({ party_org: 'yes' }))
  assertError(b, 400, undefined, 'party_org')
  const n = await admin.post('/api/estates', estateBody({ name: 42 }))
  assertError(n, 400, undefined, 'name')
  const f = await admin.post('/api/estates', estateBody({ households: 12.5 }))
  assertError(f, 400, undefined, 'households')
  const l = await srv.anon.post('/api/session/login', { username: 'city_admin', password: 123 })
  assertError(l, 400, undefined, 'password')
})

test('overlong name (101 characters) → 400 field name; 100 Chinese characters are fine', async () => {
  const r = await admin.post('/api/estates', estateBody({ name: 'a'.repeat(101) }))
  assertError(r, 400, undefined, 'name')
  const zh = await admin.post('/api/estates', estateBody({ name: '花'.repeat(101) }))
  assertError(zh, 400, undefined, 'name')
  const ok = await admin.post('/api/estates', estateBody({ name: '花'.repeat(100) }))
  assert.equal(ok.status, 201, ok.text)
  assert.equal(ok.json.name, '花'.repeat(100))
})

test('API answers are not cached and carry basic security headers', async () => {
  const r = await admin.get('/api/session/me')
  assert.equal(r.headers.get('cache-control'), 'no-store')
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff')
})

test('the server survives all of the above', async () => {
  assert.equal(srv.exited, null)
  const r = await srv.anon.get('/api/health')
  assert.equal(r.status, 200)
})
