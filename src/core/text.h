// ASCII helpers for protocol text: header names, schemes, emails, ids. Bytes outside ASCII are
// kept as they are, whatever the process's locale.
#pragma once

#include <string>
#include <string_view>

namespace dadly {

std::string AsciiLower(std::string s);

// Whether `text` begins with `prefix`, ignoring the case of ASCII letters.
bool StartsWithIgnoringCase(std::string_view text, std::string_view prefix);

// `s` without the spaces, tabs, carriage returns and line feeds at either end.
std::string_view TrimSpace(std::string_view s);

}  // namespace dadly
