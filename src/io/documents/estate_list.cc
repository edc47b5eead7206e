#include "io/documents/estate_list.h"

#include <utility>

namespace meihao::io::documents {

OfficialDocument EstateListDocument(const EstateList& list) {
  OfficialDocument doc;
  doc.title = list.title;
  if (!list.note.empty()) doc.body.push_back(Paragraph{list.note});
  Table t;
  // The widths of the list announcement (list_announcement.cc), 442 pt in all.
  t.columns = {{"序号", 34, Align::kCenter},
               {list.division_header.empty() ? "县（市、区）" : list.division_header, 80, Align::kCenter},
               {"小区名称", 136, Align::kLeft},
               {"红色管家（申报单位）", 146, Align::kLeft},
               {"得分", 46, Align::kCenter}};
  t.rows.reserve(list.rows.size());
  for (size_t i = 0; i < list.rows.size(); ++i) {
    const EstateListRow& r = list.rows[i];
    t.rows.push_back({std::to_string(i + 1), r.division, r.estate, r.applicant, r.score});
  }
  doc.body.push_back(std::move(t));
  return doc;
}

}  // namespace meihao::io::documents
