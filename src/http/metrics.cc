#include "http/metrics.h"

#include <unistd.h>

#include <fstream>
#include <sstream>

namespace dadly::http {
namespace {

int64_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  int64_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

}  // namespace

void Metrics::Record(const std::string& route, const std::string& method, int status,
                     double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{route, method, status}];
  Histogram& h = latency_[route];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.counts[i];
  }
  ++h.total;
  h.sum += seconds;
}

std::string Metrics::Render() const {
  std::ostringstream out;
  out << "# HELP dadly_http_requests_total HTTP requests by route, method and status.\n"
      << "# TYPE dadly_http_requests_total counter\n";
  std::lock_guard lock(mu_);
  for (const auto& [key, count] : requests_) {
    const auto& [route, method, status] = key;
    out << "dadly_http_requests_total{route=\"" << route << "\",method=\"" << method
        << "\",status=\"" << status << "\"} " << count << "\n";
  }
  out << "# HELP dadly_http_request_duration_seconds Time from request to response.\n"
      << "# TYPE dadly_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      out << "dadly_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\""
          << kBuckets[i] << "\"} " << h.counts[i] << "\n";
    }
    out << "dadly_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} "
        << h.total << "\n"
        << "dadly_http_request_duration_seconds_sum{route=\"" << route << "\"} " << h.sum << "\n"
        << "dadly_http_request_duration_seconds_count{route=\"" << route << "\"} " << h.total
        << "\n";
  }
  out << "# HELP dadly_process_resident_memory_bytes Resident set size of the process.\n"
      << "# TYPE dadly_process_resident_memory_bytes gauge\n"
      << "dadly_process_resident_memory_bytes " << ResidentBytes() << "\n";
  return out.str();
}

}  // namespace dadly::http
