// The city's summary of experience (经验总结) and its written commendations (书面表扬) over HTTP
// (issue 11 part 2), on the plain demo campaign 2023 with "today" 2023-10-18 (the summary phase):
// save with a version check, commend counties with reasons (the figures beside each), a county
// commended twice → 409, withdraw, issue the commendation letter (表扬通报) with its number, and
// nothing changes after that. Every refusal by role, phase and input.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startServer, PENGJIANG, XINHUI } from './harness.mjs'

const S = '/api/campaigns/2023/summary'
const C = '/api/campaigns/2023/commendations'
let srv, city, county, auditor, street, evaluator, applicant

before(async () => {
  srv = await startServer({ env: { MEIHAO_TODAY: '2023-10-18' } })
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

function pdfText(buf) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meihao-pdf-'))
  const f = path.join(dir, 'a.pdf')
  fs.writeFileSync(f, buf)
  const text = execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' })
  const fonts = execFileSync('pdffonts', [f], { encoding: 'utf8' })
  const info = execFileSync('pdfinfo', [f], { encoding: 'utf8' })
  fs.rmSync(dir, { recursive: true })
  return { text, fonts, pages: Number(/Pages:\s+(\d+)/.exec(info)[1]) }
}

test('who may read and write: 401, 403; an unknown campaign 404', async () => {
  assert.equal((await srv.anon.get(S)).status, 401)
  assert.equal((await srv.anon.put(S, { version: 0, text: 'x' })).status, 401)
  assert.equal((await srv.anon.post(C, { county: PENGJIANG, reason: 'x' })).status, 401)
  assert.equal((await srv.anon.del(`${C}/${PENGJIANG}`)).status, 401)
  assert.equal((await srv.anon.post(`${C}/letter`, { number: '江建房函〔2023〕1号' })).status, 401)
  for (const u of [county, street, evaluator, applicant]) assert.equal((await u.get(S)).status, 403, u.user)
  assert.equal((await auditor.get(S)).status, 200)
  for (const u of [county, auditor]) {
    assert.equal((await u.put(S, { version: 0, text: '总结' })).status, 403)
    assert.equal((await u.post(C, { county: PENGJIANG, reason: '理由' })).status, 403)
    assert.equal((await u.del(`${C}/${PENGJIANG}`)).status, 403)
    assert.equal((await u.post(`${C}/letter`, { number: '江建房函〔2023〕1号' })).status, 403)
  }
  const none = await city.get('/api/campaigns/2031/summary')
  assert.equal(none.status, 404)
  assert.equal(none.json.error.code, 'campaign.not_found')
})

test('the summary text: saved with a version check, 409 on a stale version, 400 on bad input', async () => {
  const first = await city.get(S)
  assert.equal(first.status, 200, first.text)
  assert.equal(first.json.summary.version, 0)
  assert.equal(first.json.summary.text, '')
  assert.equal((await city.put(S, { text: '总结' })).json.error.code, 'version.required')
  assert.equal((await city.put(S, { version: 0, text: '   ' })).json.error.code, 'summary.text.required')
  const long = await city.put(S, { version: 0, text: '经'.repeat(20001) })
  assert.equal(long.status, 400)
  assert.equal(long.json.error.code, 'summary.text.length')
  assert.equal((await city.put(S, { version: 0, text: 5 })).status, 400)
  const saved = await city.put(S, { version: 0, text: '  全市按期完成选树工作。 ' })
  assert.equal(saved.status, 200, saved.text)
  assert.equal(saved.json.version, 1)
  assert.equal(saved.json.text, '全市按期完成选树工作。')
  assert.equal(saved.json.updated_by, 'city_admin')
  const stale = await city.put(S, { version: 0, text: '另一份' })
  assert.equal(stale.status, 409)
  assert.equal(stale.json.error.code, 'summary.version')
  assert.match(stale.json.error.message_zh, /刷新/)
  const second = await city.put(S, { version: 1, text: '第二稿' })
  assert.equal(second.json.version, 2)
  assert.equal((await auditor.get(S)).json.summary.text, '第二稿')
  const audit = await city.get('/api/audit?action=summary.save')
  assert.equal(audit.json.items.filter((a) => a.object === 'summary:2023').length, 2)
})

test('outside the summary phase nothing is written (403 phase.closed)', async () => {
  const b = await srv.alsoOn('2023-09-20')
  try {
    const as = b.as(city)
    const r = await as('PUT', S, { version: 2, text: '九月' })
    assert.equal(r.status, 403)
    assert.equal(r.json.error.code, 'phase.closed')
    assert.equal((await as('POST', C, { county: XINHUI, reason: '理由' })).json.error.code, 'phase.closed')
  } finally {
    await b.stop()
  }
  assert.equal((await city.get(S)).json.summary.text, '第二稿')
})

test('commendations: each county with its figures; twice → 409; withdraw; the letter; then nothing changes', async () => {
  const list = await city.get(S)
  const counties = list.json.commendations.counties
  assert.equal(counties.length, 7)
  const pj = counties.find((c) => c.county_code === PENGJIANG)
  assert.equal(pj.county_name, '蓬江区')
  assert.equal(pj.commended, false)
  for (const k of ['managed_estates', 'quota', 'applications', 'evaluated', 'eligible', 'listed', 'city_winners'])
    assert.equal(typeof pj.figures[k], 'number', k)
  assert.ok(pj.figures.managed_estates > 0)
  assert.equal(list.json.commendations.letter, null)

  // Refusals, nothing written.
  assert.equal((await city.post(C, { reason: '理由' })).json.error.code, 'commendation.county.required')
  assert.equal((await city.post(C, { county: '440703001', reason: '理由' })).status, 404)
  assert.equal((await city.post(C, { county: PENGJIANG, reason: ' ' })).json.error.code, 'commendation.reason.required')
  assert.equal((await city.post(C, { county: PENGJIANG, reason: '理'.repeat(501) })).json.error.code, 'commendation.reason.length')
  const noneYet = await city.post(`${C}/letter`, { number: '江建房函〔2023〕1号' })
  assert.equal(noneYet.status, 409)
  assert.equal(noneYet.json.error.code, 'commendation.none')

  const one = await city.post(C, { county: PENGJIANG, reason: '组织有力，按期完成培育任务。' })
  assert.equal(one.status, 200, one.text)
  assert.equal(one.json.counties.find((c) => c.county_code === PENGJIANG).commended, true)
  const twice = await city.post(C, { county: PENGJIANG, reason: '再表扬一次' })
  assert.equal(twice.status, 409)
  assert.equal(twice.json.error.code, 'commendation.exists')
  assert.match(twice.json.error.message_zh, /蓬江区已在书面表扬名单中/)
  assert.equal((await city.get(S)).json.commendations.counties.find((c) => c.county_code === PENGJIANG).reason,
    '组织有力，按期完成培育任务。', 'the first reason stands')

  await city.post(C, { county: XINHUI, reason: '申报组织有序。' })
  const withdrawn = await city.del(`${C}/${XINHUI}`)
  assert.equal(withdrawn.status, 200, withdrawn.text)
  assert.equal(withdrawn.json.counties.find((c) => c.county_code === XINHUI).commended, false)
  assert.equal((await city.del(`${C}/${XINHUI}`)).status, 404)
  assert.equal((await city.del(`${C}/440799`)).json.error.code, 'commendation.county.not_found')
  await city.post(C, { county: XINHUI, reason: '申报组织有序，评审按时完成。' })

  // The letter: a bad number, then the proposed one.
  const reg = await city.get('/api/campaigns/2023/documents')
  assert.equal(reg.status, 200, reg.text)
  assert.equal(reg.json.proposed_number, '江建房函〔2023〕1号')
  assert.equal((await city.post(`${C}/letter`, {})).json.error.code, 'document.number.required')
  assert.equal((await city.post(`${C}/letter`, { number: '江建房函2023-1' })).json.error.code, 'document.number.format')
  const issued = await city.post(`${C}/letter`, { number: '江建房函[2023]1号' })
  assert.equal(issued.status, 201, issued.text)
  assert.equal(issued.json.number, '江建房函〔2023〕1号', 'written back in the official form')
  assert.equal(issued.json.kind, 'commendation')
  assert.equal(issued.json.issued_on, '2023-10-18')
  assert.equal(issued.json.issuer, '江门市住房和城乡建设局')

  const again = await city.post(`${C}/letter`, { number: '江建房函〔2023〕2号' })
  assert.equal(again.status, 409)
  assert.equal(again.json.error.code, 'document.issued')
  assert.equal((await city.del(`${C}/${XINHUI}`)).json.error.code, 'commendation.issued')
  assert.equal((await city.post(C, { county: '440704', reason: '理由' })).json.error.code, 'commendation.issued')

  const after = await city.get(S)
  assert.equal(after.json.commendations.letter.number, '江建房函〔2023〕1号')
  assert.equal(after.json.commendations.counties.find((c) => c.county_code === XINHUI).document_number, '江建房函〔2023〕1号')

  // The letter as issued: official format, the CJK fonts embedded, the same bytes every time.
  const pdf = await county.get(issued.json.download)
  assert.equal(pdf.status, 200)
  assert.equal(pdf.headers.get('content-type'), 'application/pdf')
  assert.equal(pdf.buf.subarray(0, 5).toString(), '%PDF-')
  const { text, fonts } = pdfText(pdf.buf)
  const flat = text.replace(/\s+/g, '')
  assert.match(flat, /^江门市住房和城乡建设局江建房函〔2023〕1号关于对2023年度/)
  assert.match(flat, /江建房函〔2023〕1号/)
  assert.match(flat, /给予书面表扬的通报/)
  assert.match(flat, /各县（市、区）住房和城乡建设局：/)
  assert.match(flat, /蓬江区、新会区/)
  assert.match(flat, /申报组织有序，评审按时完成。/)
  assert.match(fonts, /NotoSerifCJK/)
  for (const line of fonts.split('\n').slice(2).filter(Boolean)) assert.match(line, /\byes\s+yes\b/, line)
  const again2 = await city.get(issued.json.download)
  assert.ok(again2.buf.equals(pdf.buf), 'a document once issued reads the same')
})
