#include "service/search_cache.h"

#include <gtest/gtest.h>

namespace dadly {
namespace {

SearchableEntry Searchable(std::vector<float> vector, std::string model) {
  SearchableEntry s;
  s.entry.seq = 1;
  s.entry.body = "자전거를 탔다";
  s.vector = std::move(vector);
  s.vector_model = std::move(model);
  return s;
}

TEST(SearchIndexDocs, KeepOnlyVectorsOfTheQueriesSpace) {
  const VectorSpace space{"embed-2", 3};
  EXPECT_EQ(DocOf(Searchable({1, 0, 0}, "embed-2"), space).vector, (std::vector<float>{1, 0, 0}));
  // Made by the model used before, or at the length used before: words only.
  EXPECT_TRUE(DocOf(Searchable({1, 0, 0}, "embed-1"), space).vector.empty());
  EXPECT_TRUE(DocOf(Searchable({1, 0, 0, 0}, "embed-2"), space).vector.empty());
  EXPECT_EQ(DocOf(Searchable({}, ""), space).text, "자전거를 탔다");
}

}  // namespace
}  // namespace dadly
