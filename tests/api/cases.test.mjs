// Typical cases (典型案例, issue 11 part 4) over HTTP, on the demo campaign 2023 with "today"
// 2023-11-10 (the summary phase, 10-01…12-31): the county writes, illustrates and submits; the city
// returns, accepts and publishes; the public site shows published cases with 640 px thumbnails.
// Every refusal by role, scope, phase, status, version and input, and nothing written by a refused call.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, rawRequest, assertError, PENGJIANG, XINHUI } from './harness.mjs'
import { makePng } from './cases_png.mjs'

const C = '/api/campaigns/2023/cases'
const PUB = '/api/public/campaigns/2023/cases'
const PNG = makePng(1600, 1200)
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>')
const BODY = '某小区成立党支部，组织党员志愿者开展“红色管家”服务，推动加装电梯12部、整治停车秩序。'

let srv, county, xinhui, city, auditor, street, evaluator, applicant, estate, otherEstate, caseId, version
before(async () => {
  srv = await startServer({ env: { MEIHAO_TODAY: '2023-11-10' } })
  ;[county, xinhui, city, auditor, street, evaluator, applicant] = await Promise.all(
    ['county_admin', 'county_admin_xh', 'city_admin', 'auditor', 'street_staff', 'evaluator', 'applicant'].map((u) => srv.login(u)),
  )
  estate = (await city.get(`/api/estates?county=${PENGJIANG}&page_size=1&sort=code`)).json.items[0].code
  otherEstate = (await city.get(`/api/estates?county=${XINHUI}&page_size=1&sort=code`)).json.items[0].code
})
after(async () => {
  await srv?.stop()
})

const draft = (over = {}) => ({ county: PENGJIANG, title: '红色管家进小区', category: 'party_building', body: BODY, estates: [estate], ...over })
const upload = (client, id, bytes, name = 'photo.png') =>
  client.upload(`${C}/${id}/photos?filename=${encodeURIComponent(name)}`, bytes)

test('who may write and read: 401, 403, 404; bad input 400; outside the summary phase 403', async () => {
  assert.equal((await srv.anon.get(C)).status, 401)
  assert.equal((await srv.anon.post(C, draft())).status, 401)
  assertError(await city.post(C, draft()), 403, 'forbidden')
  assertError(await auditor.post(C, draft()), 403)
  assertError(await xinhui.post(C, draft()), 404)
  assertError(await evaluator.get(C), 403)
  assertError(await applicant.get(C), 403)
  assertError(await county.post(C, draft({ title: '短' })), 400, 'case.title.length', 'title')
  assertError(await county.post(C, draft({ category: '党建' })), 400, 'case.category', 'category')
  assertError(await county.post(C, draft({ body: '字'.repeat(5001) })), 400, 'case.body.length', 'body')
  assertError(await county.post(C, draft({ estates: [] })), 400, 'case.estates.required', 'estates')
  assertError(await county.post(C, draft({ estates: [otherEstate] })), 404, 'case.estate.not_found')
  assertError(await county.post(C, draft({ estates: 'x' })), 400, 'case.estates.type')
  assertError(await county.post(C, draft({ county: '440703001' })), 404, 'case.county.not_found')
  const b = await srv.alsoOn('2023-09-20')
  try {
    assertError(await b.as(county)('POST', C, draft()), 403, 'phase.closed')
  } finally {
    await b.stop()
  }
  assert.equal((await county.get(C)).json.items.length, 0, 'nothing was created')
})

test('a draft: 5,000 characters allowed; photos by content, at most 9, thumbnails 640 px', async () => {
  const r = await county.post(C, draft({ body: '字'.repeat(5000) }))
  assert.equal(r.status, 201, r.text)
  assert.equal(r.json.status, 'draft')
  assert.equal(r.json.category_zh, '党建引领')
  assert.equal(r.json.estates[0].code, estate)
  assert.ok(r.json.estates[0].name.length > 0)
  caseId = r.json.id
  const ed = await county.put(`${C}/${caseId}`, { ...draft(), version: r.json.version })
  assert.equal(ed.status, 200, ed.text)
  assert.equal(ed.json.body, BODY)
  assertError(await county.put(`${C}/${caseId}`, { ...draft(), version: r.json.version }), 409, 'case.version')
  assertError(await county.put(`${C}/${caseId}`, draft()), 400, 'version.required')

  const p = await upload(county, caseId, PNG, '活动现场.png')
  assert.equal(p.status, 201, p.text)
  const photo = p.json.photos[0]
  assert.equal(photo.thumb_width, 640)
  assert.equal(photo.thumb_height, 480, '1600×1200 keeps its shape')
  assertError(await upload(county, caseId, HTML, 'x.jpg'), 400, 'photo.type', 'photo')
  assertError(await upload(county, caseId, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])), 400, 'case.photo.decode')
  assertError(await upload(county, caseId, Buffer.alloc(0)), 400, 'photo.empty')
  assertError(await upload(xinhui, caseId, PNG), 404, 'case.not_found')
  assertError(await upload(city, caseId, PNG), 403)
  const big = Buffer.concat([PNG, Buffer.alloc((5 << 20) + 1 - PNG.length)])
  const tooBig = await rawRequest(srv.port, 'POST', `${C}/${caseId}/photos`, big, {
    Cookie: county.cookie,
    'X-CSRF-Token': county.csrf,
    'Content-Type': 'image/png',
  })
  assert.equal(tooBig.status, 413, tooBig.text)
  for (let i = 2; i <= 9; i++) assert.equal((await upload(county, caseId, makePng(320, 200))).status, 201)
  assertError(await upload(county, caseId, PNG), 400, 'case.photo.count')
  const got = await county.get(`/api/cases/photos/${photo.id}`)
  assert.equal(got.status, 200)
  assert.ok(got.buf.equals(PNG), 'the original as uploaded')
  assert.match(got.headers.get('content-disposition'), /^attachment;/)
  assertError(await xinhui.get(`/api/cases/photos/${photo.id}`), 404)
  assert.equal((await srv.anon.get(`/api/cases/photos/${photo.id}`)).status, 401)
  assert.equal((await srv.anon.get(`/api/public/cases/photos/${photo.id}/thumb`)).status, 404, 'not published yet')
  version = (await county.get(`${C}/${caseId}`)).json.version
})

test('draft → submitted → returned → resubmitted → accepted → published; refusals leave nothing changed', async () => {
  assert.equal((await city.get(C)).json.items.length, 0, 'the city does not see drafts')
  assertError(await city.post(`${C}/${caseId}/accept`, { version }), 409, 'case.not_submitted')
  assertError(await city.post(`${C}/${caseId}/submit`, { version }), 403)
  const s = await county.post(`${C}/${caseId}/submit`, { version })
  assert.equal(s.status, 200, s.text)
  assert.equal(s.json.status, 'submitted')
  assert.match(s.json.submitted_at, /^2023-11-(09|10)/, 'the business clock')
  version = s.json.version
  assertError(await county.put(`${C}/${caseId}`, { ...draft(), version }), 409, 'case.submitted')
  assertError(await county.post(`${C}/${caseId}/accept`, { version }), 403)
  assertError(await city.post(`${C}/${caseId}/return`, { version, comments: '改' }), 400, 'case.comments.length')
  assertError(await city.post(`${C}/${caseId}/publish`, { version }), 409, 'case.not_accepted')
  const ret = await city.post(`${C}/${caseId}/return`, { version, comments: '请补充居民受益情况。' })
  assert.equal(ret.status, 200, ret.text)
  assert.equal(ret.json.status, 'returned')
  assert.equal(ret.json.comments, '请补充居民受益情况。')
  const ed = await county.put(`${C}/${caseId}`, { ...draft({ body: BODY + '受益居民1200户。' }), version: ret.json.version })
  assert.equal(ed.status, 200, ed.text)
  const re = await county.post(`${C}/${caseId}/submit`, { version: ed.json.version })
  assert.equal(re.json.status, 'submitted')
  const acc = await city.post(`${C}/${caseId}/accept`, { version: re.json.version })
  assert.equal(acc.json.status, 'accepted')
  version = acc.json.version
  // Accepted: final for the county (403), and nothing changed.
  assertError(await county.put(`${C}/${caseId}`, { ...draft({ title: '改过的标题' }), version }), 403, 'case.locked')
  assertError(await county.post(`${C}/${caseId}/submit`, { version }), 403, 'case.locked')
  assertError(await upload(county, caseId, PNG), 403, 'case.locked')
  const still = await county.get(`${C}/${caseId}`)
  assert.equal(still.json.title, '红色管家进小区')
  assert.equal(still.json.version, version)
  const b = await srv.alsoOn('2024-01-05')
  try {
    assertError(await b.as(city)('POST', `${C}/${caseId}/publish`, { version }), 403, 'phase.closed')
  } finally {
    await b.stop()
  }
  assert.equal((await srv.anon.get(PUB)).json.items.length, 0)
  const pub = await city.post(`${C}/${caseId}/publish`, { version })
  assert.equal(pub.status, 200, pub.text)
  assert.equal(pub.json.status, 'published')
  assertError(await city.post(`${C}/${caseId}/publish`, { version: pub.json.version }), 409, 'case.published')
  for (const reader of [city, auditor, street, county]) assert.equal((await reader.get(`${C}/${caseId}`)).json.status, 'published')
  assertError(await xinhui.get(`${C}/${caseId}`), 404)
  assertError(await evaluator.get(`${C}/${caseId}`), 403)
  const audit = await city.get(`/api/audit?object=case:${caseId}`)
  const actions = audit.json.items.map((a) => a.action)
  for (const a of ['case.create', 'case.update', 'case.photo', 'case.submit', 'case.return', 'case.accept', 'case.publish'])
    assert.ok(actions.includes(a), `audited ${a}: ${actions}`)
})

test('the public site: the published case, its page and thumbnails, without workflow fields', async () => {
  const list = await srv.anon.get(PUB)
  assert.equal(list.status, 200)
  assert.equal(list.json.items.length, 1)
  const item = list.json.items[0]
  assert.equal(item.title, '红色管家进小区')
  assert.equal(item.status, undefined)
  assert.equal(item.comments, undefined, 'the city’s comments stay inside')
  assert.equal(item.photos.length, 9)
  assert.equal(item.photos[0].url, undefined, 'the original is not public')
  const page = await srv.anon.get(`${PUB}/${caseId}`)
  assert.equal(page.status, 200)
  assert.equal(page.json.county_name, '蓬江区')
  const thumb = await srv.anon.get(item.photos[0].thumb_url)
  assert.equal(thumb.status, 200)
  assert.equal(thumb.headers.get('content-type'), 'image/jpeg')
  assert.equal(thumb.buf[0], 0xff)
  assert.equal(thumb.buf[1], 0xd8)
  assert.ok(thumb.buf.length < PNG.length, 'smaller than the original')
  const draftCase = (await county.post(C, draft({ title: '另一个草稿案例' }))).json.id
  assertError(await srv.anon.get(`${PUB}/${draftCase}`), 404, 'case.not_found')
  assertError(await srv.anon.get(`${PUB}/abc`), 404)
})
