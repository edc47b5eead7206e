// 排名 and an estate's figures: the types of GET /api/campaigns/{year}/rankings and …/estates/{code}/figures.

export interface RankingRow {
  estate_code: string
  estate_name: string
  county_code: string
  county_name: string
  town_name: string
  households: number
  managed: boolean
  satisfaction_sample: number
  satisfaction_index: string | null
  satisfaction_rank: number | null
  complaint_count: number
  complaint_rate: string
  complaint_rank: number | null
  top_satisfaction: boolean
  bottom_complaints: boolean
  demonstration: boolean
  cultivation: boolean
}

export interface RankingCut {
  county_code: string
  county_name: string
  satisfaction_n: number
  satisfaction_k: number
  complaint_n: number
  complaint_k: number
}

export interface RankingsAnswer {
  rows: RankingRow[]
  cuts: RankingCut[]
}

export interface EstateFigures {
  estate_code: string
  estate_name: string
  households: number
  managed: boolean
  /** the assessment window: `from` inclusive, `to` exclusive (the reference date) */
  window: { from: string; to: string }
  fee_year: number
  survey: {
    responses: number
    points: number
    codes: { issued: number; used: number; void: number }
    dimensions: { key: string; zh: string; mean: string | null }[]
  }
  third_party: { surveyed_on: string; surveyor: string; sample: number; score: string }[]
  satisfaction: { sample: number; index: string | null; ranked: boolean; min_sample: number; rank: number | null }
  complaints: { count: number; rate: string; rank: number | null }
  fees: { rows: number; due_yuan: string; collected_yuan: string; rate: string } | null
  penalties: { decision_no: string; decided_on: string; company_name: string }[]
  flags: { top_satisfaction: boolean; bottom_complaints: boolean; demonstration: boolean; cultivation: boolean }
}
