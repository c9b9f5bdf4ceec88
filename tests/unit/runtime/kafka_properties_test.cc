#include <gtest/gtest.h>

#include "runtime/daemon.h"
#include "runtime/stage.h"

namespace tidings::runtime {
namespace {

using Props = std::map<std::string, std::string>;

TEST(KafkaProperties, SplitsOnCommas) {
  auto p = ParseKafkaProperties("security.protocol=SASL_SSL,sasl.mechanism=PLAIN, acks = all ,,");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(*p, (Props{{"security.protocol", "SASL_SSL"}, {"sasl.mechanism", "PLAIN"}, {"acks", " all "}}));
  auto empty = ParseKafkaProperties("");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

// Issue 11 (9): a value could not contain a comma.
TEST(KafkaProperties, EscapedCommaAndBackslash) {
  auto p = ParseKafkaProperties(R"(sasl.password=a\,b\\c\\,sasl.username=u=v)");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(*p, (Props{{"sasl.password", R"(a,b\c\)"}, {"sasl.username", "u=v"}}));
  auto last = ParseKafkaProperties("a=1,a=2");
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->at("a"), "2");
}

// Issue 11 (9): the fragment after a comma (part of a password) was echoed.
TEST(KafkaProperties, ErrorsNameThePositionNeverTheText) {
  struct Case {
    std::string in;
    std::string position;
  };
  for (const Case& c : std::vector<Case>{{"sasl.password=hunter,2secret", "item 2"},
                                         {"acks=all,=hunter2secret", "item 2"},
                                         {"sasl.password=hunter\\2secret", "item 1"},
                                         {"x=1,sasl.password=hunter2secret\\", "item 2"}}) {
    auto p = ParseKafkaProperties(c.in);
    ASSERT_FALSE(p.ok()) << c.in;
    EXPECT_EQ(p.status().code(), ErrorCode::kConfig);
    const std::string& m = p.status().message();
    EXPECT_NE(m.find("kafka_properties"), std::string::npos) << m;
    EXPECT_NE(m.find(c.position), std::string::npos) << m;
    EXPECT_EQ(m.find("hunter"), std::string::npos) << m;
    EXPECT_EQ(m.find("secret"), std::string::npos) << m;
  }
}

TEST(KafkaProperties, FileOfLines) {
  auto p = ParseKafkaPropertiesFile(
      "# SASL\r\nsecurity.protocol = SASL_SSL\n\n  sasl.password=a,b\\c=d  \nsasl.username=u", "client.properties");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(*p, (Props{{"security.protocol", "SASL_SSL"}, {"sasl.password", "a,b\\c=d"}, {"sasl.username", "u"}}));
  auto bad = ParseKafkaPropertiesFile("acks=all\nhunter2secret\n", "client.properties");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kConfig);
  EXPECT_NE(bad.status().message().find("client.properties:2"), std::string::npos) << bad.status().message();
  EXPECT_EQ(bad.status().message().find("hunter2"), std::string::npos) << bad.status().message();
}

// A stage's consumer defaults (enrich's smaller prefetch queue) hold where
// the operator's kafka_properties is silent, and give way where it is not.
TEST(KafkaProperties, ConsumerDefaultsGiveWayToTheOperators) {
  KafkaOptions kafka;
  kafka.extra = {{"queued.max.messages.kbytes", "4096"}, {"fetch.wait.max.ms", "50"}};
  const Props defaults = {{"queued.max.messages.kbytes", "16384"}, {"queued.min.messages", "1000"}};
  const KafkaOptions merged = WithConsumerDefaults(kafka, defaults);
  EXPECT_EQ(merged.extra, (Props{{"queued.max.messages.kbytes", "4096"},
                                 {"fetch.wait.max.ms", "50"},
                                 {"queued.min.messages", "1000"}}));
  EXPECT_EQ(WithConsumerDefaults(KafkaOptions{}, defaults).extra, defaults);
}

}  // namespace
}  // namespace tidings::runtime
