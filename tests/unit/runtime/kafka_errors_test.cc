#include "runtime/kafka_errors.h"

#include <gtest/gtest.h>

#include "runtime/kafka.h"

namespace tidings::runtime {
namespace {

// Issue 11 (9): a SASL failure read as "Broker transport failure".
TEST(KafkaErrors, AuthenticationFailuresSayAuthentication) {
  for (auto code : {RdKafka::ERR__AUTHENTICATION, RdKafka::ERR_SASL_AUTHENTICATION_FAILED,
                    RdKafka::ERR_UNSUPPORTED_SASL_MECHANISM, RdKafka::ERR_ILLEGAL_SASL_STATE}) {
    EXPECT_EQ(ClassifyKafkaError(code), KafkaErrorKind::kAuthentication) << RdKafka::err2str(code);
    EXPECT_EQ(DescribeKafkaError(code).rfind("authentication failed: ", 0), 0u) << DescribeKafkaError(code);
  }
  EXPECT_EQ(DescribeKafkaError(RdKafka::ERR__AUTHENTICATION, "SASL authentication error: invalid credentials"),
            "authentication failed: SASL authentication error: invalid credentials");
}

TEST(KafkaErrors, AuthorizationAndTlsAreNamed) {
  EXPECT_EQ(DescribeKafkaError(RdKafka::ERR_TOPIC_AUTHORIZATION_FAILED, "t"), "not authorized: t");
  EXPECT_EQ(ClassifyKafkaError(RdKafka::ERR_GROUP_AUTHORIZATION_FAILED), KafkaErrorKind::kAuthorization);
  EXPECT_EQ(ClassifyKafkaError(RdKafka::ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED), KafkaErrorKind::kAuthorization);
  EXPECT_EQ(DescribeKafkaError(RdKafka::ERR__SSL, "certificate verify failed"), "TLS failed: certificate verify failed");
}

TEST(KafkaErrors, OtherErrorsAreLibrdkafkasText) {
  EXPECT_EQ(ClassifyKafkaError(RdKafka::ERR__TRANSPORT), KafkaErrorKind::kOther);
  EXPECT_EQ(DescribeKafkaError(RdKafka::ERR__TRANSPORT), RdKafka::err2str(RdKafka::ERR__TRANSPORT));
  EXPECT_EQ(DescribeKafkaError(RdKafka::ERR__TRANSPORT, "detail"), "detail");
}

// A property librdkafka refuses is named by its key, and its value (which
// may be a password) is not repeated.
TEST(KafkaErrors, AnInvalidPropertyNamesTheKeyNotTheValue) {
  KafkaOptions opts;
  opts.brokers = "127.0.0.1:1";
  opts.extra = {{"acks", "hunter2secret"}};
  Status st = CheckBrokers(opts, 100);
  EXPECT_EQ(st.code(), ErrorCode::kConfig) << st.ToString();
  EXPECT_NE(st.message().find("'acks'"), std::string::npos) << st.message();
  EXPECT_EQ(st.message().find("hunter2secret"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace tidings::runtime
