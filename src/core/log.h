// Structured logging: one JSON object per line on stdout, in the shape Cloud Logging reads
// (`severity`, `message`, `httpRequest`). Thread-safe. Never pass secrets or request bodies.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace dadly {

enum class Severity { kDebug, kInfo, kWarning, kError };

// Writes one line: {"severity", "message", "time", ...fields}.
void Log(Severity severity, std::string_view message, const nlohmann::json& fields = {});

// Writes `json_object` (one complete JSON object, no newline) as a line of the log. For the
// per-request access log, which builds its line without a tree of nlohmann values.
void WriteLogLine(std::string json_object);

// The name Cloud Logging reads for `severity` ("INFO", ...).
const char* SeverityName(Severity severity);

}  // namespace dadly
