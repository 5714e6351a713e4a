#include "ai/openai_pricing.h"

#include <cmath>

namespace dadly::openai {
namespace {

constexpr ModelPrice kPrices[] = {
    {"gpt-4o-mini", 0.15, 0.60},
    {"gpt-4o", 2.50, 10.00},
    {"text-embedding-3-large", 0.13, 0},
    {"text-embedding-3-small", 0.02, 0},
};

// `model` is `name` or a dated snapshot of it (`name` followed by "-" and a digit).
bool Names(std::string_view model, std::string_view name) {
  if (!model.starts_with(name)) return false;
  const std::string_view rest = model.substr(name.size());
  return rest.empty() || (rest.size() >= 2 && rest[0] == '-' && rest[1] >= '0' && rest[1] <= '9');
}

}  // namespace

std::optional<ModelPrice> PriceOf(std::string_view model) {
  for (const ModelPrice& p : kPrices) {
    if (Names(model, p.model)) return p;
  }
  return std::nullopt;
}

int64_t CostMicroUsd(std::string_view model, int64_t tokens_in, int64_t tokens_out) {
  const auto price = PriceOf(model);
  if (!price) return 0;
  // USD per million tokens is micro-USD per token.
  return std::llround(static_cast<double>(tokens_in) * price->input_usd_per_million +
                      static_cast<double>(tokens_out) * price->output_usd_per_million);
}

}  // namespace dadly::openai
