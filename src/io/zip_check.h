// Structural check of an .xlsx zip container before any of it is inflated:
// refuses zip bombs and junk cheaply, from the central directory alone.
#pragma once
#include <cstdint>
#include <string_view>

#include "common/result.h"

namespace meihao::io::internal {

// Limits of what a real bureau workbook needs, with a wide margin.
inline constexpr uint64_t kMaxZipEntries = 1000;       // a workbook has ~10–50 parts
inline constexpr uint64_t kMaxUncompressed = 256ull << 20;  // all parts, inflated
inline constexpr uint64_t kMaxCompressionRatio = 1000;  // deflate cannot exceed ~1032

// OK when `bytes` is a zip whose central directory is consistent, has at most
// kMaxZipEntries entries, declares at most kMaxUncompressed bytes in total and
// no entry above kMaxCompressionRatio, and contains xl/workbook.xml.
// Errors: "file.xlsx.invalid", "file.xlsx.entries" (kInvalid),
// "file.xlsx.too_large" (kTooLarge). Zip64 records are understood.
Status CheckXlsxZip(std::string_view bytes);

Error InvalidXlsx(std::string detail_en);

}  // namespace meihao::io::internal
