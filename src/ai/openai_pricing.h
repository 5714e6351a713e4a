// What OpenAI charges per model, to estimate the cost of each call for AI runs. Prices are USD per
// million tokens, from OpenAI's public price list at the time of writing; they change, so this is
// an estimate for budgets and dashboards, not a bill. A model not in the table (a self-hosted
// model behind a compatible server, a newer OpenAI model) costs 0.
//
// A dated snapshot costs what its model costs: "gpt-4o-mini-2024-07-18" is priced as
// "gpt-4o-mini".
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace dadly::openai {

struct ModelPrice {
  std::string_view model;
  double input_usd_per_million = 0;
  double output_usd_per_million = 0;
};

// The price of `model`, or nullopt when it is not in the table.
std::optional<ModelPrice> PriceOf(std::string_view model);

// The estimated cost of a call in millionths of a US dollar, rounded to the nearest.
int64_t CostMicroUsd(std::string_view model, int64_t tokens_in, int64_t tokens_out);

}  // namespace dadly::openai
