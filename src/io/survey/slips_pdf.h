// Survey slips to push under residents' doors (rules.md §10, issue 3): an A4
// PDF, eight slips per page (2 columns × 4 rows) with dashed cut lines. Each
// slip carries the estate, a short instruction, a QR code of the survey link,
// the link in text and the household code in large monospace type.
//
// Drawn with cairo + pango in "Noto Sans CJK SC" (fonts-noto-cjk). All text
// stays searchable and extractable (pdftotext). Chinese text is drawn as
// outlines over an invisible text copy, because cairo 1.16's CFF subsets
// lose some CJK glyphs (see slips_pdf.cc); viewers such as mupdf may warn
// about that hidden copy. QR codes (libqrencode, level M) are vector
// rectangles, crisp at any printer resolution. Speed: ~4 s for 3,000 slips.
#pragma once
#include <string>
#include <vector>

#include "common/result.h"

namespace meihao::io::survey {

struct Slip {
  std::string code;  // printed form, e.g. "7K3M-…-Q9" (domain::survey::FormatCode)
  std::string url;   // what the QR code opens; usually carries the code
};

struct SlipSheet {
  std::string estate_name;
  std::string county_town;  // e.g. "蓬江区环市街道"; may be empty
  std::vector<Slip> slips;  // in print order: left to right, top to bottom
};

// The PDF bytes. Errors: 400 "slips.empty" for no slips, 400 "slips.url" when
// a url is too long for a QR code, 500 when cairo fails. Each call has its own
// surface and pango context; fontconfig's first use in a process is slow.
// The url is encoded byte for byte; keep it short (≤ ~60 bytes gives a 33 × 33
// code) so the modules stay large on paper.
Result<std::string> RenderSlipsPdf(const SlipSheet& sheet);

}  // namespace meihao::io::survey
