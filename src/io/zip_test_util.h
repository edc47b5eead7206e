// Test helper: builds small zip archives byte by byte (stored, no
// compression), with the option to lie in the central directory.
#pragma once
#include <zlib.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace meihao::io::testing {

struct ZipEntry {
  std::string name;
  std::string data;
  std::optional<uint32_t> declared_uncompressed = std::nullopt;  // a lie, when set
};

inline void PutLe(std::string& out, uint64_t v, int width) {
  for (int i = 0; i < width; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

// `declared_entries` overrides the entry count in the end record.
inline std::string MakeZip(const std::vector<ZipEntry>& entries,
                           std::optional<uint16_t> declared_entries = std::nullopt) {
  std::string out, central;
  for (const auto& e : entries) {
    uint32_t crc = crc32(0, reinterpret_cast<const Bytef*>(e.data.data()), e.data.size());
    uint32_t usize = e.declared_uncompressed.value_or(e.data.size());
    size_t offset = out.size();
    PutLe(out, 0x04034b50, 4);
    PutLe(out, 20, 2); PutLe(out, 0, 2); PutLe(out, 0, 2);  // version, flags, stored
    PutLe(out, 0, 4);                                        // time, date
    PutLe(out, crc, 4); PutLe(out, e.data.size(), 4); PutLe(out, usize, 4);
    PutLe(out, e.name.size(), 2); PutLe(out, 0, 2);
    out += e.name + e.data;
    PutLe(central, 0x02014b50, 4);
    PutLe(central, 20, 2); PutLe(central, 20, 2); PutLe(central, 0, 2); PutLe(central, 0, 2);
    PutLe(central, 0, 4);
    PutLe(central, crc, 4); PutLe(central, e.data.size(), 4); PutLe(central, usize, 4);
    PutLe(central, e.name.size(), 2); PutLe(central, 0, 2); PutLe(central, 0, 2);
    PutLe(central, 0, 2); PutLe(central, 0, 2); PutLe(central, 0, 4);
    PutLe(central, offset, 4);
    central += e.name;
  }
  size_t cd_offset = out.size();
  out += central;
  uint16_t count = declared_entries.value_or(entries.size());
  PutLe(out, 0x06054b50, 4);
  PutLe(out, 0, 2); PutLe(out, 0, 2);
  PutLe(out, count, 2); PutLe(out, count, 2);
  PutLe(out, central.size(), 4); PutLe(out, cd_offset, 4);
  PutLe(out, 0, 2);
  return out;
}

}  // namespace meihao::io::testing
