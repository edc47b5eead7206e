// 活动设置's settings outside the phase table, in the three groups the page shows: what each is called, what kind
// of value it takes (date, whole number, optional number, the complaint ranking's scope), its unit and hints.

export type Kind = 'date' | 'int' | 'optint' | 'scope'
export interface FieldDef {
  key: string
  label: string
  kind: Kind
  unit?: string
  hint?: string
  /** Shown only while editing. */
  editHint?: string
}

export const INDICATOR_FIELDS: FieldDef[] = [
  { key: 'reference_date', label: '参考日期', kind: 'date', hint: '考核期为参考日期前 12 个月' },
  { key: 'fee_year', label: '物业费收缴年度', kind: 'int', unit: '年' },
  { key: 'complaint_scope', label: '投诉率排名范围', kind: 'scope' },
  { key: 'survey_window.from', label: '满意度调查开始日期', kind: 'date' },
  { key: 'survey_window.to', label: '满意度调查结束日期', kind: 'date' },
  { key: 'top_percent', label: '满意度前列比例', kind: 'int', unit: '%' },
  { key: 'bottom_percent', label: '投诉率后列比例', kind: 'int', unit: '%' },
  { key: 'min_sample_cap', label: '满意度排名最低样本数', kind: 'int', unit: '份', hint: '样本数不少于该数与户数一半中的较小者方参加排名' },
]
export const REVIEW_FIELDS: FieldDef[] = [
  { key: 'min_evaluators', label: '最少评审专家人数', kind: 'int', unit: '人' },
  { key: 'disagreement_stddev', label: '评分分歧标准差阈值', kind: 'int', unit: '分' },
  { key: 'quota_percent', label: '县级名额比例', kind: 'int', unit: '%', hint: '占本县（市、区）物业管理小区数' },
  { key: 'min_score', label: '最低分数线', kind: 'optint', unit: '分', editHint: '不设则留空' },
  { key: 'publicity_days', label: '公示天数', kind: 'int', unit: '天' },
  { key: 'city_target', label: '市级“美好家园”小区数量', kind: 'optint', unit: '个', editHint: '不设则留空' },
]
export const DEADLINES: FieldDef[] = [
  { key: 'deadlines.county_list', label: '县级名单公布期限', kind: 'date' },
  { key: 'deadlines.county_report', label: '县级工作报告报送期限', kind: 'date' },
  { key: 'deadlines.city_list', label: '市级名单公布期限', kind: 'date' },
]
