#include "http/web_assets.h"

#include <filesystem>
#include <fstream>
#include <iterator>

namespace dadly::http {
namespace {

class Embedded final : public WebAssets {
 public:
  std::optional<std::string> Find(const std::string& path) const override {
    const auto& files = EmbeddedWebFiles();
    auto it = files.find(path);
    if (it == files.end()) return std::nullopt;
    return std::string(it->second);
  }
};

class Directory final : public WebAssets {
 public:
  explicit Directory(std::string dir) : dir_(std::move(dir)) {}

  std::optional<std::string> Find(const std::string& path) const override {
    if (path.empty() || path[0] != '/' || path.find("..") != std::string::npos ||
        path.find('\0') != std::string::npos) {
      return std::nullopt;
    }
    const std::string file = dir_ + path;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return std::nullopt;
    return bytes;
  }

 private:
  std::string dir_;
};

}  // namespace

std::unique_ptr<WebAssets> NewEmbeddedWebAssets() { return std::make_unique<Embedded>(); }

std::unique_ptr<WebAssets> NewDirectoryWebAssets(std::string directory) {
  return std::make_unique<Directory>(std::move(directory));
}

}  // namespace dadly::http
