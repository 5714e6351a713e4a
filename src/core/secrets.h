// Secrets of the embedded mode, generated once into the data directory.
#pragma once

#include <string>

#include "core/error.h"

namespace dadly {

// Returns the bytes of `data_dir/secrets/name`; when the file does not exist, creates it
// (directory 0700, file 0600, exclusive create so that two processes agree) with `bytes`
// random bytes. Thread-compatible.
Result<std::string> LoadOrCreateSecret(const std::string& data_dir, const std::string& name,
                                       size_t bytes);

}  // namespace dadly
