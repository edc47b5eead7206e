// The four record sheets of data-formats.md, column by column.
#include "domain/indicators/record_import.h"

namespace meihao::domain::indicators {

const RecordSheetSpec& ComplaintsSpec() {
  static const RecordSheetSpec spec{
      "投诉记录",
      {{"id", "投诉编号", true, CellKind::kText, 0, 0, 1, 64},
       {"estate_code", "小区编码", true, CellKind::kEstateCode},
       {"received_on", "投诉日期", true, CellKind::kDate},
       {"category", "投诉类别", false, CellKind::kText, 0, 0, 0, 50},
       {"property_related", "是否物业管理类", true, CellKind::kYesNo},
       {"valid", "是否有效", false, CellKind::kYesNo, 0, 0, 0, 0, true}},
      {"id"},
      {}};
  return spec;
}

const RecordSheetSpec& SatisfactionSpec() {
  static const RecordSheetSpec spec{
      "第三方满意度测评结果",
      {{"estate_code", "小区编码", true, CellKind::kEstateCode},
       {"sample_size", "样本量", true, CellKind::kInteger, 1, 100000},
       {"score", "满意度得分", true, CellKind::kHundredths, 0, 10000},
       {"surveyed_on", "测评日期", true, CellKind::kDate},
       {"surveyor", "测评机构", false, CellKind::kText, 0, 0, 0, 100}},
      {"estate_code", "surveyed_on", "surveyor"},
      {}};
  return spec;
}

const RecordSheetSpec& FeesSpec() {
  static const RecordSheetSpec spec{
      "物业费收缴",
      {{"estate_code", "小区编码", true, CellKind::kEstateCode},
       {"year", "年度", true, CellKind::kInteger, 2000, 2100},
       {"amount_due", "应收金额", true, CellKind::kMoneyFen, 1, 100'000'000'000'00},
       {"amount_collected", "实收金额", true, CellKind::kMoneyFen, 0, 100'000'000'000'00}},
      {"estate_code", "year"},
      [](const RecordRow& r) {
        std::vector<std::tuple<std::string, std::string, std::string>> out;
        if (r.cells[3].number > r.cells[2].number)
          out.emplace_back("amount_collected", "实收金额不能大于应收金额", "amount_collected must not exceed amount_due");
        return out;
      }};
  return spec;
}

const RecordSheetSpec& PenaltiesSpec() {
  static const RecordSheetSpec spec{
      "行政处罚",
      {{"decision_no", "处罚决定书文号", true, CellKind::kText, 0, 0, 1, 100},
       {"company_uscc", "统一社会信用代码", true, CellKind::kUscc},
       {"company_name", "企业名称", false, CellKind::kText, 0, 0, 0, 200},
       {"decided_on", "处罚日期", true, CellKind::kDate},
       {"reason", "处罚事由", false, CellKind::kText, 0, 0, 0, 500}},
      {"decision_no"},
      {}};
  return spec;
}

}  // namespace meihao::domain::indicators
