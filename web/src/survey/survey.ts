// The resident questionnaire (rules.md §10): shared by the public survey page and paper entry.
// No Element Plus here: the public page imports this and must stay light.

export const ANSWER_LABELS = ['非常不满意', '不满意', '一般', '满意', '非常满意']

export const SURVEY_DIMENSIONS: { key: string; zh: string }[] = [
  { key: 'sanitation', zh: '环境卫生' },
  { key: 'greening', zh: '绿化养护' },
  { key: 'facilities', zh: '设施设备维护' },
  { key: 'safety', zh: '安全秩序' },
  { key: 'fees_disclosure', zh: '收费与信息公开' },
  { key: 'responsiveness', zh: '服务响应' },
]

export const COMMENT_MAX = 500

export interface SurveyInfo {
  campaign_year: number
  estate_name: string
  county_name: string
  town_name: string
  survey_from: string
  survey_to: string
  overall: { zh: string }
  dimensions: { key: string; zh: string }[]
  answer_labels: string[]
  comment_max: number
}

/** Code points, as the server counts the comment. */
export function charCount(s: string): number {
  return Array.from(s).length
}

/** What a resident typed → the form in the link: spaces and dashes dropped, upper case. The server normalises again. */
export function tidyCode(s: string): string {
  return s.replace(/[\s\u3000\-‐‑‒–—―－]/g, '').toUpperCase()
}

// ---- Household codes and paper questionnaires (the staff's 满意度调查 page) ----

export interface CodeCounts {
  issued: number
  used: number
  void: number
  responses?: number
  /** responses typed in from paper questionnaires */
  paper?: number
}

export interface PaperResponseAnswer {
  estate_code: string
  estate_name: string
  received_at: string
}
