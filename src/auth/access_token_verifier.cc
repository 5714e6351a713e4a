#include "auth/access_token_verifier.h"

#include "auth/jwt.h"

namespace dadly {
namespace {

class BuiltinVerifier final : public AccessTokenVerifier {
 public:
  BuiltinVerifier(std::string key, const Clock& clock) : key_(std::move(key)), clock_(clock) {}

  Result<Identity> Verify(std::string_view token) const override {
    auto claims = VerifyAccessToken(token, key_, clock_.NowSeconds());
    if (!claims) return tl::unexpected(claims.error());
    return Identity{std::move(claims->subject), "", ""};
  }

 private:
  const std::string key_;
  const Clock& clock_;
};

}  // namespace

std::unique_ptr<AccessTokenVerifier> NewBuiltinVerifier(std::string signing_key,
                                                        const Clock& clock) {
  return std::make_unique<BuiltinVerifier>(std::move(signing_key), clock);
}

}  // namespace dadly
