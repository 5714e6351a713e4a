#include "core/log.h"

#include <cstdio>
#include <mutex>

#include "core/time.h"

namespace dadly {

void Log(Severity severity, std::string_view message, const nlohmann::json& fields) {
  static constexpr const char* kNames[] = {"DEBUG", "INFO", "WARNING", "ERROR"};
  nlohmann::json line = fields.is_object() ? fields : nlohmann::json::object();
  line["severity"] = kNames[static_cast<int>(severity)];
  line["message"] = message;
  line["time"] = FormatTimestamp(SystemClock().NowSeconds());
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  text.push_back('\n');
  static std::mutex mu;
  std::lock_guard lock(mu);
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

}  // namespace dadly
