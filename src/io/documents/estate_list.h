// A plain PDF of a level's list (a county's list or the city's list), as the
// selection pages show it: a title, a line of what the list is (status and
// date), and the table of its estates; no 版头, no number. Tables break
// across pages with their header repeated and long names wrapped (the layout
// of RenderOfficialPdf). Pure.
#pragma once
#include <string>
#include <vector>

#include "io/documents/official_document.h"

namespace meihao::io::documents {

struct EstateListRow {
  std::string division;   // 镇（街道） on a county's list, 县（市、区） on the city's
  std::string estate;     // 小区名称
  std::string applicant;  // 红色管家（申报单位）
  std::string score;      // as printed, e.g. "92.35"
};

struct EstateList {
  std::string title;          // e.g. "蓬江区2023年度“美好家园”小区名单"
  std::string note;           // e.g. "名单状态：已确定。制表日期：2023年12月20日。"
  std::string division_header;  // "镇（街道）" or "县（市、区）"
  std::vector<EstateListRow> rows;  // in the order printed; numbered from 1
};

OfficialDocument EstateListDocument(const EstateList& list);

}  // namespace meihao::io::documents
