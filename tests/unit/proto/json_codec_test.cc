#include "proto/json_codec.h"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

namespace tidings::proto {
namespace {

TEST(JsonCodec, ParsesContractExampleAndKeepsUnknownFields) {
  auto d = ParseDocumentJson(
      R"({"id":"c-17","kind":"comment","thread_id":"a","parent_id":"c-12","author":"Alexandra",)"
      R"("published_at":"2016-10-21T09:12:00Z","text":"Spot on.","votes":{"up":3},"lang_guess":null})");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->id(), "c-17");
  EXPECT_EQ(d->parent_id(), "c-12");
  EXPECT_EQ(d->extra().at("votes"), R"({"up":3})");
  EXPECT_EQ(d->extra().at("lang_guess"), "null");
  std::string out = DocumentToJson(*d);
  EXPECT_NE(out.find(R"("votes":{"up":3})"), std::string::npos) << out;
  auto again = ParseDocumentJson(out);
  ASSERT_TRUE(again.ok());
  // (map order is not part of a message's identity; compare as messages)
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(*again, *d));
}

TEST(JsonCodec, ErrorCodes) {
  EXPECT_EQ(ParseDocumentJson("{not json").status().code(), ErrorCode::kInvalidJson);
  EXPECT_EQ(ParseDocumentJson("[1,2]").status().code(), ErrorCode::kInvalidJson);
  EXPECT_EQ(ParseDocumentJson(R"({"id":5,"kind":"article","text":"x"})").status().code(), ErrorCode::kWrongType);
  EXPECT_EQ(ParseDocumentJson("{\"id\":\"\xff\",\"text\":\"x\"}").status().code(), ErrorCode::kInvalidUtf8);
}

// The contract: unknown fields are never an error, whatever number they hold.
TEST(JsonCodec, NumbersOutOfRangeInUnknownFieldsAreKeptAsText) {
  const std::string big(400, '9');
  for (const std::string& value :
       {std::string("1e999999"), big, "-" + big, std::string("18446744073709551616"),
        std::string("[1, {\"deep\": -1E+999999}]")}) {
    auto d = ParseDocumentJson(R"({"id":"x","extra": )" + value +
                               R"( ,"kind":"article","text":"t","n":2})");
    ASSERT_TRUE(d.ok()) << value.substr(0, 40) << ": " << d.status().ToString();
    EXPECT_EQ(d->id(), "x");
    EXPECT_EQ(d->text(), "t");
    std::string kept = value;
    std::erase(kept, ' ');
    EXPECT_EQ(d->extra().at("extra"), kept);
    EXPECT_EQ(d->extra().at("n"), "2");
    auto again = ParseDocumentJson(DocumentToJson(*d));
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(again->extra().at("extra"), kept);
  }
  auto ed = ParseEnrichedJson(R"({"id":"x","kind":"article","text":"t","extra":1e999999})");
  ASSERT_TRUE(ed.ok()) << ed.status().ToString();
  EXPECT_EQ(ed->document().extra().at("extra"), "1e999999");
}

TEST(JsonCodec, NumbersOutOfRangeStillFailInKnownFieldsAndBadSyntaxStillFails) {
  auto d = ParseDocumentJson(R"({"id":"x","kind":"article","text":"t","ingest":{"version":1e999999}})");
  EXPECT_EQ(d.status().code(), ErrorCode::kInvalidJson) << d.status().ToString();
  d = ParseDocumentJson(R"({"id":1e999999,"kind":"article","text":"t"})");
  EXPECT_EQ(d.status().code(), ErrorCode::kInvalidJson) << d.status().ToString();
  for (std::string bad : {R"({"a":1e999999,"b":tru})", R"({"a":[1e999999, tru]})",
                          R"({"a":1e999999 "b":1})", R"({"a":1e999999} x)", R"({"a":[1e999999,01]})",
                          // a null, true or false with something glued to it (the fuzzer's find)
                          "{\"a\":[1e999999, null\v]}", R"({"a":[1e999999, nullx]})",
                          R"({"a":{"b":1e999999,"c":nul}})", R"({"a":[1e999999, truex]})",
                          R"({"a":[1e999999, fals]})"}) {
    EXPECT_EQ(ParseDocumentJson(bad).status().code(), ErrorCode::kInvalidJson) << bad;
  }
}

// An enriched line read back as input: its tags are unknown fields of the
// document, and the next enriched line has each key once, the new tags'.
TEST(JsonCodec, AnEnrichedLineReadAsInputGetsItsTagsReplacedNotRepeated) {
  auto d = ParseDocumentJson(
      R"({"id":"x","kind":"article","text":"t","entities":[{"begin":0,"end":1}],"timings":{},"votes":3})");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->extra().at("entities"), R"([{"begin":0,"end":1}])");
  EXPECT_NE(DocumentToJson(*d).find(R"("entities":[{"begin":0,"end":1}])"), std::string::npos);
  v1::EnrichedDocument ed;
  *ed.mutable_document() = *d;
  std::string line = EnrichedToJson(ed);
  EXPECT_EQ(line.find("\"entities\""), line.rfind("\"entities\"")) << line;
  EXPECT_NE(line.find(R"("entities":[])"), std::string::npos) << line;
  EXPECT_EQ(line.find("timings"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("votes":3)"), std::string::npos) << line;
}

// Extra values set by code (or a protobuf payload) may be any string; the
// text ExtraValueAsJson makes of them reads back as itself.
TEST(JsonCodec, ExtraValuesAsJsonReadBackAsThemselves) {
  for (const std::string& v : std::vector<std::string>{"abc", "", "3", "[1, 2]", "{\"a\": \"\\u00e9\"}", "1e999999", "[1e999999, 2]",
                        "tru", "\"q\"", " 7 ", "null\v", "a\"b",
                        // json_fuzz's find: control characters and DEL in a value that is no JSON
                        std::string("1\" H:H\"0 \\\";\x7f\0\0\0;'", 20), "tab\there", "/slash\\"}) {
    v1::Document d;
    d.set_id("x");
    d.set_kind("article");
    d.set_text("t");
    (*d.mutable_extra())["k"] = ExtraValueAsJson(v);
    auto back = ParseDocumentJson(DocumentToJson(d));
    ASSERT_TRUE(back.ok()) << v << ": " << back.status().ToString();
    EXPECT_EQ(back->extra().at("k"), d.extra().at("k")) << v;
    EXPECT_EQ(ExtraValueAsJson(d.extra().at("k")), d.extra().at("k")) << v;
  }
  EXPECT_EQ(ExtraValueAsJson("abc"), R"("abc")");
  EXPECT_EQ(ExtraValueAsJson(""), R"("")");
  EXPECT_EQ(ExtraValueAsJson("[1, 2]"), "[1,2]");
}

TEST(JsonCodec, EnrichedRoundTripIsFlatAndUsesContractNames) {
  v1::EnrichedDocument ed;
  ed.mutable_document()->set_id("a1");
  ed.mutable_document()->set_kind("article");
  ed.mutable_document()->set_text("Bashar al-Assad \"said\"\n");
  auto* e = ed.add_entities();
  e->set_begin(0);
  e->set_end(15);
  e->set_text("Bashar al-Assad");
  e->set_type(v1::PERSON);
  e->set_name("Bashar al-Assad");
  e->set_id("Q44329");
  e->set_score(0.97f);
  e->set_rule("kb");
  auto* dt = ed.add_dates();
  dt->set_begin(1);
  dt->set_end(2);
  dt->set_type(v1::DURATION);
  dt->set_value("P4Y");
  auto* s = ed.add_stances();
  s->set_target("russia");
  s->set_label(v1::AGAINST);
  s->add_evidence()->set_end(5);
  ed.mutable_reply_stance()->set_label(v1::DENY);

  std::string json = EnrichedToJson(ed);
  EXPECT_EQ(json.find("\"document\""), std::string::npos);
  EXPECT_NE(json.find(R"("type":"PERSON")"), std::string::npos);
  EXPECT_NE(json.find(R"("label":"AGAINST")"), std::string::npos);
  EXPECT_NE(json.find(R"("reply_stance":{"label":"DENY")"), std::string::npos);
  EXPECT_EQ(json.find("\"rule\""), std::string::npos);  // debug only
  EXPECT_NE(EnrichedToJson(ed, {.debug = true}).find(R"("rule":"kb")"), std::string::npos);

  auto back = ParseEnrichedJson(json);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->document().text(), ed.document().text());
  ASSERT_EQ(back->entities_size(), 1);
  EXPECT_EQ(back->entities(0).type(), v1::PERSON);
  EXPECT_EQ(back->dates(0).value(), "P4Y");
  EXPECT_EQ(back->stances(0).label(), v1::AGAINST);
  EXPECT_EQ(back->reply_stance().label(), v1::DENY);
}

TEST(JsonCodec, LanguageDetectedIsATopLevelFieldWrittenOnlyWhenSet) {
  v1::EnrichedDocument ed;
  ed.mutable_document()->set_id("a1");
  ed.mutable_document()->set_kind("article");
  ed.mutable_document()->set_language("en");
  ed.mutable_document()->set_text("Die Waffenruhe hielt kaum eine Woche.");
  EXPECT_EQ(EnrichedToJson(ed).find("language_detected"), std::string::npos);
  ed.set_language_detected("de");
  const std::string json = EnrichedToJson(ed);
  EXPECT_NE(json.find(R"("language":"en")"), std::string::npos);
  EXPECT_NE(json.find(R"("language_detected":"de")"), std::string::npos);
  auto back = ParseEnrichedJson(json);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->language_detected(), "de");
  EXPECT_EQ(back->document().language(), "en");
  EXPECT_EQ(back->document().extra_size(), 0);
}

// A stance a learned model gave carries the rules' label beside its own;
// one the rules gave has none.
TEST(JsonCodec, RulesLabelOfAStanceIsWrittenOnlyWhenAModelDecided) {
  v1::EnrichedDocument ed;
  ed.mutable_document()->set_id("a1");
  ed.mutable_document()->set_kind("article");
  ed.mutable_document()->set_text("Moscow bombed the market again.");
  auto* s = ed.add_stances();
  s->set_target("russia");
  s->set_label(v1::AGAINST);
  EXPECT_EQ(EnrichedToJson(ed).find("rules_label"), std::string::npos);
  s->set_rules_label(v1::NONE);
  const std::string json = EnrichedToJson(ed);
  EXPECT_NE(json.find(R"("label":"AGAINST","rules_label":"NONE")"), std::string::npos) << json;
  auto back = ParseEnrichedJson(json);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->stances(0).label(), v1::AGAINST);
  EXPECT_EQ(back->stances(0).rules_label(), v1::NONE);
}

TEST(JsonCodec, EscapesControlCharacters) {
  std::string out;
  AppendJsonString(out, std::string("a\0b\x01\"\\", 6));
  EXPECT_EQ(out, R"("a\u0000b\u0001\"\\")");
}

}  // namespace
}  // namespace tidings::proto
