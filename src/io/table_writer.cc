// NeutraliseFormula and WriteCsv (see table_writer.h).
#include "io/table_writer.h"

namespace meihao::io {

std::string NeutraliseFormula(std::string_view cell) {
  if (!cell.empty()) {
    switch (cell[0]) {
      case '=': case '+': case '-': case '@': case '\t': case '\r':
        return "'" + std::string(cell);
    }
  }
  return std::string(cell);
}

namespace {

void AppendCell(std::string& out, std::string_view cell, bool neutralise) {
  std::string neutral;
  if (neutralise) {
    neutral = NeutraliseFormula(cell);
    cell = neutral;
  }
  bool quote = cell.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!cell.empty() && (cell.front() == ' ' || cell.back() == ' '));
  if (!quote) {
    out += cell;
    return;
  }
  out += '"';
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void AppendRow(std::string& out, const std::vector<std::string>& cells, bool neutralise) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    AppendCell(out, cells[i], neutralise);
  }
  out += "\r\n";
}

}  // namespace

std::string WriteCsv(const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& rows, bool neutralise) {
  std::string out;
  AppendRow(out, header, neutralise);
  for (const auto& row : rows) AppendRow(out, row, neutralise);
  return out;
}

}  // namespace meihao::io
