import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { api, setAuthHandlers } from './shared/api'
import { session, setSession } from './shared/session'
import type { Role, SessionAnswer } from './shared/types'

declare module 'vue-router' {
  interface RouteMeta {
    title?: string
    roles?: Role[]
    public?: boolean
  }
}

const ALL: Role[] = ['city_admin', 'county_admin', 'street_staff', 'applicant', 'evaluator', 'auditor', 'assessor']
/** Bureau staff who see campaign figures (the campaign API refuses evaluators and applicants). */
const STAFF: Role[] = ['city_admin', 'county_admin', 'street_staff', 'auditor']

export const menuRoutes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'home',
    component: () => import('./shared/HomeView.vue'),
    meta: { title: '首页', roles: ALL },
    // Evaluators read no estate figures (the stats API refuses them): their home is their queue. An
    // applicant's figures are one estate's: its home is its application.
    beforeEnter: () =>
      session.user?.role === 'evaluator'
        ? { name: 'eval-queue' }
        : session.user?.role === 'applicant'
          ? { name: 'my-application' }
          : true,
  },
  {
    path: 'estates',
    name: 'estates',
    component: () => import('./registry/EstateList.vue'),
    meta: { title: '小区台账', roles: ALL.filter((r) => r !== 'evaluator') },
  },
  { path: 'divisions', name: 'divisions', component: () => import('./registry/DivisionsView.vue'), meta: { title: '行政区划', roles: ALL } },
  {
    path: 'import',
    name: 'import',
    component: () => import('./registry/ImportView.vue'),
    meta: { title: '批量导入', roles: ['city_admin', 'county_admin'] },
  },
  {
    path: 'campaigns',
    name: 'campaigns',
    component: () => import('./campaigns/CampaignView.vue'),
    meta: { title: '活动设置', roles: STAFF },
  },
  {
    path: 'rankings',
    name: 'rankings',
    component: () => import('./indicators/RankingsView.vue'),
    meta: { title: '排名', roles: STAFF },
  },
  {
    path: 'survey-codes',
    name: 'survey-codes',
    component: () => import('./survey/SurveyCodesView.vue'),
    meta: { title: '满意度调查', roles: ['city_admin', 'county_admin', 'street_staff'] },
  },
  {
    path: 'cultivation',
    name: 'cultivation',
    component: () => import('./cultivation/CultivationView.vue'),
    meta: { title: '培育', roles: [...STAFF, 'assessor'] },
  },
  {
    path: 'assessment',
    name: 'assessment',
    component: () => import('./assessment/AssessmentView.vue'),
    meta: { title: '第三方评估', roles: [...STAFF, 'assessor'] },
  },
  {
    path: 'my-application',
    name: 'my-application',
    component: () => import('./applications/ApplicationView.vue'),
    meta: { title: '我的申报', roles: ['applicant'] },
  },
  {
    path: 'applications',
    name: 'applications',
    component: () => import('./applications/ApplicationsView.vue'),
    meta: { title: '申报管理', roles: STAFF },
  },
  {
    path: 'rubric',
    name: 'rubric',
    component: () => import('./rubric/RubricView.vue'),
    meta: { title: '评价标准', roles: ['city_admin', 'county_admin'] },
  },
  {
    path: 'evaluation/tasks',
    name: 'eval-queue',
    component: () => import('./evaluation/EvalQueueView.vue'),
    meta: { title: '评审任务', roles: ['evaluator'] },
  },
  {
    path: 'evaluation/affiliations',
    name: 'eval-affiliations',
    component: () => import('./evaluation/EvalAffiliationsView.vue'),
    meta: { title: '回避声明', roles: ['evaluator'] },
  },
  {
    path: 'evaluation',
    name: 'evaluation',
    component: () => import('./evaluation/EvaluationView.vue'),
    meta: { title: '评审管理', roles: ['city_admin', 'county_admin', 'auditor'] },
  },
  {
    path: 'selection',
    name: 'selection',
    component: () => import('./selection/SelectionView.vue'),
    meta: { title: '名单与公示', roles: ['city_admin', 'county_admin', 'auditor'] },
  },
  {
    path: 'summary',
    name: 'summary',
    component: () => import('./summary/SummaryView.vue'),
    meta: { title: '总结表彰', roles: ['city_admin', 'auditor'] },
  },
  { path: 'users', name: 'users', component: () => import('./accounts/UsersView.vue'), meta: { title: '用户管理', roles: ['city_admin'] } },
  {
    path: 'audit',
    name: 'audit',
    component: () => import('./audit/AuditView.vue'),
    meta: { title: '审计日志', roles: ['city_admin', 'auditor'] },
  },
]

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./accounts/LoginView.vue'), meta: { title: '登录', public: true } },
  { path: '/password', name: 'password', component: () => import('./accounts/PasswordView.vue'), meta: { title: '修改密码' } },
  {
    path: '/',
    component: () => import('./shared/AppLayout.vue'),
    children: [
      ...menuRoutes,
      {
        path: 'estates/new',
        name: 'estate-new',
        component: () => import('./registry/EstateDetail.vue'),
        meta: { title: '新增小区', roles: ['city_admin', 'county_admin'] },
      },
      {
        path: 'cultivation/estates/:code',
        name: 'cultivation-estate',
        component: () => import('./cultivation/CultivationEstate.vue'),
        meta: { title: '培育任务', roles: [...STAFF, 'assessor'] },
      },
      {
        path: 'applications/:year/:id',
        name: 'application',
        component: () => import('./applications/ApplicationDetailView.vue'),
        meta: { title: '申报材料', roles: [...STAFF, 'applicant'] },
      },
      {
        path: 'evaluation/tasks/:id',
        name: 'eval-score',
        component: () => import('./evaluation/EvalScoringView.vue'),
        meta: { title: '评分', roles: ['evaluator'] },
      },
      {
        path: 'estates/:code',
        name: 'estate',
        component: () => import('./registry/EstateDetail.vue'),
        meta: { title: '小区详情', roles: ALL.filter((r) => r !== 'evaluator') },
      },
    ],
  },
  {
    // The public survey page is its own small app (main.ts): leave the staff app with a full page load.
    path: '/survey/:code?',
    name: 'survey',
    component: () => import('./survey/SurveyPage.vue'),
    meta: { title: '满意度调查', public: true },
    beforeEnter: (to) => {
      window.location.assign(to.fullPath)
      return false
    },
  },
  {
    // The public lists are their own small app (main.ts): leave the staff app with a full page load.
    path: '/gongshi/:rest(.*)*',
    name: 'gongshi',
    component: () => import('./selection/GongshiPage.vue'),
    meta: { title: '名单公示', public: true },
    beforeEnter: (to) => {
      window.location.assign(to.fullPath)
      return false
    },
  },
  { path: '/:rest(.*)*', redirect: '/' },
]

export const router = createRouter({ history: createWebHistory(), routes })

setAuthHandlers(
  () => {
    setSession(null)
    if (router.currentRoute.value.name !== 'login') {
      router.push({ name: 'login', query: { redirect: router.currentRoute.value.fullPath } })
    }
  },
  () => {
    if (session.user) session.user.must_change_password = true
    router.push({ name: 'password' })
  },
)

router.beforeEach(async (to) => {
  if (!session.loaded) {
    try {
      setSession(await api<SessionAnswer>('GET', '/api/session/me', { quiet: true, noAuthRedirect: true }))
    } catch {
      setSession(null)
    }
  }
  if (to.meta.public) {
    if (to.name === 'login' && session.user) return session.user.must_change_password ? { name: 'password' } : { path: '/' }
    return true
  }
  if (!session.user) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  if (session.user.must_change_password && to.name !== 'password') return { name: 'password' }
  const roles = to.meta.roles
  if (roles && !roles.includes(session.user.role)) return { path: '/' }
  return true
})

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} - 美好家园 小区治理平台` : '美好家园 小区治理平台'
})
