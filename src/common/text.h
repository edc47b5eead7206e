// UTF-8 text helpers shared by every check that counts characters or suggests
// corrections. Counting is always in code points: a clerk's "100 characters"
// means 100 汉字, not 100 bytes.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace meihao {

// True when `s` is well-formed UTF-8 (no overlong forms, no surrogates,
// nothing above U+10FFFF). The empty string is valid.
bool IsValidUtf8(std::string_view s);

// Number of code points. Each byte of a malformed sequence counts as one, so
// the answer is never smaller than the number of visible characters.
size_t CodePointCount(std::string_view s);

// `s` without leading/trailing ASCII whitespace, U+3000 (ideographic space,
// typed by Chinese IMEs) and U+00A0 (no-break space, pasted from web pages/Excel).
std::string Trim(std::string_view s);

// Decodes to code points; each byte of a malformed sequence becomes U+FFFD.
std::u32string ToU32(std::string_view s);

// Levenshtein distance (insert/delete/substitute cost 1) over code points.
size_t EditDistance(std::string_view a, std::string_view b);

// "Did you mean" candidates for `wanted`: at most `max` of `candidates`,
// closest first (edit distance, then candidates that contain `wanted` or are
// contained in it, then candidate order). Candidates too far away to be a
// plausible typo (distance above half the longer string, without containment)
// are left out, so the answer may be empty. An empty `wanted` suggests nothing.
std::vector<std::string> Nearest(std::string_view wanted,
                                 const std::vector<std::string>& candidates, size_t max);

}  // namespace meihao
