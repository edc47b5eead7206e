// 第三方评估: the types and calls of the assessment API (rounds, findings per estate, conclusions per
// county, the counties' answers, ratings over rounds).
import { api } from '../shared/api'

export type Rating = 'good' | 'fair' | 'average' | 'poor'
export type Trend = 'up' | 'down' | 'flat' | 'none'

export const RATINGS: { key: Rating; zh: string }[] = [
  { key: 'good', zh: '好' },
  { key: 'fair', zh: '较好' },
  { key: 'average', zh: '一般' },
  { key: 'poor', zh: '差' },
]
export const RATING_TAG: Record<Rating, 'success' | 'primary' | 'warning' | 'danger'> = {
  good: 'success',
  fair: 'primary',
  average: 'warning',
  poor: 'danger',
}
export const TREND_MARK: Record<Trend, string> = { up: '↑', down: '↓', flat: '→', none: '' }
export const TREND_ZH: Record<Trend, string> = { up: '好转', down: '下降', flat: '持平', none: '' }

export interface Finding {
  estate_code: string
  estate_name: string
  county_code: string
  county_name: string
  town_name: string
  rating: Rating
  rating_zh: string
  findings: string
  saved_at: string
  answer: string | null
  answered_at: string | null
  answered_by: string | null
}

export interface Conclusion {
  county_code: string
  county_name: string
  conclusion: string
  saved_at: string
}

export interface Round {
  id: number
  year: number
  title: string
  period_from: string
  period_to: string
  scope_code: string
  assessor: string
  status: 'draft' | 'submitted'
  status_zh: string
  created_at: string
  submitted_at: string | null
  can_edit: boolean
  findings: Finding[]
  conclusions: Conclusion[]
}

export interface RoundSummary {
  id: number
  title: string
  period_from: string
  period_to: string
  status: 'draft' | 'submitted'
  assessor: string
  findings: number
  answered: number
}

export interface EstateRatings {
  estate_code: string
  latest: Rating
  latest_zh: string
  trend: Trend
  ratings: { round: string; rating: Rating; rating_zh: string }[]
}

const base = (year: number) => `/api/campaigns/${year}/assessments`

export const listRounds = (year: number) => api<{ items: RoundSummary[] }>('GET', base(year))
export const getRound = (year: number, id: number) => api<Round>('GET', `${base(year)}/${id}`)
export const createRound = (year: number, body: { title: string; period_from: string; period_to: string }) =>
  api<Round>('POST', base(year), { json: body })
export const saveFinding = (year: number, id: number, estate: string, body: { rating: Rating; findings: string }) =>
  api<Round>('PUT', `${base(year)}/${id}/estates/${encodeURIComponent(estate)}`, { json: body })
export const saveConclusion = (year: number, id: number, county: string, conclusion: string) =>
  api<Round>('PUT', `${base(year)}/${id}/counties/${county}`, { json: { conclusion } })
export const submitRound = (year: number, id: number) => api<Round>('POST', `${base(year)}/${id}/submit`, { json: {} })
export const answerFinding = (year: number, id: number, estate: string, answer: string) =>
  api<Finding>('PUT', `${base(year)}/${id}/estates/${encodeURIComponent(estate)}/answer`, { json: { answer } })
export const countyRatings = (year: number, county: string) =>
  api<{ county_code: string; items: EstateRatings[] }>('GET', `${base(year)}/ratings`, { query: { county }, quiet: true })
