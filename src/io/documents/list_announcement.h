// The announcement of a year's 美好家园 list (关于公布2023年度“美好家园”小区
// 名单的通知): a 函 of the city bureau to the counties' bureaus, a paragraph
// and the table of the listed estates. Pure: the caller (the city list route)
// loads and orders the estates and formats the scores.
#pragma once
#include <string>
#include <vector>

#include "io/documents/official_document.h"

namespace meihao::io::documents {

struct ListedEstate {
  std::string county;     // 县（市、区）, e.g. "蓬江区"
  std::string estate;     // 小区名称
  std::string applicant;  // the Red Housekeeper (红色管家) who applied, e.g. the property company
  std::string score;      // as printed, e.g. "92.35" (the caller rounds)
};

struct ListAnnouncement {
  int year = 0;                       // the campaign's year
  std::string number;                 // e.g. "江建房函〔2023〕12号"
  std::string date;                   // e.g. ChineseDate(2023, 12, 20)
  std::vector<ListedEstate> estates;  // in the order printed; numbered from 1
};

// The issuer, addressees and signatory are the city bureau's and the counties'
// bureaus'; the table has the columns 序号, 县（市、区）, 小区名称,
// 红色管家（申报单位）, 得分.
OfficialDocument ListAnnouncementDocument(const ListAnnouncement& a);

}  // namespace meihao::io::documents
