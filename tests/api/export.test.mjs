// Estate exports: CSV (English header, scope, formula neutralisation, filters) and xlsx.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, assertError, estateBody, parseCsv, PENGJIANG, STREET_TOWN } from './harness.mjs'

const HEADER = ['code', 'name', 'county', 'town', 'community', 'address', 'households', 'management_mode', 'company_name', 'company_uscc', 'owners_org', 'party_org', 'demonstration']

let srv
let city
let county
before(async () => {
  srv = await startServer()
  city = await srv.login('city_admin')
  county = await srv.login('county_admin')
})
after(async () => {
  await srv?.stop()
})

test('CSV export: English header row, only the caller’s county, sorted by code, attachment', async () => {
  const r = await county.get('/api/exports/estates?format=csv')
  assert.equal(r.status, 200, r.text.slice(0, 300))
  assert.match(r.headers.get('content-type'), /^text\/csv/)
  assert.match(r.headers.get('content-disposition') || '', /^attachment/)
  const rows = parseCsv(r.text).filter((x) => x.length > 1 || x[0] !== '')
  assert.deepEqual(rows[0], HEADER)
  const data = rows.slice(1)
  const listTotal = (await county.get('/api/estates?page_size=1')).json.total
  assert.equal(data.length, listTotal)
  const countyCol = HEADER.indexOf('county')
  for (const d of data) {
    assert.equal(d.length, HEADER.length, d.join(','))
    assert.ok(d[countyCol] === PENGJIANG || d[countyCol] === '蓬江区', `row of another county: ${d.join(',')}`)
  }
  const codes = data.map((d) => d[0])
  assert.deepEqual(codes, [...codes].sort(), 'sorted by code')
})

test('CSV export follows the list filters', async () => {
  const r = await city.get(`/api/exports/estates?format=csv&town=${STREET_TOWN}&management_mode=self`)
  assert.equal(r.status, 200)
  const data = parseCsv(r.text).filter((x) => x.length > 1).slice(1)
  const list = (await city.get(`/api/estates?town=${STREET_TOWN}&management_mode=self&page_size=1`)).json.total
  assert.equal(data.length, list)
  for (const d of data) assert.equal(d[HEADER.indexOf('management_mode')], 'self')
})

test('a cell starting with = is neutralised in the CSV', async () => {
  const body = estateBody({ name: '=1+1', address: '@SUM(A1)', community: '-2+3' })
  const c = await county.post('/api/estates', body)
  assert.equal(c.status, 201, c.text)
  assert.equal(c.json.name, '=1+1', 'stored as typed')
  const r = await county.get('/api/exports/estates?format=csv')
  const line = parseCsv(r.text).find((x) => x[0] === body.code)
  assert.ok(line, 'the new estate is exported')
  const name = line[HEADER.indexOf('name')]
  assert.notEqual(name, '=1+1')
  assert.ok(!/^[=+\-@]/.test(name), `name cell ${name} must not start a formula`)
  assert.match(name, /=1\+1/)
  assert.ok(!/^[=+\-@]/.test(line[HEADER.indexOf('address')]))
  assert.ok(!/^[=+\-@]/.test(line[HEADER.indexOf('community')]))
})

test('xlsx export starts with PK and is an attachment', async () => {
  const r = await county.get('/api/exports/estates?format=xlsx')
  assert.equal(r.status, 200)
  assert.equal(r.buf.subarray(0, 4).toString('latin1'), 'PK\x03\x04')
  assert.match(r.headers.get('content-type'), /spreadsheetml/)
  assert.match(r.headers.get('content-disposition') || '', /^attachment/)
  assert.match(r.headers.get('content-disposition'), /xlsx/)
  // An exported workbook goes back in unchanged (江海区: no estate with formula-like text there).
  const jh = await city.get('/api/exports/estates?format=xlsx&county=440704')
  const back = await city.upload('/api/imports/estates?dry_run=1&filename=export.xlsx', jh.buf)
  assert.equal(back.status, 200, back.text.slice(0, 1000))
  assert.equal(back.json.rows, (await city.get('/api/estates?county=440704&page_size=1')).json.total)
  assert.deepEqual([back.json.created, back.json.updated], [0, 0])
})

test(
  'CSV export → import round trip keeps formula-like text',
  async () => {
  const body = estateBody({ name: '=2+2' })
  assert.equal((await county.post('/api/estates', body)).status, 201)
  const r = await county.get('/api/exports/estates?format=csv')
  const back = await county.upload('/api/imports/estates?dry_run=1&filename=export.csv', r.buf)
  assert.equal(back.status, 200, back.text.slice(0, 1000))
  assert.equal(back.json.updated, 0, `re-importing an unchanged export updates ${back.json.updated} estate(s)`)
  },
)

test(
  'xlsx export → import round trip keeps formula-like text',
  async () => {
    const body = estateBody({ name: '=3+3' })
    assert.equal((await county.post('/api/estates', body)).status, 201)
    const r = await county.get('/api/exports/estates?format=xlsx')
    const dry = await county.upload('/api/imports/estates?dry_run=1&filename=export.xlsx', r.buf)
    assert.equal(dry.status, 200, dry.text.slice(0, 1000))
    assert.equal(dry.json.updated, 0, `re-importing an unchanged export updates ${dry.json.updated} estate(s)`)
  },
)

test('bad format → 400 field format; evaluator → 403', async () => {
  assertError(await county.get('/api/exports/estates?format=pdf'), 400, 'format.value', 'format')
  const ev = await srv.login('evaluator')
  assertError(await ev.get('/api/exports/estates?format=csv'), 403, 'forbidden')
  assertError(await srv.anon.get('/api/exports/estates?format=csv'), 401, 'auth.required')
})
