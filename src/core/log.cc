#include "core/log.h"

#include <cstdio>
#include <mutex>

#include "core/time.h"

namespace dadly {

const char* SeverityName(Severity severity) {
  static constexpr const char* kNames[] = {"DEBUG", "INFO", "WARNING", "ERROR"};
  return kNames[static_cast<int>(severity)];
}

void Log(Severity severity, std::string_view message, const nlohmann::json& fields) {
  nlohmann::json line = fields.is_object() ? fields : nlohmann::json::object();
  line["severity"] = SeverityName(severity);
  line["message"] = message;
  line["time"] = FormatTimestamp(SystemClock().NowSeconds());
  WriteLogLine(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void WriteLogLine(std::string json_object) {
  json_object.push_back('\n');
  static std::mutex mu;
  std::lock_guard lock(mu);
  std::fwrite(json_object.data(), 1, json_object.size(), stdout);
  std::fflush(stdout);
}

}  // namespace dadly
