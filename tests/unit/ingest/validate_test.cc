#include "ingest/validate.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "ingest/normalize.h"
#include "proto/json_codec.h"

namespace tidings::ingest {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const fs::path kRecordsDir = fs::path(TIDINGS_SOURCE_DIR) / "tests/data/ingest/records";

// Every file in tests/data/ingest/records: the name says the expected code.
TEST(ValidateRecords, EachFileYieldsTheCodeItsNameSays) {
  Limits limits;
  limits.max_text_bytes = 1024;
  std::set<std::string> codes_seen;
  int files = 0;
  for (const auto& entry : fs::directory_iterator(kRecordsDir)) {
    if (entry.path().extension() != ".json") continue;
    ++files;
    std::string name = entry.path().filename().string();
    auto result = ParseAndValidate(ReadFile(entry.path()), "application/json", limits);
    if (name.starts_with("ok_")) {
      EXPECT_TRUE(result.ok()) << name << ": " << result.status().ToString();
      continue;
    }
    ASSERT_FALSE(result.ok()) << name;
    std::string code(ErrorCodeName(result.status().code()));
    EXPECT_TRUE(name.starts_with(code + "_")) << name << " gave " << result.status().ToString();
    EXPECT_FALSE(result.status().message().empty());
    codes_seen.insert(code);
  }
  EXPECT_GE(files, 15);
  for (const char* code : {"invalid_json", "wrong_type", "missing_field", "unknown_kind",
                           "missing_thread", "invalid_utf8", "too_large", "empty_text",
                           "bad_timestamp", "bad_id"})
    EXPECT_TRUE(codes_seen.count(code)) << "no record exercises " << code;
}

v1::Document Valid() {
  v1::Document d;
  d.set_id("ns-1");
  d.set_kind("article");
  d.set_text("Hello world.");
  return d;
}

TEST(Validate, MessagesNameTheField) {
  auto r = ParseAndValidate(R"({"kind":"article","text":"x"})", "application/json", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kMissingField);
  EXPECT_NE(r.status().message().find("'id'"), std::string::npos) << r.status().message();

  r = ParseAndValidate(R"({"id":"c","kind":"comment","thread_id":"a","text":"x"})",
                       "application/json", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kMissingThread);
  EXPECT_NE(r.status().message().find("parent_id"), std::string::npos);
}

TEST(Validate, DefaultTextLimitIsOneMebibyte) {
  v1::Document d = Valid();
  d.set_text(std::string(kDefaultMaxTextBytes, 'a'));
  EXPECT_TRUE(ValidateDocument(d, {}).ok());
  d.set_text(std::string(kDefaultMaxTextBytes + 1, 'a'));
  EXPECT_EQ(ValidateDocument(d, {}).code(), ErrorCode::kTooLarge);
}

// The limit is on the stored text: NFC can triple the bytes (U+1D160, 4 bytes,
// becomes three code points, 12 bytes), and trimming can shrink them.
TEST(Validate, TextLimitAppliesAfterNormalisation) {
  const std::string eighth_note = "\xF0\x9D\x85\xA0";  // U+1D160
  Limits limits;
  limits.max_text_bytes = 1024;
  v1::Document d = Valid();
  std::string text;
  for (int i = 0; i < 200; ++i) text += eighth_note;  // 800 bytes; 2,400 in NFC
  d.set_text(text);
  Status s = ValidateDocument(d, limits);
  EXPECT_EQ(s.code(), ErrorCode::kTooLarge) << s.ToString();
  EXPECT_NE(s.message().find("after normalisation"), std::string::npos) << s.message();

  d.set_text(std::string(1000, 'a') + std::string(2000, ' '));  // 3,000 bytes; 1,000 stored
  ASSERT_TRUE(ValidateDocument(d, limits).ok());
  EXPECT_EQ(d.text().size(), 1000u);

  d.set_text(std::string(kMaxRawTextFactor * 1024 + 1, ' ') + "a");  // refused unread
  s = ValidateDocument(d, limits);
  EXPECT_EQ(s.code(), ErrorCode::kTooLarge);
  EXPECT_NE(s.message().find("before normalisation"), std::string::npos) << s.message();
}

TEST(Validate, TextWithoutAVisibleCharacterIsEmpty) {
  for (std::string invisible :
       {std::string("\0\0\0", 3), std::string("\x01\x02\x7f\n\x1b"), std::string("\xC2\x85\xC2\x9F"),
        std::string("\xE2\x80\x8B\xE2\x80\x8C\xE2\x80\x8D"),  // U+200B..U+200D
        std::string("\xE2\x81\xA0\xEF\xBB\xBF\xC2\xAD"),       // U+2060, U+FEFF, U+00AD
        std::string("\xE3\x85\xA4 \xEF\xB8\x8F\xE2\x80\x8E"),  // U+3164, U+FE0F, U+200E
        std::string("\0 \xE2\x80\x8B\n\n\t\xEF\xBB\xBF", 12)}) {
    v1::Document d = Valid();
    d.set_text(invisible);
    EXPECT_EQ(ValidateDocument(d, {}).code(), ErrorCode::kEmptyText) << ::testing::PrintToString(invisible);
  }
  for (std::string visible : {std::string("\xE2\x80\x8Bx"), std::string("\0.", 2),
                              std::string("\xF0\x9F\x98\x80"), std::string("\xE4\xB8\xAD")}) {
    v1::Document d = Valid();
    d.set_text(visible);
    EXPECT_TRUE(ValidateDocument(d, {}).ok()) << ::testing::PrintToString(visible);
  }
}

TEST(Validate, HugeNumbersInUnknownFieldsAreIgnored) {
  const std::string big(400, '7');
  for (const std::string& value : {std::string("1e999999"), big, "{\"n\":[-" + big + "]}"}) {
    auto r = ParseAndValidate(R"({"id":"x","kind":"article","text":"t","extra":)" + value + "}",
                              "application/json", {});
    ASSERT_TRUE(r.ok()) << value.substr(0, 40) << ": " << r.status().ToString();
    EXPECT_EQ(r->extra().at("extra"), value);
  }
}

TEST(Validate, IdLimitIsConfigurable) {
  v1::Document d = Valid();
  d.set_id(std::string(kDefaultMaxIdBytes, 'x'));
  EXPECT_TRUE(ValidateDocument(d, {}).ok());
  d.set_id(std::string(kDefaultMaxIdBytes + 1, 'x'));
  EXPECT_EQ(ValidateDocument(d, {}).code(), ErrorCode::kBadId);
  Limits small;
  small.max_id_bytes = 4;
  d.set_id("abcde");
  EXPECT_EQ(ValidateDocument(d, small).code(), ErrorCode::kBadId);
  d.set_id("a\xC2\x85z");  // U+0085, a C1 control
  EXPECT_EQ(ValidateDocument(d, {}).code(), ErrorCode::kBadId);
  d.set_id("caf\xC3\xA9-ok");  // non-ASCII is fine
  EXPECT_TRUE(ValidateDocument(d, {}).ok());
}

TEST(Validate, ThreadAndParentIdsAreLimitedLikeTheId) {
  // A comment's thread_id becomes its Kafka key and its parent_id a cache
  // and store key: a 4.5 MiB one must not get through.
  auto comment = [] {
    v1::Document d = Valid();
    d.set_kind("comment");
    d.set_thread_id("t-1");
    d.set_parent_id("p-1");
    return d;
  };
  v1::Document d = comment();
  ASSERT_TRUE(ValidateDocument(d, {}).ok());
  for (const char* field : {"thread_id", "parent_id"}) {
    auto set = [&](v1::Document& doc, std::string v) {
      if (std::string_view(field) == "thread_id") doc.set_thread_id(std::move(v));
      else doc.set_parent_id(std::move(v));
    };
    d = comment();
    set(d, std::string(kDefaultMaxIdBytes, 'x'));
    EXPECT_TRUE(ValidateDocument(d, {}).ok()) << field;
    d = comment();
    set(d, std::string(4 * 1024 * 1024 + 512 * 1024, 'x'));
    Status st = ValidateDocument(d, {});
    EXPECT_EQ(st.code(), ErrorCode::kBadId) << field;
    EXPECT_NE(st.message().find(field), std::string::npos) << st.message();
    EXPECT_LT(st.message().size(), 200u);  // names the size, does not quote the value
    d = comment();
    Limits small;
    small.max_id_bytes = 4;
    set(d, "abcde");
    EXPECT_EQ(ValidateDocument(d, small).code(), ErrorCode::kBadId) << field;
    for (std::string bad : {"a\nb", "a\x1b[2Jb", "a\x7f", "a\xC2\x85z"}) {
      d = comment();
      set(d, bad);
      EXPECT_EQ(ValidateDocument(d, {}).code(), ErrorCode::kBadId) << field;
    }
  }
}

TEST(Validate, NormalisesTextInPlace) {
  v1::Document d = Valid();
  d.set_text("a  \r\nb\r\n\r\n\r\n\r\nc\t");
  ASSERT_TRUE(ValidateDocument(d, {}).ok());
  EXPECT_EQ(d.text(), "a\nb\n\nc");
}

TEST(Validate, UnknownFieldsPassThrough) {
  auto r = ParseAndValidate(R"({"id":"x","kind":"article","text":"t","votes":3,"tags":["a"]})",
                            "", {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->extra().at("votes"), "3");
  EXPECT_EQ(r->extra().at("tags"), R"(["a"])");
}

TEST(Validate, Rfc3339) {
  for (const char* ok : {"2016-10-20T00:00:00Z", "2016-10-20t00:00:00z", "2016-02-29T23:59:60Z",
                         "2016-10-20T09:12:00.123456+01:00", "1999-12-31T23:59:59-08:00"})
    EXPECT_TRUE(IsRfc3339(ok)) << ok;
  for (const char* bad : {"", "2016-10-20", "2016-10-20 00:00:00Z", "2015-02-29T00:00:00Z",
                          "2016-13-01T00:00:00Z", "2016-10-20T24:00:00Z", "2016-10-20T00:00:00",
                          "2016-10-20T00:00:00.Z", "2016-10-20T00:00:00+0100",
                          "2016-10-20T00:00:00Zjunk", "16 July 2014"})
    EXPECT_FALSE(IsRfc3339(bad)) << bad;
}

TEST(Validate, ContentTypeAndSniffing) {
  PayloadFormat f;
  ASSERT_TRUE(FormatFromContentType("Application/JSON; charset=utf-8", &f));
  EXPECT_EQ(f, PayloadFormat::kJson);
  ASSERT_TRUE(FormatFromContentType("application/x-protobuf", &f));
  EXPECT_EQ(f, PayloadFormat::kProtobuf);
  EXPECT_FALSE(FormatFromContentType("", &f));
  EXPECT_FALSE(FormatFromContentType("text/plain", &f));
  EXPECT_EQ(SniffFormat("  {\"id\":1}"), PayloadFormat::kJson);
  EXPECT_EQ(SniffFormat("\xEF\xBB\xBF{}"), PayloadFormat::kJson);
  EXPECT_EQ(SniffFormat("\x0a\x02id"), PayloadFormat::kProtobuf);
}

TEST(ValidateProtobuf, AcceptsASerializedDocumentWithOrWithoutHeader) {
  v1::Document d = Valid();
  d.set_published_at("2016-10-20T00:00:00Z");
  (*d.mutable_extra())["votes"] = "3";
  std::string bytes = d.SerializeAsString();
  for (const char* ct : {"application/x-protobuf", ""}) {
    auto r = ParseAndValidate(bytes, ct, {});
    ASSERT_TRUE(r.ok()) << ct << ": " << r.status().ToString();
    EXPECT_EQ(r->id(), "ns-1");
    EXPECT_EQ(r->extra().at("votes"), "3");
  }
}

// Whichever way a document comes, its JSON form reads back as the same
// document: extra values from a protobuf payload become JSON text.
TEST(ValidateProtobuf, ExtraValuesBecomeJsonTextAndRoundTripThroughJson) {
  const std::pair<std::string, std::string> cases[] = {
      {"k", "abc"}, {"k", ""}, {"", "x"}, {"", ""}, {"k", "3"}, {"k", "[1, 2]"}, {"k", "1e999999"}};
  for (const auto& [key, value] : cases) {
    v1::Document d = Valid();
    (*d.mutable_extra())[key] = value;
    auto r = ParseAndValidate(d.SerializeAsString(), "application/x-protobuf", {});
    ASSERT_TRUE(r.ok()) << key << "=" << value << ": " << r.status().ToString();
    auto back = ParseAndValidate(proto::DocumentToJson(*r), "application/json", {});
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    ASSERT_EQ(back->extra().count(key), 1u) << key << "=" << value;
    EXPECT_EQ(back->extra().at(key), r->extra().at(key));
    EXPECT_EQ(ContentHash(*back), ContentHash(*r)) << key << "=" << value;
  }
  v1::Document d = Valid();
  (*d.mutable_extra())["k"] = "abc";
  (*d.mutable_extra())["n"] = "[1, 2]";
  auto r = ParseAndValidate(d.SerializeAsString(), "application/x-protobuf", {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->extra().at("k"), R"("abc")");
  EXPECT_EQ(r->extra().at("n"), "[1,2]");
}

TEST(ValidateProtobuf, AnExtraFieldNamedLikeADocumentFieldIsInvalid) {
  for (const char* key : {"id", "text", "ingest", "published_at"}) {
    v1::Document d = Valid();
    (*d.mutable_extra())[key] = "\"other\"";
    auto r = ParseAndValidate(d.SerializeAsString(), "application/x-protobuf", {});
    ASSERT_FALSE(r.ok()) << key;
    EXPECT_EQ(r.status().code(), ErrorCode::kInvalidProtobuf);
    EXPECT_NE(r.status().message().find(std::string("'") + key + "'"), std::string::npos) << r.status().message();
  }
}

TEST(ValidateProtobuf, InvalidProtobuf) {
  // Tag for field 11 (text), length 100, but only 3 bytes follow.
  std::string truncated = "\x5a\x64" "abc";
  auto r = ParseAndValidate(truncated, "application/x-protobuf", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidProtobuf) << r.status().ToString();
  // JSON bytes labelled as protobuf.
  r = ParseAndValidate(R"({"id":"x","kind":"article","text":"t"})", "application/x-protobuf", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidProtobuf) << r.status().ToString();
}

TEST(ValidateProtobuf, InvalidUtf8InAStringFieldIsNamed) {
  // Hand-built wire format: id "x", kind "article", title "\xC3\x28".
  std::string bytes;
  bytes += "\x0a\x01x";
  bytes += "\x12\x07" "article";
  bytes += "\x3a\x02\xC3\x28";
  bytes += "\x5a\x01t";
  auto r = ParseAndValidate(bytes, "application/x-protobuf", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidUtf8);
  EXPECT_NE(r.status().message().find("'title'"), std::string::npos) << r.status().message();
  // Inside the extra map (field 12, entry key "k", value "\xFF").
  std::string map_bytes = "\x0a\x01x\x12\x07" "article\x5a\x01t";
  map_bytes += "\x62\x06\x0a\x01k\x12\x01\xFF";
  r = ParseAndValidate(map_bytes, "application/x-protobuf", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidUtf8) << r.status().ToString();
}

}  // namespace
}  // namespace tidings::ingest
