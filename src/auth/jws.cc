#include "auth/jws.h"

#include "core/ids.h"

namespace dadly {
namespace {

tl::unexpected<Error> Rejected() {
  return Fail(ErrorCode::kUnauthenticated, "the access token is not valid");
}

}  // namespace

Result<CompactJws> ParseCompactJws(std::string_view token, size_t max_size) {
  if (token.empty() || token.size() > max_size) return Rejected();
  const auto dot1 = token.find('.');
  const auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
    return Rejected();
  }
  std::string header_text, payload_text;
  CompactJws jws;
  if (!Base64UrlDecode(token.substr(0, dot1), &header_text) ||
      !Base64UrlDecode(token.substr(dot1 + 1, dot2 - dot1 - 1), &payload_text) ||
      !Base64UrlDecode(token.substr(dot2 + 1), &jws.signature)) {
    return Rejected();
  }
  jws.header = nlohmann::json::parse(header_text, nullptr, false);
  jws.payload = nlohmann::json::parse(payload_text, nullptr, false);
  if (!jws.header.is_object() || !jws.payload.is_object()) return Rejected();
  jws.signing_input = token.substr(0, dot2);
  return jws;
}

}  // namespace dadly
