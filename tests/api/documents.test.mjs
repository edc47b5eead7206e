// The documents the city issues (公文, issue 11 part 3) over HTTP, on the demo campaign walked
// through the year (story) at 2023-12-20: the commendation letter was issued on 2023-12-01 as
// 江建房函〔2023〕1号 (the story's summary seeding), the city list is final. The register, the
// announcement of the city list with its number (a used number → 409, nothing changed), the PDFs
// as issued, and the plain PDFs of a county list and the city list. Refusals by role and input.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startServer, PENGJIANG, XINHUI } from './harness.mjs'

const D = '/api/campaigns/2023/documents'
let srv, city, county, auditor, street, evaluator, applicant

before(async () => {
  srv = await startServer({ story: true, env: { MEIHAO_TODAY: '2023-12-20' } })
  city = await srv.login('city_admin')
  county = await srv.login('county_admin')
  auditor = await srv.login('auditor')
  street = await srv.login('street_staff')
  evaluator = await srv.login('evaluator')
  applicant = await srv.login('applicant')
})
after(async () => {
  await srv?.stop()
})

function pdf(buf) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meihao-pdf-'))
  const f = path.join(dir, 'a.pdf')
  fs.writeFileSync(f, buf)
  const text = execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' })
  const fonts = execFileSync('pdffonts', [f], { encoding: 'utf8' })
  const info = execFileSync('pdfinfo', [f], { encoding: 'utf8' })
  fs.rmSync(dir, { recursive: true })
  return { text, flat: text.replace(/\s+/g, ''), fonts, pages: Number(/Pages:\s+(\d+)/.exec(info)[1]) }
}

function embedded(fonts) {
  const lines = fonts.split('\n').slice(2).filter(Boolean)
  assert.ok(lines.length > 0)
  assert.ok(lines.some((l) => /NotoSerifCJK/.test(l)), fonts)
  for (const l of lines) assert.match(l, /\byes\s+yes\b/, `embedded and subset: ${l}`)
}

test('who may read the register and issue: 401, 403, 404', async () => {
  assert.equal((await srv.anon.get(D)).status, 401)
  assert.equal((await srv.anon.get(`${D}/1/pdf`)).status, 401)
  assert.equal((await srv.anon.post(`${D}/list-announcement`, { number: '江建房函〔2023〕2号' })).status, 401)
  assert.equal((await srv.anon.get(`${D}/list-pdf?level=city&unit=440700`)).status, 401)
  for (const u of [street, evaluator, applicant]) {
    assert.equal((await u.get(D)).status, 403, u.user)
    assert.equal((await u.get(`${D}/1/pdf`)).status, 403, u.user)
  }
  for (const u of [county, auditor])
    assert.equal((await u.post(`${D}/list-announcement`, { number: '江建房函〔2023〕2号' })).status, 403)
  assert.equal((await city.get('/api/campaigns/2031/documents')).json.error.code, 'campaign.not_found')
  assert.equal((await city.get(`${D}/999/pdf`)).json.error.code, 'document.not_found')
  assert.equal((await city.get(`${D}/abc/pdf`)).status, 404)
  assert.equal((await city.get('/api/campaigns/2031/documents/1/pdf')).status, 404, 'another year’s id')
})

test('the story issued the commendation letter: 蓬江区 and 新会区 commended, the PDF as issued', async () => {
  const reg = await auditor.get(D)
  assert.equal(reg.status, 200, reg.text)
  assert.equal(reg.json.items.length, 1)
  const letter = reg.json.items[0]
  assert.equal(letter.kind, 'commendation')
  assert.equal(letter.number, '江建房函〔2023〕1号')
  assert.equal(letter.issued_on, '2023-12-01')
  assert.equal(reg.json.proposed_number, '江建房函〔2023〕2号')
  const f = await county.get(letter.download)
  assert.equal(f.status, 200)
  assert.match(f.headers.get('content-disposition') || '', /attachment/)
  const p = pdf(f.buf)
  assert.match(p.flat, /^江门市住房和城乡建设局江建房函〔2023〕1号关于对2023年度/)
  assert.match(p.flat, /江建房函〔2023〕1号/)
  assert.match(p.flat, /蓬江区、新会区/)
  assert.match(p.flat, /2023年12月1日/)
  assert.match(p.flat, /一、蓬江区按期确认培育名单/)
  assert.equal(p.pages, 2)
  embedded(p.fonts)
  const s = await city.get('/api/campaigns/2023/summary')
  assert.ok(s.json.summary.text.length > 50)
  assert.deepEqual(s.json.commendations.counties.filter((c) => c.commended).map((c) => c.county_code), [PENGJIANG, XINHUI])
})

test('the list announcement: a used number 409 (nothing issued), then the next free number; once only', async () => {
  const A = `${D}/list-announcement`
  assert.equal((await city.post(A, {})).json.error.code, 'document.number.required')
  assert.equal((await city.post(A, { number: '2023年第2号' })).json.error.code, 'document.number.format')
  const used = await city.post(A, { number: '江建房函〔2023〕1号' })
  assert.equal(used.status, 409)
  assert.equal(used.json.error.code, 'document.number.used')
  assert.match(used.json.error.message_zh, /江建房函〔2023〕1号/)
  assert.equal((await city.get(D)).json.items.length, 1, 'nothing issued')

  const issued = await city.post(A, { number: '江建房函〔2023〕7号' })
  assert.equal(issued.status, 201, issued.text)
  assert.equal(issued.json.kind, 'list_announcement')
  assert.equal(issued.json.number, '江建房函〔2023〕7号', 'any free number may be given')
  assert.equal(issued.json.issued_on, '2023-12-20')
  const twice = await city.post(A, { number: '江建房函〔2023〕8号' })
  assert.equal(twice.status, 409)
  assert.equal(twice.json.error.code, 'document.issued')
  const reg = await city.get(D)
  assert.deepEqual(reg.json.items.map((d) => d.number), ['江建房函〔2023〕1号', '江建房函〔2023〕7号'])
  assert.equal(reg.json.proposed_number, '江建房函〔2023〕8号')

  const f = await city.get(issued.json.download)
  const p = pdf(f.buf)
  assert.match(p.flat, /江建房函〔2023〕7号/)
  assert.match(p.flat, /美好家园/)
  embedded(p.fonts)
  // The 17 estates of the final city list, each named in the announcement.
  const sel = await city.get('/api/campaigns/2023/selection?level=city&unit=440700')
  const listed = sel.json.list.filter((e) => e.status === 'listed')
  assert.equal(listed.length, 17)
  for (const e of listed) assert.ok(p.flat.includes(e.estate_name.replace(/\s+/g, '')), e.estate_name)
  const again = await city.get(issued.json.download)
  assert.ok(again.buf.equals(f.buf), 'the same bytes as issued')
  assert.equal(again.json, null)
  const audit = await city.get('/api/audit?action=document.issue')
  assert.ok(audit.json.items.some((a) => a.object === 'document:2023:江建房函〔2023〕7号'))
})

test('plain PDFs of a county list and the city list, with the checks of the selection pages', async () => {
  const L = `${D}/list-pdf`
  const cityPdf = await auditor.get(`${L}?level=city&unit=440700`)
  assert.equal(cityPdf.status, 200, cityPdf.text)
  assert.equal(cityPdf.headers.get('content-type'), 'application/pdf')
  const p = pdf(cityPdf.buf)
  assert.match(p.flat, /江门市2023年度“美好家园”小区名单/)
  assert.match(p.flat, /名单状态：已确定/)
  embedded(p.fonts)
  const own = await county.get(`${L}?level=county&unit=${PENGJIANG}`)
  assert.equal(own.status, 200, own.text)
  const q = pdf(own.buf)
  assert.match(q.flat, /蓬江区2023年度“美好家园”小区推荐名单/)
  const sel = await county.get(`/api/campaigns/2023/selection?level=county&unit=${PENGJIANG}`)
  const removed = sel.json.list.find((e) => e.status === 'removed')
  assert.ok(removed)
  assert.ok(!q.flat.includes(removed.estate_name.replace(/\s+/g, '')), 'the removed entry is left out')
  assert.equal((await county.get(`${L}?level=county&unit=${XINHUI}`)).status, 404, 'another county is not named')
  assert.equal((await evaluator.get(`${L}?level=city&unit=440700`)).status, 403)
  assert.equal((await city.get(`${L}?level=town&unit=440700`)).status, 400)
})
