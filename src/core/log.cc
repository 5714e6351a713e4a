#include "core/log.h"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <utility>

#include "core/time.h"

namespace dadly {
namespace {

constexpr auto kBatchInterval = std::chrono::milliseconds(50);
constexpr size_t kBatchBytes = 64 * 1024;

// Queued access-log lines and the thread that writes them. Written lines keep their order:
// whoever writes holds `write_mu` from taking the queue until the bytes are out.
struct Sink {
  std::mutex write_mu;
  std::mutex mu;
  std::condition_variable wake;
  std::string queued;
  bool writer_started = false;

  void Write(std::string_view line_after_queue) {
    std::lock_guard write_lock(write_mu);
    std::string batch;
    {
      std::lock_guard lock(mu);
      batch.swap(queued);
    }
    batch.append(line_after_queue);
    if (batch.empty()) return;
    std::fwrite(batch.data(), 1, batch.size(), stdout);
    std::fflush(stdout);
  }

  // Sleeps while nothing is queued; once a line is, gathers for up to 50 ms, then writes.
  [[noreturn]] void WriterLoop() {
    for (;;) {
      {
        std::unique_lock lock(mu);
        wake.wait(lock, [&] { return !queued.empty(); });
        wake.wait_for(lock, kBatchInterval, [&] { return queued.size() >= kBatchBytes; });
      }
      Write({});
    }
  }
};

// Never destroyed: the writer thread runs until the process ends.
Sink& TheSink() {
  static auto* sink = new Sink;
  return *sink;
}

}  // namespace

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
  TheSink().Write(json_object);
}

void QueueLogLine(std::string json_object) {
  Sink& sink = TheSink();
  bool start_writer = false;
  bool wake_writer = false;  // the first line of a batch, or a full batch
  {
    std::lock_guard lock(sink.mu);
    wake_writer = sink.queued.empty();
    sink.queued.append(json_object).push_back('\n');
    wake_writer = wake_writer || sink.queued.size() >= kBatchBytes;
    start_writer = !std::exchange(sink.writer_started, true);
  }
  if (start_writer) {
    std::thread([&sink] { sink.WriterLoop(); }).detach();
    std::atexit([] { TheSink().Write({}); });
  }
  if (wake_writer) sink.wake.notify_one();
}

}  // namespace dadly
