// The city's 总结表彰 (issue 11 parts 2–3): the shapes of GET /api/campaigns/{year}/summary and /documents.
export interface CitySummary {
  year: number
  text: string
  version: number
  updated_at: string | null
  updated_by: string | null
}
export interface CountyFigures {
  managed_estates: number
  quota: number
  applications: number
  evaluated: number
  eligible: number
  listed: number
  list_status: string
  list_late: boolean
  city_winners: number
}
export interface IssuedDocument {
  id: number
  year: number
  kind: 'commendation' | 'list_announcement'
  kind_zh: string
  number: string
  title: string
  issuer: string
  issued_on: string
  issued_at: string
  issued_by: string
  pdf_size: number
  download: string
}
export interface CountyCommendation {
  county_code: string
  county_name: string
  commended: boolean
  reason: string
  commended_at: string | null
  commended_by: string | null
  document_number: string | null
  figures: CountyFigures
}
export interface SummaryAnswer {
  summary: CitySummary
  commendations: { year: number; counties: CountyCommendation[]; letter: IssuedDocument | null }
}
export interface DocumentRegister {
  year: number
  proposed_number: string
  items: IssuedDocument[]
}
export const SUMMARY_MAX = 20000
export const REASON_MAX = 500
export const LIST_STATUS_ZH: Record<string, string> = { draft: '草稿', published: '公示中', final: '已确定' }
