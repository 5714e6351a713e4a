#include "http/router.h"

#include <gtest/gtest.h>

namespace dadly::http {
namespace {

Response Body(std::string text) {
  Response r;
  r.body = std::move(text);
  return r;
}

Request Make(std::string method, std::string path) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  return r;
}

TEST(Router, MatchesMethodAndPatternAndFillsParams) {
  Router router;
  router.Add("GET", "/f/{fid}/e/{eid}",
             [](Request& r) { return Body(r.Param("fid") + r.Param("eid")); });
  router.Add("POST", "/f/{fid}/e", [](Request&) { return Body("created"); });
  Request get = Make("GET", "/f/1/e/2");
  std::string route;
  EXPECT_EQ(router.Dispatch(get, &route).body, "12");
  EXPECT_EQ(route, "/f/{fid}/e/{eid}");
  Request post = Make("POST", "/f/1/e");
  EXPECT_EQ(router.Dispatch(post, &route).body, "created");
  Request head = Make("HEAD", "/f/1/e/2");
  EXPECT_EQ(router.Dispatch(head, &route).status, 200);
}

TEST(Router, AnswersUnknownPathsAndWrongMethods) {
  Router router;
  router.Add("GET", "/a/{x}", [](Request&) { return Body("a"); });
  router.Add("DELETE", "/a/{x}", [](Request&) { return Body("d"); });
  std::string route;
  Request missing = Make("GET", "/b");
  EXPECT_EQ(router.Dispatch(missing, &route).status, 404);
  Request empty_param = Make("GET", "/a/");
  EXPECT_EQ(router.Dispatch(empty_param, &route).status, 404);
  Request wrong = Make("PUT", "/a/1");
  const Response r = router.Dispatch(wrong, &route);
  EXPECT_EQ(r.status, 405);
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0], (std::pair<std::string, std::string>{"Allow", "GET, DELETE"}));
}

TEST(ParseQuery, DecodesEscapes) {
  std::vector<std::pair<std::string, std::string>> q;
  ASSERT_TRUE(ParseQuery("a=1&b=x%20y+z&c&&d=%ED%95%9C", &q));
  ASSERT_EQ(q.size(), 4u);
  EXPECT_EQ(q[1].second, "x y z");
  EXPECT_EQ(q[2].first, "c");
  EXPECT_EQ(q[3].second, "한");
  EXPECT_FALSE(ParseQuery("a=%2", &q));
  EXPECT_FALSE(ParseQuery("a=%zz", &q));
}

}  // namespace
}  // namespace dadly::http
