// Rubric refinement and applications (申报): a county refines its rubric before the apply phase
// (frozen from 09-01); the demo applicant applies for its own estate, writes its self-assessment,
// uploads evidence, submits (frozen), withdraws and resubmits. Every route's refusals: roles (403),
// scope (404), phase (403 phase.closed naming 申报 2023-09-01…09-20), bad input (400/409/413), no login (401).
// Server A runs on 2023-09-05 (apply open); servers on the same database on other days move time.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { startServer, request, rawRequest, assertError, parseCsv, PENGJIANG, XINHUI } from './harness.mjs'

const Y = 2023
const R = `/api/campaigns/${Y}/rubric`
const A = `/api/campaigns/${Y}/applications`
let srv, city, county, xh, street, auditor, applicant, evaluator, applicant2
let estate, estate2 // the demo applicant's estate; another 蓬江区 estate with its own applicant
let appId, pdfId, pngId

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1'), crypto.randomBytes(3000), Buffer.from('\n%%EOF\n')])
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(500)])
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>')
const REFINEMENT = {
  items: [
    { id: '1.1', sub_items: [{ name: '党组织健全', max: '4' }, { name: '多方协调机制', max: '2.5' }] },
    { id: '3.4', max: '12' },
  ],
}
const body = (over = {}) => ({
  estate_code: estate,
  applicant_type: 'owners_committee',
  applicant_name: '幸福家园业主委员会',
  contact_name: '李红',
  contact_phone: '138-1234-5678',
  ...over,
})

before(async () => {
  srv = await startServer({ env: { MEIHAO_TODAY: '2023-09-05' } })
  ;[city, county, xh, street, auditor, applicant, evaluator] = await Promise.all(
    ['city_admin', 'county_admin', 'county_admin_xh', 'street_staff', 'auditor', 'applicant', 'evaluator'].map((u) => srv.login(u)),
  )
  estate = applicant.user.scope.code
  const own = await city.get(`/api/estates/${estate}`)
  assert.equal(own.status, 200, own.text)
  assert.equal(own.json.county_code, PENGJIANG, 'the demo applicant’s estate lies in 蓬江区')
  const list = await city.get(`/api/estates?county=${PENGJIANG}&page_size=20`)
  estate2 = list.json.items.map((e) => e.code).find((c) => c !== estate)
  const u = { username: 'applicant_two', display_name: '第二个红色管家', role: 'applicant', scope: estate2, password: 'Initial-Pass-2026' }
  assert.equal((await city.post('/api/users', u)).status, 201)
  const first = await srv.login(u.username, u.password)
  assert.equal((await first.post('/api/session/password', { old_password: u.password, new_password: 'Second-Apply-2026' })).status, 204)
  applicant2 = await srv.login(u.username, 'Second-Apply-2026')
})
after(async () => {
  await srv?.stop()
})

const upload = (client, id, item, bytes, name) =>
  client.upload(`${A}/${id}/files?item=${encodeURIComponent(item)}&filename=${encodeURIComponent(name)}`, bytes)

// ---- Rubric ------------------------------------------------------------------------------------

test('rubric: the reference until refined, readable by every role whose scope overlaps the unit', async () => {
  const r = await county.get(`${R}?unit=${PENGJIANG}`)
  assert.equal(r.status, 200, r.text)
  assert.equal(r.json.version, 0)
  assert.equal(r.json.level, 'county')
  assert.equal(r.json.unit_name, '蓬江区')
  assert.equal(r.json.refined, false)
  assert.deepEqual(r.json.refinement, { items: [] })
  assert.deepEqual(r.json.sections.map((s) => [s.number, s.weight, s.max, s.items.length]), [[1, 20, '60', 6], [2, 20, '40', 4], [3, 40, '80', 8], [4, 20, '70', 7]])
  const s3 = r.json.sections[2].items
  assert.deepEqual([s3[0].id, s3[0].gate, s3[1].id, s3[1].gate, s3[2].gate], ['3.1', 'p1', '3.2', 'p8_fee', 'none'])
  assert.equal(r.json.sections[0].items[0].max, '10')
  assert.deepEqual(r.json.maxima.map((m) => m.max), ['60', '40', '80', '70'])
  assert.equal(r.json.frozen, true, 'apply opened on 09-01')
  assert.equal(r.json.frozen_phase, 'apply')
  assert.equal(r.json.frozen_from, '2023-09-01')

  for (const c of [city, auditor, evaluator, street, applicant]) assert.equal((await c.get(`${R}?unit=${PENGJIANG}`)).status, 200)
  for (const c of [city, county, xh, street, auditor, applicant, evaluator]) {
    const cityUnit = await c.get(`${R}?unit=440700`)
    assert.equal(cityUnit.status, 200)
    assert.equal(cityUnit.json.level, 'city')
    assert.equal(cityUnit.json.frozen_phase, 'city_review')
    assert.equal(cityUnit.json.frozen, false)
  }
  assertError(await xh.get(`${R}?unit=${PENGJIANG}`), 404, 'not_found')
  assertError(await street.get(`${R}?unit=${XINHUI}`), 404, 'not_found')
  assertError(await applicant.get(`${R}?unit=${XINHUI}`), 404, 'not_found')
  assertError(await city.get(`${R}?unit=440703001`), 404, 'rubric.unit.not_found')
  assertError(await city.get(`${R}?unit=123456`), 404, 'rubric.unit.not_found')
  assertError(await city.get(R), 400, 'rubric.unit.required', 'unit')
  assertError(await city.get(`/api/campaigns/2031/rubric?unit=${PENGJIANG}`), 404, 'campaign.not_found')
  assert.equal((await srv.anon.get(`${R}?unit=${PENGJIANG}`)).status, 401)
})

test('rubric: a county refines before apply (2023-08-15): maxima, every problem at once, version, roles, audit', async () => {
  const b = await srv.alsoOn('2023-08-15')
  try {
    const c = b.as(county)
    const put = (client, unit, json) => b.as(client)('PUT', `${R}?unit=${unit}`, json)
    const r = await c('PUT', `${R}?unit=${PENGJIANG}`, { ...REFINEMENT, version: 0 })
    assert.equal(r.status, 200, r.text)
    assert.equal(r.json.version, 1)
    assert.equal(r.json.frozen, false)
    assert.equal(r.json.updated_by, 'county_admin')
    assert.deepEqual(r.json.refinement, { items: [{ id: '1.1', sub_items: [{ name: '党组织健全', max: '4' }, { name: '多方协调机制', max: '2.5' }] }, { id: '3.4', max: '12' }] })
    // S1: five items of 10 + 4 + 2.5 = 56.5; S3: seven of 10 + 12 = 82.
    assert.deepEqual(r.json.maxima.map((m) => m.max), ['56.5', '40', '82', '70'])
    assert.equal(r.json.sections[0].items[0].max, '6.5')
    assert.deepEqual(r.json.maxima[2].items.find((i) => i.id === '3.4'), { id: '3.4', max: '12' })

    assertError(await put(county, PENGJIANG, { ...REFINEMENT, version: 0 }), 409, 'rubric.version.stale', 'version')
    assertError(await put(county, PENGJIANG, REFINEMENT), 400, 'version.required', 'version')
    assertError(await put(county, PENGJIANG, { version: 1 }), 400, 'items.required', 'items')
    const bad = await put(county, PENGJIANG, {
      version: 1,
      items: [{ id: '3.1', sub_items: [{ name: '满意度', max: '5' }] }, { id: '2.1', max: '0' }, { id: '9.9', max: '5' }],
    })
    assertError(bad, 400)
    assert.equal(bad.json.errors.length, 3, bad.text)
    assert.equal(bad.json.error.code, bad.json.errors[0].code)
    assert.ok(bad.json.errors.every((e) => e.field.startsWith('items') && /[\u4e00-\u9fff]/.test(e.message_zh)), bad.text)
    assertError(await put(county, PENGJIANG, { version: 1, sections: [], items: [] }), 400, 'rubric.weights.fixed')

    for (const who of [street, auditor, evaluator, applicant]) assertError(await put(who, PENGJIANG, { items: [], version: 1 }), 403, 'forbidden')
    assertError(await put(xh, PENGJIANG, { items: [], version: 1 }), 404, 'not_found')
    assertError(await put(county, '440700', { items: [], version: 0 }), 403, 'forbidden')
    assertError(await put(county, '440703001', { items: [], version: 0 }), 404, 'rubric.unit.not_found')
    assertError(await b.as(county)('PUT', `${R}?unit=${PENGJIANG}`, { items: [], version: 1 }, { csrf: '' }), 403, 'csrf')
    assert.equal((await request(srv.base, 'PUT', `${R}?unit=${PENGJIANG}`, { json: { items: [], version: 1 } })).status, 401)

    // 新会区 refines and returns to the reference: the version keeps counting.
    const x1 = await put(xh, XINHUI, { items: [{ id: '4.7', max: '5' }], version: 0 })
    assert.equal(x1.status, 200, x1.text)
    assert.deepEqual(x1.json.maxima.map((m) => m.max), ['60', '40', '80', '65'])
    const x2 = await put(xh, XINHUI, { items: [], version: 1 })
    assert.equal(x2.status, 200)
    assert.equal(x2.json.version, 2)
    assert.equal(x2.json.refined, false)
    assert.deepEqual(x2.json.maxima.map((m) => m.max), ['60', '40', '80', '70'])
  } finally {
    await b.stop()
  }
  const audit = await city.get('/api/audit?action=rubric.refine&page_size=10')
  const mine = audit.json.items.filter((i) => i.object === `rubric:${Y}:${PENGJIANG}`)
  assert.equal(mine.length, 1)
  assert.equal(JSON.parse(mine[0].before).refinement, null)
  assert.deepEqual(JSON.parse(mine[0].after).refinement.items.map((i) => i.id), ['1.1', '3.4'])
  assert.equal(audit.json.items.filter((i) => i.object === `rubric:${Y}:${XINHUI}`).length, 2)
})

test('rubric: frozen from the apply phase (county) and from city review (city); the city administrator may reopen', async () => {
  const locked = await county.put(`${R}?unit=${PENGJIANG}`, { items: [], version: 1 })
  assertError(locked, 403, 'settings.locked', 'rubric')
  assert.match(locked.json.error.message_zh, /申报.*2023-09-01/)
  assertError(await county.put(`${R}?unit=${PENGJIANG}`, { items: [], version: 1, reopen: true }), 403, 'forbidden')
  const reopened = await city.put(`${R}?unit=${XINHUI}`, { items: [{ id: '4.1', max: '8' }], version: 2, reopen: true })
  assert.equal(reopened.status, 200, reopened.text)
  assert.equal(reopened.json.frozen, true)
  const audit = await city.get('/api/audit?action=rubric.refine.reopen')
  assert.equal(audit.json.items.length, 1)

  // The city's own rubric: open in September, frozen from 10-01.
  const cityRubric = await city.put(`${R}?unit=440700`, { items: [{ id: '4.7', max: '5' }], version: 0 })
  assert.equal(cityRubric.status, 200, cityRubric.text)
  assert.equal(cityRubric.json.level, 'city')
  const b = await srv.alsoOn('2023-10-02')
  try {
    const r = await b.as(city)('PUT', `${R}?unit=440700`, { items: [], version: 1 })
    assertError(r, 403, 'settings.locked', 'rubric')
    assert.match(r.json.error.message_zh, /市级评价.*2023-10-01/)
    assert.equal((await b.as(city)('PUT', `${R}?unit=440700`, { items: [], version: 1, reopen: true })).status, 200)
  } finally {
    await b.stop()
  }
})

// ---- Applications ------------------------------------------------------------------------------

test('apply: only the estate’s applicant, for its own estate, once', async () => {
  for (const who of [city, county, street, auditor, evaluator]) assertError(await who.post(A, body()), 403, 'forbidden')
  assertError(await applicant.post(A, body({ estate_code: estate2 })), 404, 'estate.not_found')
  assertError(await applicant.post(A, body({ estate_code: 'JM000000000' })), 404, 'estate.not_found')
  assertError(await applicant.post(A, body({ applicant_type: 'tenant' })), 400, 'application.applicant_type.value', 'applicant_type')
  assertError(await applicant.post(A, body({ applicant_name: ' ' })), 400, 'application.applicant_name.required', 'applicant_name')
  assertError(await applicant.post(A, body({ contact_name: '李'.repeat(101) })), 400, 'application.contact_name.length', 'contact_name')
  assertError(await applicant.post(A, body({ contact_phone: '12345' })), 400, 'application.contact_phone.format', 'contact_phone')
  assertError(await applicant.post(A, body(), { csrf: '' }), 403, 'csrf')
  assert.equal((await srv.anon.post(A, body())).status, 401)
  assertError(await applicant.post(`/api/campaigns/2031/applications`, body()), 404, 'campaign.not_found')

  const r = await applicant.post(A, body())
  assert.equal(r.status, 201, r.text)
  appId = r.json.id
  assert.equal(r.json.status, 'draft')
  assert.equal(r.json.estate_code, estate)
  assert.equal(r.json.county_code, PENGJIANG)
  assert.equal(r.json.contact_phone, '13812345678', 'normalised')
  assert.equal(r.json.applicant_type_zh, '业主委员会')
  assert.equal(r.json.items.length, 25)
  const i11 = r.json.items[0]
  assert.deepEqual([i11.id, i11.max, i11.sub_items.length, i11.self_assessment, i11.files.length], ['1.1', '6.5', 2, '', 0], 'the county’s refined rubric')
  assert.equal(r.json.items.find((i) => i.id === '3.4').max, '12')
  assert.deepEqual(r.json.history.map((h) => [h.event, h.username]), [['created', 'applicant']])
  assert.equal(r.json.automatic_frozen, false)

  assertError(await applicant.post(A, body()), 409, 'application.exists')
  const second = await applicant2.post(A, body({ estate_code: estate2 }))
  assert.equal(second.status, 201, 'another estate’s applicant applies for its own')
})

test('read: the principle checks with their figures; who sees an application', async () => {
  const r = await applicant.get(`${A}/${appId}`)
  assert.equal(r.status, 200, r.text)
  const a = r.json.automatic
  assert.ok(a, 'live automatic checks for a draft')
  assert.deepEqual(r.json.principles.map((p) => p.id), ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9'])
  const [p1, p2, p3, , , , , p8] = r.json.principles
  assert.equal(p1.automatic_passed, a.p1)
  assert.equal(p2.automatic_passed, a.p2_party_org)
  assert.equal(p3.automatic_passed, null)
  assert.equal(p3.automatic_zh, '')
  assert.equal(p8.automatic_passed, a.p8_fee)
  if (a.satisfaction_index !== null) assert.ok(p1.automatic_zh.includes(`满意度指数${a.satisfaction_index}`), p1.automatic_zh)
  if (a.satisfaction_rank !== null)
    assert.ok(p1.automatic_zh.includes(`${a.satisfaction_n}个参与排名的小区中排第${a.satisfaction_rank}名（前${a.satisfaction_k}名符合）`), p1.automatic_zh)
  assert.ok(p1.automatic_zh.includes(`投诉率${a.complaint_rate}件/千户（${a.complaint_count}件）`), p1.automatic_zh)
  if (a.fee_rate !== null) {
    const pct = (Math.round(Number(a.fee_rate) * 10000) / 100).toFixed(2)
    assert.ok(p8.automatic_zh.includes(`${a.fee_year}年度物业费收缴率${pct}%`), p8.automatic_zh)
  }
  // The same figures as the rankings and the gates the county reads.
  const ranking = await city.get(`/api/campaigns/${Y}/rankings?format=json`)
  assert.equal(ranking.status, 200)
  const row = ranking.json.rows.find((x) => x.estate_code === estate)
  const cut = ranking.json.cuts.find((x) => x.county_code === PENGJIANG)
  assert.deepEqual(
    [a.satisfaction_sample, a.satisfaction_index, a.satisfaction_rank, a.complaint_count, a.complaint_rate, a.complaint_rank],
    [row.satisfaction_sample, row.satisfaction_index, row.satisfaction_rank, row.complaint_count, row.complaint_rate, row.complaint_rank],
  )
  assert.deepEqual([a.satisfaction_n, a.satisfaction_k, a.complaint_n, a.complaint_k], [cut.satisfaction_n, cut.satisfaction_k, cut.complaint_n, cut.complaint_k])
  assert.equal(a.p1, row.top_satisfaction || row.bottom_complaints)
  const gates = parseCsv((await city.get(`/api/campaigns/${Y}/gates`)).text)
  const g = gates.find((x) => x[0] === estate)
  assert.deepEqual(
    [a.p1, a.p2_party_org, a.p4_owners_org, a.p6_professional, a.p6_no_penalty, a.fee_rate ?? '', a.p8_fee, a.auto_ok],
    [g[1] === '1', g[2] === '1', g[3] === '1', g[4] === '1', g[5] === '1', g[6], g[7] === '1', g[8] === '1'],
  )

  for (const who of [city, county, auditor]) assert.equal((await who.get(`${A}/${appId}`)).status, 200)
  const town = (await city.get(`/api/estates/${estate}`)).json.town_code
  if (town === street.user.scope.code) assert.equal((await street.get(`${A}/${appId}`)).status, 200)
  else assertError(await street.get(`${A}/${appId}`), 404, 'application.not_found')
  assertError(await xh.get(`${A}/${appId}`), 404, 'application.not_found')
  assertError(await evaluator.get(`${A}/${appId}`), 404, 'application.not_found', undefined)
  assertError(await applicant2.get(`${A}/${appId}`), 404, 'application.not_found')
  assertError(await city.get(`${A}/999999`), 404, 'application.not_found')
  assertError(await city.get(`${A}/abc`), 404, 'application.not_found')
  assert.equal((await srv.anon.get(`${A}/${appId}`)).status, 401)

  const mine = await applicant.get(A)
  assert.deepEqual(mine.json.items.map((x) => x.id), [appId])
  assert.equal(mine.json.items[0].estate_name.length > 0, true)
  assert.equal(mine.json.items[0].county_code, PENGJIANG)
  assert.equal((await county.get(`${A}?county=${PENGJIANG}`)).json.items.length, 2)
  assert.equal((await county.get(`${A}?status=submitted`)).json.items.length, 0)
  assert.equal((await xh.get(A)).json.items.length, 0)
  assert.equal((await city.get(A)).json.items.length, 2)
  assertError(await evaluator.get(A), 403, 'forbidden')
  assertError(await city.get(`${A}?status=open`), 400, 'application.status.value', 'status')
  assertError(await city.get(`${A}?county=440799`), 404, 'county.not_found')
  assert.equal((await srv.anon.get(A)).status, 401)
})

test('edit: self-assessments per item, every problem at once, optimistic locking', async () => {
  const v = (await applicant.get(`${A}/${appId}`)).json.version
  const bad = await applicant.put(`${A}/${appId}`, {
    version: v,
    contact_phone: '110',
    items: { '1.1': '建立小区党支部。', '3.1': '满意度很高', '9.9': '不存在', '2.1': '字'.repeat(2001) },
  })
  assertError(bad, 400, 'application.contact_phone.format', 'contact_phone')
  assert.deepEqual(bad.json.errors.map((e) => e.field), ['contact_phone', 'items.2.1', 'items.3.1', 'items.9.9'])
  assert.deepEqual(bad.json.errors.map((e) => e.code).slice(1), ['application.item.length', 'application.item.gate', 'application.item.unknown'])
  assertError(await applicant.put(`${A}/${appId}`, { items: { '1.1': 'x' } }), 400, 'version.required', 'version')
  assertError(await applicant.put(`${A}/${appId}`, { version: v, items: ['1.1'] }), 400, 'items.type', 'items')

  const ok = await applicant.put(`${A}/${appId}`, { version: v, applicant_name: '幸福家园小区党支部', applicant_type: 'party_organisation', items: { '1.1': '  建立小区党支部，每月召开联席会议。 ', '2.1': '业委会依法选举产生。' } })
  assert.equal(ok.status, 200, ok.text)
  assert.equal(ok.json.version, v + 1)
  assert.equal(ok.json.applicant_name, '幸福家园小区党支部')
  assert.equal(ok.json.contact_name, '李红', 'absent fields unchanged')
  assert.equal(ok.json.items[0].self_assessment, '建立小区党支部，每月召开联席会议。')
  assert.deepEqual(ok.json.history.map((h) => h.event), ['created', 'edited'])
  assertError(await applicant.put(`${A}/${appId}`, { version: v, items: { '1.2': 'x' } }), 409, 'application.version.stale', 'version')

  for (const who of [city, county, street, auditor, evaluator]) assertError(await who.put(`${A}/${appId}`, { version: v + 1, items: {} }), 403, 'forbidden')
  assertError(await applicant2.put(`${A}/${appId}`, { version: v + 1, items: {} }), 404, 'application.not_found')
  assert.equal((await srv.anon.put(`${A}/${appId}`, { version: v + 1 })).status, 401)
})

test('evidence: JPEG/PNG/PDF by content, ≤ 10 MiB, random stored names, downloads as attachments', async () => {
  const pdf = await upload(applicant, appId, '1.1', PDF, '党建台账.PDF')
  assert.equal(pdf.status, 201, pdf.text)
  assert.equal(pdf.json.mime, 'application/pdf')
  assert.equal(pdf.json.original_name, '党建台账.PDF')
  assert.equal(pdf.json.size, PDF.length)
  assert.equal(pdf.json.sha256, crypto.createHash('sha256').update(PDF).digest('hex'))
  pdfId = pdf.json.id
  const png = await upload(applicant, appId, '2.1', PNG, 'photo.pdf')
  assert.equal(png.status, 201, png.text)
  assert.equal(png.json.mime, 'image/png', 'the content decides, not the name')
  assert.equal(png.json.original_name, 'photo.pdf.png')
  pngId = png.json.id

  assertError(await upload(applicant, appId, '1.1', HTML, 'evil.pdf'), 400, 'evidence.type', 'file')
  assertError(await upload(applicant, appId, '1.1', Buffer.from('PK\x03\x04 a docx'), 'a.docx'), 400, 'evidence.type')
  assertError(await upload(applicant, appId, '1.1', Buffer.alloc(0), 'empty.pdf'), 400, 'evidence.empty')
  assertError(await upload(applicant, appId, '3.1', PDF, 'x.pdf'), 400, 'application.item.gate', 'item')
  assertError(await upload(applicant, appId, '7.7', PDF, 'x.pdf'), 400, 'application.item.unknown', 'item')
  assertError(await upload(applicant, appId, '', PDF, 'x.pdf'), 400, 'evidence.item.required', 'item')
  for (const who of [city, county, street, auditor, evaluator]) assertError(await upload(who, appId, '1.1', PDF, 'x.pdf'), 403, 'forbidden')
  assertError(await upload(applicant2, appId, '1.1', PDF, 'x.pdf'), 404, 'application.not_found')
  const big = Buffer.concat([PDF, Buffer.alloc((10 << 20) + 1 - PDF.length)])
  const tooBig = await rawRequest(srv.port, 'POST', `${A}/${appId}/files?item=1.1&filename=big.pdf`, big, {
    Cookie: applicant.cookie,
    'X-CSRF-Token': applicant.csrf,
    'Content-Type': 'application/pdf',
  })
  assert.equal(tooBig.status, 413, tooBig.text)
  const atLimit = Buffer.concat([PDF, Buffer.alloc((10 << 20) - PDF.length)])
  const limit = await upload(applicant, appId, '1.2', atLimit, 'big.pdf')
  assert.equal(limit.status, 201, 'exactly 10 MiB is allowed')

  const got = await county.get(`${A}/${appId}/files/${pdfId}`)
  assert.equal(got.status, 200)
  assert.ok(got.buf.equals(PDF), 'the same bytes')
  assert.equal(got.headers.get('content-type'), 'application/pdf')
  assert.match(got.headers.get('content-disposition'), /^attachment;/)
  assert.match(got.headers.get('content-disposition'), /filename\*=UTF-8''%E5%85%9A%E5%BB%BA%E5%8F%B0%E8%B4%A6\.PDF/)
  assert.equal(got.headers.get('x-content-type-options'), 'nosniff')
  assert.equal((await applicant.get(`${A}/${appId}/files/${pngId}`)).headers.get('content-type'), 'image/png')
  assert.equal((await auditor.get(`${A}/${appId}/files/${pdfId}`)).status, 200)
  assertError(await xh.get(`${A}/${appId}/files/${pdfId}`), 404, 'application.not_found')
  assertError(await evaluator.get(`${A}/${appId}/files/${pdfId}`), 404, 'application.not_found')
  assertError(await applicant2.get(`${A}/${appId}/files/${pdfId}`), 404, 'application.not_found')
  assertError(await county.get(`${A}/${appId}/files/999999`), 404, 'evidence.not_found')
  assert.equal((await srv.anon.get(`${A}/${appId}/files/${pdfId}`)).status, 401)

  const dir = path.join(srv.dir, 'files', 'evidence')
  const stored = fs.readdirSync(dir)
  assert.equal(stored.length, 3, 'three files kept, none of the refused ones')
  assert.ok(stored.every((f) => /^[A-Za-z0-9_-]{32}$/.test(f)), 'random names, nothing of the uploader’s')

  // Delete: the applicant only; the file goes with its row.
  for (const who of [city, county]) assertError(await who.del(`${A}/${appId}/files/${limit.json.id}`), 403, 'forbidden')
  assertError(await applicant2.del(`${A}/${appId}/files/${limit.json.id}`), 404, 'application.not_found')
  assert.equal((await applicant.del(`${A}/${appId}/files/${limit.json.id}`)).status, 204)
  assertError(await applicant.del(`${A}/${appId}/files/${limit.json.id}`), 404, 'evidence.not_found')
  assert.equal(fs.readdirSync(dir).length, 2)
  const d = (await applicant.get(`${A}/${appId}`)).json
  assert.deepEqual(d.items[0].files.map((f) => f.id), [pdfId])
  assert.equal(d.items[0].files[0].url, `${A}/${appId}/files/${pdfId}`)
  assert.equal(d.file_count, 2)
})

test('submit: every item assessed first; then frozen with the rubric and the automatic checks', async () => {
  const missing = await applicant.post(`${A}/${appId}/submit`, {})
  assertError(missing, 400, 'application.item.missing', 'items.1.2')
  assert.equal(missing.json.errors.length, 21, '23 items take a self-assessment; 1.1 and 2.1 are written')
  assert.ok(!missing.json.errors.some((e) => e.field === 'items.3.1' || e.field === 'items.3.2'))

  const d = (await applicant.get(`${A}/${appId}`)).json
  const items = {}
  for (const i of d.items) if (i.gate === 'none' && !i.self_assessment) items[i.id] = `第${i.id}项：已按标准落实。`
  assert.equal((await applicant.put(`${A}/${appId}`, { version: d.version, items })).status, 200)
  for (const who of [city, county, street, auditor, evaluator]) assertError(await who.post(`${A}/${appId}/submit`, {}), 403, 'forbidden')
  assertError(await applicant2.post(`${A}/${appId}/submit`, {}), 404, 'application.not_found')
  assertError(await applicant.post(`${A}/${appId}/submit`, { version: 1 }), 409, 'application.version.stale')
  assert.equal((await srv.anon.post(`${A}/${appId}/submit`, {})).status, 401)

  const r = await applicant.post(`${A}/${appId}/submit`, {})
  assert.equal(r.status, 200, r.text)
  assert.equal(r.json.status, 'submitted')
  assert.equal(r.json.editable, false)
  assert.match(r.json.submitted_at, /^2\d{3}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  assert.equal(Date.parse(r.json.submitted_at), r.json.submitted_ms)
  assert.equal(r.json.automatic_frozen, true)
  assert.equal(r.json.rubric_frozen, true)
  assert.equal(r.json.items[0].sub_items.length, 2, 'the county’s refinement, frozen')
  assert.deepEqual(r.json.history.map((h) => h.event), ['created', 'edited', 'evidence.added', 'evidence.added', 'evidence.added', 'evidence.deleted', 'edited', 'submitted'])
  const listed = await county.get(`${A}?status=submitted`)
  assert.deepEqual(listed.json.items.map((x) => x.id), [appId])

  // Frozen: no edit, no file change, no second submit.
  assertError(await applicant.put(`${A}/${appId}`, { version: r.json.version, items: { '1.1': '改' } }), 409, 'application.frozen')
  assertError(await upload(applicant, appId, '1.1', PDF, 'late.pdf'), 409, 'application.frozen')
  assertError(await applicant.del(`${A}/${appId}/files/${pdfId}`), 409, 'application.frozen')
  assertError(await applicant.post(`${A}/${appId}/submit`, {}), 409, 'application.frozen')

  const h = await county.get(`${A}/${appId}/history`)
  assert.equal(h.status, 200)
  const sub = h.json.items.at(-1)
  assert.equal(sub.event, 'submitted')
  assert.equal(sub.snapshot.status, 'submitted')
  assert.equal(sub.snapshot.items['1.1'], '建立小区党支部，每月召开联席会议。')
  assert.equal(sub.snapshot.files.length, 2)
  assertError(await xh.get(`${A}/${appId}/history`), 404, 'application.not_found')
  assertError(await evaluator.get(`${A}/${appId}/history`), 404, 'application.not_found')
  assert.equal((await srv.anon.get(`${A}/${appId}/history`)).status, 401)
})

test('withdraw: while submitted and before any county score sheet is submitted; editing makes it a draft again', async () => {
  for (const who of [city, county, street, auditor, evaluator]) assertError(await who.post(`${A}/${appId}/withdraw`, {}), 403, 'forbidden')
  assertError(await applicant2.post(`${A}/${appId}/withdraw`, {}), 404, 'application.not_found')
  assert.equal((await srv.anon.post(`${A}/${appId}/withdraw`, {})).status, 401)
  const w = await applicant.post(`${A}/${appId}/withdraw`, {})
  assert.equal(w.status, 200, w.text)
  assert.equal(w.json.status, 'withdrawn')
  assert.equal(w.json.editable, true)
  assertError(await applicant.post(`${A}/${appId}/withdraw`, {}), 409, 'application.status')
  const e = await applicant.put(`${A}/${appId}`, { version: w.json.version, items: { '4.7': '补充：开展消防演练两次。' } })
  assert.equal(e.status, 200, e.text)
  assert.equal(e.json.status, 'draft')
  const again = await applicant.post(`${A}/${appId}/submit`, {})
  assert.equal(again.status, 200, again.text)

  // A county evaluator's submitted score sheet puts it under review.
  const evaluatorId = evaluator.user.id
  execFileSync('sqlite3', [srv.db, `INSERT INTO score_sheets(application_id, level, evaluator_id, status, scores, principles, saved_at, submitted_at) VALUES (${appId}, 'county', ${evaluatorId}, 'submitted', '{}', '{}', 'x', 'x')`])
  assertError(await applicant.post(`${A}/${appId}/withdraw`, {}), 409, 'application.under_review')
  execFileSync('sqlite3', [srv.db, `DELETE FROM score_sheets WHERE application_id = ${appId}`])
  const audit = await city.get('/api/audit?action=application.withdraw')
  assert.equal(audit.json.items.length, 1)
})

test('outside the apply phase: every write refused naming 申报 and its dates; reads allowed', async () => {
  for (const today of ['2023-08-15', '2023-09-25']) {
    const b = await srv.alsoOn(today)
    try {
      const ap = b.as(applicant)
      const refusals = [
        await b.as(applicant2)('POST', A, body({ estate_code: estate2 })),
        await ap('PUT', `${A}/${appId}`, { version: 1, items: {} }),
        await ap('POST', `${A}/${appId}/files?item=1.1&filename=x.pdf`, undefined, { body: PDF, headers: { 'Content-Type': 'application/pdf' } }),
        await ap('DELETE', `${A}/${appId}/files/${pdfId}`),
        await ap('POST', `${A}/${appId}/submit`, {}),
        await ap('POST', `${A}/${appId}/withdraw`, {}),
      ]
      for (const r of refusals) {
        assertError(r, 403, 'phase.closed', 'apply')
        assert.match(r.json.error.message_zh, /申报.*2023-09-01.*2023-09-20/)
      }
      assert.equal((await ap('GET', `${A}/${appId}`)).status, 200)
      assert.equal((await b.as(county)('GET', A)).status, 200)
      assert.equal((await b.as(county)('GET', `${A}/${appId}/files/${pdfId}`)).status, 200)
    } finally {
      await b.stop()
    }
  }
})
