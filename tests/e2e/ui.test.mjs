// Browser tests of the web UI against a real meihao server (see harness.mjs).
// Run: node --test --test-concurrency=1 tests/e2e/   (after building the server and web/dist)
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import {
  ADMIN_PASSWORD,
  DEMO,
  apiClient,
  badUscc,
  freshPage,
  launchBrowser,
  login,
  shot,
  startServer,
  uscc,
} from './harness.mjs'

let server
let browser

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

/** Text of every cell of a visible table column, by header label. */
async function columnTexts(page, tableSel, header) {
  const headers = await page.locator(`${tableSel} .el-table__header th`).allInnerTexts()
  const idx = headers.findIndex((h) => h.trim() === header)
  assert.ok(idx >= 0, `column ${header} not found in ${headers.join('|')}`)
  return page.locator(`${tableSel} .el-table__body tr.el-table__row td:nth-child(${idx + 1})`).allInnerTexts()
}

async function waitTableIdle(page, tableSel) {
  await page.waitForFunction((sel) => !document.querySelector(`${sel} .el-loading-mask:not([style*="display: none"])`), tableSel)
}

describe('login and password', () => {
  test('county admin logs in and sees the header, menu and home charts', async () => {
    const page = await freshPage(browser)
    await login(page, server.base, 'county_admin', DEMO.county_admin)
    await page.waitForURL(`${server.base}/`)
    await page.locator('[data-test=total-estates]').filter({ hasText: /^\d+$/ }).waitFor()
    assert.equal((await page.locator('[data-test=scope-name]').innerText()).trim(), '蓬江区')
    assert.equal((await page.locator('[data-test=role-label]').innerText()).trim(), '县（市、区）管理员')
    assert.match(await page.locator('header').innerText(), /美好家园 小区治理平台/)
    const menu = (await page.locator('.side-menu .el-menu-item').allInnerTexts()).map((s) => s.trim())
    assert.deepEqual(menu, ['首页', '小区台账', '行政区划', '批量导入', '活动设置', '排名', '满意度调查', '培育', '第三方评估', '申报管理', '评价标准', '评审管理', '名单与公示'])
    // Both charts drew a canvas.
    await page.locator('[data-test=chart-county] canvas').waitFor()
    await page.locator('[data-test=chart-mode] canvas').waitFor()
    const api = await apiClient(server.base, 'county_admin', DEMO.county_admin)
    const stats = (await api.get('/api/stats/estates')).json
    assert.equal(await page.locator('[data-test=total-estates]').innerText(), String(stats.total))
    await shot(page, '01-home-county-admin')
    assert.deepEqual(page.errors, [])
    await page.close()
  })

  test('wrong password is refused with a message', async () => {
    const page = await freshPage(browser)
    await login(page, server.base, 'street_staff', 'not-the-password')
    await page.locator('[data-test=login-error]').waitFor()
    assert.match(page.url(), /\/login/)
    await shot(page, '02-login-failed')
    await page.close()
  })

  test('admin from init must change the password before anything else', async () => {
    const page = await freshPage(browser)
    await login(page, server.base, 'admin', ADMIN_PASSWORD)
    await page.waitForURL(/\/password$/)
    // Other pages are not reachable until the password is changed.
    await page.goto(`${server.base}/estates`)
    await page.waitForURL(/\/password$/)
    await page.locator('input[name=old_password]').waitFor()
    await shot(page, '03-forced-password-change')

    // Client-side rule: confirmation must match.
    await page.fill('input[name=old_password]', ADMIN_PASSWORD)
    await page.fill('input[name=new_password]', 'New-Admin-Pass-2026')
    await page.fill('input[name=confirm]', 'Something-Else-2026')
    await page.click('[data-test=password-submit]')
    await page.locator('.el-form-item__error', { hasText: '两次输入的新密码不一致' }).waitFor()

    // Server error: wrong old password, shown on the page.
    await page.fill('input[name=old_password]', 'Wrong-Old-Password')
    await page.fill('input[name=confirm]', 'New-Admin-Pass-2026')
    await page.click('[data-test=password-submit]')
    await page.locator('[data-test=password-error]').waitFor()
    assert.match(page.url(), /\/password$/)
    await shot(page, '04-password-server-error')

    await page.fill('input[name=old_password]', ADMIN_PASSWORD)
    await page.click('[data-test=password-submit]')
    await page.waitForURL(`${server.base}/`)
    const menu = (await page.locator('.side-menu .el-menu-item').allInnerTexts()).map((s) => s.trim())
    assert.deepEqual(menu, ['首页', '小区台账', '行政区划', '批量导入', '活动设置', '排名', '满意度调查', '培育', '第三方评估', '申报管理', '评价标准', '评审管理', '名单与公示', '总结表彰', '用户管理', '审计日志'])

    // The new password works, the old one no longer does.
    const api = await apiClient(server.base, 'admin', 'New-Admin-Pass-2026')
    assert.equal(api.user.must_change_password, false)
    const old = await fetch(`${server.base}/api/session/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    })
    assert.equal(old.status, 401)
    assert.deepEqual(page.errors, [])
    await page.close()
  })
})

describe('estate list', () => {
  test('keyword search shows only matching estates of 蓬江区', async () => {
    // Choose a keyword that matches estates both inside and outside 蓬江区, so scoping is tested too.
    const city = await apiClient(server.base, 'city_admin', DEMO.city_admin)
    const all = (await city.get('/api/estates?page_size=200')).json.items
    assert.ok(all.length > 0, 'demo data has estates')
    const inside = all.filter((e) => e.county_code === '440703')
    assert.ok(inside.length > 0, 'demo data has estates in 蓬江区')
    let keyword = inside[0].name
    outer: for (const e of inside) {
      const chars = Array.from(e.name)
      for (let n = 2; n <= 4; n++) {
        for (let i = 0; i + n <= chars.length; i++) {
          const k = chars.slice(i, i + n).join('')
          const hits = all.filter((x) => x.name.includes(k) || (x.address || '').includes(k))
          const mine = hits.filter((x) => x.county_code === '440703')
          if (mine.length >= 1 && mine.length <= 20 && mine.length < inside.length && hits.length > mine.length) {
            keyword = k
            break outer
          }
        }
      }
    }
    const county = await apiClient(server.base, 'county_admin', DEMO.county_admin)
    const expected = (await county.get(`/api/estates?q=${encodeURIComponent(keyword)}&page_size=200`)).json

    const page = await freshPage(browser)
    await login(page, server.base, 'county_admin', DEMO.county_admin)
    await page.waitForURL(`${server.base}/`)
    await page.click('.side-menu .el-menu-item:has-text("小区台账")')
    await page.waitForURL(/\/estates/)
    await page.locator('[data-test=estate-table] .el-table__row').first().waitFor()
    await shot(page, '05-estate-list')
    await page.fill('input[data-test=filter-q]', keyword)
    await page.click('[data-test=search]')
    await page.waitForURL(new RegExp(`q=${encodeURIComponent(keyword).replace(/%/g, '%')}`))
    await waitTableIdle(page, '[data-test=estate-table]')
    await page.locator('[data-test=estate-total]', { hasText: `共 ${expected.total} 个小区` }).waitFor()
    const names = await columnTexts(page, '[data-test=estate-table]', '小区名称')
    const addresses = await columnTexts(page, '[data-test=estate-table]', '地址')
    const counties = await columnTexts(page, '[data-test=estate-table]', '县（市、区）')
    assert.equal(names.length, Math.min(expected.total, 20))
    assert.ok(names.length > 0)
    names.forEach((n, i) => assert.ok(n.includes(keyword) || addresses[i].includes(keyword), `row ${i} (${n}) matches ${keyword}`))
    counties.forEach((c) => assert.equal(c.trim(), '蓬江区'))
    assert.deepEqual(names.map((s) => s.trim()).sort(), expected.items.slice(0, 20).map((e) => e.name).sort())
    await shot(page, '06-estate-search')

    // Export with the current filter downloads a file.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=export]')])
    const file = await dl.path()
    assert.ok(file && fs.statSync(file).size > 0, 'export file is not empty')
    assert.match(dl.suggestedFilename(), /\.xlsx$/)
    assert.deepEqual(page.errors, [])
    await page.close()
  })
})

describe('import', () => {
  const header = '小区编码,小区名称,区县,镇街,社区,地址,户数,物业管理方式,物业服务企业,统一社会信用代码,业主组织,小区党组织,红色管家示范项目'
  const good = uscc('91440703MA4E2E001')
  const bad = badUscc('91440703MA4E2E002')
  const rows = (town2, uscc3) => [
    header,
    `E2E-IMP-001,环市测试花园,蓬江区,环市街道,,环市路1号,120,专业化物业管理,江门市测试物业服务有限公司,${good},业主委员会,是,否`,
    `E2E-IMP-002,潮连测试小区,蓬江区,${town2},,潮连大道2号,80,业主自行管理,,,物业管理委员会,否,否`,
    `E2E-IMP-003,白沙测试苑,蓬江区,白沙街道,,白沙路3号,200,专业化物业管理,江门市另一物业服务有限公司,${uscc3},无,是,是`,
  ]

  test('a bad file lists every problem and writes nothing; the corrected file imports', async () => {
    const dir = fs.mkdtempSync(path.join(server.dir, 'import-'))
    const badFile = path.join(dir, '小区台账-有误.csv')
    const goodFile = path.join(dir, '小区台账-修正.csv')
    fs.writeFileSync(badFile, '\uFEFF' + rows('不存在街道', bad).join('\r\n') + '\r\n')
    fs.writeFileSync(goodFile, '\uFEFF' + rows('潮连街道', uscc('91440703MA4E2E002')).join('\r\n') + '\r\n')
    const county = await apiClient(server.base, 'county_admin', DEMO.county_admin)
    const before = (await county.get('/api/estates?page_size=1')).json.total

    const page = await freshPage(browser)
    await login(page, server.base, 'county_admin', DEMO.county_admin)
    await page.waitForURL(`${server.base}/`)
    await page.click('.side-menu .el-menu-item:has-text("批量导入")')
    await page.waitForURL(/\/import$/)
    await page.setInputFiles('input.el-upload__input', badFile)
    await page.click('[data-test=do-import]')
    await page.locator('[data-test=problem-table] .el-table__row').first().waitFor()
    assert.match(await page.locator('[data-test=nothing-written]').innerText(), /未写入任何数据/)
    const rowNos = (await columnTexts(page, '[data-test=problem-table]', '行号')).map((s) => Number(s.trim()))
    assert.ok(rowNos.includes(3), `unknown town reported on row 3 (got ${rowNos})`)
    assert.ok(rowNos.includes(4), `invalid credit code reported on row 4 (got ${rowNos})`)
    const values = await columnTexts(page, '[data-test=problem-table]', '值')
    assert.ok(values.some((v) => v.includes('不存在街道')))
    assert.ok(values.some((v) => v.includes(bad)))
    const count = Number(await page.locator('[data-test=problem-count]').innerText())
    assert.ok(count >= 2)
    await shot(page, '07-import-problems')
    assert.equal((await county.get('/api/estates?page_size=1')).json.total, before, 'nothing written')
    assert.equal((await county.get('/api/estates/E2E-IMP-001')).status, 404, 'valid row of a bad file not written')

    // Replace the file with the corrected one: dry run, then import.
    await page.setInputFiles('input.el-upload__input', goodFile)
    await page.locator('text=已选择：小区台账-修正.csv').waitFor()
    await page.click('[data-test=dry-run]')
    await page.locator('[data-test=import-result]').waitFor()
    assert.equal(await page.locator('[data-test=count-created]').innerText(), '3')
    assert.equal((await county.get('/api/estates/E2E-IMP-001')).status, 404, 'dry run writes nothing')
    await page.click('[data-test=do-import]')
    await page.locator('[data-test=import-result]', { hasText: '导入成功' }).waitFor()
    assert.equal(await page.locator('[data-test=count-rows]').innerText(), '3')
    assert.equal(await page.locator('[data-test=count-created]').innerText(), '3')
    await shot(page, '08-import-success')
    assert.equal((await county.get('/api/estates?page_size=1')).json.total, before + 3)
    const e = (await county.get('/api/estates/E2E-IMP-002')).json
    assert.equal(e.town_name, '潮连街道')
    assert.equal(e.management_mode, 'self')
    assert.deepEqual(page.errors, [])
    await page.close()
  })
})

describe('estate edit', () => {
  test('open an estate, rename it, save, and see the new name in the list', async () => {
    const page = await freshPage(browser)
    await login(page, server.base, 'county_admin', DEMO.county_admin)
    await page.waitForURL(`${server.base}/`)
    await page.goto(`${server.base}/estates`)
    const first = page.locator('[data-test=estate-table] .el-table__row').first()
    await first.waitFor()
    const code = (await columnTexts(page, '[data-test=estate-table]', '小区编码'))[0].trim()
    await first.click()
    await page.waitForURL(new RegExp(`/estates/${encodeURIComponent(code)}$`))
    const nameInput = page.locator('input[data-test=field-name]')
    await nameInput.waitFor()
    await page.waitForFunction(() => document.querySelector('input[data-test=field-name]')?.value)
    const oldName = await nameInput.inputValue()
    await shot(page, '09-estate-detail')

    // A server 400 is shown at the field it names: tamper with the request once so the
    // client-side rules are bypassed (households 0), and expect the error under 户数.
    await page.route(`**/api/estates/${encodeURIComponent(code)}`, async (route) => {
      if (route.request().method() !== 'PUT') return route.continue()
      const body = JSON.parse(route.request().postData() || '{}')
      await route.continue({ postData: JSON.stringify({ ...body, households: 0 }) })
    }, { times: 1 })
    await page.click('[data-test=save]')
    const fieldError = page.locator('.el-form-item:has([data-test=field-households]) .el-form-item__error')
    await fieldError.waitFor()
    assert.ok((await fieldError.innerText()).trim().length > 0)
    await page.locator('[data-test=form-error]').waitFor()
    await shot(page, '09b-estate-server-field-error')
    await page.unrouteAll({ behavior: 'wait' })

    const newName = `更名测试${Date.now() % 100000}小区`
    await nameInput.fill(newName)
    await page.click('[data-test=save]')
    await page.locator('.el-message--success').waitFor()
    assert.equal(await nameInput.inputValue(), newName)
    await shot(page, '10-estate-saved')

    const api = await apiClient(server.base, 'county_admin', DEMO.county_admin)
    const saved = (await api.get(`/api/estates/${encodeURIComponent(code)}`)).json
    assert.equal(saved.name, newName)
    assert.notEqual(saved.name, oldName)

    await page.click('.side-menu .el-menu-item:has-text("小区台账")')
    await page.waitForURL(/\/estates$/)
    await page.fill('input[data-test=filter-q]', newName)
    await page.click('[data-test=search]')
    await page.locator('[data-test=estate-total]', { hasText: '共 1 个小区' }).waitFor()
    const names = await columnTexts(page, '[data-test=estate-table]', '小区名称')
    assert.deepEqual(names.map((s) => s.trim()), [newName])
    await shot(page, '11-list-after-rename')

    // A stale version (someone else saved meanwhile) is reported, not overwritten.
    await page.locator('[data-test=estate-table] .el-table__row').first().click()
    await page.waitForFunction(() => document.querySelector('input[data-test=field-name]')?.value)
    const current = (await api.get(`/api/estates/${encodeURIComponent(code)}`)).json
    const { county_name, town_name, updated_at, ...fields } = current
    const put = await api.call('PUT', `/api/estates/${encodeURIComponent(code)}`, { ...fields, name: `${newName}乙` })
    assert.equal(put.status, 200, JSON.stringify(put.json))
    await nameInput.fill(`${newName}甲`)
    await page.click('[data-test=save]')
    await page.locator('.el-message-box', { hasText: '重新加载' }).waitFor()
    await shot(page, '12-estate-stale-version')
    await page.click('.el-message-box .el-button--primary')
    await page.waitForFunction((n) => document.querySelector('input[data-test=field-name]')?.value === n, `${newName}乙`)
    assert.deepEqual(page.errors, [])
    await page.close()
  })
})

describe('other pages', () => {
  test('divisions, users and audit log render for their roles', async () => {
    const page = await freshPage(browser)
    await login(page, server.base, 'city_admin', DEMO.city_admin)
    await page.waitForURL(`${server.base}/`)
    await page.locator('[data-test=chart-county] canvas').waitFor()
    await shot(page, '13-home-city-admin')
    await page.click('.side-menu .el-menu-item:has-text("行政区划")')
    await page.locator('[data-test=division-tree] .el-tree-node', { hasText: '蓬江区' }).first().waitFor()
    await shot(page, '14-divisions')
    await page.locator('[data-test=division-tree] .tree-name', { hasText: '蓬江区' }).click()
    await page.waitForURL(/\/estates\?county=440703/)
    await waitTableIdle(page, '[data-test=estate-table]')
    const counties = await columnTexts(page, '[data-test=estate-table]', '县（市、区）')
    assert.ok(counties.length > 0)
    counties.forEach((c) => assert.equal(c.trim(), '蓬江区'))

    await page.click('.side-menu .el-menu-item:has-text("用户管理")')
    await page.locator('[data-test=user-table] .el-table__row', { hasText: 'county_admin' }).first().waitFor()
    await shot(page, '15-users')
    await page.click('[data-test=add-user]')
    await page.locator('.el-dialog', { hasText: '新增用户' }).waitFor()
    await shot(page, '16-add-user-dialog')
    await page.keyboard.press('Escape')

    await page.click('.side-menu .el-menu-item:has-text("审计日志")')
    await page.locator('[data-test=audit-table] .el-table__row').first().waitFor()
    await page.click('[data-test=verify]')
    await page.locator('[data-test=verify-result]', { hasText: '校验通过' }).waitFor()
    await page.locator('[data-test=audit-table] .el-table__expand-icon').first().click()
    await shot(page, '17-audit')
    assert.deepEqual(page.errors, [])
    await page.close()
  })

  test('a street staff member reads an estate without edit controls; narrow screen layout', async () => {
    const page = await freshPage(browser)
    await page.setViewportSize({ width: 390, height: 844 })
    await login(page, server.base, 'street_staff', DEMO.street_staff)
    await page.waitForURL(`${server.base}/`)
    await page.goto(`${server.base}/estates`)
    await page.locator('[data-test=estate-table] .el-table__row').first().waitFor()
    assert.equal(await page.locator('[data-test=new-estate]').count(), 0)
    await shot(page, '18-mobile-estate-list')
    await page.locator('[data-test=estate-table] .el-table__row').first().click()
    await page.locator('[data-test=estate-readonly]').waitFor()
    assert.equal(await page.locator('[data-test=save]').count(), 0)
    await shot(page, '19-mobile-estate-readonly')
    assert.deepEqual(page.errors, [])
    await page.close()
  })
})
