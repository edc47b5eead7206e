// Browser test of 第三方评估 (issue 11 part 6) on the demo campaign walked through the year, at 2023-12-20:
// the assessor opens a round, rates an estate of 蓬江区's cultivation list and submits; the county
// administrator answers the finding; the cultivation list shows the latest rating and the trend.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { DEMO, freshPage, launchBrowser, login, shot, startServer } from './harness.mjs'

let server
let browser

before(async () => {
  server = await startServer({ story: true, env: { MEIHAO_TODAY: '2023-12-20' } })
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

describe('第三方评估', () => {
  test('the assessor rates and submits; the county answers; the cultivation list shows the rating and trend', async () => {
    const page = await freshPage(browser)
    await login(page, server.base, 'assessor', DEMO.assessor)
    await page.waitForURL((u) => !u.pathname.startsWith('/login'))
    await page.goto(`${server.base}/assessment`)
    await page.getByText('2023年第三季度').first().waitFor()
    await shot(page, 'assessment-assessor-rounds')

    await page.click('[data-test=assess-new]')
    await page.locator('input[data-test=assess-title], [data-test=assess-title] input').first().fill('2023年第四季度')
    const period = page.locator('.el-dialog .el-range-input')
    await period.nth(0).fill('2023-10-01')
    await period.nth(1).fill('2023-12-31')
    await period.nth(1).press('Enter')
    await page.click('.el-dialog__title')
    await page.click('[data-test=assess-create]')
    const firstRating = page.locator('[data-test=assess-edit] [data-test^=rating-]').first()
    await firstRating.waitFor()
    const code = (await firstRating.getAttribute('data-test')).slice('rating-'.length)
    await firstRating.click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: /^好$/ }).first().click()
    await page.locator(`textarea[data-test=findings-${code}], [data-test=findings-${code}] textarea`).first().fill('培育任务已全部完成，居民反映良好。')
    await page.click(`[data-test=save-${code}]`)
    await page.getByText('已保存').first().waitFor()
    await page.locator('textarea[data-test=assess-conclusion], [data-test=assess-conclusion] textarea').first().fill('蓬江区培育工作总体有序推进。')
    await page.click('[data-test=assess-conclusion-save]')
    await page.getByText('结论已保存').first().waitFor()
    await shot(page, 'assessment-assessor-draft')
    await page.click('[data-test=assess-submit]')
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await page.getByText('已提交').first().waitFor()
    assert.deepEqual(page.errors, [])

    const county = await freshPage(browser)
    await login(county, server.base, 'county_admin', DEMO.county_admin)
    await county.waitForURL((u) => !u.pathname.startsWith('/login'))
    await county.goto(`${server.base}/assessment`)
    const answer = county.locator(`textarea[data-test=answer-${code}], [data-test=answer-${code}] textarea`).first()
    await answer.waitFor()
    await answer.fill('已督促物业服务企业巩固整改成果。')
    await county.click(`[data-test=answer-save-${code}]`)
    await county.getByText('回复已保存').first().waitFor()
    await shot(county, 'assessment-county-answers')

    await county.goto(`${server.base}/cultivation`)
    await county.locator('[data-test=cult-table]').getByText('→').first().waitFor()
    const row = county.locator('[data-test=cult-table] tr', { hasText: code })
    assert.match(await row.innerText(), /好/)
    await shot(county, 'assessment-cultivation-ratings')
    assert.deepEqual(county.errors, [])
  })
})
