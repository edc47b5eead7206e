// A sheet as read from an uploaded file: one header row and data rows of
// text cells. Readers (src/io) produce it; domain checks (src/domain) consume
// it, so neither depends on the other.
#pragma once
#include <string>
#include <vector>

namespace meihao {

struct Table {
  std::vector<std::string> header;             // trimmed header cells, in file order
  std::vector<std::vector<std::string>> rows;  // each row padded/trimmed to header.size()
  std::vector<int> row_numbers;                // the row number a user sees in the sheet (header = 1)
};

}  // namespace meihao
