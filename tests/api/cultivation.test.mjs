// Cultivation (重点培育): the proposed list, the confirmed snapshot, additions with a reason, tasks,
// progress notes with photos, the overview; scope, roles and the cultivate phase (2023-05-01…08-31).
// Server A runs on 2023-06-15 (cultivate open); server B on the same database on 2023-09-10
// (cultivate closed: writes refused, reads allowed, unfinished tasks overdue).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { startServer, rawRequest, assertError, csv, UTF8_BOM, PENGJIANG, XINHUI, STREET_TOWN } from './harness.mjs'

const Y = 2023
const C = `/api/campaigns/${Y}/cultivation`
let srv, city, county, xh, street, auditor, applicant, evaluator
let confirmedCodes = []
let townEstate // a managed estate of 环市街道, added to the list with a reason
let taskId, noteId, photoId

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), crypto.randomBytes(2000), Buffer.from([0xff, 0xd9])])
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(500)])
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>')

before(async () => {
  srv = await startServer({ env: { MEIHAO_TODAY: '2023-06-15' } })
  ;[city, county, xh, street, auditor, applicant, evaluator] = await Promise.all(
    ['city_admin', 'county_admin', 'county_admin_xh', 'street_staff', 'auditor', 'applicant', 'evaluator'].map((u) => srv.login(u)),
  )
  if ((await city.get(`/api/campaigns/${Y}`)).status === 404) assert.equal((await city.post('/api/campaigns', { year: Y })).status, 201)
})
after(async () => {
  await srv?.stop()
})

const photoUpload = (client, id, bytes, name) =>
  client.upload(`${C}/notes/${id}/photos?filename=${encodeURIComponent(name)}`, bytes)

test('proposed list: the rules’ estates with their figures, per county, within the scope', async () => {
  const r = await county.get(C) // county_admin: the county defaults to the scope's
  assert.equal(r.status, 200, r.text)
  assert.equal(r.json.status, 'proposed')
  assert.equal(r.json.county_code, PENGJIANG)
  assert.equal(r.json.county_name, '蓬江区')
  assert.ok(r.json.estates.length > 0, 'the demo has top, bottom or demonstration estates')
  for (const e of r.json.estates) {
    assert.ok(e.top_satisfaction || e.bottom_complaints || e.demonstration, `${e.estate_code} is on the list for a reason`)
    assert.equal(e.source, 'rules')
    assert.match(e.complaint_rate, /^\d+\.\d{2}$/)
    assert.equal(typeof e.satisfaction_sample, 'number')
  }
  const byCity = await city.get(`${C}?county=${PENGJIANG}`)
  assert.deepEqual(byCity.json.estates.map((e) => e.estate_code), r.json.estates.map((e) => e.estate_code))
  assert.equal((await auditor.get(`${C}?county=${PENGJIANG}`)).status, 200)
  const mine = await street.get(C)
  assert.equal(mine.status, 200)
  assert.ok(mine.json.estates.every((e) => e.town_code === STREET_TOWN), 'street staff see their own town only')

  assertError(await xh.get(`${C}?county=${PENGJIANG}`), 404, 'not_found')
  assertError(await city.get(C), 400, 'county.required', 'county')
  assertError(await city.get(`${C}?county=440799`), 404, 'county.not_found')
  assertError(await applicant.get(`${C}?county=${PENGJIANG}`), 403, 'forbidden')
  assertError(await evaluator.get(`${C}?county=${PENGJIANG}`), 403, 'forbidden')
  assertError(await city.get(`/api/campaigns/2031/cultivation?county=${PENGJIANG}`), 404, 'campaign.not_found')
  assert.equal((await srv.anon.get(`${C}?county=${PENGJIANG}`)).status, 401)
})

test('confirm: a snapshot, once; only the county’s administrators', async () => {
  const proposed = (await county.get(C)).json.estates
  assertError(await street.post(`${C}/${PENGJIANG}/confirm`, {}), 403, 'forbidden')
  assertError(await auditor.post(`${C}/${PENGJIANG}/confirm`, {}), 403, 'forbidden')
  assertError(await xh.post(`${C}/${PENGJIANG}/confirm`, {}), 404)
  assertError(await county.post(`${C}/${PENGJIANG}/confirm`, {}, { csrf: '' }), 403, 'csrf')
  assertError(await city.post(`${C}/440799/confirm`, {}), 404, 'county.not_found')
  const r = await county.post(`${C}/${PENGJIANG}/confirm`, {})
  assert.equal(r.status, 201, r.text)
  assert.equal(r.json.status, 'confirmed')
  assert.equal(r.json.confirmed_by, 'county_admin')
  assert.deepEqual(r.json.estates.map((e) => e.estate_code), proposed.map((e) => e.estate_code))
  assert.deepEqual(r.json.estates.map((e) => e.complaint_count), proposed.map((e) => e.complaint_count))
  confirmedCodes = r.json.estates.map((e) => e.estate_code)
  assertError(await county.post(`${C}/${PENGJIANG}/confirm`, {}), 409, 'cultivation.confirmed')
  const shown = await county.get(C)
  assert.equal(shown.json.status, 'confirmed')
  assert.ok(shown.json.confirmed_at)
  assert.equal(shown.json.estates[0].tasks_total, 0)
  const trail = await city.get('/api/audit?action=cultivation.confirm')
  assert.equal(trail.json.items.length, 1)
  assert.equal(trail.json.items[0].object, `cultivation:${Y}:${PENGJIANG}`)
})

test('the snapshot keeps its figures after new records are imported', async () => {
  const code = confirmedCodes[0]
  const before = (await county.get(C)).json.estates.find((e) => e.estate_code === code)
  const live = async () => (await county.get(`/api/campaigns/${Y}/estates/${code}/figures`)).json.complaints.count
  const liveBefore = await live()
  const rows = [['投诉编号', '小区编码', '投诉日期', '是否物业管理类', '是否有效']]
  for (let i = 1; i <= 7; i++) rows.push([`CULT-SNAP-${i}`, code, '2023-03-0' + i, '是', '是'])
  const imp = await county.upload(`/api/imports/complaints?filename=c.csv`, Buffer.concat([UTF8_BOM, Buffer.from(csv(rows))]))
  assert.equal(imp.status, 200, imp.text)
  assert.equal(await live(), liveBefore + 7, 'the live figures see the new complaints')
  const after = (await county.get(C)).json.estates.find((e) => e.estate_code === code)
  for (const k of ['complaint_count', 'complaint_rate', 'complaint_rank', 'satisfaction_index', 'satisfaction_rank', 'listed_at'])
    assert.deepEqual(after[k], before[k], `${k} kept as confirmed`)
  assert.deepEqual((await county.get(C)).json.estates.map((e) => e.estate_code), confirmedCodes, 'no estate comes or goes')
})

test('add an estate with a reason: managed, of the county, not yet listed', async () => {
  const town = (await county.get(`/api/estates?town=${STREET_TOWN}&management_mode=professional&page_size=100&sort=code`)).json.items
  townEstate = town.find((e) => !confirmedCodes.includes(e.code)).code
  const url = `${C}/${PENGJIANG}/estates`
  assertError(await county.post(url, { estate_code: townEstate }), 400, 'cultivation.reason.required', 'reason')
  assertError(await county.post(url, { estate_code: townEstate, reason: '好' }), 400, 'cultivation.reason.length', 'reason')
  assertError(await county.post(url, { reason: '群众反映强烈' }), 400, 'estate_code.required')
  const theirs = (await city.get(`/api/estates?county=${XINHUI}&management_mode=professional&page_size=1`)).json.items[0].code
  assertError(await county.post(url, { estate_code: theirs, reason: '群众反映强烈' }), 404, 'estate.not_found')
  assertError(await city.post(url, { estate_code: theirs, reason: '群众反映强烈' }), 400, 'cultivation.estate.county')
  const unmanaged = (await county.get(`/api/estates?county=${PENGJIANG}&management_mode=none&page_size=1`)).json.items[0]
  if (unmanaged) assertError(await county.post(url, { estate_code: unmanaged.code, reason: '群众反映强烈' }), 400, 'cultivation.estate.unmanaged')
  assertError(await street.post(url, { estate_code: townEstate, reason: '群众反映强烈' }), 403)
  const ok = await county.post(url, { estate_code: townEstate, reason: '  老旧小区改造后物业服务提升明显，街道推荐  ' })
  assert.equal(ok.status, 201, ok.text)
  assert.equal(ok.json.source, 'added')
  assert.equal(ok.json.reason, '老旧小区改造后物业服务提升明显，街道推荐')
  assertError(await county.post(url, { estate_code: townEstate, reason: '群众反映强烈' }), 409, 'cultivation.estate.listed')
  const xhEstate = (await xh.get(`/api/estates?county=${XINHUI}&management_mode=professional&page_size=1`)).json.items[0].code
  assertError(await xh.post(`${C}/${XINHUI}/estates`, { estate_code: xhEstate, reason: '群众反映强烈' }), 409, 'cultivation.not_confirmed')
  const list = (await county.get(C)).json.estates
  assert.equal(list.at(-1).estate_code, townEstate, 'additions come after the rules’ estates')
})

test('tasks: assigned by administrators, checked, scoped; not for estates off the list', async () => {
  const url = `${C}/estates/${townEstate}/tasks`
  const body = { unit_type: 'street_office', unit_name: '环市街道办事处', title: '清理消防通道占用，完善停车管理', due_on: '2023-06-20' }
  assertError(await county.post(url, { ...body, unit_type: 'police' }), 400, 'cultivation.unit_type.value', 'unit_type')
  assertError(await county.post(url, { ...body, due_on: '2023-06-14' }), 400, 'cultivation.due_on.past', 'due_on')
  assertError(await county.post(url, { ...body, due_on: '2024-01-01' }), 400, 'cultivation.due_on.after_year', 'due_on')
  assertError(await county.post(url, { ...body, due_on: '2023/06/20' }), 400, 'cultivation.due_on.format', 'due_on')
  assertError(await county.post(url, { ...body, title: ' ' }), 400, 'cultivation.title.required', 'title')
  assertError(await county.post(url, { ...body, unit_name: 5 }), 400)
  assertError(await street.post(url, body), 403, 'forbidden')
  assertError(await xh.post(url, body), 404, 'estate.not_found')
  const off = (await county.get(`/api/estates?county=${PENGJIANG}&management_mode=professional&page_size=200&sort=code`)).json.items.find(
    (e) => !confirmedCodes.includes(e.code) && e.code !== townEstate,
  ).code
  assertError(await county.post(`${C}/estates/${off}/tasks`, body), 404, 'cultivation.not_listed')
  const r = await county.post(url, body)
  assert.equal(r.status, 201, r.text)
  assert.equal(r.json.status, 'todo')
  assert.equal(r.json.unit_type_zh, '街道办/镇政府')
  assert.equal(r.json.overdue, false)
  taskId = r.json.id
  const gas = await city.post(url, { unit_type: 'gas', unit_name: '江门市燃气公司', title: '更换老化燃气管道', due_on: '2023-08-31' })
  assert.equal(gas.status, 201, gas.text)
  const work = await street.get(url)
  assert.equal(work.status, 200, work.text)
  assert.deepEqual(work.json.tasks.map((t) => t.unit_type), ['street_office', 'gas'])
  assert.equal(work.json.entry.source, 'added')
  assertError(await xh.get(url), 404, 'estate.not_found')
  assertError(await county.get(`${C}/estates/${off}/tasks`), 404, 'cultivation.not_listed')
  assertError(await applicant.get(url), 403)
})

test('task status and due date: street staff move the status, administrators the date', async () => {
  const url = `${C}/tasks/${taskId}`
  const doing = await street.patch(url, { status: 'doing' })
  assert.equal(doing.status, 200, doing.text)
  assert.equal(doing.json.status, 'doing')
  assertError(await street.patch(url, { due_on: '2023-07-01' }), 403, 'forbidden')
  assertError(await xh.patch(url, { status: 'done' }), 404, 'task.not_found')
  assertError(await county.patch(url, {}), 400, 'cultivation.change.required')
  assertError(await county.patch(url, { status: 'finished' }), 400, 'cultivation.status.value', 'status')
  assertError(await county.patch(`${C}/tasks/999999`, { status: 'done' }), 404, 'task.not_found')
  assertError(await county.patch(`${C}/tasks/abc`, { status: 'done' }), 404, 'task.not_found')
  const moved = await county.patch(url, { due_on: '2023-06-25' })
  assert.equal(moved.json.due_on, '2023-06-25')
  const same = await county.patch(url, { due_on: '2023-06-25', status: 'doing' })
  assert.equal(same.status, 200, 'no change is not an error')
  const done = await street.patch(url, { status: 'done' })
  assert.equal(done.json.done_on, '2023-06-15')
  assert.equal(done.json.late, false)
  assertError(await street.patch(url, { status: 'todo' }), 409, 'cultivation.status.transition', 'status')
  const reopened = await street.patch(url, { status: 'doing' })
  assert.equal(reopened.json.done_on, null)
  const trail = await city.get('/api/audit?action=cultivation.task.update')
  assert.equal(trail.json.items.length, 4, 'doing, due date, done, reopened: each audited; the no-op is not')
})

test('progress notes and photos: JPEG/PNG by content, size-limited, stored outside the web root, served as attachments', async () => {
  assertError(await street.post(`${C}/tasks/${taskId}/notes`, { text: '　' }), 400, 'cultivation.text.required', 'text')
  const n = await street.post(`${C}/tasks/${taskId}/notes`, { text: '已清理消防通道内堆放杂物3处，张贴禁停标识。' })
  assert.equal(n.status, 201, n.text)
  assert.equal(n.json.author, 'street_staff')
  noteId = n.json.id
  const en = await street.post(`${C}/estates/${townEstate}/notes`, { text: '召开业主座谈会，收集意见12条。' })
  assert.equal(en.status, 201, en.text)
  assert.equal(en.json.task_id, null)
  assertError(await xh.post(`${C}/tasks/${taskId}/notes`, { text: 'x' }), 404)
  assertError(await auditor.post(`${C}/tasks/${taskId}/notes`, { text: 'x' }), 403)

  const jpg = await photoUpload(street, noteId, JPEG, '整改前.jpg')
  assert.equal(jpg.status, 201, jpg.text)
  assert.equal(jpg.json.mime, 'image/jpeg')
  assert.equal(jpg.json.size, JPEG.length)
  assert.equal(jpg.json.sha256, crypto.createHash('sha256').update(JPEG).digest('hex'))
  assert.equal(jpg.json.original_name, '整改前.jpg')
  photoId = jpg.json.id
  const png = await photoUpload(street, noteId, PNG, 'after.JPG')
  assert.equal(png.status, 201, png.text)
  assert.equal(png.json.mime, 'image/png', 'the content decides, not the name')
  assert.equal(png.json.original_name, 'after.JPG.png')

  assertError(await photoUpload(street, noteId, HTML, 'photo.jpg'), 400, 'photo.type', 'photo')
  assertError(await photoUpload(street, noteId, Buffer.alloc(0), 'empty.jpg'), 400, 'photo.empty')
  assertError(await photoUpload(xh, noteId, JPEG, 'x.jpg'), 404, 'note.not_found')
  assertError(await photoUpload(auditor, noteId, JPEG, 'x.jpg'), 403)
  const adminNote = (await county.post(`${C}/tasks/${taskId}/notes`, { text: '区住建局督导检查。' })).json.id
  assertError(await photoUpload(street, adminNote, JPEG, 'x.jpg'), 403, 'note.not_author')
  const big = Buffer.concat([JPEG, Buffer.alloc((5 << 20) + 1 - JPEG.length)])
  const tooBig = await rawRequest(srv.port, 'POST', `${C}/notes/${noteId}/photos?filename=big.jpg`, big, {
    Cookie: street.cookie,
    'X-CSRF-Token': street.csrf,
    'Content-Type': 'image/jpeg',
  })
  assert.equal(tooBig.status, 413, tooBig.text)
  assert.equal(tooBig.json.error.code, 'body.too_large')
  const atLimit = Buffer.concat([JPEG, Buffer.alloc((5 << 20) - JPEG.length)])
  assert.equal((await photoUpload(county, adminNote, atLimit, 'big.jpg')).status, 201, 'exactly 5 MiB is allowed')

  const got = await county.get(`/api/cultivation/photos/${photoId}`)
  assert.equal(got.status, 200)
  assert.ok(got.buf.equals(JPEG), 'the same bytes')
  assert.equal(got.headers.get('content-type'), 'image/jpeg')
  assert.match(got.headers.get('content-disposition'), /^attachment;/)
  assert.match(got.headers.get('content-disposition'), /filename\*=UTF-8''%E6%95%B4%E6%94%B9%E5%89%8D\.jpg/)
  assert.equal(got.headers.get('x-content-type-options'), 'nosniff')
  assert.equal((await street.get(`/api/cultivation/photos/${photoId}`)).status, 200)
  assertError(await xh.get(`/api/cultivation/photos/${photoId}`), 404, 'photo.not_found')
  assertError(await applicant.get(`/api/cultivation/photos/${photoId}`), 403)
  assertError(await county.get('/api/cultivation/photos/999999'), 404, 'photo.not_found')
  assert.equal((await srv.anon.get(`/api/cultivation/photos/${photoId}`)).status, 401)

  const stored = fs.readdirSync(path.join(srv.dir, 'files', 'cultivation'))
  assert.equal(stored.length, 3, 'three photos kept, none of the refused ones')
  assert.ok(stored.every((f) => /^[A-Za-z0-9_-]{32}$/.test(f)), 'random names, nothing of the uploader’s')
  assert.ok(stored.some((f) => fs.readFileSync(path.join(srv.dir, 'files', 'cultivation', f)).equals(JPEG)))

  const work = (await street.get(`${C}/estates/${townEstate}/tasks`)).json
  const task = work.tasks.find((t) => t.id === taskId)
  assert.deepEqual(task.notes.map((x) => x.photos.length), [2, 1])
  assert.equal(task.notes[0].photos[0].url, `/api/cultivation/photos/${photoId}`)
  assert.equal(work.notes.length, 1, 'the estate-level note')
})

test('overview: progress per county within the scope', async () => {
  const all = await city.get(`${C}/overview`)
  assert.equal(all.status, 200, all.text)
  assert.equal(all.json.today, '2023-06-15')
  assert.equal(all.json.counties.length, 7)
  const pj = all.json.counties.find((c) => c.county_code === PENGJIANG)
  assert.equal(pj.confirmed, true)
  assert.equal(pj.listed, confirmedCodes.length + 1)
  assert.deepEqual([pj.tasks_total, pj.tasks_todo, pj.tasks_doing, pj.tasks_done, pj.tasks_overdue], [2, 1, 1, 0, 0])
  assert.equal(pj.done_percent, 0)
  assert.equal(pj.estates_with_tasks, 1)
  assert.equal(all.json.counties.find((c) => c.county_code === XINHUI).confirmed, false)
  assert.deepEqual(all.json.overdue, [])
  const own = await xh.get(`${C}/overview`)
  assert.deepEqual(own.json.counties.map((c) => c.county_code), [XINHUI])
  assert.equal(own.json.counties[0].tasks_total, 0)
  assertError(await evaluator.get(`${C}/overview`), 403)
})

test('outside the cultivate phase: every write refused naming the phase, reads allowed, unfinished tasks overdue', async () => {
  const b = await srv.alsoOn('2023-09-10')
  try {
    const c = b.as(county)
    const s = b.as(street)
    const refusals = [
      await c('POST', `${C}/${PENGJIANG}/estates`, { estate_code: confirmedCodes[0], reason: '群众反映强烈' }),
      await b.as(xh)('POST', `${C}/${XINHUI}/confirm`, {}),
      await c('POST', `${C}/estates/${townEstate}/tasks`, { unit_type: 'water', unit_name: '江门市供水公司', title: '二次供水设施清洗', due_on: '2023-10-01' }),
      await s('PATCH', `${C}/tasks/${taskId}`, { status: 'done' }),
      await s('POST', `${C}/tasks/${taskId}/notes`, { text: '整改完成' }),
      await s('POST', `${C}/estates/${townEstate}/notes`, { text: '整改完成' }),
    ]
    for (const r of refusals) {
      assertError(r, 403, 'phase.closed', 'cultivate')
      assert.match(r.json.error.message_zh, /培育打造.*2023-05-01.*2023-08-31/)
    }
    const list = await c('GET', C)
    assert.equal(list.status, 200)
    assert.equal(list.json.status, 'confirmed')
    const ov = await c('GET', `${C}/overview`)
    assert.equal(ov.json.today, '2023-09-10')
    const pj = ov.json.counties.find((x) => x.county_code === PENGJIANG)
    assert.equal(pj.tasks_overdue, 2, 'the reopened task (due 06-25) and the gas task (due 08-31)')
    assert.deepEqual(ov.json.overdue.map((t) => [t.id, t.days_overdue]).slice(0, 1), [[taskId, 77]])
    assert.equal(ov.json.overdue[1].days_overdue, 10)
    assert.equal(ov.json.overdue[0].overdue, true)
    const mine = await b.as(xh)('GET', `${C}/overview`)
    assert.deepEqual(mine.json.overdue, [], 'another county sees none of them')
  } finally {
    await b.stop()
  }
})
