#include "io/xlsx_inline.h"

#include <orcus/zip_archive.hpp>
#include <orcus/zip_archive_stream.hpp>

#include <cstdint>
#include <cstdlib>

namespace meihao::io::internal {
namespace {

std::string Part(const orcus::zip_archive& zip, std::string_view name) {
  std::vector<unsigned char> buf;
  if (!zip.read_file_entry(name, buf)) return {};
  return std::string(buf.begin(), buf.end());
}

// Value of attribute `name` (matched with any namespace prefix when
// `any_prefix`) inside the tag text `tag`, or "".
std::string_view Attr(std::string_view tag, std::string_view name, bool any_prefix = false) {
  for (size_t at = tag.find(name); at != tag.npos; at = tag.find(name, at + 1)) {
    char before = at ? tag[at - 1] : ' ';
    bool starts = before == ' ' || before == '\t' || before == '\n' || before == '\r' ||
                  (any_prefix && before == ':');
    size_t eq = at + name.size();
    if (!starts || eq + 1 >= tag.size() || tag[eq] != '=') continue;
    char quote = tag[eq + 1];
    size_t end = tag.find(quote, eq + 2);
    if (end == tag.npos) return {};
    return tag.substr(eq + 2, end - eq - 2);
  }
  return {};
}

void AppendUtf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) out += char(cp);
  else if (cp < 0x800) { out += char(0xC0 | cp >> 6); out += char(0x80 | (cp & 0x3F)); }
  else if (cp < 0x10000) {
    out += char(0xE0 | cp >> 12); out += char(0x80 | (cp >> 6 & 0x3F)); out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x110000) {
    out += char(0xF0 | cp >> 18); out += char(0x80 | (cp >> 12 & 0x3F));
    out += char(0x80 | (cp >> 6 & 0x3F)); out += char(0x80 | (cp & 0x3F));
  }
}

std::string Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    size_t semi;
    if (s[i] != '&' || (semi = s.find(';', i)) == s.npos) { out += s[i]; continue; }
    std::string_view e = s.substr(i + 1, semi - i - 1);
    if (e == "amp") out += '&';
    else if (e == "lt") out += '<';
    else if (e == "gt") out += '>';
    else if (e == "quot") out += '"';
    else if (e == "apos") out += '\'';
    else if (!e.empty() && e[0] == '#') {
      bool hex = e.size() > 1 && (e[1] == 'x' || e[1] == 'X');
      AppendUtf8(out, std::strtoul(std::string(e.substr(hex ? 2 : 1)).c_str(), nullptr, hex ? 16 : 10));
    } else { out += s[i]; continue; }
    i = semi;
  }
  return out;
}

// "B7" → (6, 1); false when it is not a plain A1 address.
bool ParseRef(std::string_view r, int& row, int& col) {
  size_t i = 0;
  long c = 0, rw = 0;
  while (i < r.size() && r[i] >= 'A' && r[i] <= 'Z' && c < 20000) c = c * 26 + (r[i++] - 'A' + 1);
  size_t digits = i;
  while (i < r.size() && r[i] >= '0' && r[i] <= '9' && rw < 2000000) rw = rw * 10 + (r[i++] - '0');
  if (c == 0 || i == digits || i != r.size()) return false;
  row = static_cast<int>(rw - 1);
  col = static_cast<int>(c - 1);
  return true;
}

// Path of the first worksheet, e.g. "xl/worksheets/sheet1.xml".
std::string FirstSheetPath(const orcus::zip_archive& zip) {
  std::string book = Part(zip, "xl/workbook.xml");
  size_t at = book.find("<sheet ");
  if (at == book.npos) return {};
  std::string_view tag = std::string_view(book).substr(at, book.find('>', at) - at);
  std::string rid(Attr(tag, "id", true));
  std::string rels = Part(zip, "xl/_rels/workbook.xml.rels");
  for (size_t r = rels.find("<Relationship "); r != rels.npos; r = rels.find("<Relationship ", r + 1)) {
    std::string_view rel = std::string_view(rels).substr(r, rels.find('>', r) - r);
    if (Attr(rel, "Id") != rid) continue;
    std::string_view target = Attr(rel, "Target");
    return target.substr(0, 1) == "/" ? std::string(target.substr(1)) : "xl/" + std::string(target);
  }
  return {};
}

}  // namespace

std::vector<InlineCell> ReadInlineStrings(std::string_view bytes) {
  orcus::zip_archive_stream_blob stream(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  orcus::zip_archive zip(&stream);
  zip.load();
  std::vector<InlineCell> cells;
  std::string path = FirstSheetPath(zip);
  if (path.empty()) return cells;
  std::string xml = Part(zip, path);
  std::string_view x = xml;
  // Cells carry their address (r="B7") in every writer that emits inline
  // strings; a cell without one is skipped rather than guessed.
  for (size_t at = x.find("\"inlineStr\""); at != x.npos; at = x.find("\"inlineStr\"", at + 1)) {
    size_t open = x.rfind("<c ", at);
    size_t close = x.find("</c>", at);
    if (open == x.npos || close == x.npos) continue;
    std::string_view tag = x.substr(open, x.find('>', open) - open);
    int row, col;
    if (Attr(tag, "t") != "inlineStr" || !ParseRef(Attr(tag, "r"), row, col)) continue;
    std::string text;  // rich text: the runs' <t> parts, concatenated
    std::string_view body = x.substr(open, close - open);
    for (size_t t = body.find("<t"); t != body.npos; t = body.find("<t", t + 1)) {
      if (t + 2 >= body.size() || (body[t + 2] != '>' && body[t + 2] != ' ')) continue;
      size_t start = body.find('>', t) + 1, end = body.find("</t>", start);
      if (start == 0 || end == body.npos) break;
      if (body[start - 2] != '/') text += Unescape(body.substr(start, end - start));
    }
    cells.push_back({row, col, std::move(text)});
  }
  return cells;
}

}  // namespace meihao::io::internal
