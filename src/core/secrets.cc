#include "core/secrets.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

namespace dadly {

Result<std::string> LoadOrCreateSecret(const std::string& data_dir, const std::string& name,
                                       size_t bytes) {
  const std::string dir = data_dir + "/secrets";
  for (const std::string& d : {data_dir, dir}) {  // the data directory may be new (PostgreSQL)
    if (::mkdir(d.c_str(), 0700) != 0 && errno != EEXIST) {
      return Fail(ErrorCode::kUnavailable, "cannot create " + d + ": " + std::strerror(errno));
    }
  }
  const std::string path = dir + "/" + name;
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    std::string secret(bytes, '\0');
    randombytes_buf(secret.data(), secret.size());
    const bool ok = ::write(fd, secret.data(), secret.size()) == static_cast<ssize_t>(bytes) &&
                    ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) return Fail(ErrorCode::kUnavailable, "cannot write " + path);
    return secret;
  }
  if (errno != EEXIST) {
    return Fail(ErrorCode::kUnavailable, "cannot create " + path + ": " + std::strerror(errno));
  }
  std::ifstream in(path, std::ios::binary);
  std::string secret((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (secret.size() < 16) return Fail(ErrorCode::kUnavailable, path + " is too short");
  return secret;
}

}  // namespace dadly
