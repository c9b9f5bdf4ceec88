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
                          R"({"a":1e999999 "b":1})", R"({"a":1e999999} x)", R"({"a":[1e999999,01]})"}) {
    EXPECT_EQ(ParseDocumentJson(bad).status().code(), ErrorCode::kInvalidJson) << bad;
  }
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

TEST(JsonCodec, EscapesControlCharacters) {
  std::string out;
  AppendJsonString(out, std::string("a\0b\x01\"\\", 6));
  EXPECT_EQ(out, R"("a\u0000b\u0001\"\\")");
}

}  // namespace
}  // namespace tidings::proto
