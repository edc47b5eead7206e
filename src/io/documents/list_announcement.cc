#include "io/documents/list_announcement.h"

#include <utility>

namespace meihao::io::documents {

OfficialDocument ListAnnouncementDocument(const ListAnnouncement& a) {
  const std::string year = std::to_string(a.year);
  OfficialDocument doc;
  doc.issuer = "江门市住房和城乡建设局";
  doc.number = a.number;
  doc.title = "关于公布" + year + "年度“美好家园”\n小区名单的通知";
  doc.addressees = "各县（市、区）住房和城乡建设局：";
  doc.body.push_back(Paragraph{
      "根据《江门市“擦亮‘红色管家’品牌 选树‘美好家园’小区”活动方案》，经各县（市、区）推荐、"
      "组织评审、市级评价和公示，确定以下" + std::to_string(a.estates.size()) + "个小区为" + year +
      "年度“美好家园”小区，现予公布。希望获评小区珍惜荣誉、再接再厉，各地以此为契机，"
      "持续推进物业服务提质增效。"});
  Table t;
  // In points of the 442 pt text width: 12 characters of 五号 a line for the
  // estate, 13 for the applicant.
  t.columns = {{"序号", 34, Align::kCenter},
               {"县（市、区）", 80, Align::kCenter},
               {"小区名称", 136, Align::kLeft},
               {"红色管家（申报单位）", 146, Align::kLeft},
               {"得分", 46, Align::kCenter}};
  t.rows.reserve(a.estates.size());
  for (size_t i = 0; i < a.estates.size(); ++i) {
    const ListedEstate& e = a.estates[i];
    t.rows.push_back({std::to_string(i + 1), e.county, e.estate, e.applicant, e.score});
  }
  doc.body.push_back(std::move(t));
  doc.signatory = "江门市住房和城乡建设局";
  doc.date = a.date;
  return doc;
}

}  // namespace meihao::io::documents
