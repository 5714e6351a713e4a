// Structured logging: one JSON object per line on stdout, in the shape Cloud Logging reads
// (`severity`, `message`, `httpRequest`). Thread-safe. Never pass secrets or request bodies.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace dadly {

enum class Severity { kDebug, kInfo, kWarning, kError };

// Writes one line: {"severity", "message", "time", ...fields}.
void Log(Severity severity, std::string_view message, const nlohmann::json& fields = {});

}  // namespace dadly
