// UTF-8 checks used on every string that comes from outside.
#pragma once

#include <cstddef>
#include <string_view>

namespace dadly {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
bool IsValidUtf8(std::string_view s);
// Number of code points in valid UTF-8 `s`.
size_t CodePointCount(std::string_view s);
// True when `s` holds nothing but ASCII whitespace and U+3000 / U+00A0 spaces.
bool IsBlank(std::string_view s);

}  // namespace dadly
