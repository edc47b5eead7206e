// The estate register: list filters, paging, sorting, scopes per role, create/read/update/delete.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, assertError, estateBody, uscc, badUscc, PENGJIANG, XINHUI, STREET_TOWN } from './harness.mjs'

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

const qs = (o) => new URLSearchParams(o).toString()

async function listAll(client, filter) {
  const r = await client.get(`/api/estates?${qs({ ...filter, page_size: 200 })}`)
  assert.equal(r.status, 200, r.text)
  assert.ok(Array.isArray(r.json.items))
  assert.equal(typeof r.json.total, 'number')
  return r.json
}

function assertEstateShape(e) {
  for (const k of ['code', 'name', 'county_code', 'county_name', 'town_code', 'town_name', 'community', 'address', 'management_mode', 'company_name', 'company_uscc', 'owners_org', 'updated_at'])
    assert.equal(typeof e[k], 'string', `${k} of ${e.code}`)
  assert.equal(typeof e.households, 'number')
  assert.equal(typeof e.party_org, 'boolean')
  assert.equal(typeof e.demonstration, 'boolean')
  assert.equal(typeof e.version, 'number')
  assert.ok(['professional', 'self', 'none'].includes(e.management_mode))
  assert.ok(['owners_committee', 'management_committee', 'none'].includes(e.owners_org))
  assert.match(e.updated_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
}

test('the default list: 20 items of 3000, page 1, well-formed estates', async () => {
  const r = await city.get('/api/estates')
  assert.equal(r.status, 200)
  assert.equal(r.json.total, 3000)
  assert.equal(r.json.page, 1)
  assert.equal(r.json.page_size, 20)
  assert.equal(r.json.items.length, 20)
  r.json.items.forEach(assertEstateShape)
  const codes = r.json.items.map((e) => e.code)
  assert.deepEqual(codes, [...codes].sort(), 'default order is by code')
})

const filters = [
  [{ county: XINHUI }, (e) => e.county_code === XINHUI],
  [{ town: STREET_TOWN }, (e) => e.town_code === STREET_TOWN],
  [{ management_mode: 'self' }, (e) => e.management_mode === 'self'],
  [{ management_mode: 'professional' }, (e) => e.management_mode === 'professional' && e.company_uscc.length === 18],
  [{ owners_org: 'management_committee' }, (e) => e.owners_org === 'management_committee'],
  [{ party_org: 'true' }, (e) => e.party_org === true],
  [{ party_org: 'false' }, (e) => e.party_org === false],
  [{ demonstration: 'true' }, (e) => e.demonstration === true],
  [{ q: '花园' }, (e) => e.name.includes('花园') || e.address.includes('花园')],
  [{ county: PENGJIANG, management_mode: 'none', party_org: 'false' }, (e) => e.county_code === PENGJIANG && e.management_mode === 'none' && !e.party_org],
]

for (const [filter, pred] of filters) {
  test(`list filtered by ${qs(filter)}: every result satisfies the filter`, async () => {
    const page = await listAll(city, filter)
    assert.ok(page.total > 0, 'the demo data has matches')
    assert.ok(page.total < 3000, 'the filter narrows the list')
    assert.equal(page.items.length, Math.min(200, page.total))
    for (const e of page.items) assert.ok(pred(e), `${e.code} ${e.name} does not satisfy ${qs(filter)}`)
  })
}

test('filters add up: party_org true + false = all; q matches address too', async () => {
  const t = (await listAll(city, { party_org: 'true' })).total
  const f = (await listAll(city, { party_org: 'false' })).total
  assert.equal(t + f, 3000)
  const modes = await Promise.all(['professional', 'self', 'none'].map((m) => listAll(city, { management_mode: m })))
  assert.equal(modes.reduce((s, p) => s + p.total, 0), 3000)
  const stats = (await city.get('/api/stats/estates')).json
  for (const m of stats.by_mode) {
    const p = await listAll(city, { management_mode: m.mode })
    assert.equal(p.total, m.count, `mode ${m.mode}`)
  }
})

test('q with no match → empty list, total 0', async () => {
  const p = await listAll(city, { q: '不存在的小区名字XYZ' })
  assert.equal(p.total, 0)
  assert.deepEqual(p.items, [])
})

test('q is a literal substring: LIKE wildcards and quotes match nothing special', async () => {
  for (const q of ['%', '_', '花%园', "'", "' OR '1'='1", '\\']) {
    const p = await listAll(city, { q })
    assert.equal(p.total, 0, `q=${q}`)
  }
  assertError(await city.get(`/api/estates?q=${'花'.repeat(201)}`), 400, undefined, 'q')
})

test('pagination: page_size, consistent total, page 2 differs and continues page 1', async () => {
  const p1 = (await city.get('/api/estates?page_size=7&page=1')).json
  const p2 = (await city.get('/api/estates?page_size=7&page=2')).json
  const both = (await city.get('/api/estates?page_size=14&page=1')).json
  assert.equal(p1.items.length, 7)
  assert.equal(p2.items.length, 7)
  assert.equal(p1.total, p2.total)
  assert.equal(p2.page, 2)
  assert.equal(p2.page_size, 7)
  const c1 = p1.items.map((e) => e.code)
  const c2 = p2.items.map((e) => e.code)
  assert.ok(c2.every((c) => !c1.includes(c)), 'pages do not overlap')
  assert.deepEqual([...c1, ...c2], both.items.map((e) => e.code))
  const last = (await city.get(`/api/estates?page_size=200&page=${Math.ceil(3000 / 200)}`)).json
  assert.equal(last.items.length, 3000 - 200 * 14)
  const beyond = (await city.get('/api/estates?page_size=200&page=999')).json
  assert.equal(beyond.items.length, 0)
  assert.equal(beyond.total, 3000)
})

test('sort by households desc is sorted; name asc too', async () => {
  const r = (await city.get('/api/estates?sort=households&order=desc&page_size=200')).json
  const h = r.items.map((e) => e.households)
  for (let i = 1; i < h.length; i++) assert.ok(h[i - 1] >= h[i], `households not descending at ${i}: ${h[i - 1]} < ${h[i]}`)
  const all = await listAll(city, { sort: 'households', order: 'asc' })
  const a = all.items.map((e) => e.households)
  for (let i = 1; i < a.length; i++) assert.ok(a[i - 1] <= a[i])
  assert.ok(h[0] >= a[a.length - 1])
})

test('bad list parameters → 400 naming the parameter', async () => {
  assertError(await city.get('/api/estates?page_size=500'), 400, undefined, 'page_size')
  assertError(await city.get('/api/estates?page_size=0'), 400, undefined, 'page_size')
  assertError(await city.get('/api/estates?page=0'), 400)
  assertError(await city.get('/api/estates?page=abc'), 400, undefined, 'page')
  assertError(await city.get('/api/estates?sort=bogus'), 400, undefined, 'sort')
  assertError(await city.get('/api/estates?sort=name;DROP TABLE estates'), 400, undefined, 'sort')
  assertError(await city.get('/api/estates?order=sideways'), 400, undefined, 'order')
  assertError(await city.get('/api/estates?party_org=maybe'), 400, undefined, 'party_org')
  assertError(await city.get('/api/estates?demonstration=2'), 400, undefined, 'demonstration')
  assert.equal((await city.get('/api/estates?page_size=1')).json.total, 3000, 'still all there')
})

test('county_admin (蓬江区) sees only 440703, and its total equals the stats count', async () => {
  const stats = (await city.get('/api/stats/estates')).json
  const pj = stats.by_county.find((c) => c.code === PENGJIANG)
  assert.ok(pj && pj.count > 0)
  const mine = await listAll(county, {})
  assert.equal(mine.total, pj.count)
  for (const e of mine.items) assert.equal(e.county_code, PENGJIANG)
  const own = (await county.get('/api/stats/estates')).json
  assert.equal(own.total, pj.count)
  assert.deepEqual(own.by_county.map((c) => c.code), [PENGJIANG])
  // Asking for another county through the filter yields nothing.
  const other = await listAll(county, { county: XINHUI })
  assert.equal(other.total, 0)
})

test('a 新会区 estate is 404 (not 403) for the 蓬江区 admin', async () => {
  const xh = (await listAll(city, { county: XINHUI })).items[0]
  assert.equal((await city.get(`/api/estates/${xh.code}`)).status, 200)
  const r = await county.get(`/api/estates/${xh.code}`)
  assertError(r, 404)
  const absent = await county.get('/api/estates/NO-SUCH-ESTATE')
  assertError(absent, 404)
  assert.equal(r.json.error.code, absent.json.error.code, 'same answer as for an absent estate')
  // Nor can it be changed or deleted.
  assertError(await county.put(`/api/estates/${xh.code}`, { ...xh, name: '改名' }), 404)
  assertError(await county.del(`/api/estates/${xh.code}`), 404)
  assert.equal((await city.get(`/api/estates/${xh.code}`)).json.name, xh.name)
})

test('street_staff sees only its town', async () => {
  const s = await srv.login('street_staff')
  const p = await listAll(s, {})
  assert.ok(p.total > 0)
  for (const e of p.items) assert.equal(e.town_code, STREET_TOWN)
  const town = await listAll(city, { town: STREET_TOWN })
  assert.equal(p.total, town.total)
  const elsewhere = (await listAll(city, { county: PENGJIANG, sort: 'town', order: 'desc' })).items.find((e) => e.town_code !== STREET_TOWN)
  assertError(await s.get(`/api/estates/${elsewhere.code}`), 404)
})

test('applicant sees only its estate (list total 1)', async () => {
  const a = await srv.login('applicant')
  const scope = a.user.scope.code
  const p = await listAll(a, {})
  assert.equal(p.total, 1)
  assert.equal(p.items.length, 1)
  assert.equal(p.items[0].code, scope)
  assert.equal((await a.get(`/api/estates/${scope}`)).status, 200)
  const other = (await listAll(city, { county: PENGJIANG })).items.find((e) => e.code !== scope)
  assertError(await a.get(`/api/estates/${other.code}`), 404)
})

test('evaluator list → 403 forbidden', async () => {
  const ev = await srv.login('evaluator')
  assertError(await ev.get('/api/estates'), 403, 'forbidden')
  assertError(await ev.get('/api/estates/JM44070300001'), 403, 'forbidden')
})

test('create → get → update with version → stale update 409 → delete 204 → get 404', async () => {
  const body = estateBody()
  const c = await county.post('/api/estates', body)
  assert.equal(c.status, 201, c.text)
  assertEstateShape(c.json)
  for (const k of Object.keys(body)) assert.deepEqual(c.json[k], body[k], k)
  assert.equal(c.json.county_name, '蓬江区')
  assert.equal(c.json.town_name, '环市街道')
  assert.equal(c.json.version, 1)

  const g = await county.get(`/api/estates/${body.code}`)
  assert.equal(g.status, 200)
  assert.deepEqual(g.json, c.json)

  const u = await county.put(`/api/estates/${body.code}`, { ...body, name: '测试花园二期', households: 400, version: 1 })
  assert.equal(u.status, 200, u.text)
  assert.equal(u.json.version, 2)
  assert.equal(u.json.name, '测试花园二期')
  assert.equal(u.json.households, 400)
  assert.equal((await county.get(`/api/estates/${body.code}`)).json.version, 2)

  const stale = await county.put(`/api/estates/${body.code}`, { ...body, name: '别人的修改', version: 1 })
  assertError(stale, 409, 'estate.version.stale')
  assert.equal((await county.get(`/api/estates/${body.code}`)).json.name, '测试花园二期')

  assertError(await county.put(`/api/estates/${body.code}`, { ...body }), 400, undefined, 'version')

  const d = await county.del(`/api/estates/${body.code}`)
  assert.equal(d.status, 204, d.text)
  assertError(await county.get(`/api/estates/${body.code}`), 404)
  assertError(await city.get(`/api/estates/${body.code}`), 404)
  const q = await listAll(city, { q: '测试花园二期' })
  assert.equal(q.total, 0, 'a deleted estate is not listed')
  assertError(await county.del(`/api/estates/${body.code}`), 404)
})

test('update keeps the code of the URL; missing estate → 404', async () => {
  const body = estateBody()
  assert.equal((await county.post('/api/estates', body)).status, 201)
  assertError(await county.put('/api/estates/NO-SUCH-CODE', { ...body, version: 1 }), 404)
})

test('create with a duplicate code → 409 estate.code.duplicate', async () => {
  const body = estateBody()
  assert.equal((await county.post('/api/estates', body)).status, 201)
  assertError(await county.post('/api/estates', { ...body, name: '另一个' }), 409, 'estate.code.duplicate')
  // A demo estate's code too.
  assertError(await city.post('/api/estates', estateBody({ code: 'JM44070300001' })), 409, 'estate.code.duplicate')
})

test('create with an invalid credit code → 400 field company_uscc', async () => {
  assertError(await county.post('/api/estates', estateBody({ company_uscc: badUscc('91440703MA4UTE5T1') })), 400, undefined, 'company_uscc')
  assertError(await county.post('/api/estates', estateBody({ company_uscc: '123' })), 400, undefined, 'company_uscc')
  assertError(await county.post('/api/estates', estateBody({ company_uscc: '' })), 400, undefined, 'company_uscc')
  // Not needed when not professionally managed.
  const self = await county.post('/api/estates', estateBody({ management_mode: 'self', company_name: '', company_uscc: '' }))
  assert.equal(self.status, 201, self.text)
})

test('other field rules → 400 naming the field', async () => {
  assertError(await county.post('/api/estates', estateBody({ code: 'bad code!' })), 400, undefined, 'code')
  assertError(await county.post('/api/estates', estateBody({ code: '' })), 400, undefined, 'code')
  assertError(await county.post('/api/estates', estateBody({ code: 'A'.repeat(33) })), 400, undefined, 'code')
  assertError(await county.post('/api/estates', estateBody({ name: '' })), 400, undefined, 'name')
  assertError(await county.post('/api/estates', estateBody({ households: 0 })), 400, undefined, 'households')
  assertError(await county.post('/api/estates', estateBody({ households: 100001 })), 400, undefined, 'households')
  assertError(await county.post('/api/estates', estateBody({ management_mode: 'other' })), 400, undefined, 'management_mode')
  assertError(await county.post('/api/estates', estateBody({ owners_org: 'x' })), 400, undefined, 'owners_org')
  const { households, ...noHouseholds } = estateBody()
  assertError(await county.post('/api/estates', noHouseholds), 400, undefined, 'households')
})

test('create in another county as county admin → 404 not_found (policy: outside the scope is not found)', async () => {
  const r = await county.post('/api/estates', estateBody({ county_code: XINHUI, town_code: '440705001' }))
  assertError(r, 404, 'not_found')
})

test('moving an own estate into another county → 404; the estate stays', async () => {
  const body = estateBody()
  assert.equal((await county.post('/api/estates', body)).status, 201)
  const r = await county.put(`/api/estates/${body.code}`, { ...body, county_code: XINHUI, town_code: '440705001', version: 1 })
  assertError(r, 404)
  assert.equal((await county.get(`/api/estates/${body.code}`)).json.county_code, PENGJIANG)
})

test('street_staff create → 403 forbidden', async () => {
  const s = await srv.login('street_staff')
  assertError(await s.post('/api/estates', estateBody()), 403, 'forbidden')
  const ap = await srv.login('applicant')
  assertError(await ap.post('/api/estates', estateBody()), 403, 'forbidden')
})

test('unknown town, or a town of another county → 400 field town_code', async () => {
  assertError(await county.post('/api/estates', estateBody({ town_code: '440703999' })), 400, undefined, 'town_code')
  assertError(await city.post('/api/estates', estateBody({ town_code: '440705001' })), 400, undefined, 'town_code')
  assertError(await city.post('/api/estates', estateBody({ county_code: '440799', town_code: '440799001' })), 400, undefined, 'county_code')
})

test('city admin may create anywhere', async () => {
  const r = await city.post('/api/estates', estateBody({ county_code: XINHUI, town_code: '440705001', company_uscc: uscc('91440705MA4UXH001') }))
  assert.equal(r.status, 201, r.text)
  assert.equal(r.json.county_name, '新会区')
  assertError(await county.get(`/api/estates/${r.json.code}`), 404)
  const xh = await srv.login('county_admin_xh')
  assert.equal((await xh.get(`/api/estates/${r.json.code}`)).status, 200)
})

test('divisions: county admin sees its county subtree with a path from the city', async () => {
  const r = await county.get('/api/divisions')
  assert.equal(r.status, 200)
  assert.equal(r.json.tree.code, PENGJIANG)
  assert.equal(r.json.tree.level, 'county')
  assert.ok(r.json.tree.children.length > 0)
  assert.ok(r.json.tree.children.every((t) => t.level === 'town' && t.code.startsWith(PENGJIANG)))
  assert.deepEqual(r.json.path.map((p) => p.code), ['440700', PENGJIANG])
  const total = (await listAll(county, {})).total
  assert.equal(r.json.tree.estate_count, total)
})
