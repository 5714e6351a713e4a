// Structured logging: one JSON object per line on stdout, in the shape Cloud Logging reads
// (`severity`, `message`, `httpRequest`). Thread-safe. Never pass secrets or request bodies.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace dadly {

enum class Severity { kDebug, kInfo, kWarning, kError };

// Writes one line: {"severity", "message", "time", ...fields}.
void Log(Severity severity, std::string_view message, const nlohmann::json& fields = {});

// Writes `json_object` (one complete JSON object, no newline) as a line of the log, now, after
// any queued lines.
void WriteLogLine(std::string json_object);

// Queues such a line, for the per-request access log: a thread writes the queue every 50 ms
// (or at 64 KiB), so that a busy server makes one write where it would make hundreds. Lines
// still queued are written by the next WriteLogLine and at exit; a crash can lose the last
// 50 ms of them.
void QueueLogLine(std::string json_object);

// The name Cloud Logging reads for `severity` ("INFO", ...).
const char* SeverityName(Severity severity);

}  // namespace dadly
