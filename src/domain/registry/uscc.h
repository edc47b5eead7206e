// Unified social credit code (统一社会信用代码), GB 32100-2015: 17 characters
// and a check character, all from a 31-character alphabet without I O Z S V.
// Used to validate property service companies and to match penalties to them.
#pragma once
#include <optional>
#include <string_view>

namespace meihao::domain::registry {

// True when `code` is exactly 18 characters of the alphabet (upper case only:
// the standard defines no lower case, and matching penalties by code must be
// exact) and the 18th is the check character of the first 17.
bool IsValidUscc(std::string_view code);

// The check character for 17 leading characters; nullopt when `first17` is not
// exactly 17 characters of the alphabet.
std::optional<char> UsccCheckChar(std::string_view first17);

}  // namespace meihao::domain::registry
