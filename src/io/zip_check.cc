#include "io/zip_check.h"

#include <algorithm>
#include <optional>
#include <string>

namespace meihao::io::internal {
namespace {

constexpr uint32_t kEocdSig = 0x06054b50;
constexpr uint32_t kZip64LocatorSig = 0x07064b50;
constexpr uint32_t kZip64EocdSig = 0x06064b50;
constexpr uint32_t kCentralSig = 0x02014b50;
constexpr size_t kEocdSize = 22;
constexpr size_t kCentralSize = 46;

uint64_t Le(std::string_view b, size_t at, int width) {
  uint64_t v = 0;
  for (int k = width - 1; k >= 0; --k) v = (v << 8) | static_cast<unsigned char>(b[at + k]);
  return v;
}

// Where the end-of-central-directory record starts; it is followed by a
// comment of at most 64 KiB, so only that tail is searched, from the end.
std::optional<size_t> FindEocd(std::string_view b) {
  if (b.size() < kEocdSize) return std::nullopt;
  size_t lowest = b.size() > kEocdSize + 0xFFFF ? b.size() - kEocdSize - 0xFFFF : 0;
  for (size_t at = b.size() - kEocdSize + 1; at-- > lowest;) {
    if (Le(b, at, 4) == kEocdSig && at + kEocdSize + Le(b, at + 20, 2) == b.size()) return at;
  }
  return std::nullopt;
}

struct Directory {
  uint64_t entries = 0;
  uint64_t size = 0;
  uint64_t offset = 0;
};

Result<Directory> ReadDirectory(std::string_view b) {
  auto eocd = FindEocd(b);
  if (!eocd) return InvalidXlsx("no end-of-central-directory record");
  Directory d{Le(b, *eocd + 10, 2), Le(b, *eocd + 12, 4), Le(b, *eocd + 16, 4)};
  if (Le(b, *eocd + 4, 2) != 0 || Le(b, *eocd + 6, 2) != 0)
    return InvalidXlsx("multi-disk archive");
  bool zip64 = d.entries == 0xFFFF || d.size == 0xFFFFFFFF || d.offset == 0xFFFFFFFF;
  if (zip64) {
    if (*eocd < 20 || Le(b, *eocd - 20, 4) != kZip64LocatorSig)
      return InvalidXlsx("zip64 locator missing");
    uint64_t at = Le(b, *eocd - 20 + 8, 8);
    if (at > b.size() || b.size() - at < 56 || Le(b, at, 4) != kZip64EocdSig)
      return InvalidXlsx("zip64 end record missing");
    d = {Le(b, at + 32, 8), Le(b, at + 40, 8), Le(b, at + 48, 8)};
  }
  if (d.offset > b.size() || d.size > b.size() - d.offset)
    return InvalidXlsx("central directory outside the file");
  return d;
}

Error TooLarge(std::string en) {
  return {ErrorKind::kTooLarge, "file.xlsx.too_large",
          "Excel 文件解压后的数据量异常（超过 256MB 或压缩比异常），疑似损坏或恶意文件，系统拒绝读取。"
          "请删除多余的工作表或内容后重新保存再上传",
          std::move(en), {}};
}

// Sizes of one central entry, widened from its zip64 extra field when the
// 32-bit fields are saturated.
struct Sizes {
  uint64_t compressed, uncompressed;
};

Result<Sizes> EntrySizes(std::string_view e, size_t name_len, size_t extra_len) {
  Sizes s{Le(e, 20, 4), Le(e, 24, 4)};
  if (s.compressed != 0xFFFFFFFF && s.uncompressed != 0xFFFFFFFF) return s;
  std::string_view extra = e.substr(kCentralSize + name_len, extra_len);
  for (size_t at = 0; at + 4 <= extra.size();) {
    uint64_t id = Le(extra, at, 2), len = Le(extra, at + 2, 2);
    if (at + 4 + len > extra.size()) break;
    if (id == 0x0001) {  // zip64: only the saturated fields are present, in this order
      size_t p = at + 4;
      auto take = [&](uint64_t& field) {
        if (field != 0xFFFFFFFF) return true;
        if (p + 8 > at + 4 + len) return false;
        field = Le(extra, p, 8);
        p += 8;
        return true;
      };
      if (take(s.uncompressed) && take(s.compressed)) return s;
      break;
    }
    at += 4 + len;
  }
  return InvalidXlsx("zip64 sizes missing");
}

}  // namespace

Error InvalidXlsx(std::string detail_en) {
  return Error::Invalid("file.xlsx.invalid",
                        "不是有效的 Excel（.xlsx）文件，文件可能已损坏。"
                        "请用 Excel 或 WPS 打开后另存为 .xlsx 再上传",
                        "Not a valid Excel (.xlsx) file: " + detail_en);
}

Status CheckXlsxZip(std::string_view b) {
  auto dir = ReadDirectory(b);
  if (!dir) return dir.error();
  if (dir->entries > kMaxZipEntries)
    return Error::Invalid("file.xlsx.entries",
                          "Excel 文件内部结构异常（包含的部件超过 1000 个），系统拒绝读取。"
                          "请用 Excel 或 WPS 打开后另存为新文件再上传",
                          "The zip holds " + std::to_string(dir->entries) +
                              " entries; at most 1000 are accepted.");
  std::string_view cd = b.substr(dir->offset, dir->size);
  uint64_t total = 0;
  bool has_workbook = false;
  size_t at = 0;
  for (uint64_t i = 0; i < dir->entries; ++i) {
    if (cd.size() - at < kCentralSize || Le(cd, at, 4) != kCentralSig)
      return InvalidXlsx("central directory entry " + std::to_string(i) + " is damaged");
    std::string_view e = cd.substr(at);
    size_t name_len = Le(e, 28, 2), extra_len = Le(e, 30, 2), comment_len = Le(e, 32, 2);
    size_t entry_len = kCentralSize + name_len + extra_len + comment_len;
    if (e.size() < entry_len) return InvalidXlsx("central directory truncated");
    auto sizes = EntrySizes(e, name_len, extra_len);
    if (!sizes) return sizes.error();
    std::string_view name = e.substr(kCentralSize, name_len);
    if (sizes->uncompressed > kMaxUncompressed ||
        sizes->uncompressed > kMaxCompressionRatio * std::max<uint64_t>(sizes->compressed, 1))
      return TooLarge("entry " + std::string(name) + " declares " +
                      std::to_string(sizes->uncompressed) + " bytes from " +
                      std::to_string(sizes->compressed));
    total += sizes->uncompressed;
    if (total > kMaxUncompressed)
      return TooLarge("entries declare more than 256 MiB uncompressed");
    if (sizes->compressed > b.size()) return InvalidXlsx("entry larger than the file");
    has_workbook = has_workbook || name == "xl/workbook.xml";
    at += entry_len;
  }
  if (!has_workbook) return InvalidXlsx("no xl/workbook.xml");
  return OkStatus();
}

}  // namespace meihao::io::internal
