// The typical-case compilation (典型案例汇编, issue 11 part 4) over HTTP: only the city downloads it; it
// holds every accepted or published case (not drafts, not cases waiting for review) with its photos,
// and the download is audited. Demo campaign 2023, "today" 2023-11-10 (the summary phase).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { startServer, assertError, PENGJIANG, XINHUI } from './harness.mjs'
import { makePng } from './cases_png.mjs'

const C = '/api/campaigns/2023/cases'
const PDF = '/api/campaigns/2023/case-compilation'

let srv, county, xinhui, city, auditor
before(async () => {
  srv = await startServer({ env: { MEIHAO_TODAY: '2023-11-10' } })
  ;[county, xinhui, city, auditor] = await Promise.all(['county_admin', 'county_admin_xh', 'city_admin', 'auditor'].map((u) => srv.login(u)))
})
after(async () => {
  await srv?.stop()
})

async function write(client, county, title, { photos = 0, submit = false, accept = false } = {}) {
  const estate = (await city.get(`/api/estates?county=${county}&page_size=1&sort=code`)).json.items[0].code
  const r = await client.post(C, { county, title, category: 'property_service', body: `${title}的做法。\n第二段：居民满意。`, estates: [estate] })
  assert.equal(r.status, 201, r.text)
  let t = r.json
  for (let i = 0; i < photos; i++) t = (await client.upload(`${C}/${t.id}/photos?filename=p${i}.png`, makePng(1280, 960))).json
  if (submit) t = (await client.post(`${C}/${t.id}/submit`, { version: t.version })).json
  if (accept) t = (await city.post(`${C}/${t.id}/accept`, { version: t.version })).json
  return t
}

function pdfText(buf) {
  const file = path.join(srv.dir, `compilation-${Date.now()}.pdf`)
  fs.writeFileSync(file, buf)
  return {
    text: execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8').replace(/\s+/g, ''),
    images: execFileSync('pdfimages', ['-list', file]).toString('utf8').trim().split('\n').slice(2),
  }
}

test('who may download: the city only', async () => {
  assert.equal((await srv.anon.get(PDF)).status, 401)
  assertError(await county.get(PDF), 403, 'forbidden')
  assertError(await auditor.get(PDF), 403)
  assertError(await city.get('/api/campaigns/2031/case-compilation'), 404, 'campaign.not_found')
})

test('accepted and published cases with their photos, by county; drafts and submitted ones left out; audited', async () => {
  await write(county, PENGJIANG, '草稿中的案例不入汇编')
  await write(county, PENGJIANG, '待审核的案例不入汇编', { submit: true })
  await write(xinhui, XINHUI, '新会区业委会规范运行经验', { photos: 1, submit: true, accept: true })
  const pj = await write(county, PENGJIANG, '蓬江区红色物业服务经验', { photos: 2, submit: true, accept: true })
  const pub = await city.post(`${C}/${pj.id}/publish`, { version: pj.version })
  assert.equal(pub.status, 200, pub.text)

  const r = await city.get(PDF)
  assert.equal(r.status, 200, r.text)
  assert.equal(r.headers.get('content-type'), 'application/pdf')
  assert.match(r.headers.get('content-disposition'), /^attachment;/)
  assert.equal(r.buf.subarray(0, 5).toString(), '%PDF-')
  const { text, images } = pdfText(r.buf)
  assert.ok(text.includes('2023年度“美好家园”小区典型案例汇编'), text.slice(0, 200))
  assert.ok(text.includes('目录'))
  // By county: 蓬江区 (440703) before 新会区 (440705), each county's in the order written; every
  // accepted or published case (the demo's too) is one numbered section.
  const inBook = (await city.get(C)).json.items.filter((t) => t.status === 'accepted' || t.status === 'published')
  inBook.sort((a, b) => (a.county_code === b.county_code ? a.id - b.id : a.county_code < b.county_code ? -1 : 1))
  const zh = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']
  let at = text.indexOf('—2—')
  inBook.forEach((t, i) => {
    const heading = `${zh[i]}、${t.title}`.replace(/\s+/g, '')
    const found = text.indexOf(heading, at)
    assert.ok(found > at, `section ${heading} in order`)
    at = found
  })
  assert.ok(text.indexOf('蓬江区红色物业服务经验') < text.indexOf('新会区业委会规范运行经验'))
  assert.ok(text.includes('物业服务'))
  assert.ok(text.includes('第二段：居民满意。'))
  assert.ok(!text.includes('不入汇编'), 'no draft, no case waiting for review')
  const photos = inBook.reduce((n, t) => n + t.photos.length, 0)
  assert.ok(photos >= 3)
  assert.equal(images.length, photos, 'every photo of those cases')
  for (const line of images) assert.match(line, /\s640\s+\d+\s.*\sjpeg\s/, line)

  const audit = await city.get('/api/audit?object=cases:2023')
  assert.equal(audit.status, 200)
  assert.ok(audit.json.items.some((a) => a.action === 'case.compilation' && a.username === 'city_admin'), JSON.stringify(audit.json.items))
})
