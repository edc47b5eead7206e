#include "http/json_writer.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace meihao::http {
namespace {

TEST(JsonWriterTest, WritesNestedStructureWithCommas) {
  JsonWriter w;
  w.BeginObject();
  w.Key("items");
  w.BeginArray();
  for (int i = 0; i < 2; ++i) {
    w.BeginObject();
    w.Field("n", i);
    w.Field("ok", i == 1);
    w.EndObject();
  }
  w.EndArray();
  w.Field("total", int64_t(2));
  w.EndObject();
  EXPECT_EQ(w.Take(), R"({"items":[{"n":0,"ok":false},{"n":1,"ok":true}],"total":2})");
}

TEST(JsonWriterTest, EscapesLikeAJsonParserExpects) {
  const std::string tricky = "引号\"反斜杠\\换行\n制表\t\x01控制 =1+1";
  JsonWriter w;
  w.BeginObject();
  w.Field("s", tricky);
  w.EndObject();
  auto parsed = boost::json::parse(w.Take());
  EXPECT_EQ(parsed.at("s").as_string(), tricky);
}

TEST(JsonWriterTest, EmptyContainers) {
  JsonWriter w;
  w.BeginObject();
  w.Key("a");
  w.BeginArray();
  w.EndArray();
  w.EndObject();
  EXPECT_EQ(w.Take(), R"({"a":[]})");
}

}  // namespace
}  // namespace meihao::http
