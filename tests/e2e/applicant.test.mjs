// Browser tests of 申报 (issue #4 part 2) and of the county's 评价标准 editor (part 1).
//
// 申报 (MEIHAO_TODAY inside the apply phase): the demo applicant starts its estate's application (a bad phone
// refused at its field), sees the automatic principle checks with their figures, is refused a submit with items
// missing (each shown), fills every item's self-assessment, uploads a PNG and a PDF as evidence (a renamed
// text file is refused with the server's message), keeps its typed text through a stale-version reload, saves,
// submits and sees the application frozen; the county administrator reads it in 申报管理, and sees its rubric
// locked.
// 评价标准 (MEIHAO_TODAY in the mobilise phase): the county administrator changes an item's maximum, splits
// an item into sub-items with the sums shown live, saves; invalid values come back with the server's message
// at the item.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { DEMO, SHOTS, apiClient, freshPage, launchBrowser, login, pickOption, png, shot, startServer } from './harness.mjs'

const YEAR = 2023
const APPLICANT = { username: 'applicant', password: 'demo-apply-2023' }

/** A minimal one-page PDF. */
function pdf() {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  )
}

/** A screenshot of one part of the page (the full pages are long), next to the full-page ones. */
async function part(locator, name) {
  fs.mkdirSync(SHOTS, { recursive: true })
  await locator.scrollIntoViewIfNeeded()
  await locator.page().waitForTimeout(300)
  await locator.screenshot({ path: path.join(SHOTS, `${name}.png`) })
}

/** The server's own refusal of a start outside the apply phase (what the page must show word for word). */
async function applicantRefusal(base) {
  const c = await apiClient(base, APPLICANT.username, APPLICANT.password)
  const r = await c.call('POST', `/api/campaigns/${YEAR}/applications`, {
    estate_code: c.user.scope.code,
    applicant_type: 'party_organisation',
    applicant_name: '小区党支部',
    contact_name: '王明',
    contact_phone: '0750-3201234',
  })
  assert.equal(r.status, 403)
  return r.json.error.message_zh
}

async function confirmBox(page, text) {
  await page.locator('.el-message-box__btns .el-button--primary', { hasText: text }).click()
}

describe('申报（apply phase）', () => {
  let server
  let browser
  let applicant
  let county
  before(async () => {
    server = await startServer({ env: { MEIHAO_TODAY: '2023-09-05' } })
    browser = await launchBrowser()
    applicant = await apiClient(server.base, APPLICANT.username, APPLICANT.password)
    county = await apiClient(server.base, 'county_admin', DEMO.county_admin)
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('the applicant starts, fills, uploads evidence, saves and submits; the county reads it', async () => {
    const estate = applicant.user.scope
    assert.equal((await applicant.get(`/api/campaigns/${YEAR}/applications`)).json.total, 0)

    const page = await freshPage(browser)
    await login(page, server.base, APPLICANT.username, APPLICANT.password)
    await page.waitForURL(`${server.base}/my-application`) // an applicant's home is its application
    await page.click('.side-menu .el-menu-item:has-text("我的申报")')
    const start = page.locator('[data-test=app-start]')
    await start.waitFor()
    assert.match(await start.innerText(), new RegExp(estate.name))
    assert.match(await start.innerText(), /2023-09-01 至 2023-09-20/)

    // ---- start: a bad phone is refused at its field, nothing else lost ----
    await page.click('[data-test=start-type-owners_committee]')
    await page.fill('input[data-test=start-name]', `${estate.name}业主委员会`)
    await page.fill('input[data-test=start-contact]', '李红')
    await page.fill('input[data-test=start-phone]', '12345')
    await page.click('[data-test=start-submit]')
    const phoneError = start.locator('.el-form-item', { has: page.locator('input[data-test=start-phone]') }).locator('.el-form-item__error')
    await phoneError.waitFor()
    assert.match(await phoneError.innerText(), /联系电话格式不正确/)
    assert.equal(await page.inputValue('input[data-test=start-name]'), `${estate.name}业主委员会`)
    await shot(page, 'a01-start-phone-refused')
    await page.fill('input[data-test=start-phone]', '13800138000')
    await page.click('[data-test=start-submit]')
    await page.locator('[data-test=app-status]', { hasText: '草稿' }).waitFor()

    const list = (await applicant.get(`/api/campaigns/${YEAR}/applications`)).json
    assert.equal(list.total, 1)
    const id = list.items[0].id
    const base = `/api/campaigns/${YEAR}/applications/${id}`
    let app = (await applicant.get(base)).json
    assert.equal(app.applicant_type, 'owners_committee')
    assert.equal(app.contact_phone, '13800138000')

    // ---- the automatic checks with their figures, before submitting ----
    const checks = page.locator('[data-test=app-checks]')
    await checks.waitFor()
    const a = app.automatic
    assert.ok(a, 'the estate has automatic checks')
    const sat = await page.locator('[data-test=fig-satisfaction]').innerText()
    if (a.satisfaction_index !== null) assert.ok(sat.includes(a.satisfaction_index), `satisfaction figure ${a.satisfaction_index} in ${sat}`)
    if (a.satisfaction_rank) assert.ok(sat.includes(`第 ${a.satisfaction_rank} / ${a.satisfaction_n} 名`))
    const comp = await page.locator('[data-test=fig-complaints]').innerText()
    assert.ok(comp.includes(a.complaint_rate))
    const fee = await page.locator('[data-test=fig-fee]').innerText()
    if (a.fee_rate !== null) assert.ok(fee.includes((Number(a.fee_rate) * 100).toFixed(2) + '%'))
    for (const p of app.principles) {
      const row = page.locator('[data-test=app-principles] .el-table__row', { hasText: p.id }).first()
      const text = await row.innerText()
      if (p.automatic) {
        assert.ok(text.includes(p.automatic_zh), `${p.id} shows the API's sentence`)
        assert.match(text, p.automatic_passed ? /符合/ : /不符合/)
      } else assert.match(text, /无自动核验部分/)
      if (p.evaluator) assert.match(text, /由评审专家判定/)
    }
    const failing = app.principles.filter((p) => p.automatic && p.automatic_passed === false).map((p) => p.id)
    const verdict = await page.locator('[data-test=app-checks-verdict]').innerText()
    if (failing.length) assert.ok(verdict.includes(failing.join('、')), verdict)
    // gate-linked items are marked and take no text
    for (const g of ['3.1', '3.2']) {
      const item = page.locator(`[data-test="item-${g}"]`)
      assert.match(await item.innerText(), /自动计分/)
      assert.equal(await item.locator('textarea').count(), 0)
    }
    await shot(page, 'a02-application-draft-checks')
    await part(page.locator('.app-form > .page-card').first(), 'a02a-application-head')
    await part(checks, 'a02b-checks')
    await part(page.locator('[data-test=section-3]'), 'a02c-section-3')

    // ---- a submit with items missing lists them and marks them ----
    const assessable = app.items.filter((i) => i.gate === 'none').map((i) => i.id)
    assert.equal(assessable.length, 23)
    const first = '街道党工委牵头建立物业管理联席会议，住建、城管、消防等部门按月协同处理小区问题。'
    await page.fill('textarea[data-test="text-1.1"]', first)
    assert.equal(await page.locator('[data-test="count-1.1"]').innerText(), `${Array.from(first).length} / 2000 字`)
    await page.click('[data-test=app-submit]')
    await confirmBox(page, '确认提交')
    const missing = page.locator('[data-test=app-missing]')
    await missing.waitFor()
    assert.match(await missing.innerText(), /尚有 22 项未填写自评/)
    for (const m of assessable.filter((x) => x !== '1.1')) {
      await page.locator(`[data-test="missing-${m}"]`).waitFor()
      assert.match(await page.locator(`[data-test="error-${m}"]`).innerText(), /尚未填写自评/)
      assert.match((await page.locator(`[data-test="item-${m}"]`).getAttribute('class')) || '', /missing/)
    }
    assert.equal(await page.locator('[data-test="error-1.1"]').count(), 0)
    // the text typed before the refused submit was saved, not lost
    assert.equal((await applicant.get(base)).json.items.find((i) => i.id === '1.1').self_assessment.slice(0, 4), '街道党工')
    await shot(page, 'a03-submit-refused-missing')
    await part(missing, 'a03a-missing-list')
    await part(page.locator('[data-test=section-1]'), 'a03b-section-1-marked')

    // ---- fill every item ----
    for (const m of assessable.filter((x) => x !== '1.1')) {
      await page.fill(`textarea[data-test="text-${m}"]`, `第${m}项自评：小区对照标准落实到位，相关台账和照片见证明材料。`)
    }
    assert.equal(await page.locator(`[data-test="error-2.1"]`).count(), 0, 'typing clears the item error')
    assert.match(await page.locator('[data-test=app-actions]').innerText(), /22 处修改尚未保存/)

    // ---- evidence: a PNG, a PDF, and a renamed text file refused with the server's message ----
    await page.locator('[data-test="file-1.1"]').setInputFiles({ name: '联席会议照片.png', mimeType: 'image/png', buffer: png(40, 30, [30, 90, 200]) })
    await page.locator('[data-test="files-1.1"]', { hasText: '联席会议照片.png' }).waitFor()
    await page.locator('[data-test="file-3.3"]').setInputFiles({ name: '收费公示.pdf', mimeType: 'application/pdf', buffer: pdf() })
    await page.locator('[data-test="files-3.3"]', { hasText: '收费公示.pdf' }).waitFor()
    await page.locator('[data-test="file-4.1"]').setInputFiles({ name: '假文件.pdf', mimeType: 'application/pdf', buffer: Buffer.from('这不是 PDF 文件\n') })
    const refused = page.locator('[data-test="file-error-4.1"]')
    await refused.waitFor()
    assert.match(await refused.innerText(), /只能是 JPEG、PNG 图片或 PDF 文件/)
    assert.equal(await page.locator('[data-test="files-4.1"]').count(), 0)
    // uploads did not disturb the unsaved text
    assert.match(await page.inputValue('textarea[data-test="text-4.7"]'), /^第4.7项自评/)
    app = (await applicant.get(base)).json
    assert.equal(app.file_count, 2)
    const pngFile = app.items.find((i) => i.id === '1.1').files[0]
    assert.equal(pngFile.mime, 'image/png')
    assert.equal(app.items.find((i) => i.id === '3.3').files[0].mime, 'application/pdf')
    assert.equal(await page.locator('[data-test="files-1.1"] a').getAttribute('href'), pngFile.url)
    await shot(page, 'a04-evidence')
    await part(page.locator('[data-test="item-1.1"]'), 'a04a-item-1.1-png')
    await part(page.locator('[data-test="item-4.1"]'), 'a04b-item-4.1-refused')

    // ---- save ----
    await page.click('[data-test=app-save]')
    await page.locator('[data-test=app-actions]', { hasText: '所有修改均已保存' }).waitFor()
    app = (await applicant.get(base)).json
    for (const m of assessable) assert.ok(app.items.find((i) => i.id === m).self_assessment, `item ${m} saved`)

    // ---- a stale version: reload keeps the typed text ----
    const put = await applicant.call('PUT', base, { version: app.version, contact_name: '李红（办公室）' })
    assert.equal(put.status, 200)
    const edited = '街道党工委牵头建立物业管理联席会议（另一页面修改后的补充）。'
    await page.fill('textarea[data-test="text-1.1"]', edited)
    await page.click('[data-test=app-save]')
    const box = page.locator('.el-message-box', { hasText: '申报材料已有更新' })
    await box.waitFor()
    await shot(page, 'a05-stale-version')
    await part(box, 'a05a-stale-box')
    await confirmBox(page, '重新载入')
    await box.waitFor({ state: 'hidden' })
    await page.locator('input[data-test=app-contact]').waitFor()
    await page.waitForFunction(() => document.querySelector('input[data-test=app-contact]')?.value === '李红（办公室）')
    assert.equal(await page.inputValue('textarea[data-test="text-1.1"]'), edited)
    await page.click('[data-test=app-save]')
    await page.locator('[data-test=app-actions]', { hasText: '所有修改均已保存' }).waitFor()
    assert.equal((await applicant.get(base)).json.items.find((i) => i.id === '1.1').self_assessment, edited)

    // ---- submit: frozen ----
    await page.click('[data-test=app-submit]')
    await confirmBox(page, '确认提交')
    await page.locator('[data-test=app-status]', { hasText: '已提交' }).waitFor()
    await page.locator('[data-test=app-frozen]').waitFor()
    assert.equal(await page.locator('textarea').count(), 0, 'no editing once submitted')
    assert.equal(await page.locator('[data-test=app-save]').count(), 0)
    assert.equal(await page.locator('[data-test=app-withdraw]').count(), 1)
    assert.match(await page.locator('[data-test=app-history]').innerText(), /提交申报/)
    app = (await applicant.get(base)).json
    assert.equal(app.status, 'submitted')
    assert.equal(app.automatic_frozen, true)
    assert.match(await page.locator('[data-test=app-checks]').innerText(), /提交时冻结的核验结果/)
    await shot(page, 'a06-submitted')
    await part(page.locator('.app-form > .page-card').first(), 'a06a-submitted-head')
    await part(page.locator('[data-test=section-1]'), 'a06b-submitted-section-1')

    // ---- withdraw (confirmed), edit again, submit again ----
    await page.click('[data-test=app-withdraw]')
    await confirmBox(page, '撤回')
    await page.locator('[data-test=app-status]', { hasText: '已撤回' }).waitFor()
    assert.equal((await applicant.get(base)).json.status, 'withdrawn')
    await page.fill('textarea[data-test="text-4.7"]', '第4.7项自评：撤回后补充——小区文明养犬公约已张贴。')
    await page.click('[data-test=app-save]')
    await page.locator('[data-test=app-status]', { hasText: '草稿' }).waitFor()
    await page.click('[data-test=app-submit]')
    await confirmBox(page, '确认提交')
    await page.locator('[data-test=app-status]', { hasText: '已提交' }).waitFor()
    app = (await applicant.get(base)).json
    assert.equal(app.status, 'submitted')
    assert.match(app.items.find((i) => i.id === '4.7').self_assessment, /撤回后补充/)
    assert.deepEqual(
      app.history.map((h) => h.event).filter((e) => e === 'submitted' || e === 'withdrawn'),
      ['submitted', 'withdrawn', 'submitted'],
    )
    assert.match(await page.locator('[data-test=app-history]').innerText(), /撤回申报/)
    await part(page.locator('[data-test=app-history]'), 'a06c-history')

    // ---- the same page on a phone: nothing wider than the screen ----
    await page.setViewportSize({ width: 390, height: 844 })
    await page.waitForTimeout(400)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, `no horizontal scrolling on a phone (overflow ${overflow}px)`)
    await page.screenshot({ path: path.join(SHOTS, 'a06d-phone.png') })
    await page.setViewportSize({ width: 1366, height: 860 })
    assert.deepEqual(page.errors, [])
    await page.close()

    // ---- the county administrator reads it (read-only) and sees its rubric locked ----
    const cp = await freshPage(browser)
    await login(cp, server.base, 'county_admin', DEMO.county_admin)
    await cp.waitForURL(`${server.base}/`)
    await cp.click('.side-menu .el-menu-item:has-text("申报管理")')
    const row = cp.locator('[data-test=apps-table] .el-table__row', { hasText: estate.code })
    await row.waitFor()
    assert.match(await row.innerText(), /已提交/)
    await pickOption(cp, '[data-test=apps-status]', '草稿')
    await cp.locator('[data-test=apps-table]', { hasText: '暂无申报' }).waitFor()
    await pickOption(cp, '[data-test=apps-status]', '已提交')
    await row.waitFor()
    await shot(cp, 'a07-staff-list')
    await row.click()
    await cp.waitForURL(new RegExp(`/applications/${YEAR}/${id}$`))
    await cp.locator('[data-test=app-status]', { hasText: '已提交' }).waitFor()
    assert.equal(await cp.locator('textarea').count(), 0)
    assert.equal(await cp.locator('[data-test=app-actions]').count(), 0)
    assert.equal(await cp.locator('[data-test="text-1.1"]').innerText(), edited)
    assert.equal(await cp.locator('[data-test="files-1.1"] a').innerText(), '联席会议照片.png')
    const dl = await fetch(server.base + pngFile.url, { headers: { Cookie: (await cp.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } })
    assert.equal(dl.status, 200)
    assert.match(dl.headers.get('content-disposition') || '', /^attachment/)
    await shot(cp, 'a08-staff-read-only')

    await cp.click('.side-menu .el-menu-item:has-text("评价标准")')
    await cp.locator('[data-test=rubric-frozen-note]').waitFor()
    assert.match(await cp.locator('[data-test=rubric-frozen-note]').innerText(), /2023-09-01（“申报”阶段开始）起锁定/)
    assert.equal(await cp.locator('input[data-test="max-3.4"]').count(), 0, 'no inputs when frozen')
    assert.equal(await cp.locator('[data-test=rubric-save]').count(), 0)
    await shot(cp, 'a09-rubric-frozen')
    assert.deepEqual(cp.errors, [])
    await cp.close()
  })
})

describe('评价标准（mobilise phase）', () => {
  let server
  let browser
  let county
  before(async () => {
    server = await startServer({ env: { MEIHAO_TODAY: '2023-05-15' } })
    browser = await launchBrowser()
    county = await apiClient(server.base, 'county_admin', DEMO.county_admin)
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('the county administrator changes a maximum, adds sub-items with live sums, saves; invalid values shown at the item', async () => {
    const unit = county.user.scope.code
    const url = `/api/campaigns/${YEAR}/rubric?unit=${unit}`
    const before = (await county.get(url)).json
    assert.equal(before.frozen, false)
    assert.equal(before.version, 0)

    const page = await freshPage(browser)
    await login(page, server.base, 'county_admin', DEMO.county_admin)
    await page.waitForURL(`${server.base}/`)
    await page.click('.side-menu .el-menu-item:has-text("评价标准")')
    await page.locator('[data-test=rubric-frozen]', { hasText: '可细化' }).waitFor()
    for (const m of before.maxima) assert.equal(await page.locator(`[data-test=maxima-${m.number}]`).innerText(), m.max)
    assert.match(await page.locator('[data-test="ritem-3.1"]').innerText(), /自动计分/)
    assert.equal(await page.locator('[data-test="split-3.1"]').count(), 0, 'gate-linked items cannot be split')
    await shot(page, 'r01-rubric-reference')

    // ---- 3.4: 10 → 12; section 3 goes 80 → 82 live ----
    await page.fill('input[data-test="max-3.4"]', '12')
    assert.equal(await page.locator('[data-test=maxima-live-3]').innerText(), '82')
    // ---- 1.1 into three sub-items: 4 + 5.5 + 2.5 = 12 ----
    await page.click('[data-test="split-1.1"]')
    await page.fill('input[data-test="sub-name-1.1-1"]', '街道党工委统一协调')
    await page.fill('input[data-test="sub-max-1.1-1"]', '4')
    await page.fill('input[data-test="sub-name-1.1-2"]', '部门联动执法')
    await page.fill('input[data-test="sub-max-1.1-2"]', '5.5')
    await page.click('[data-test="sub-add-1.1"]')
    await page.fill('input[data-test="sub-name-1.1-3"]', '问题协同解决台账')
    await page.fill('input[data-test="sub-max-1.1-3"]', '2.5')
    assert.equal(await page.locator('[data-test="sum-1.1"]').innerText(), '子项合计 12 分')
    assert.equal(await page.locator('[data-test=maxima-live-1]').innerText(), '62')
    await shot(page, 'r02-rubric-editing')
    await part(page.locator('[data-test=rubric-maxima]'), 'r02a-maxima-live')
    await part(page.locator('[data-test=rubric-section-1]'), 'r02b-section-1-subs')
    await page.click('[data-test=rubric-save]')
    await page.locator('[data-test=rubric-refined]', { hasText: '已细化' }).waitFor()
    await page.locator('[data-test=maxima-1]', { hasText: '62' }).waitFor()
    assert.equal(await page.locator('[data-test=maxima-3]').innerText(), '82')
    const saved = (await county.get(url)).json
    assert.equal(saved.version, 1)
    assert.deepEqual(saved.refinement.items, [
      { id: '1.1', sub_items: [{ name: '街道党工委统一协调', max: '4' }, { name: '部门联动执法', max: '5.5' }, { name: '问题协同解决台账', max: '2.5' }] },
      { id: '3.4', max: '12' },
    ])
    await shot(page, 'r03-rubric-saved')

    // ---- invalid: two decimals → the server's message at the item; nothing saved, nothing lost ----
    await page.fill('input[data-test="max-1.2"]', '10.25')
    await page.click('[data-test=rubric-save]')
    const err = page.locator('[data-test="rerr-1.2-max"]')
    await err.waitFor()
    assert.match(await err.innerText(), /最多保留一位小数/)
    assert.equal(await page.inputValue('input[data-test="max-1.2"]'), '10.25')
    // ---- several problems at once, each at its place ----
    await page.fill('input[data-test="max-1.2"]', '0')
    await page.fill('input[data-test="sub-name-1.1-2"]', '')
    await page.fill('input[data-test="sub-max-1.1-3"]', '150')
    await page.click('[data-test=rubric-save]')
    await page.locator('[data-test="rerr-1.2-max"]', { hasText: '不能为0' }).waitFor()
    assert.match(await page.locator('[data-test="rerr-1.1-2-name"]').innerText(), /缺少名称/)
    assert.match(await page.locator('[data-test="rerr-1.1-3-max"]').innerText(), /不超过100分/)
    assert.equal((await county.get(url)).json.version, 1, 'nothing saved')
    await shot(page, 'r04-rubric-errors')
    await part(page.locator('[data-test=rubric-section-1]'), 'r04a-section-1-errors')
    assert.deepEqual(page.errors, [])
    await page.close()

    // ---- outside 申报 the applicant's start is refused with the phase's own words ----
    const ap = await freshPage(browser)
    await login(ap, server.base, APPLICANT.username, APPLICANT.password)
    await ap.waitForURL(`${server.base}/my-application`)
    await ap.click('.side-menu .el-menu-item:has-text("我的申报")')
    await ap.locator('[data-test=app-start]').waitFor()
    await ap.click('[data-test=start-type-party_organisation]')
    await ap.fill('input[data-test=start-name]', '小区党支部')
    await ap.fill('input[data-test=start-contact]', '王明')
    await ap.fill('input[data-test=start-phone]', '0750-3201234')
    await ap.click('[data-test=start-submit]')
    const refusal = ap.locator('[data-test=app-start-error]')
    await refusal.waitFor()
    const words = await applicantRefusal(server.base)
    assert.equal((await refusal.innerText()).trim(), words)
    assert.match(words, /申报/)
    assert.match(words, /2023-09-01/)
    assert.equal(await ap.inputValue('input[data-test=start-name]'), '小区党支部', 'nothing typed is lost')
    await shot(ap, 'r05-applicant-phase-refused')
    assert.deepEqual(ap.errors, [])
    await ap.close()
  })
})
